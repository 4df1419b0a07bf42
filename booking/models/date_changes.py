"""Moving a confirmed booking to other dates of the same offer, where the offer allows it.

The new dates are held first as a booking of their own (`hold`, made like any hold, so they
count against capacity and run out like one); once the change is accepted (and the difference
paid, when the new dates cost more) the held lines become the booking's and the hold goes.
The booking keeps its reference, manage link, payment and policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DateChange(models.Model):
    """One request to move `booking` to the dates held by `hold`, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the guest")
        DONE = "done", _("Dates changed")
        LAPSED = "lapsed", _("Not changed")

    booking = models.ForeignKey(
        "booking.Booking",
        verbose_name=_("booking"),
        on_delete=models.CASCADE,
        related_name="date_changes",
    )
    hold = models.OneToOneField(
        "booking.Booking",
        verbose_name=_("new dates held"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="date_change_hold",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    old_first_day = models.DateField(_("first day before"))
    old_last_day = models.DateField(_("last day before"))
    new_first_day = models.DateField(_("first day after"))
    new_last_day = models.DateField(_("last day after"))
    old_total = models.PositiveIntegerField(_("total before (yen)"))
    new_total = models.PositiveIntegerField(_("total after (yen)"))
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    done_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.old_first_day} → {self.new_first_day}"

    @property
    def difference(self) -> int:
        """Yen the guest pays (positive) or gets back (negative) for the new dates."""
        return self.new_total - self.old_total
