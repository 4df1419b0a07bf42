"""Checking a guest in on arrival, by the booking reference typed in or read from the QR code on
the confirmation: only the host's own bookings, only confirmed ones, only on their days. Checking
in twice is harmless and says when it was first done."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from booking.models import Booking

from .jst import local_date
from .partner_scope import bookings_visible_to
from .references import normalise_reference


class CheckInRefused(Exception):
    """The booking cannot be checked in; `message` says why, for the host at the door."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckIn:
    booking: Booking
    already: bool


def find(user, reference: str) -> Booking | None:
    """The booking with this reference if the user may see it (else None, as if it did not
    exist: a host learns nothing of other hosts' bookings)."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    return (
        bookings_visible_to(user)
        .select_related("offer", "checked_in_by")
        .filter(reference=reference)
        .first()
    )


def check_in(user, reference: str, now: datetime | None = None) -> CheckIn:
    """Mark the guest as arrived, under the booking's row lock."""
    now = now or timezone.now()
    booking = find(user, reference)
    if booking is None:
        raise CheckInRefused(_("No booking of yours has this reference."))
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("offer")
            .get(pk=booking.pk)
        )
        if locked.checked_in_at is not None:
            return CheckIn(booking=locked, already=True)
        _check_can_arrive(locked, now)
        locked.checked_in_at = now
        locked.checked_in_by = user
        locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return CheckIn(booking=locked, already=False)


def check_in_path(booking: Booking) -> str:
    """The back-office address the confirmation's QR code points to."""
    return f"{reverse('booking_check_in')}?{urlencode({'reference': booking.reference})}"


def _check_can_arrive(booking: Booking, now: datetime) -> None:
    if booking.status == Booking.Status.CANCELLED:
        raise CheckInRefused(_("This booking was cancelled."))
    if booking.status != Booking.Status.CONFIRMED:
        raise CheckInRefused(_("This booking is not confirmed."))
    if local_date(now) < booking.service_date:
        raise CheckInRefused(
            _("This booking is for %(date)s.")
            % {"date": date_format(booking.service_date, "DATE_FORMAT")}
        )
    ends = booking.lines.aggregate(end=Max("slot__ends_at"))["end"]
    if ends is not None and now >= ends:
        raise CheckInRefused(_("This booking has already ended."))
