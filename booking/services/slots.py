"""Materialise slots from schedules on a rolling horizon; idempotent, safe to run twice at once.
Desk slots lie within their office's opening hours (`opening_hours.desk_day`)."""

from datetime import date, timedelta

from django.db import transaction

from booking.content import OpeningHours
from booking.models import Offer, Schedule, Slot

from .jst import at, days, today
from .opening_hours import desk_day, hours_of

DEFAULT_HORIZON_DAYS = 180


def slots_for_day(schedule: Schedule, day: date, hours: OpeningHours | None = None) -> list[Slot]:
    """The unsaved slots a schedule makes on one day: a session, a night, or two desk halves
    (none on a day the office is closed, cut to its `hours` where they reach outside them)."""
    offer = schedule.offer
    common = {
        "offer": offer,
        "schedule": schedule,
        "date": day,
        "capacity": schedule.capacity,
        "price_override": schedule.price_override,
    }
    if offer.kind == Offer.Kind.STAY:
        return [
            Slot(
                starts_at=at(day, schedule.start_time),
                ends_at=at(day + timedelta(days=1), schedule.end_time),
                **common,
            )
        ]
    if offer.kind == Offer.Kind.DESK:
        times = desk_day(
            hours, day.weekday(), schedule.start_time, schedule.half_day_split, schedule.end_time
        )
        if times is None:
            return []
        return [
            Slot(
                part=Slot.Part.MORNING,
                starts_at=at(day, times.opens),
                ends_at=at(day, times.split),
                **common,
            ),
            Slot(
                part=Slot.Part.AFTERNOON,
                starts_at=at(day, times.split),
                ends_at=at(day, times.closes),
                **common,
            ),
        ]
    return [
        Slot(starts_at=at(day, schedule.start_time), ends_at=at(day, schedule.end_time), **common)
    ]


def materialise_slots(offer: Offer, start: date | None = None, horizon_days: int = 0) -> int:
    """Create the missing slots of an offer's schedules from `start` for `horizon_days` days.

    Existing slots are left alone (a partner may have changed their capacity or closed them);
    closed dates get no slot, nor do desks on days their office is closed. Returns how many
    slots were created.
    """
    start = start or today()
    horizon_days = horizon_days or DEFAULT_HORIZON_DAYS
    closed = set(offer.closed_dates.values_list("date", flat=True))
    hours = hours_of(offer)
    schedules = list(offer.schedules.all())
    new_slots = []
    for day in days(start, horizon_days):
        if day in closed:
            continue
        for schedule in schedules:
            if day < schedule.start_date or (schedule.end_date and day > schedule.end_date):
                continue
            if schedule.runs_on(day.weekday()):
                new_slots.extend(slots_for_day(schedule, day, hours))
    with transaction.atomic():
        before = Slot.objects.filter(offer=offer).count()
        Slot.objects.bulk_create(new_slots, ignore_conflicts=True, batch_size=500)
        return Slot.objects.filter(offer=offer).count() - before


def extend_all(horizon_days: int = DEFAULT_HORIZON_DAYS) -> int:
    """Extend every active offer's slots to the horizon (a beat job; safe to run twice)."""
    return sum(
        materialise_slots(offer, horizon_days=horizon_days)
        for offer in Offer.objects.filter(active=True).prefetch_related("schedules")
    )
