"""What every public page carries: a listing card, social fields and structured data."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from core.page_slugs import ReadableSlugPageForm, readable_slug
from core.restrictions import is_in_restricted_section


class BasePage(Page):
    """Abstract base for every public page: card fields, OpenGraph image, JSON-LD hook, and a
    readable slug for a Japanese title (core.page_slugs)."""

    listing_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and as the image when the page is shared (1200×630 crop)."),
    )
    listing_summary = models.CharField(
        _("listing summary"),
        max_length=240,
        blank=True,
        help_text=_("One or two sentences for cards and search results."),
    )
    featured = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_("Show this page in the home page's featured lists."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_summary"), FieldPanel("featured")],
            heading=_("Listing and sharing"),
        ),
    ]

    base_form_class = ReadableSlugPageForm

    # Relations the page's own template shows, attached (from the cache) when it is routed to.
    route_related: tuple[str, ...] = ("listing_image",)
    # The columns a listing card shows beyond title, URL, image and summary (see
    # core.cards): cards load only these, not the page's whole body.
    card_fields: tuple[str, ...] = ()
    # The short name of the page's type that its card shows ("Stay"); none when empty.
    card_label: Any = ""

    class Meta:
        abstract = True

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        """Before Wagtail's own default (which keeps no Japanese when Unicode slugs are off),
        a page saved without a slug gets a readable one once its parent is known."""
        if not self.slug and self.title:
            parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
            if parent is not None:
                self.slug = readable_slug(self.title, parent, self)
        super().full_clean(*args, **kwargs)

    @property
    def meta_description(self) -> str:
        return self.search_description or self.listing_summary

    def get_view_restrictions(self) -> Any:
        """Wagtail's check, skipped (no queries) when no section above this page is restricted."""
        if self.alias_of_id is None and not is_in_restricted_section(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def json_ld(self, request: Any = None) -> dict[str, Any] | list[dict[str, Any]] | None:
        """schema.org data for this page, or None; page types override it."""
        return None
