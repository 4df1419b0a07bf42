"""A week's trip to plan: three nights at an inn, desks on two days, a farm experience on the
Saturday, each from its own local business (tests of the trip plan, services and pages)."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from wagtail.models import Page

from booking.models import Offer, PartnerOrganisation, PriceCategory, Slot
from booking.services.holds import HoldItem
from booking.services.jst import today
from booking.services.selection import desk_items, session_items, stay_items
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)

OFFER_NAMES = {
    Offer.Kind.STAY: ("海辺の和室", "Seaside room"),
    Offer.Kind.DESK: ("フリーデスク", "Hot desk"),
    Offer.Kind.EXPERIENCE: ("梅しごと体験", "Ume picking"),
}
ROOM_PRICE = 12000
DESK_DAY_PRICE = 2200
ADULT_PRICE = 5500
ADULT_WEEKEND_PRICE = 6600


def first_monday(days_ahead: int = 14) -> date:
    """The first Monday at least `days_ahead` days from today (in Japan): the week has no
    weekend before its Saturday, whatever day the tests run on."""
    first = today() + timedelta(days=days_ahead)
    return first + timedelta(days=-first.weekday() % 7)


def make_desk_day(office: Offer, day: date, capacity: int = 1) -> tuple[Slot, Slot]:
    """A desk day's morning and afternoon."""
    return (
        make_slot(office, day, capacity=capacity, starts=time(9, 0), ends=time(13, 0), part="am"),
        make_slot(office, day, capacity=capacity, starts=time(13, 0), ends=time(18, 0), part="pm"),
    )


@dataclass
class Week:
    """Monday to Saturday: the inn's nights Monday–Wednesday, desks Tuesday and Wednesday, the
    farm's session on Saturday (at its weekend price)."""

    first: date
    inn: Offer
    room: PriceCategory
    office: Offer
    desk_day: PriceCategory
    farm: Offer
    adult: PriceCategory
    session: Slot

    @property
    def saturday(self) -> date:
        return self.first + timedelta(days=5)

    def stay(self, nights: int = 3) -> list[HoldItem]:
        return stay_items(self.inn, self.first, nights, {self.room.pk: 1})

    def desks(self) -> list[HoldItem]:
        return desk_items(self.office, self.first + timedelta(days=1), 2, "day", 1)

    def experience(self, adults: int = 2) -> list[HoldItem]:
        return session_items(self.farm, self.session.pk, {self.adult.pk: adults})

    @property
    def sellers(self) -> list[PartnerOrganisation]:
        return [self.inn.organisation, self.office.organisation, self.farm.organisation]


def make_week(
    first: date | None = None, *, pages: dict[str, Page] | None = None, desk_capacity: int = 1
) -> Week:
    """The week's three offers, each sold by its own business, on `pages` by kind when given
    (else on the tree's root)."""
    first = first or first_monday()
    pages = pages or {}

    def offer(kind: str, unit: str, seller: str, seller_en: str) -> Offer:
        organisation = PartnerOrganisationFactory(name=seller, name_en=seller_en)
        extra = {"page": pages[kind]} if kind in pages else {}
        name, name_en = OFFER_NAMES[kind]
        return OfferFactory(
            kind=kind, unit=unit, organisation=organisation, name=name, name_en=name_en, **extra
        )

    inn = offer(Offer.Kind.STAY, Offer.Unit.ROOM_NIGHT, "白良荘", "Shirara-so")
    room = PriceCategoryFactory(
        offer=inn, code="room", name="和室", name_en="Room", price=ROOM_PRICE
    )
    make_nights(inn, first, 3, capacity=1)
    office = offer(Offer.Kind.DESK, Offer.Unit.DESK_DAY, "白浜ワークス", "Shirahama Works")
    desk_day = PriceCategoryFactory(
        offer=office, code="day", name="1日", name_en="Full day", price=DESK_DAY_PRICE
    )
    for offset in (1, 2):
        make_desk_day(office, first + timedelta(days=offset), capacity=desk_capacity)
    farm = offer(Offer.Kind.EXPERIENCE, Offer.Unit.PERSON_SESSION, "紀州ファーム", "Kishu Farm")
    adult = PriceCategoryFactory(
        offer=farm,
        code="adult",
        name="大人",
        name_en="Adult",
        price=ADULT_PRICE,
        weekend_price=ADULT_WEEKEND_PRICE,
    )
    session = make_slot(farm, first + timedelta(days=5), capacity=4)
    return Week(first, inn, room, office, desk_day, farm, adult, session)


# What the week costs: three nights, two desk days, two adults on a Saturday.
WEEK_TOTAL = 3 * ROOM_PRICE + 2 * DESK_DAY_PRICE + 2 * ADULT_WEEKEND_PRICE
