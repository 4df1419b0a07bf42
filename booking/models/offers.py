"""Offers: what can be booked on a page (a desk type, a room type, an experience) and its prices."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class Offer(ClusterableModel):
    """One bookable thing, its unit, its limits and its cancellation policy."""

    class Kind(models.TextChoices):
        DESK = "desk", _("Co-working desk")
        STAY = "stay", _("Stay")
        EXPERIENCE = "experience", _("Experience")

    class Unit(models.TextChoices):
        PERSON_SESSION = "person_session", _("per person per session")
        ROOM_NIGHT = "room_night", _("per room per night")
        BED_NIGHT = "bed_night", _("per bed per night")
        DESK_DAY = "desk_day", _("per desk per day")
        DESK_HALF_DAY = "desk_half_day", _("per desk per half-day")

    organisation = models.ForeignKey(
        "booking.PartnerOrganisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_("The office, stay or experience page this offer is booked from."),
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    min_per_booking = models.PositiveSmallIntegerField(
        _("minimum per booking"), default=1, validators=[MinValueValidator(1)]
    )
    max_per_booking = models.PositiveSmallIntegerField(
        _("maximum per booking"), default=10, validators=[MinValueValidator(1)]
    )
    lead_time_hours = models.PositiveSmallIntegerField(
        _("lead time (hours)"),
        default=0,
        help_text=_("How long before the start a booking must be made."),
    )
    same_day_cutoff = models.TimeField(
        _("same-day cut-off"),
        null=True,
        blank=True,
        help_text=_("Bookings for today close at this time (Japan time)."),
    )
    free_cancellation_days = models.PositiveSmallIntegerField(
        _("free cancellation until (days before)"), default=3
    )
    late_cancellation_refund_percent = models.PositiveSmallIntegerField(
        _("refund after that (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    instant_booking = models.BooleanField(_("instant booking"), default=True)
    date_changes = models.BooleanField(
        _("guests may change dates"),
        default=False,
        help_text=_(
            "Until free cancellation ends, a guest may move a booking to other dates of this "
            "offer, paying or getting back the difference in price."
        ),
    )
    active = models.BooleanField(_("on sale"), default=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["page_id", "pk"]
        indexes = [models.Index(fields=["kind", "active"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.min_per_booking > self.max_per_booking:
            raise ValidationError(
                {"max_per_booking": _("The maximum cannot be below the minimum.")}
            )
        if self.kind == self.Kind.STAY and self.unit not in (
            self.Unit.ROOM_NIGHT,
            self.Unit.BED_NIGHT,
        ):
            raise ValidationError(
                {"unit": _("Stays are sold per room per night, or per bed in a shared room.")}
            )

    @property
    def slots_per_unit(self) -> int:
        """How many slots one unit takes on one day: a full desk day is its two half-days."""
        return 2 if self.unit == self.Unit.DESK_DAY else 1

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


class PriceCategory(models.Model):
    """A price line of an offer (adult, child, room…), with an optional weekend price."""

    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="price_categories")
    code = models.SlugField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    price = models.PositiveIntegerField(_("price (yen, tax incl.)"))
    weekend_price = models.PositiveIntegerField(
        _("weekend price (yen, tax incl.)"), null=True, blank=True
    )
    follows_slot_override = models.BooleanField(
        _("uses a slot's price override"),
        default=True,
        help_text=_("When a slot has its own price, it replaces this category's price."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("price category")
        verbose_name_plural = _("price categories")
        ordering = ["offer_id", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "code"], name="unique_price_category_code")
        ]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def unit_price(self, on: date, slot_override: int | None) -> int:
        """The tax-inclusive price of one unit on a day; weekends are Saturday and Sunday."""
        if slot_override is not None and self.follows_slot_override:
            return slot_override
        if on.weekday() >= 5 and self.weekend_price is not None:
            return self.weekend_price
        return self.price
