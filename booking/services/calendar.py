"""What the availability calendar shows: a month of days, the next free dates, a day's slots.

A day is offered only when a hold on it would be taken: its slots pass the booking rules
(`rules.refusal`: closed, started, lead time, same-day cut-off), have the minimum per booking
free, and, for a desk sold by the full day, both halves do. Each function runs a fixed number of
queries (the slots, then one aggregate of what is taken), whatever the number of slots.
"""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from booking.models import Offer, Slot

from . import availability, rules
from .jst import JST, today

FEW_LEFT = 3


@dataclass(frozen=True)
class Day:
    """One calendar cell: the day, the most places free in any of its slots, and a state."""

    date: date
    in_month: bool
    free: int
    state: str  # "available", "few", "full", "none" (no slot, closed or past)


@dataclass(frozen=True)
class SlotChoice:
    slot: Slot
    free: int

    @property
    def bookable(self) -> bool:
        return self.free > 0 and not self.slot.closed

    @property
    def label(self) -> str:
        """Japan-time start and end, e.g. "10:00–12:00"."""
        starts, ends = self.slot.starts_at.astimezone(JST), self.slot.ends_at.astimezone(JST)
        return f"{starts:%H:%M}–{ends:%H:%M}"


def _slots(offer: Offer, first: date, last: date, now: datetime) -> list[Slot]:
    return list(
        Slot.objects.filter(
            offer=offer, date__gte=first, date__lte=last, starts_at__gt=now
        ).order_by("starts_at")
    )


def _free_by_day(offer: Offer, slots: list[Slot], now: datetime) -> dict[date, int]:
    """The days open to booking (a slot the rules allow; for a desk sold by the full day, both
    halves) with what one booking can have: the most free in any slot, or the least free of the
    two halves."""
    free = availability.free_capacity(slots, now)
    best: dict[date, int] = {}
    halves: dict[date, dict[str, int]] = {}
    for slot in slots:
        if rules.is_bookable(offer, slot, now):
            best[slot.date] = max(best.get(slot.date, 0), free[slot.pk])
            halves.setdefault(slot.date, {})[slot.part] = free[slot.pk]
    if offer.unit == Offer.Unit.DESK_DAY:
        return {
            day: min(parts["am"], parts["pm"])
            for day, parts in halves.items()
            if "am" in parts and "pm" in parts
        }
    return best


def month(
    offer: Offer, year: int, month_number: int, now: datetime | None = None
) -> list[list[Day]]:
    """The weeks (Monday first) of a month with each day's availability."""
    now = now or timezone.now()
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    first, last = weeks[0][0], weeks[-1][-1]
    best = _free_by_day(offer, _slots(offer, first, last, now), now)
    needed = offer.min_per_booking
    return [
        [
            Day(
                date=day,
                in_month=day.month == month_number,
                free=best.get(day, 0),
                state=_state(day in best, best.get(day, 0), needed),
            )
            for day in week
        ]
        for week in weeks
    ]


def _state(has_slot: bool, free: int, needed: int) -> str:
    if not has_slot:
        return "none"
    if free < needed:
        return "full"
    return "few" if free <= FEW_LEFT else "available"


def next_available(
    offer: Offer, now: datetime | None = None, limit: int = 5, horizon_days: int = 120
) -> list[date]:
    """The next days on which at least the minimum per booking is free."""
    now = now or timezone.now()
    start = today(now)
    slots = _slots(offer, start, start + timedelta(days=horizon_days), now)
    free = _free_by_day(offer, slots, now)
    return [day for day in sorted(free) if free[day] >= offer.min_per_booking][:limit]


def day_slot_ids(offer: Offer, day: date) -> list[int]:
    """The ids of a day's slots, for checking a posted choice (the hold itself counts)."""
    return list(Slot.objects.filter(offer=offer, date=day).values_list("pk", flat=True))


def day_choices(offer: Offer, day: date, now: datetime | None = None) -> list[SlotChoice]:
    """The slots of one day with their free places; a slot the rules refuse (closed, inside
    the lead time, past the cut-off) shows as full."""
    now = now or timezone.now()
    slots = _slots(offer, day, day, now)
    free = availability.free_capacity(slots, now)
    return [
        SlotChoice(slot, free[slot.pk] if rules.is_bookable(offer, slot, now) else 0)
        for slot in slots
    ]
