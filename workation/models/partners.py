"""Local businesses' public profiles (each partner's pages live under its own profile page), and
the page that tells a business how to join."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from booking.onboarding import REVIEW_WORKING_DAYS
from core.blocks import BodyBlock
from core.cards import cards, lazy_cards
from core.models import BasePage

from .places import PlaceFields


class PartnerIndexPage(BasePage):
    """Lists the local businesses taking part in the programme."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["workation.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = cards(PartnerPage.objects.child_of(self))
        return context


class PartnerPage(PlaceFields, BasePage):
    """A local business's profile. Its group may add and edit pages only below this one."""

    card_label = _("Partner")

    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul"])
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        *PlaceFields.place_panels,
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("website")], heading=_("Contact")),
    ]
    parent_page_types = ["workation.PartnerIndexPage"]
    route_related = ("listing_image", "area")
    subpage_types = ["workation.OfficePage", "workation.ExperiencePage", "workation.StayPage"]

    class Meta:
        verbose_name = _("partner")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .listings import ExperiencePage, OfficePage, StayPage

        context = super().get_context(request, *args, **kwargs)
        context.update(
            lazy_cards(
                offices=OfficePage.objects.child_of(self),
                stays=StayPage.objects.child_of(self),
                experiences=ExperiencePage.objects.child_of(self),
            )
        )
        return context

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "name": self.title,
            "telephone": self.phone or None,
            "url": self.website or None,
            **self.geo_ld(),
        }


class ListYourBusinessPage(BasePage):
    """The page for businesses that want to list: what listing costs, who can list and what they
    need, as the editors write it; then how approval works, step by step, and the button to the
    application form. The footer's "List your business" links here (to the form while there is
    no such page)."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "What listing costs, who can list and what they need. The approval steps and the "
            "button to the application form follow it."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("list-your-business page")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["review_days"] = REVIEW_WORKING_DAYS
        return context
