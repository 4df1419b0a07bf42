"""A new partner's profile page: made as a draft when an editor approves its application.

The booking engine asks for it through its content interface (booking.content), implemented in
workation.adapters; the page goes under the partner index of the default site.
"""

from html import escape
from typing import TYPE_CHECKING, Any

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, Site

from booking.content import ContentError
from core.romaji import in_language, slugify_ja
from workation.models import PartnerIndexPage, PartnerPage

if TYPE_CHECKING:
    from booking.models import PartnerApplication

# Paths of booking.urls under /<language>/partners/ that a profile page's slug must not hide.
RESERVED_SLUGS = frozenset({"apply", "invitation"})


def partner_index() -> PartnerIndexPage:
    """The partner index under the default site's home page, where profile pages go."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    index = None
    if site is not None:
        index = PartnerIndexPage.objects.child_of(site.root_page).first()
    index = index or PartnerIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise ContentError(
            _("There is no partner index page yet: create one under the home page first.")
        )
    return index


def create_profile_page(application: "PartnerApplication", owner: Any, author: Any) -> PartnerPage:
    """The business's profile page as a draft (editors publish it after review), with an
    English draft too when the partner index has an English version (its name and address in
    English, or romanised where the business gave none)."""
    index = partner_index()
    page = PartnerPage(
        title=application.business_name,
        slug=_profile_slug(application, index),
        locale_id=index.locale_id,
        live=False,
        owner=owner,
        description=_paragraphs(application.description),
        listing_summary=Truncator(application.description.replace("\n", " ")).chars(240),
        address=application.address,
        phone=application.phone,
        website=application.website,
    )
    index.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and english.pk != index.locale_id:
        english_index = index.get_translation_or_none(english)
        if english_index is not None and page.get_translation_or_none(english) is None:
            copy = page.copy_for_translation(english)
            copy.title = copy.draft_title = in_language(
                application.business_name, application.business_name_en, english.language_code
            )
            copy.address = in_language(
                application.address, application.address_en, english.language_code
            )
            copy.save()
            copy.save_revision(user=author, log_action=True)
    return page


def _profile_slug(application: "PartnerApplication", index: Page) -> str:
    base = slugify_ja(application.business_name_en) or slugify_ja(application.business_name)
    base = base[:60].rstrip("-") or f"partner-{application.pk}"
    if base in RESERVED_SLUGS:
        base = f"{base}-{application.pk}"
    return find_available_slug(index, base)


def _paragraphs(text: str) -> str:
    """Plain text as rich-text paragraphs, escaped."""
    parts = [escape(p.strip()).replace("\n", "<br/>") for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{part}</p>" for part in parts) or "<p></p>"
