"""Desks are sold only while their office is open. One rule, read from the office's opening hours
(through `booking.content`): the desk days a schedule makes lie within the hours of their weekday,
a partner's schedule that reaches outside them is refused with the reason, and the demo's (or any)
desk schedules can be made from the hours themselves."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from booking.content import OpeningHours, content
from booking.models import Offer, Schedule
from core.weekdays import weekday_span

from .jst import today

PREFERRED_SPLIT = time(13, 0)
MIN_DESK_DAY_MINUTES = 120  # a morning and an afternoon
MIN_HALF_MINUTES = 60


@dataclass(frozen=True, order=True)
class DeskDay:
    """A desk day's times: the morning from `opens` to `split`, the afternoon to `closes`."""

    opens: time
    split: time
    closes: time


@dataclass(frozen=True)
class DeskHours:
    """Days of the week whose desks can be booked at the same times, named in the active
    language, for the office page."""

    days: str
    desk_days: tuple[DeskDay, ...]


def office_hours(page_id: int) -> OpeningHours | None:
    """The opening hours stated on the page an offer is sold from (None: no limit)."""
    return content().opening_hours_of(page_id)


def hours_of(offer: Offer) -> OpeningHours | None:
    """The opening hours a desk offer keeps to; None for other kinds and for pages without."""
    if offer.kind != Offer.Kind.DESK:
        return None
    return office_hours(offer.page_id)


def split_between(opens: time, closes: time) -> time:
    """Where a desk day made from hours splits into morning and afternoon: 13:00 when that
    leaves an hour on each side, else halfway (to the half hour when it can be)."""
    start, end = _minutes(opens), _minutes(closes)
    preferred = _minutes(PREFERRED_SPLIT)
    if start + MIN_HALF_MINUTES <= preferred <= end - MIN_HALF_MINUTES:
        return PREFERRED_SPLIT
    middle = (start + end) // 2
    rounded = middle - middle % 30
    return _time(rounded if start < rounded else middle)


def desk_day(
    hours: OpeningHours | None, weekday: int, start: time, split: time, end: time
) -> DeskDay | None:
    """The desk day a schedule (start, split, end) makes on a weekday: its own times when they
    lie within the office's hours; else cut to the hours (a split left outside moves between
    the new ends). None when the office is closed or under two hours remain."""
    if hours is None:
        return DeskDay(start, split, end)
    open_hours = hours.on(weekday)
    if open_hours is None:
        return None
    opens, closes = open_hours
    if opens <= start and end <= closes:
        return DeskDay(start, split, end)
    start, end = max(start, opens), min(end, closes)
    if _minutes(end) - _minutes(start) < MIN_DESK_DAY_MINUTES:
        return None
    if not start < split < end:
        split = split_between(start, end)
    return DeskDay(start, split, end)


def desk_days_from_hours(hours: OpeningHours) -> list[tuple[str, DeskDay]]:
    """Desk schedules that sell the whole of the opening hours: the days (a schedule's digit
    string, Monday = 0) that share the same hours, each with its desk day."""
    by_times: dict[tuple[time, time], str] = {}
    for weekday in range(7):
        open_hours = hours.on(weekday)
        if open_hours is not None:
            by_times[open_hours] = by_times.get(open_hours, "") + str(weekday)
    return [
        (days, DeskDay(opens, split_between(opens, closes), closes))
        for (opens, closes), days in by_times.items()
        if _minutes(closes) - _minutes(opens) >= MIN_DESK_DAY_MINUTES
    ]


def conflicts(
    hours: OpeningHours | None, weekdays: str, start: time, end: time
) -> dict[str, list[str]]:
    """Why desks sold on `weekdays` (digit string) from `start` to `end` do not fit the office's
    opening hours, by the schedule field to correct; empty when they fit."""
    if hours is None:
        return {}
    closed: list[int] = []
    opens_later: dict[time, list[int]] = defaultdict(list)
    closes_earlier: dict[time, list[int]] = defaultdict(list)
    for weekday in sorted({int(digit) for digit in weekdays if digit.isdigit()} & set(range(7))):
        open_hours = hours.on(weekday)
        if open_hours is None:
            closed.append(weekday)
            continue
        opens, closes = open_hours
        if start < opens:
            opens_later[opens].append(weekday)
        if end > closes:
            closes_earlier[closes].append(weekday)
    found: dict[str, list[str]] = {}
    if closed:
        found["weekdays"] = [
            _("The office is closed on %(days)s (see its opening hours): no desks then.")
            % {"days": weekday_span(closed)}
        ]
    if opens_later:
        found["start_time"] = [
            _("On %(days)s the office opens at %(time)s: desks cannot start earlier.")
            % {"days": weekday_span(days), "time": _hm(opens)}
            for opens, days in sorted(opens_later.items())
        ]
    if closes_earlier:
        found["end_time"] = [
            _("On %(days)s the office closes at %(time)s: desks cannot end later.")
            % {"days": weekday_span(days), "time": _hm(closes)}
            for closes, days in sorted(closes_earlier.items())
        ]
    return found


def desk_hours_for_page(page: Page, on: date | None = None) -> list[DeskHours]:
    """When the desks sold on a page (any of its translations) can be booked, by groups of
    weekdays: the desk days their current schedules make, so never outside the opening hours."""
    on = on or today()
    schedules = Schedule.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        offer__page__translation_key=page.translation_key,
        offer__kind=Offer.Kind.DESK,
        offer__active=True,
    ).select_related("offer")
    hours_by_page: dict[int, OpeningHours | None] = {}
    by_weekday: dict[int, set[DeskDay]] = defaultdict(set)
    for schedule in schedules:
        page_id = schedule.offer.page_id
        if page_id not in hours_by_page:
            hours_by_page[page_id] = office_hours(page_id)
        for weekday in range(7):
            if not schedule.runs_on(weekday):
                continue
            day = desk_day(
                hours_by_page[page_id],
                weekday,
                schedule.start_time,
                schedule.half_day_split,
                schedule.end_time,
            )
            if day is not None:
                by_weekday[weekday].add(day)
    groups: dict[tuple[DeskDay, ...], list[int]] = defaultdict(list)
    for weekday in sorted(by_weekday):
        groups[tuple(sorted(by_weekday[weekday]))].append(weekday)
    return [DeskHours(weekday_span(days), desk_days) for desk_days, days in groups.items()]


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _hm(moment: time) -> str:
    return moment.strftime("%H:%M")
