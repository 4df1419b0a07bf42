"""Free capacity, counted at read time: capacity − confirmed − unexpired held.

Nothing is decremented and expired holds are simply not counted, so an expired hold never blocks
anyone even when no sweep runs. One aggregate query answers for any number of slots; the same
count in SQL (`open_slots`, `available`) lets a search filter offers by what is free.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TimeField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from booking.models import Booking, BookingLine, Offer, Slot

from .jst import JST, today

HORIZON_DAYS = 365  # how far ahead a search without dates looks, and dates may be chosen


def taken(
    slot_ids: Iterable[int],
    now: datetime | None = None,
    *,
    excluding: int | Iterable[int] | None = None,
) -> dict[int, int]:
    """Units taken per slot by confirmed bookings and live holds, other than those of the
    booking (or bookings) `excluding`."""
    now = now or timezone.now()
    lines = BookingLine.objects.filter(slot_id__in=list(slot_ids))
    if isinstance(excluding, int):
        lines = lines.exclude(booking_id=excluding)
    elif excluding is not None:
        lines = lines.exclude(booking_id__in=list(excluding))
    rows = (
        lines.filter(Booking.takes_capacity_q(now, prefix="booking__"))
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


@dataclass(frozen=True)
class Demand:
    """What is asked of availability: a kind, dates and how many. `date_to` is the last day for
    desks and experiences and the check-out day for stays; `people` counts guests (desks,
    experiences), `rooms` counts stay rooms."""

    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    people: int | None = None
    rooms: int | None = None


@dataclass(frozen=True)
class Window:
    """The days a search looks at: [start, end] for any day, or `nights` in a row for stays."""

    start: date
    end: date
    nights: int = 0  # > 1: stays need every night from `start`

    @classmethod
    def of(cls, demand: "Demand", now: datetime) -> "Window":
        """The window a demand's dates ask for (a year from today when no date is given)."""
        if demand.date_from is None:
            first = today(now)
            return cls(first, first + timedelta(days=HORIZON_DAYS - 1))
        last = demand.date_to or demand.date_from
        if last <= demand.date_from:
            return cls(demand.date_from, demand.date_from)
        return cls(demand.date_from, last, nights=(last - demand.date_from).days)


class StartMinusHours(Func):
    """A slot's start less a number of hours (its offer's lead time), as a comparable datetime."""

    output_field = DateTimeField()

    def __init__(self, start: Any, hours: Any) -> None:
        super().__init__(start, hours)

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        start, start_params = compiler.compile(self.source_expressions[0])
        hours, hours_params = compiler.compile(self.source_expressions[1])
        return start, hours, [*start_params, *hours_params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        start, hours, params = self._parts(compiler, connection)
        return f"({start} - make_interval(hours => ({hours})::integer))", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # Django stores UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]' text; datetime() keeps that form.
        start, hours, params = self._parts(compiler, connection)
        return f"datetime({start}, '-' || ({hours}) || ' hours')", params

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return self.as_postgresql(compiler, connection, **extra)


def taken_units(now: datetime) -> Coalesce:
    """Units of the outer slot taken by confirmed bookings and live holds (a correlated sum)."""
    lines = (
        BookingLine.objects.filter(slot_id=OuterRef("pk"))
        .filter(Booking.takes_capacity_q(now, prefix="booking__"))
        .order_by()
        .values("slot_id")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))


def open_slots(now: datetime, *, of_outer_offer: bool = False) -> QuerySet[Slot]:
    """Slots still bookable at `now`, annotated with `free` units (capacity − taken).

    With `of_outer_offer`, the slots of the offer of an outer query, whose lead time and cut-off
    are read from that row rather than joined again.
    """
    local = now.astimezone(JST)
    slots = Slot.objects.all()

    def offer_field(name: str) -> Any:
        return OuterRef(name) if of_outer_offer else F(f"offer__{name}")

    if of_outer_offer:
        slots = slots.filter(offer=OuterRef("pk"))
    cutoff = ExpressionWrapper(offer_field("same_day_cutoff"), output_field=TimeField())
    return (
        slots.filter(closed=False, starts_at__gt=now)
        .alias(
            bookable_from=StartMinusHours(F("starts_at"), offer_field("lead_time_hours")),
            cutoff=cutoff,
        )
        .filter(bookable_from__gte=now)
        .filter(~Q(date=local.date()) | Q(cutoff__isnull=True) | Q(cutoff__gt=local.time()))
        .annotate(
            free=ExpressionWrapper(F("capacity") - taken_units(now), output_field=IntegerField())
        )
    )


def _units(requested: int | None) -> Any:
    """Units one booking needs: as asked, or the offer's minimum (at least one)."""
    if requested:
        return Value(requested)
    return Greatest(OuterRef("min_per_booking"), Value(1))


def _allows(kind_q: Q, requested: int | None) -> Q:
    """Offers of `kind_q` that may take `requested` units in one booking."""
    if not requested:
        return kind_q
    return kind_q & Q(min_per_booking__lte=requested, max_per_booking__gte=requested)


def available(
    queryset: QuerySet[Offer], demand: Demand, now: datetime | None = None
) -> QuerySet[Offer]:
    """Offers that can take the people (or rooms) on the dates, annotated with `next_date`.

    One date: a bookable slot that day with enough free. A range: stays need every night from
    check-in to check-out; desks and experiences any day in it. No date: any day within a year.
    A desk sold by the full day needs both its morning and its afternoon.
    """
    now = now or timezone.now()
    window = Window.of(demand, now)
    slots = open_slots(now, of_outer_offer=True).filter(date__range=(window.start, window.end))
    person_slots = slots.filter(free__gte=_units(demand.people))
    room_slots = slots.filter(free__gte=_units(demand.rooms))

    def first_day(candidates: QuerySet[Slot]) -> Subquery:
        return Subquery(candidates.order_by("date").values("date")[:1], output_field=DateField())

    full_days = (
        person_slots.order_by()
        .values("date")
        .annotate(parts=Count("part", distinct=True))
        .filter(parts__gte=2)
    )
    desk_day = Q(unit=Offer.Unit.DESK_DAY)
    stay = Q(kind=Offer.Kind.STAY)
    other = ~desk_day & ~stay
    branches = [
        (_allows(desk_day, demand.people), full_days, first_day(full_days)),
        (_allows(other, demand.people), person_slots, first_day(person_slots)),
    ]
    if window.nights > 1:
        nights = room_slots.filter(date__lt=window.end)
        every_night = (
            nights.order_by()
            .values("offer")
            .annotate(nights=Count("date", distinct=True))
            .filter(nights=window.nights)
        )
        branches.append((_allows(stay, demand.rooms), every_night, Value(window.start)))
    else:
        branches.append((_allows(stay, demand.rooms), room_slots, first_day(room_slots)))
    # Only the rules of the kind asked for (a simpler query to plan), in the order desk days,
    # other desks and experiences, stays.
    kinds = [{Offer.Kind.DESK}, {Offer.Kind.DESK, Offer.Kind.EXPERIENCE}, {Offer.Kind.STAY}]
    if demand.kind:
        branches = [b for b, k in zip(branches, kinds, strict=True) if demand.kind in k]
    condition = reduce(or_, (kind_q & Exists(found) for kind_q, found, _ in branches))
    next_date = Case(
        *(When(kind_q, then=first) for kind_q, _, first in branches),
        default=Value(None),
        output_field=DateField(),
    )
    return queryset.filter(condition).annotate(next_date=next_date)


def free_on_shown_dates(offers: Sequence[Offer], demand: Demand, now: datetime) -> dict[int, int]:
    """Free units each offer has on the dates its card shows (one query)."""
    window = Window.of(demand, now)
    spans: dict[int, tuple[date, date]] = {}
    for offer in offers:
        if offer.kind == Offer.Kind.STAY and window.nights > 1:
            spans[offer.pk] = (window.start, window.end - timedelta(days=1))
        elif offer.next_date is not None:
            spans[offer.pk] = (offer.next_date, offer.next_date)
    if not spans:
        return {}
    rows = (
        open_slots(now)
        .filter(reduce(or_, (Q(offer_id=pk, date__range=span) for pk, span in spans.items())))
        .values_list("offer_id", "free")
    )
    free: dict[int, list[int]] = defaultdict(list)
    for offer_id, units in rows:
        free[offer_id].append(max(units, 0))
    kinds = {offer.pk: offer for offer in offers}
    result = {}
    for offer_id, values in free.items():
        offer = kinds[offer_id]
        whole = offer.unit == Offer.Unit.DESK_DAY or offer.kind == Offer.Kind.STAY
        result[offer_id] = min(values) if whole else max(values)
    return result
