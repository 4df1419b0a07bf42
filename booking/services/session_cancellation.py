"""A host calls off a session (weather, illness): the slot closes, and every guest booked on it
is cancelled with a full refund and told in their own language. One action, safe to retry: a run
that stopped half-way is finished by running it again, and no guest is refunded twice."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from booking.models import Booking, Slot

from . import date_changes, request_to_book
from .cancellation import CannotCancel, cancel_by_partner
from .slot_changes import set_closed


@dataclass
class SessionCancellation:
    """What calling off a session did: the references cancelled now, and those that could not be
    (with the reason) — already-cancelled bookings are simply not in either list."""

    slot: Slot
    cancelled: list[str] = field(default_factory=list)
    refunded_total: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)


def bookings_on(slot: Slot, now: datetime) -> list[Booking]:
    """The bookings that hold places on the slot: confirmed ones and live holds (not the new
    dates held for a booking's date change: that change lapses instead)."""
    return list(
        Booking.objects.filter(lines__slot=slot, date_change_hold__isnull=True)
        .filter(Booking.takes_capacity_q(now))
        .distinct()
        .order_by("pk")
    )


def cancel_session(slot: Slot, now: datetime | None = None) -> SessionCancellation:
    """Close the slot first (so nobody books it meanwhile), then cancel each booking on it, each
    in its own transaction, through `cancel_by_partner` (full refund, guest e-mailed); requests
    still waiting for the host are declined (the card's authorisation released)."""
    now = now or timezone.now()
    set_closed(slot, True)
    date_changes.lapse_on_slot(slot, now)
    result = SessionCancellation(slot=slot)
    for booking in bookings_on(slot, now):
        # A request not yet accepted is declined: its card was never charged, only released.
        # Accepted meanwhile, it is a confirmed booking and is cancelled as one below.
        if booking.status == Booking.Status.REQUESTED and request_to_book.decline_request(
            booking, now=now
        ):
            result.cancelled.append(booking.reference)
            continue
        try:
            outcome = cancel_by_partner(booking, now)
        except CannotCancel as refused:
            result.refused.append((booking.reference, refused.message))
            continue
        if outcome.cancelled:
            result.cancelled.append(booking.reference)
            result.refunded_total += outcome.refund_amount
    return result
