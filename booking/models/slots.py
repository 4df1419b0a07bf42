"""Schedules, closed dates and the slots they materialise: the rows that carry capacity."""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

weekdays_validator = RegexValidator(r"^[0-6]{1,7}$", _("Choose at least one day."))


class Schedule(models.Model):
    """A recurring pattern of sessions, nights or desk days within a date range."""

    offer = ParentalKey("booking.Offer", on_delete=models.CASCADE, related_name="schedules")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty to keep rolling forward.")
    )
    weekdays = models.CharField(
        _("weekdays"), max_length=7, default="0123456", validators=[weekdays_validator]
    )
    start_time = models.TimeField(_("starts (or check-in / opening)"), default=time(9, 0))
    end_time = models.TimeField(_("ends (or check-out / closing)"), default=time(18, 0))
    half_day_split = models.TimeField(
        _("half-day split"), default=time(13, 0), help_text=_("Desks: when the morning ends.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    price_override = models.PositiveIntegerField(
        _("price override (yen, tax incl.)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["offer_id", "start_date", "start_time"]

    def __str__(self) -> str:
        return f"{self.offer} {self.start_date}–{self.end_date or '…'} {self.start_time}"

    def clean(self) -> None:
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if not self.offer_id:
            return
        if self.offer.kind != "stay" and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end time must be after the start time.")})
        if self.offer.kind == "desk" and not (
            self.start_time < self.half_day_split < self.end_time
        ):
            raise ValidationError(
                {"half_day_split": _("The split must fall between opening and closing.")}
            )

    def runs_on(self, weekday: int) -> bool:
        return str(weekday) in self.weekdays


class ClosedDate(models.Model):
    """A day an offer does not run (holidays, maintenance); no slot is made for it."""

    offer = ParentalKey("booking.Offer", on_delete=models.CASCADE, related_name="closed_dates")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed date")
        verbose_name_plural = _("closed dates")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["offer", "date"], name="unique_closed_date")]

    def __str__(self) -> str:
        return f"{self.offer} {self.date}"


class Slot(models.Model):
    """One session, night or desk half-day with its capacity. Capacity is counted, never
    decremented: free = capacity − confirmed − unexpired held (booking.services.availability)."""

    class Part(models.TextChoices):
        WHOLE = "", _("Whole")
        MORNING = "am", _("Morning")
        AFTERNOON = "pm", _("Afternoon")

    offer = models.ForeignKey("booking.Offer", on_delete=models.CASCADE, related_name="slots")
    schedule = models.ForeignKey(
        Schedule, null=True, blank=True, on_delete=models.SET_NULL, related_name="slots"
    )
    date = models.DateField(_("date (Japan)"), help_text=_("The Japan-time day of the start."))
    part = models.CharField(_("part"), max_length=2, choices=Part.choices, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("capacity"))
    price_override = models.PositiveIntegerField(
        _("price override (yen, tax incl.)"), null=True, blank=True
    )
    closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "starts_at"], name="unique_slot_start"),
        ]
        indexes = [models.Index(fields=["offer", "date"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.offer} {self.starts_at:%Y-%m-%d %H:%M}"
