"""The project's own image model (adding fields later is painful) and its named renditions."""

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

# Every rendition the templates ask for, by purpose. Renditions are made ahead of time from this
# list when an image is saved (core.tasks.generate_renditions), never on a visitor's request.
RENDITION_SETS: dict[str, dict[str, list[str]]] = {
    "card": {
        "webp": ["fill-400x267|format-webp", "fill-800x533|format-webp"],
        "jpeg": ["fill-800x533|format-jpeg|jpegquality-70"],
    },
    "hero": {
        "webp": ["fill-800x450|format-webp", "fill-1600x900|format-webp"],
        "jpeg": ["fill-1600x900|format-jpeg|jpegquality-70"],
    },
    "wide": {
        "webp": ["max-800x600|format-webp", "max-1600x1200|format-webp"],
        "jpeg": ["max-1600x1200|format-jpeg|jpegquality-70"],
    },
    "og": {"webp": [], "jpeg": ["fill-1200x630|format-jpeg|jpegquality-70"]},
}


@cache
def rendition_filter(spec: str) -> Filter:
    """One shared Filter per spec: Wagtail works out a Filter's operations by introspection,
    which costs more than the lookup itself when it is redone for every image on a page."""
    return Filter(spec=spec)


def rendition_filters(*specs: str) -> list[Filter]:
    return [rendition_filter(spec) for spec in specs]


def all_rendition_specs() -> list[str]:
    """Every filter spec in RENDITION_SETS, in a stable order."""
    return [spec for group in RENDITION_SETS.values() for specs in group.values() for spec in specs]


class CustomImage(AbstractImage):
    """An image with a photographer credit; `description` (Wagtail's) is the default alt text."""

    credit = models.CharField(_("credit"), max_length=255, blank=True)
    description_en = models.CharField(
        _("description (English)"),
        max_length=255,
        blank=True,
        help_text=_("The alt text on English pages; the description is used when empty."),
    )

    admin_form_fields = (*Image.admin_form_fields, "description_en", "credit")

    def alt_text_for(self, language: str) -> str:
        """The alt text in a language: the English description on English pages if set."""
        if language == "en" and self.description_en:
            return self.description_en
        return self.default_alt_text

    class Meta(AbstractImage.Meta):
        db_table = "home_customimage"  # see core/migrations/0001: tables kept their names
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        db_table = "home_customrendition"
        unique_together = (("image", "filter_spec", "focal_point_key"),)
