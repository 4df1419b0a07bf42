"""Small shared vocabularies editors manage as snippets: amenities, categories, languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class Amenity(TranslatableMixin, models.Model):
    """Something a place offers: a quiet booth, parking, an onsen…, grouped by kind."""

    class Kind(models.TextChoices):
        WORK = "work", _("For work")
        FACILITY = "facility", _("Facilities")
        ACCESS = "access", _("Access")

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK)
    icon = models.SlugField(
        _("icon"), max_length=40, blank=True, help_text=_("Name of an icon in static/icons.svg.")
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("icon")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ExperienceCategory(TranslatableMixin, models.Model):
    """A kind of local experience: farm stay, fruit picking, fishing, trail walk…"""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("experience category")
        verbose_name_plural = _("experience categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language a host speaks, named in itself (日本語, English) so it needs no translation."""

    code = models.SlugField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=40)

    panels = [FieldPanel("code"), FieldPanel("name")]

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
