"""The booking app's demo data (`seed_demo`): partner organisations, offers, schedules, slots.

Everything is derived from the demo pages already in the database: one organisation per Japanese
partner page, one desk offer per desk type, one offer per experience and one per room type.
Offers are found again by page and name, so a second run creates nothing. No bookings are made:
the product never confirms one without a payment, and holds would only expire.
"""

import time as clock
import zlib
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale, Page

from booking.models import (
    Booking,
    ClosedDate,
    Offer,
    PartnerOrganisation,
    PriceCategory,
    Schedule,
    Trip,
)
from booking.services.jst import today
from booking.services.opening_hours import DeskDay, desk_days_from_hours, office_hours
from booking.services.slots import materialise_slots
from core.generation import purge_pages
from core.invoice_numbers import check_digit
from demo.data.partners import WITHOUT_ENGLISH
from workation.models import ExperiencePage, OfficePage, PartnerPage, StayPage

# How far ahead slots are made: the product's rolling horizon (a beat job extends it daily).
# Seasonal experiences whose next season starts later get slots up to that season's end, so that
# every demo listing can be booked whatever the day of seeding.
MAX_SEASON_LOOKAHEAD_DAYS = 400

CONTACTS = (
    "山本 美咲",
    "中西 健太",
    "谷口 真由美",
    "高橋 和子",
    "濵田 恵",
    "岡本 大輔",
    "玉置 亮",
    "坂本 直子",
    "松下 翔",
    "湯川 里美",
)
CONTACT_BY_PARTNER = {"takahashi-ume-farm": "高橋 和子", "akizu-mikan-farm": "濵田 恵"}

DESK_CUTOFF = time(12, 0)
MAX_DESKS_PER_BOOKING = 10


@dataclass(frozen=True)
class Session:
    """A recurring session: the weekdays it runs on and its start and end (Japan time)."""

    weekdays: str
    starts: time
    ends: time


@dataclass(frozen=True)
class ExperiencePlan:
    """When an experience runs, how many must book together, how much notice it needs, and
    whether the host confirms each request (request to book) rather than instant booking."""

    sessions: tuple[Session, ...]
    min_per_booking: int = 1
    lead_time_hours: int = 24
    instant: bool = True


def sessions(*rows: tuple[str, str, str]) -> tuple[Session, ...]:
    """Sessions from (weekdays, "HH:MM", "HH:MM") rows."""
    return tuple(Session(days, time.fromisoformat(a), time.fromisoformat(b)) for days, a, b in rows)


EVERY_DAY = "0123456"
WEEKDAYS = "01234"
WEEKENDS = "56"
# Desks of an office whose page states no opening hours: weekdays, 9–18.
OFFICE_DAY = DeskDay(time(9, 0), time(13, 0), time(18, 0))
EXPERIENCE_PLANS: dict[str, ExperiencePlan] = {
    "kumano-kodo-guided-walk": ExperiencePlan(sessions(("2456", "09:30", "13:30"))),
    "michibushin-trail-repair": ExperiencePlan(
        sessions(("25", "09:00", "12:00")), lead_time_hours=48
    ),
    "daimonzaka-walk": ExperiencePlan(sessions((EVERY_DAY, "07:00", "09:30"))),
    "ume-picking": ExperiencePlan(
        sessions(("01234", "08:30", "11:30"), (WEEKENDS, "09:00", "12:00")),
        lead_time_hours=48,
    ),
    "umeboshi-workshop": ExperiencePlan(sessions(("135", "14:00", "15:30")), lead_time_hours=48),
    "mikan-picking": ExperiencePlan(
        sessions(
            (WEEKENDS, "09:00", "10:30"), (WEEKENDS, "13:30", "15:00"), ("024", "13:30", "15:00")
        )
    ),
    # Hosted in a family's home: the family confirms each request.
    "cooking-with-local-family": ExperiencePlan(
        sessions(("1356", "16:30", "19:00")), min_per_booking=2, lead_time_hours=48, instant=False
    ),
    # One group a day; a session cannot run past midnight, so it shows the first evening.
    "farm-stay": ExperiencePlan(
        sessions(("012345", "15:00", "21:00")), lead_time_hours=48, instant=False
    ),
    "kushimoto-diving": ExperiencePlan(
        sessions((EVERY_DAY, "08:30", "11:30"), (WEEKENDS, "13:00", "16:00")), lead_time_hours=48
    ),
    "fishing-trip": ExperiencePlan(sessions((EVERY_DAY, "05:30", "07:30")), min_per_booking=2),
    "tuna-market-tour": ExperiencePlan(sessions(("01245", "06:45", "08:15"))),
    "temple-morning-prayers": ExperiencePlan(sessions((EVERY_DAY, "06:00", "07:30"))),
    "sutra-copying": ExperiencePlan(
        sessions((EVERY_DAY, "10:00", "11:00"), (EVERY_DAY, "14:00", "15:00"))
    ),
}

# Stays: rooms of each room type (in page order); a shared room's count is its beds (a room
# type priced per bed on its page is sold by the bed).
ROOM_COUNTS: dict[str, tuple[int, ...]] = {
    "shirahama-shiosai-ryokan": (4, 3),
    "koyasan-shukubo-unkaiin": (4, 3),
    "katsuura-port-guesthouse": (3, 6),
    "minabe-farm-cottage": (1,),
    "wakayama-workbase-hotel": (6, 4),
    "chikatsuyu-guesthouse": (3,),
    "kushimoto-divers-lodge": (4,),
}
MAX_ROOMS_PER_BOOKING = 3
STAY_CUTOFF = time(18, 0)


class Writer(Protocol):
    """Anything with `write(str)`: a command's stdout or a file."""

    def write(self, text: str) -> Any: ...


@dataclass
class OfferPlan:
    """An unsaved offer with its price categories, schedules and closed dates."""

    offer: Offer
    categories: list[PriceCategory]
    schedules: list[Schedule]
    closed: list[ClosedDate] = field(default_factory=list)
    horizon_days: int = 0


def seed_booking_demo(stdout: Writer | None = None) -> dict[str, int]:
    """Create the demo's organisations, offers, schedules and slots that are missing."""
    started = clock.monotonic()
    with transaction.atomic():
        counts = BookingDemo(today()).run()
        if any(counts.values()):
            transaction.on_commit(purge_pages)  # content pages list their offers
    if stdout is not None and any(counts.values()):
        stdout.write(
            f"Booking demo: {counts['organisations']} organisations, {counts['offers']} offers, "
            f"{counts['slots']} slots in {clock.monotonic() - started:.1f} s\n"
        )
    return counts


def reset_booking_demo(roots: list[Page]) -> None:
    """Delete the offers (with their bookings) and organisations of the pages below `roots`."""
    below = Q(pk__in=[])
    for root in roots:
        below |= Q(page__path__startswith=root.path)
    offers = Offer.objects.filter(below)
    bookings = Booking.objects.filter(offer__in=offers)
    trips = list(bookings.order_by().values_list("trip_id", flat=True).distinct())
    bookings.delete()
    Trip.objects.filter(pk__in=trips, bookings__isnull=True, payments__isnull=True).delete()
    offers.delete()
    PartnerOrganisation.objects.filter(below, offers__isnull=True).delete()


class BookingDemo:
    """Finds the demo pages and creates what they lack; call `run()` once."""

    def __init__(self, start: date) -> None:
        self.start = start
        self.horizon_days = settings.BOOKING_SLOT_HORIZON_DAYS
        self.ja = Locale.objects.get(language_code="ja")
        self.en = Locale.objects.filter(language_code="en").first()

    def run(self) -> dict[str, int]:
        """Organisations first, then every missing offer and its slots; returns what it made."""
        partners = list(PartnerPage.objects.filter(locale=self.ja).order_by("path"))
        organisations, created = self.ensure_organisations(partners)
        existing = set(Offer.objects.values_list("page_id", "name"))
        plans: list[OfferPlan] = []
        for model, names, planner in (
            (OfficePage, desk_names, self.desk_offers),
            (ExperiencePage, title_name, self.experience_offers),
            (StayPage, room_names, self.stay_offers),
        ):
            pages = list(model.objects.filter(locale=self.ja).order_by("path"))
            wanted = [
                page for page in pages if any((page.pk, n) not in existing for n in names(page))
            ]
            if not wanted:
                continue
            english = self.english(model, wanted)
            for page in wanted:
                organisation = organisations.get(page.path[: -page.steplen])
                if organisation is None:
                    continue
                for plan in planner(page, english.get(page.translation_key)):
                    if (page.pk, plan.offer.name) not in existing:
                        plan.offer.organisation = organisation
                        plans.append(plan)
        slots = self.save(plans)
        return {"organisations": created, "offers": len(plans), "slots": slots}

    # -- organisations -------------------------------------------------------------------------

    def ensure_organisations(self, partners: list[Any]) -> tuple[dict[str, Any], int]:
        """Partner page path → organisation, creating the missing ones; and how many were made."""
        by_page = {
            org.page_id: org for org in PartnerOrganisation.objects.filter(page__in=partners)
        }
        missing = [page for page in partners if page.pk not in by_page]
        if missing:
            english = self.english(PartnerPage, missing)
            groups = partner_groups(missing)
            users = {
                user.username: user
                for user in get_user_model().objects.filter(
                    username__in=[f"partner-{page.slug}" for page in missing]
                )
            }
            taken = set(
                PartnerOrganisation.objects.values_list("invoice_registration_number", flat=True)
            )
            for index, page in enumerate(missing):
                en = None if page.slug in WITHOUT_ENGLISH else english.get(page.translation_key)
                organisation = PartnerOrganisation.objects.create(
                    name=page.title,
                    name_en=en.title if en else "",
                    contact_name=CONTACT_BY_PARTNER.get(page.slug, CONTACTS[index % len(CONTACTS)]),
                    email=f"{page.slug}@example.jp",
                    phone=page.phone or "073-000-0000",
                    address=page.address or "和歌山県",
                    address_en=en.address if en else "",
                    invoice_registration_number=invoice_number(page.slug, taken),
                    page=page,
                    group=groups.get(page.pk),
                )
                user = users.get(f"partner-{page.slug}")
                if user is not None:
                    organisation.members.add(user)
                by_page[page.pk] = organisation
        paths = {page.pk: page.path for page in partners}
        return {paths[pk]: org for pk, org in by_page.items()}, len(missing)

    def english(self, model: type[Page], pages: list[Page]) -> dict[Any, Page]:
        """Translation key → English translation of `pages`."""
        if self.en is None:
            return {}
        keys = [page.translation_key for page in pages]
        return {
            page.translation_key: page
            for page in model.objects.filter(locale=self.en, translation_key__in=keys)
        }

    # -- offers --------------------------------------------------------------------------------

    def desk_offers(self, page: Any, english: Any) -> list[OfferPlan]:
        """One offer per desk type: full and half days whenever the office is open, made
        from its opening hours (one schedule per group of days with the same hours)."""
        english_desks = list(english.desk_types) if english else []
        hours = office_hours(page.pk)
        desk_days = desk_days_from_hours(hours) if hours else [(WEEKDAYS, OFFICE_DAY)]
        plans = []
        for index, block in enumerate(page.desk_types):
            desk = block.value
            seats = max(desk["seats"] or 1, 1)
            offer = Offer(
                page=page,
                name=desk["name"],
                name_en=english_desks[index].value["name"] if index < len(english_desks) else "",
                kind=Offer.Kind.DESK,
                unit=Offer.Unit.DESK_DAY,
                min_per_booking=1,
                max_per_booking=min(seats, MAX_DESKS_PER_BOOKING),
                lead_time_hours=0,
                same_day_cutoff=DESK_CUTOFF,
            )
            categories = [category(offer, "day", "1日利用", "Full day", desk["price_day"], 0)]
            if desk["price_half_day"]:
                categories.append(
                    category(offer, "half", "半日利用", "Half day", desk["price_half_day"], 1)
                )
            schedules = [
                Schedule(
                    offer=offer,
                    start_date=self.start,
                    weekdays=days,
                    start_time=times.opens,
                    end_time=times.closes,
                    half_day_split=times.split,
                    capacity=seats,
                )
                for days, times in desk_days
            ]
            closed = [
                ClosedDate(offer=offer, date=day, reason="年末年始")
                for day in year_end_holidays(self.start)
            ]
            plans.append(OfferPlan(offer, categories, schedules, closed, self.horizon_days))
        return plans

    def experience_offers(self, page: Any, english: Any) -> list[OfferPlan]:
        """One offer per experience: adults and children, its sessions within its season."""
        plan = EXPERIENCE_PLANS.get(page.slug) or default_plan(page.duration_minutes)
        group = max(page.group_size_max or 1, 1)
        offer = Offer(
            page=page,
            name=page.title,
            name_en=english.title if english else "",
            kind=Offer.Kind.EXPERIENCE,
            unit=Offer.Unit.PERSON_SESSION,
            min_per_booking=min(plan.min_per_booking, group),
            max_per_booking=group,
            lead_time_hours=plan.lead_time_hours,
            instant_booking=plan.instant,
            free_cancellation_days=3,
            late_cancellation_refund_percent=50,
        )
        adult = page.price_from or 0
        categories = [
            category(offer, "adult", "大人", "Adult", adult, 0),
            category(offer, "child", "子ども", "Child", round_yen(adult * 0.6), 1),
        ]
        windows = season_windows(page.season_start_month, page.season_end_month, self.start)
        schedules = [
            Schedule(
                offer=offer,
                start_date=first,
                end_date=last,
                weekdays=session.weekdays,
                start_time=session.starts,
                end_time=session.ends,
                capacity=group,
            )
            for first, last in windows
            for session in plan.sessions
        ]
        return [OfferPlan(offer, categories, schedules, [], self.experience_horizon(windows))]

    def experience_horizon(self, windows: list[tuple[date, date | None]]) -> int:
        """The usual horizon, or up to the end of the next season if it starts after that."""
        first, last = windows[0]
        if last is None or (first - self.start).days < self.horizon_days:
            return self.horizon_days
        return min((last - self.start).days + 1, MAX_SEASON_LOOKAHEAD_DAYS)

    def stay_offers(self, page: Any, english: Any) -> list[OfferPlan]:
        """One offer per room type: every night, a weekend price, up to three rooms."""
        english_rooms = list(english.room_types) if english else []
        counts = ROOM_COUNTS.get(page.slug, ())
        plans = []
        for index, block in enumerate(page.room_types):
            room = block.value
            rooms = counts[index] if index < len(counts) else rooms_for(room["capacity"])
            per_bed = room["priced_per"] == "bed"
            offer = Offer(
                page=page,
                name=room["name"],
                name_en=english_rooms[index].value["name"] if index < len(english_rooms) else "",
                kind=Offer.Kind.STAY,
                unit=Offer.Unit.BED_NIGHT if per_bed else Offer.Unit.ROOM_NIGHT,
                min_per_booking=1,
                max_per_booking=min(MAX_ROOMS_PER_BOOKING, rooms),
                lead_time_hours=0,
                same_day_cutoff=STAY_CUTOFF,
            )
            price = room["price_from"]
            room_category = category(
                offer,
                "room",
                "1名1泊（ベッド）" if per_bed else "1室1泊",
                "Bed, per night" if per_bed else "Room, per night",
                price,
                0,
            )
            room_category.weekend_price = round_yen(price * 1.2)
            schedule = Schedule(
                offer=offer,
                start_date=self.start,
                weekdays=EVERY_DAY,
                start_time=page.check_in_from,
                end_time=page.check_out_until,
                capacity=rooms,
            )
            plans.append(OfferPlan(offer, [room_category], [schedule], [], self.horizon_days))
        return plans

    # -- saving --------------------------------------------------------------------------------

    def save(self, plans: list[OfferPlan]) -> int:
        """Save the offers and their rows, then materialise their slots; returns the slots."""
        for plan in plans:
            plan.offer.save()
        PriceCategory.objects.bulk_create([row for plan in plans for row in plan.categories])
        Schedule.objects.bulk_create([row for plan in plans for row in plan.schedules])
        ClosedDate.objects.bulk_create([row for plan in plans for row in plan.closed])
        return sum(
            materialise_slots(plan.offer, start=self.start, horizon_days=plan.horizon_days)
            for plan in plans
        )


def desk_names(page: Any) -> list[str]:
    """The offer names an office gets: its desk types."""
    return [block.value["name"] for block in page.desk_types]


def room_names(page: Any) -> list[str]:
    """The offer names a stay gets: its room types."""
    return [block.value["name"] for block in page.room_types]


def title_name(page: Any) -> list[str]:
    """The offer name an experience gets: its title."""
    return [page.title]


def category(offer: Offer, code: str, name: str, name_en: str, price: int, order: int) -> Any:
    """An unsaved price category of `offer`."""
    return PriceCategory(
        offer=offer, code=code, name=name, name_en=name_en, price=price, sort_order=order
    )


def round_yen(amount: float) -> int:
    """A price rounded to the nearest 100 yen."""
    return int(round(amount / 100) * 100)


def rooms_for(capacity: int) -> int:
    """A plausible number of rooms of a type that sleeps `capacity`: fewer big rooms."""
    return max(2, 6 - (capacity or 1))


def default_plan(duration_minutes: int) -> ExperiencePlan:
    """Weekend mornings from 10:00, for experiences the demo has no plan for."""
    minutes = min(10 * 60 + max(duration_minutes or 60, 15), 23 * 60 + 59)
    return ExperiencePlan((Session(WEEKENDS, time(10, 0), time(minutes // 60, minutes % 60)),))


def partner_groups(pages: list[Page]) -> dict[int, Group]:
    """Partner page id → the "Partner: …" group that may edit below it."""
    permissions = GroupPagePermission.objects.filter(
        page__in=pages, group__name__startswith="Partner: "
    ).select_related("group")
    return {permission.page_id: permission.group for permission in permissions}


def invoice_number(seed: str, taken: set[str]) -> str:
    """A fictional qualified-invoice number (T, a check digit, 12 digits), unused so far."""
    value = zlib.crc32(seed.encode())
    while True:
        base = f"{value * 2654435761 % 10**12:012d}"
        number = f"T{check_digit(base)}{base}"
        if number not in taken:
            taken.add(number)
            return number
        value += 1


def year_end_holidays(start: date) -> list[date]:
    """年末年始: December 29 to January 3 of the coming (or current) year end."""
    year = start.year if start > date(start.year, 1, 3) else start.year - 1
    first = date(year, 12, 29)
    return [first + timedelta(days=n) for n in range(6)]


def season_windows(
    first_month: int | None, last_month: int | None, start: date
) -> list[tuple[date, date | None]]:
    """The date ranges an experience runs in: the current or next season and the one after,
    or one open range from `start` when it runs all year."""
    if not first_month or not last_month or (first_month, last_month) == (1, 12):
        return [(start, None)]
    windows = []
    for year in range(start.year - 1, start.year + 3):
        end_year = year if first_month <= last_month else year + 1
        first = date(year, first_month, 1)
        last = month_end(end_year, last_month)
        if last >= start:
            windows.append((max(first, start), last))
    return windows[:2]


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)
