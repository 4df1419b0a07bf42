"""Figures for the back office: bookings, guests, occupancy and revenue by month, area and kind.

What each figure means (and what the tests check against a count of every row):

- **Bookings**: confirmed bookings, on the month of their first day (`service_date`).
- **Guests**: people served by those confirmed bookings. Desks and experiences: the quantities of
  their lines, one per person per session or desk day (a full desk day takes its two half-day
  slots but is one person-day: its lines are divided by `Offer.slots_per_unit`). Stays: the
  entries of the legal guest register, each guest once per booking (rooms are not people; a stay
  with no register filled in counts no guests).
- **Occupancy**: units booked by confirmed bookings on the open (not closed) slots of the period,
  over the capacity of those slots, on the slots' own days (a stay's third night counts in its
  own month). The units of every kind are pooled in totals.
- **Revenue**: yen kept, tax included, on the month of the first day: the total of every booking
  that was paid (confirmed, or cancelled after confirmation) less the cancellation refunds owed
  on it, whether sent yet or not (once owed, the money is the guest's). A cancelled booking with
  a partial refund keeps the rest as revenue. Refunds of payments that arrived too late
  (`Refund.Reason.LATE_PAYMENT`) give back money that never became a booking, so they count
  neither way; nor do the differences given back when a booking moved to cheaper dates
  (`Refund.Reason.DATE_CHANGE`): the booking's total is already the new one.

Trips (bookings made together, `Trip`) are seen through the same filters, booking by booking:
a booking *in scope* is a confirmed booking of a trip whose first day is in the period and whose
offer matches the organisations, area and kind. Every trip figure reads only those bookings, not
the trip's others: an organisation's scope never shows another's bookings, and the items, nights,
desk days and experiences of consecutive periods add up (a trip whose bookings start in two
months is a trip in each, with its items split between them). Bookings made alone never count.

- **Trips**: trips with at least one booking in scope.
- **Items**: their bookings in scope; **items per trip** is their average (one decimal).
- **Partners per trip**: the organisations selling those bookings, counted per trip, averaged;
  **trips with several partners** have bookings in scope from two organisations or more.
- **Nights**: the stays' room-nights (bed-nights for stays sold by the bed): the quantities of
  their lines, so two rooms for three nights are six. **Desk days**: people times days at a desk,
  as the Guests figure counts them (a full day's two half-day lines are one; a half-day sold on
  its own is one too). **Experiences**: person-sessions (the quantities of the experiences'
  lines). Each counts with its booking, on the booking's first day, like Bookings.

Every function reads aggregates: a fixed number of queries whatever the number of bookings.
Days are Japanese days (booking.services.jst).
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, Expression, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from wagtail.models import Page

from booking.content import content
from booking.models import Booking, BookingLine, GuestRegisterEntry, Offer, Refund, Slot

from .jst import today

KIND_ORDER = [Offer.Kind.DESK, Offer.Kind.STAY, Offer.Kind.EXPERIENCE]
PAID = (Booking.Status.CONFIRMED, Booking.Status.CANCELLED)
DASHBOARD_DAYS = 7  # the dashboard's second period: the seven days after today


@dataclass(frozen=True)
class Figures:
    """Bookings, guests, booked units over open capacity, and revenue (yen, tax incl.)."""

    bookings: int = 0
    guests: int = 0
    booked_units: int = 0
    capacity: int = 0
    revenue: int = 0

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            bookings=self.bookings + other.bookings,
            guests=self.guests + other.guests,
            booked_units=self.booked_units + other.booked_units,
            capacity=self.capacity + other.capacity,
            revenue=self.revenue + other.revenue,
        )

    @property
    def occupancy(self) -> float | None:
        """Booked units as a percentage of the open capacity (None when nothing was open)."""
        if not self.capacity:
            return None
        return round(100 * self.booked_units / self.capacity, 1)


def total_of(figures: Iterable[Figures]) -> Figures:
    """The sum of several figures."""
    return sum(figures, Figures())


@dataclass(frozen=True)
class Filters:
    """What a report looks at: Japanese days `start`..`end` (inclusive), the organisations in
    scope (None: all), an area (and its translations) and a kind of offer (empty: every kind)."""

    start: date
    end: date
    organisations: Collection[int] | None = None
    area: Page | None = None
    kind: str = ""


# A group of figures: (first day of its month or its day, area page id or None, offer kind).
Key = tuple[date, int | None, str]


@dataclass(frozen=True)
class ReportRow:
    """The figures of one month, area and kind."""

    month: date
    area_id: int | None
    area: str
    kind: str
    figures: Figures

    @property
    def kind_label(self) -> str:
        return str(Offer.Kind(self.kind).label)


@dataclass(frozen=True)
class Report:
    """Report rows (by month, then area, then kind) with the totals the charts show."""

    filters: Filters
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def total(self) -> Figures:
        return total_of(row.figures for row in self.rows)

    def by_month(self) -> list[tuple[date, Figures]]:
        """Every month of the period (empty ones too), in order."""
        sums: dict[date, Figures] = defaultdict(Figures)
        for row in self.rows:
            sums[row.month] += row.figures
        return [(month, sums[month]) for month in months(self.filters.start, self.filters.end)]

    def by_area(self) -> list[tuple[str, Figures]]:
        """Each area with figures, by name (no area last)."""
        sums: dict[int | None, Figures] = defaultdict(Figures)
        names: dict[int | None, str] = {}
        for row in self.rows:
            sums[row.area_id] += row.figures
            names[row.area_id] = row.area
        order = sorted(sums, key=lambda area_id: (area_id is None, names[area_id]))
        return [(names[area_id], sums[area_id]) for area_id in order]

    def by_kind(self) -> list[tuple[str, Figures]]:
        """Each kind with figures, desks, stays, experiences."""
        sums: dict[str, Figures] = defaultdict(Figures)
        for row in self.rows:
            sums[row.kind] += row.figures
        return [(str(Offer.Kind(kind).label), sums[kind]) for kind in KIND_ORDER if kind in sums]


@dataclass(frozen=True)
class Dashboard:
    """The back office's home panel: today, and the seven days after it."""

    today: date
    week_start: date
    week_end: date
    today_figures: Figures
    week_figures: Figures


def months(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s to `end`'s."""
    first, found = start.replace(day=1), []
    while first <= end:
        found.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return found


def report(filters: Filters) -> Report:
    """Figures by month, area and kind over the filters (seven queries); groups where every
    figure is zero (only unpaid or cancelled bookings, no open slot) are left out."""
    groups = _figures(filters, by_month=True)
    names = area_names({area_id for _, area_id, _ in groups})
    kind_rank = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    rows = [
        ReportRow(
            month=month,
            area_id=area_id,
            area=names.get(area_id, _("No area")),
            kind=kind,
            figures=figures,
        )
        for (month, area_id, kind), figures in groups.items()
        if figures != Figures()
    ]
    rows.sort(key=lambda r: (r.month, r.area_id is None, r.area, kind_rank.get(r.kind, 9)))
    return Report(filters=filters, rows=rows)


def dashboard(organisations: Collection[int] | None, now: datetime | None = None) -> Dashboard:
    """Today's figures and those of the seven days after it, for the organisations in scope
    (None: every organisation) (six queries)."""
    first = today(now)
    last = first + timedelta(days=DASHBOARD_DAYS)
    groups = _figures(Filters(first, last, organisations), by_month=False)
    on_today = total_of(figures for (day, _, _), figures in groups.items() if day == first)
    after = total_of(figures for (day, _, _), figures in groups.items() if day > first)
    return Dashboard(
        today=first,
        week_start=first + timedelta(days=1),
        week_end=last,
        today_figures=on_today,
        week_figures=after,
    )


@dataclass(frozen=True)
class TripFigures:
    """Trips with bookings in scope, those bookings, and the nights, desk days and experiences
    they hold together (the module docstring says what each counts)."""

    trips: int = 0
    items: int = 0
    trip_partners: int = 0  # organisations per trip, summed over the trips
    multi_partner_trips: int = 0
    nights: int = 0
    desk_days: int = 0
    experiences: int = 0

    @property
    def items_per_trip(self) -> float | None:
        """Bookings in scope per trip, one decimal (None without trips)."""
        return round(self.items / self.trips, 1) if self.trips else None

    @property
    def partners_per_trip(self) -> float | None:
        """Selling organisations per trip, one decimal (None without trips)."""
        return round(self.trip_partners / self.trips, 1) if self.trips else None


def trip_figures(filters: Filters) -> TripFigures:
    """What trips add to the report over the filters: trips, items and partners per trip, and
    their nights, desk days and experiences combined (two queries). Only the trips' bookings in
    scope count, so that the filters narrow these figures as they narrow every other."""
    in_trips = Booking.objects.filter(status=Booking.Status.CONFIRMED, trip__from_plan=True)
    per_trip = (
        _scoped(in_trips, filters, offer="offer__", day="service_date")
        .order_by()
        .values("trip")
        .annotate(
            trip_items=Count("pk"),
            trip_sellers=Count("offer__organisation", distinct=True),
        )
    )
    totals = per_trip.aggregate(
        trips=Count("trip"),
        items=Sum("trip_items", default=0),
        trip_partners=Sum("trip_sellers", default=0),
        multi_partner_trips=Sum(
            Case(When(trip_sellers__gte=2, then=Value(1)), default=Value(0)), default=0
        ),
    )

    volume = {"nights": 0, "desk_days": 0, "experiences": 0}
    figure_of = {
        Offer.Kind.STAY: "nights",
        Offer.Kind.DESK: "desk_days",
        Offer.Kind.EXPERIENCE: "experiences",
    }
    lines = BookingLine.objects.filter(
        booking__status=Booking.Status.CONFIRMED, booking__trip__from_plan=True
    )
    for row in (
        _scoped(lines, filters, offer="booking__offer__", day="booking__service_date")
        .order_by()
        .values("booking__offer__kind", "booking__offer__unit")
        .annotate(units=Sum("quantity"))
    ):
        per_unit = Offer(unit=row["booking__offer__unit"]).slots_per_unit
        volume[figure_of[row["booking__offer__kind"]]] += row["units"] // per_unit
    return TripFigures(**totals, **volume)


def area_names(area_ids: Iterable[int | None]) -> dict[int, str]:
    """The title of each area page in the language in use when it is translated (one query)."""
    return content().area_names(pk for pk in area_ids if pk is not None)


# --- the aggregate queries -------------------------------------------------------------------


def _area_of(offer: str) -> Expression:
    """The area page id of the offer at path `offer` (its office, stay or experience page's)."""
    return content().area_of(f"{offer}page")


def _scoped(queryset: QuerySet, filters: Filters, *, offer: str, day: str) -> QuerySet:
    """Rows of the period, organisations, area and kind; `offer` and `day` are the paths to the
    row's offer and to the day it counts on."""
    queryset = queryset.filter(**{f"{day}__range": (filters.start, filters.end)})
    if filters.organisations is not None:
        queryset = queryset.filter(**{f"{offer}organisation_id__in": list(filters.organisations)})
    if filters.kind:
        queryset = queryset.filter(**{f"{offer}kind": filters.kind})
    if filters.area is not None:
        same_area = content().areas_like(filters.area.pk)
        queryset = queryset.alias(area_key=_area_of(offer)).filter(area_key__in=same_area)
    return queryset


def _grouped(
    queryset: QuerySet,
    filters: Filters,
    *,
    offer: str,
    day: str,
    by_month: bool,
    extra: tuple[str, ...] = (),
    **aggregates: Any,
) -> list[dict[str, Any]]:
    """Aggregates of the scoped rows by (month or day, area, kind) and any `extra` columns."""
    bucket = TruncMonth(day) if by_month else F(day)
    return list(
        _scoped(queryset, filters, offer=offer, day=day)
        .annotate(bucket=bucket, group_area=_area_of(offer), group_kind=F(f"{offer}kind"))
        .order_by()
        .values("bucket", "group_area", "group_kind", *extra)
        .annotate(**aggregates)
    )


def _key(row: dict[str, Any]) -> Key:
    bucket = row["bucket"]
    if isinstance(bucket, datetime):
        bucket = bucket.date()
    return bucket, row["group_area"], row["group_kind"]


def _figures(filters: Filters, *, by_month: bool) -> dict[Key, Figures]:
    """Every figure of the filters by (month or day, area, kind), from six aggregate queries."""
    parts: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    of_booking = {"offer": "offer__", "day": "service_date", "by_month": by_month}
    through_booking = {
        "offer": "booking__offer__",
        "day": "booking__service_date",
        "by_month": by_month,
    }

    for row in _grouped(
        Booking.objects.all(),
        filters,
        **of_booking,
        bookings=Count("pk", filter=Q(status=Booking.Status.CONFIRMED)),
        paid=Sum("total", filter=Q(status__in=PAID, confirmed_at__isnull=False), default=0),
    ):
        parts[_key(row)]["bookings"] += row["bookings"]
        parts[_key(row)]["revenue"] += row["paid"]

    refunds = Refund.objects.filter(
        booking__status__in=PAID, booking__confirmed_at__isnull=False
    ).exclude(reason__in=(Refund.Reason.LATE_PAYMENT, Refund.Reason.DATE_CHANGE))
    for row in _grouped(refunds, filters, **through_booking, refunded=Sum("amount")):
        parts[_key(row)]["revenue"] -= row["refunded"]

    person_lines = BookingLine.objects.filter(booking__status=Booking.Status.CONFIRMED).exclude(
        booking__offer__kind=Offer.Kind.STAY
    )
    for row in _grouped(
        person_lines,
        filters,
        **through_booking,
        extra=("booking__offer__unit",),
        units=Sum("quantity"),
    ):
        per_unit = Offer(unit=row["booking__offer__unit"]).slots_per_unit
        parts[_key(row)]["guests"] += row["units"] // per_unit

    registered = GuestRegisterEntry.objects.filter(
        booking__status=Booking.Status.CONFIRMED, booking__offer__kind=Offer.Kind.STAY
    )
    for row in _grouped(registered, filters, **through_booking, guests=Count("pk")):
        parts[_key(row)]["guests"] += row["guests"]

    open_slots = Slot.objects.filter(closed=False)
    for row in _grouped(
        open_slots, filters, offer="offer__", day="date", by_month=by_month, cap=Sum("capacity")
    ):
        parts[_key(row)]["capacity"] += row["cap"]

    booked = BookingLine.objects.filter(
        booking__status=Booking.Status.CONFIRMED, slot__closed=False
    )
    for row in _grouped(
        booked,
        filters,
        offer="slot__offer__",
        day="slot__date",
        by_month=by_month,
        units=Sum("quantity"),
    ):
        parts[_key(row)]["booked_units"] += row["units"]

    return {key: Figures(**values) for key, values in parts.items()}
