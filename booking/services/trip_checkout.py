"""The checkout steps of a trip after its items are held (`trips.hold_trip`): one set of guest
details for every item (and the guest register for its stays), then the final confirmation
that leaves every item awaiting one payment (`payments.start_trip_checkout`).

Every step locks the trip's bookings in primary-key order, as the payment path does, and
moves them together: a trip is never half submitted."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, GuestRegisterEntry, Trip

from .checkout import GUEST_FIELDS, HoldExpired, needs_guest_register
from .holds import HoldError
from .payments import locked_trip_bookings


def trip_bookings(trip: Trip) -> list[Booking]:
    """The trip's bookings in the order they were held, with what the pages show of them."""
    return list(
        trip.bookings.select_related("offer", "offer__organisation", "offer__page").order_by("pk")
    )


def _locked(trip: Trip) -> list[Booking]:
    """Lock the trip, then its bookings in primary-key order (as payments.start_trip_checkout
    does), and return the bookings."""
    Trip.objects.select_for_update().filter(pk=trip.pk).first()
    return locked_trip_bookings(trip)


def _live_holds(trip: Trip, now: datetime, *, status: str = Booking.Status.HELD) -> list[Booking]:
    bookings = _locked(trip)
    if not bookings or any(
        booking.status != status or not booking.hold_is_live(now) for booking in bookings
    ):
        raise HoldExpired(
            _("Your hold has run out and the places were released. Please choose again.")
        )
    return bookings


@transaction.atomic
def save_trip_details(
    trip: Trip,
    details: dict[str, Any],
    guests: Sequence[dict[str, Any]] = (),
    *,
    invoice_name: str = "",
    now: datetime | None = None,
) -> list[Booking]:
    """Store the lead guest's details on every item of a held trip, and the guest register on
    each of its stays (the same guests stay at each)."""
    now = now or timezone.now()
    bookings = _live_holds(trip, now)
    for booking in bookings:
        for field in GUEST_FIELDS:
            setattr(booking, field, details.get(field, ""))
        booking.save(update_fields=[*GUEST_FIELDS, "updated_at"])
    stays = [booking for booking in bookings if needs_guest_register(booking)]
    if stays:
        GuestRegisterEntry.objects.filter(booking__in=stays).delete()
        GuestRegisterEntry.objects.bulk_create(
            GuestRegisterEntry(booking=booking, **guest) for booking in stays for guest in guests
        )
    trip.invoice_name = invoice_name
    trip.save(update_fields=["invoice_name", "updated_at"])
    return bookings


def trip_needs_register(bookings: Sequence[Booking]) -> bool:
    """Whether any item is a stay (which must keep the guest register)."""
    return any(needs_guest_register(booking) for booking in bookings)


def trip_details_complete(bookings: Sequence[Booking]) -> bool:
    """Whether the final confirmation may be shown: contact details on every item, and the
    register on every stay."""
    if not bookings:
        return False
    if not all(b.guest_name and b.guest_email and b.guest_phone for b in bookings):
        return False
    stays = [booking.pk for booking in bookings if needs_guest_register(booking)]
    registered = set(
        GuestRegisterEntry.objects.filter(booking_id__in=stays).values_list("booking_id", flat=True)
    )
    return registered == set(stays)


@transaction.atomic
def submit_trip_for_payment(trip: Trip, now: datetime | None = None) -> list[Booking]:
    """The guest accepted the trip's final confirmation screen: every item awaits payment.

    Safe to call twice (a double click): an already submitted trip is returned as it is."""
    now = now or timezone.now()
    bookings = _locked(trip)
    if bookings and all(
        b.status == Booking.Status.AWAITING_PAYMENT and b.hold_is_live(now) for b in bookings
    ):
        return bookings
    bookings = _live_holds(trip, now)
    if not trip_details_complete(bookings):
        raise HoldError(_("Please enter your details first."))
    for booking in bookings:
        booking.status = Booking.Status.AWAITING_PAYMENT
        booking.save(update_fields=["status", "updated_at"])
    return bookings
