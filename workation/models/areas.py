"""Area guides (Shirahama, Tanabe, Koyasan…) and their index."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from core.blocks import BodyBlock, FactsBlock
from core.cards import cards, lazy_cards
from core.models import BasePage
from workation.blocks import AccessRouteBlock, HighlightBlock


class AreaIndexPage(BasePage):
    """Lists every area on a map drawn from shipped assets."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["workation.AreaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("area index")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["areas"] = cards(AreaPage.objects.child_of(self))
        return context


class AreaPage(BasePage):
    """An area guide: access, climate, highlights, location and what can be booked there."""

    card_label = _("Area")

    lead = models.CharField(_("lead"), max_length=240, help_text=_("One sentence under the title."))
    hero_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    access = StreamField(
        [("route", AccessRouteBlock())],
        blank=True,
        verbose_name=_("access"),
        help_text=_("Travel times from Tokyo, Osaka and the airport."),
    )
    climate = StreamField(
        [("facts", FactsBlock())], blank=True, max_num=1, verbose_name=_("climate")
    )
    highlights = StreamField(
        [("highlight", HighlightBlock())], blank=True, verbose_name=_("highlights")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("access"),
        FieldPanel("climate"),
        FieldPanel("highlights"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
    ]
    parent_page_types = ["workation.AreaIndexPage"]
    subpage_types: list[str] = []
    route_related = ("listing_image", "hero_image")
    card_fields = ("latitude", "longitude")  # the map beside the cards

    class Meta:
        verbose_name = _("area guide")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .listings import ExperiencePage, OfficePage, StayPage

        context = super().get_context(request, *args, **kwargs)
        context.update(
            lazy_cards(
                offices=OfficePage.objects.filter(area=self),
                stays=StayPage.objects.filter(area=self),
                experiences=ExperiencePage.objects.filter(area=self),
            )
        )
        return context

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "TouristDestination",
            "name": self.title,
            "description": self.lead,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            },
        }
