"""Fields and helpers shared by every page about a place: its area, address and location."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.romaji import in_language


class PlaceFields(models.Model):
    """Area, address and coordinates (for the map and schema.org), plus languages spoken."""

    area = models.ForeignKey(
        "workation.AreaPage",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    languages = ParentalManyToManyField(
        "workation.Language", verbose_name=_("languages spoken"), blank=True, related_name="+"
    )

    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("languages"),
            ],
            heading=_("Place"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def display_address(self) -> str:
        """The address for the reader (the active language): on a page read in another language
        than Japanese, an address left in Japanese by its translators is shown romanised."""
        return in_language(self.address, "", translation.get_language())

    def geo_ld(self) -> dict[str, Any]:
        """schema.org address and geo coordinates, where known."""
        data: dict[str, Any] = {}
        if self.address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressRegion": "和歌山県",
                "addressCountry": "JP",
            }
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        return data
