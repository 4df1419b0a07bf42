"""The calendar file (.ics) sent with the confirmation, the reminder and the news of new dates
(one for a whole trip with the trip's confirmation), and the booking's periods.

A booking's slots are grouped into *periods*, one calendar event each: a stay's consecutive
nights are one period from the first check-in to the last check-out; a desk's half-days on one
day that touch (morning and afternoon) are one period for that day; every experience session is
a period of its own. The e-mails show the same periods, so the message and the calendar agree.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from booking.content import Venue, content
from booking.models import Booking, Offer, Slot
from core import links

from .jst import JST, local_date
from .manage_links import manage_url

PRODID = "-//Wakayama Workation//Bookings//EN"
UID_DOMAIN = "workation"
DESCRIPTION_LABELS = {
    "ja": {"reference": "予約番号", "manage": "予約の確認・キャンセル", "map": "地図"},
    "en": {"reference": "Booking reference", "manage": "View or cancel", "map": "Map"},
}


@dataclass(frozen=True)
class Period:
    """One unbroken stretch of a booking: a stay, a desk day or a session (aware datetimes)."""

    starts_at: datetime
    ends_at: datetime
    slots: int

    @property
    def first_day(self) -> date:
        """The Japanese day it starts on."""
        return local_date(self.starts_at)

    @property
    def last_day(self) -> date:
        """The Japanese day it ends on (a stay's check-out day)."""
        return local_date(self.ends_at)

    @property
    def same_day(self) -> bool:
        """Whether it starts and ends on one Japanese day (so the end needs only a time)."""
        return self.first_day == self.last_day


def booking_periods(booking: Booking) -> list[Period]:
    """The booking's slots merged into the periods a guest lives through, earliest first."""
    slots = list(Slot.objects.filter(lines__booking=booking).distinct().order_by("starts_at"))
    return periods_of(booking.offer.kind, slots)


def periods_of(kind: str, slots: Sequence[Slot]) -> list[Period]:
    """Slots of an offer of `kind`, earliest first, merged into the periods a guest lives
    through (a run of nights, a desk's morning and afternoon, each session on its own)."""
    periods: list[Period] = []
    previous: Slot | None = None
    for slot in slots:
        if previous is not None and periods and _continues(kind, previous, slot):
            last = periods[-1]
            periods[-1] = Period(
                starts_at=last.starts_at,
                ends_at=max(last.ends_at, slot.ends_at),
                slots=last.slots + 1,
            )
        else:
            periods.append(Period(starts_at=slot.starts_at, ends_at=slot.ends_at, slots=1))
        previous = slot
    return periods


def _continues(kind: str, previous: Slot, slot: Slot) -> bool:
    """Whether `slot` extends the period that `previous` belongs to."""
    if kind == Offer.Kind.STAY:
        return slot.date == previous.date + timedelta(days=1)
    if kind == Offer.Kind.DESK:
        return slot.date == previous.date and slot.starts_at <= previous.ends_at
    return False


LOOK_UP = object()  # booking_ics's venue: not given, so read it from the content layer


def booking_ics(
    booking: Booking,
    language: str,
    *,
    base_url: str | None = None,
    venue: Venue | None | object = LOOK_UP,
    sequence: int = 0,
) -> bytes:
    """The booking as an iCalendar file (METHOD:PUBLISH), one event per period, so the guest can
    add it to any calendar; times are Asia/Tokyo with its VTIMEZONE. The location is where the
    guest goes (the venue's meeting point and address, with its coordinates and a map link),
    not the seller's office. `sequence` counts the booking's date changes: the events keep their
    UIDs, so a calendar given a file with a higher one moves them to the new dates."""
    base_url = base_url or links.base_url()
    return _calendar(_events(booking, language, base_url, venue, timezone.now(), sequence=sequence))


def trip_ics(
    bookings: Sequence[Booking],
    language: str,
    *,
    base_url: str | None = None,
    venues: Mapping[int, Venue | None] | None = None,
    periods: Mapping[int, list[Period]] | None = None,
) -> bytes:
    """Every booking of a trip in one iCalendar file, each with the very events (and UIDs) of
    its own file, so a calendar given both keeps one of each. `venues` (by offer page id) and
    `periods` (by booking id) save looking up again what the caller already has."""
    base_url = base_url or links.base_url()
    venues = venues or {}
    periods = periods or {}
    stamp = timezone.now()
    events = [
        event
        for booking in bookings
        for event in _events(
            booking,
            language,
            base_url,
            venues.get(booking.offer.page_id, LOOK_UP),
            stamp,
            periods.get(booking.pk),
        )
    ]
    return _calendar(events)


def _calendar(events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(event)
    calendar.add_component(_japan_timezone())
    return calendar.to_ical()


def _events(
    booking: Booking,
    language: str,
    base_url: str,
    venue: Venue | None | object,
    stamp: datetime,
    periods: list[Period] | None = None,
    sequence: int = 0,
) -> list[Event]:
    """One event per period of the booking, with where to go and the booking's manage link."""
    offer = booking.offer
    link = manage_url(booking, base_url=base_url)
    labels = DESCRIPTION_LABELS.get(language, DESCRIPTION_LABELS["en"])
    if venue is LOOK_UP:
        venue = content().venue_of(offer.page_id, language)
    description = f"{labels['reference']}: {booking.reference}\n{labels['manage']}: {link}"
    if venue is not None and venue.map_url:
        description += f"\n{labels['map']}: {venue.map_url}"
    events = []
    if periods is None:
        periods = booking_periods(booking)
    for number, period in enumerate(periods, start=1):
        event = Event()
        event.add("uid", f"{booking.reference}-{number}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        if sequence:
            event.add("sequence", sequence)
        event.add("dtstart", period.starts_at.astimezone(JST))
        event.add("dtend", period.ends_at.astimezone(JST))
        event.add("summary", offer.display_name(language))
        event.add(
            "location", venue.location if venue else offer.organisation.display_address(language)
        )
        if venue is not None and venue.latitude is not None and venue.longitude is not None:
            event.add("geo", (float(venue.latitude), float(venue.longitude)))
        event.add("description", description)
        event.add("url", link)
        events.append(event)
    return events


@lru_cache(maxsize=1)
def _japan_timezone() -> Timezone:
    """Asia/Tokyo as a VTIMEZONE, computed once per process (icalendar derives it by walking the
    zone's transitions, which took 30 ms, most of an e-mail's cost, on every call)."""
    return Timezone.from_tzid("Asia/Tokyo")
