"""Readable URLs for pages with Japanese titles.

With `WAGTAIL_ALLOW_UNICODE_SLUGS = False` the admin's title-to-slug sync drops every Japanese
character, leaving an empty slug (or the title's digits). A new page whose slug is empty, or only
what that sync made of a Japanese title, gets a readable one here instead: the title of its
English translation when there is one, else its title romanised (core.romaji), made unique among
its siblings. A slug the editor typed is kept; it stays editable on the Promote tab.
"""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from core.romaji import has_japanese, slugify_ja

ENGLISH = "en"
FALLBACK_SLUG = "page"


def readable_slug(title: str, parent: Page, page: Page | None = None) -> str:
    """A slug free among `parent`'s children (other than `page`): from the English
    translation's title when `page` has one, else from `title`, romanised."""
    base = slugify_ja(_english_title(page)) or slugify_ja(title) or FALLBACK_SLUG
    return find_available_slug(parent, base, ignore_page_id=page.pk if page else None)


def needs_readable_slug(slug: str, title: str) -> bool:
    """Whether `slug` is empty, or only what the admin's title sync made of a Japanese title."""
    return not slug or (has_japanese(title) and slug == synced_slug(title))


def synced_slug(title: str) -> str:
    """The slug the admin's title sync (Wagtail's `w-slug` controller, `urlify` without
    Unicode) makes of `title`: lower case, Japanese and punctuation dropped, runs of spaces and
    hyphens as one hyphen."""
    value = re.sub(r"[^-A-Za-z0-9_\s]", "", title.strip().lower())
    return re.sub(r"[-\s]+", "-", value)[:255].rstrip("-")


def _english_title(page: Page | None) -> str:
    """The title of the page's English translation, if it has one other than itself."""
    if page is None or not page.translation_key:
        return ""
    english = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=ENGLISH)
        .exclude(pk=page.pk)
        .values_list("title", flat=True)
        .first()
    )
    return english or ""


class ReadableSlugPageForm(WagtailAdminPageForm):
    """The page form of every public page type: the slug may be left empty, and a new page's
    slug that is empty or merely synced from a Japanese title is made readable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The page's name in its URL. Left empty, it is made from the title "
                "(in Latin letters)."
            )

    def clean(self) -> dict[str, Any]:
        title = self.cleaned_data.get("title") or ""
        if "slug" in self.cleaned_data and title and self.parent_page is not None:
            slug = self.cleaned_data["slug"]
            if not slug or (self.instance.pk is None and needs_readable_slug(slug, title)):
                self.cleaned_data["slug"] = readable_slug(title, self.parent_page, self.instance)
        return super().clean()
