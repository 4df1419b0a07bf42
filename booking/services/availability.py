"""Free capacity, counted at read time: capacity − confirmed − unexpired held.

Nothing is decremented and expired holds are simply not counted, so an expired hold never blocks
anyone even when no sweep runs. One aggregate query answers for any number of slots.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Sum
from django.utils import timezone

from booking.models import Booking, BookingLine, Slot


def taken(slot_ids: Iterable[int], now: datetime | None = None) -> dict[int, int]:
    """Units taken per slot by confirmed bookings and live holds."""
    now = now or timezone.now()
    rows = (
        BookingLine.objects.filter(slot_id__in=list(slot_ids))
        .filter(Booking.takes_capacity_q(now, prefix="booking__"))
        .values("slot_id")
        .annotate(units=Sum("quantity"))
        .values_list("slot_id", "units")
    )
    return dict(rows)


def free_capacity(slots: Iterable[Slot], now: datetime | None = None) -> dict[int, int]:
    """Free units per slot; a closed slot has none."""
    slots = list(slots)
    used = taken((slot.pk for slot in slots), now)
    return {
        slot.pk: 0 if slot.closed else max(slot.capacity - used.get(slot.pk, 0), 0)
        for slot in slots
    }
