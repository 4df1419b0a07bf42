"""The checkout steps after a hold: guest details, the guest register, and the final
confirmation that leaves the booking awaiting payment (payment itself confirms it later)."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, GuestRegisterEntry, Offer

from .holds import HoldError

GUEST_FIELDS = ("guest_name", "guest_name_kana", "guest_email", "guest_phone", "guest_notes")


class HoldExpired(HoldError):
    """The hold ran out (or the booking moved on): the guest must choose again."""

    status = 410


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking.pk)


class PartOfTrip(HoldError):
    """The booking was held with others: it is checked out and paid only with its trip."""

    status = 409


def require_own_checkout(booking: Booking) -> None:
    """Refuse the single-booking checkout for an item of a trip from a plan (paying it alone
    would leave the rest of the trip unpaid or paid twice)."""
    if booking.trip.from_plan:
        raise PartOfTrip(_("This booking is part of a trip: please continue on the trip's page."))


def _require_live_hold(booking: Booking, now: datetime) -> None:
    if not booking.hold_is_live(now):
        raise HoldExpired(
            _("Your hold has run out and the places were released. Please choose again.")
        )


def needs_guest_register(booking: Booking) -> bool:
    """Stays must keep the legal guest register (旅館業法)."""
    return booking.offer.kind == Offer.Kind.STAY


@transaction.atomic
def save_guest_details(
    booking: Booking,
    details: dict[str, Any],
    guests: Sequence[dict[str, Any]] = (),
    now: datetime | None = None,
) -> Booking:
    """Store the guest's contact details (and, for stays, the register) on a live hold."""
    now = now or timezone.now()
    booking = _locked(booking)
    require_own_checkout(booking)
    _require_live_hold(booking, now)
    if booking.status != Booking.Status.HELD:
        raise HoldExpired(_("This booking has already been submitted."))
    for field in GUEST_FIELDS:
        setattr(booking, field, details.get(field, ""))
    booking.save(update_fields=[*GUEST_FIELDS, "updated_at"])
    if needs_guest_register(booking):
        booking.guests.all().delete()
        GuestRegisterEntry.objects.bulk_create(
            GuestRegisterEntry(booking=booking, **guest) for guest in guests
        )
    return booking


def details_complete(booking: Booking) -> bool:
    """Whether the final confirmation may be shown: contact details, and guests for stays."""
    if not (booking.guest_name and booking.guest_email and booking.guest_phone):
        return False
    return not needs_guest_register(booking) or booking.guests.exists()


@transaction.atomic
def submit_for_payment(booking: Booking, now: datetime | None = None) -> Booking:
    """The guest accepted the final confirmation screen: the booking now awaits payment.

    Safe to call twice (a double click): an already submitted booking is returned as it is.
    Nothing here confirms a booking; only a payment does.
    """
    now = now or timezone.now()
    booking = _locked(booking)
    require_own_checkout(booking)
    if booking.status == Booking.Status.AWAITING_PAYMENT and booking.hold_is_live(now):
        return booking
    _require_live_hold(booking, now)
    if not details_complete(booking):
        raise HoldError(_("Please enter your details first."))
    booking.status = Booking.Status.AWAITING_PAYMENT
    booking.save(update_fields=["status", "updated_at"])
    return booking


def line_description(booking: Booking) -> str:
    """What the payment page and card statement show for a booking (one line of a trip's
    payment): the offer, its first day and its reference."""
    name = booking.offer.display_name(booking.language)
    return f"{name} · {booking.service_date.isoformat()} · {booking.reference}"
