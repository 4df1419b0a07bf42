"""Trips: a stay, desks and experiences from different local businesses, held together.

`hold_trip` holds every item or none (booking.services.holds.create_holds: one lock over all
their slots in primary-key order, so trips that share slots never deadlock); each item becomes
its own HELD booking, with its own seller, price and policy, in one Trip. A refused item is
named (its position and the hold's own message) so the visitor can change just that one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from booking.models import Booking, Trip

from .holds import HoldRequest, create_holds
from .references import new_reference


@dataclass(frozen=True)
class HeldTrip:
    """A trip whose items are all held, in the order they were asked for."""

    trip: Trip
    bookings: list[Booking]

    @property
    def total(self) -> int:
        return sum(booking.total for booking in self.bookings)


def hold_trip(
    requests: Sequence[HoldRequest],
    *,
    user=None,
    language: str = "ja",
    now: datetime | None = None,
) -> HeldTrip:
    """Hold every item of a trip, all or none; raises holds.ItemRefused naming the item that
    does not fit (nothing is held then, and no trip is made)."""
    trip = Trip(reference=new_reference(Trip))
    bookings = create_holds(
        requests, trip=trip, user=user, language=language, now=now or timezone.now()
    )
    return HeldTrip(trip, bookings)
