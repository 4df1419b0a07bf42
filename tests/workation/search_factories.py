"""Builders for search tests: listing pages with offers, prices, slots and bookings on them."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from booking.models import Booking, BookingLine, Offer, PriceCategory, Slot
from booking.services.jst import at, today
from tests.booking.factories import OfferFactory, PartnerOrganisationFactory, TripFactory
from tests.factories import (
    AreaPageFactory,
    ExperiencePageFactory,
    OfficePageFactory,
    PartnerPageFactory,
    StayPageFactory,
)

PAGE_FACTORIES = {
    Offer.Kind.DESK: OfficePageFactory,
    Offer.Kind.EXPERIENCE: ExperiencePageFactory,
    Offer.Kind.STAY: StayPageFactory,
}
UNITS = {
    Offer.Kind.DESK: Offer.Unit.DESK_HALF_DAY,
    Offer.Kind.EXPERIENCE: Offer.Unit.PERSON_SESSION,
    Offer.Kind.STAY: Offer.Unit.ROOM_NIGHT,
}


def soon(days: int = 10) -> date:
    """A Japanese day `days` from today."""
    return today() + timedelta(days=days)


def area_page(tree, **kwargs):
    """Another area next to the tree's."""
    return AreaPageFactory(parent=tree.area_index, **kwargs)


def listed_offer(
    tree,
    kind: str = Offer.Kind.EXPERIENCE,
    *,
    area=None,
    price: int = 5500,
    prices: tuple[int, ...] = (),
    amenities=(),
    languages=(),
    category=None,
    page_kwargs: dict | None = None,
    **offer_kwargs,
) -> Offer:
    """A live listing page of the kind (under the tree's partner) with one offer and its prices."""
    page_kwargs = dict(page_kwargs or {})
    if category is not None:
        page_kwargs["category"] = category
    page = PAGE_FACTORIES[kind](
        parent=getattr(tree, "search_partner", None) or _partner(tree),
        area=tree.area if area is None else area,
        **page_kwargs,
    )
    if amenities:
        page.amenities.set(amenities)
    if languages:
        page.languages.set(languages)
    if amenities or languages:
        page.save_revision().publish()
    offer = OfferFactory(
        page=page,
        kind=kind,
        unit=offer_kwargs.pop("unit", UNITS[kind]),
        organisation=PartnerOrganisationFactory(),
        **offer_kwargs,
    )
    for index, amount in enumerate(prices or (price,)):
        PriceCategory.objects.create(
            offer=offer, code=f"p{index}", name=f"料金{index}", price=amount, sort_order=index
        )
    return offer


def _partner(tree):
    tree.search_partner = PartnerPageFactory(parent=tree.partner_index, area=tree.area)
    return tree.search_partner


def slot(
    offer: Offer,
    day: date,
    capacity: int = 5,
    *,
    starts: time = time(10, 0),
    ends: time = time(12, 0),
    part: str = "",
    closed: bool = False,
) -> Slot:
    """A saved slot on a Japanese day; stays get a night (check-in day to next morning)."""
    end_day = day + timedelta(days=1) if offer.kind == Offer.Kind.STAY else day
    if offer.kind == Offer.Kind.STAY and starts == time(10, 0):
        starts, ends = time(15, 0), time(10, 0)
    return Slot.objects.create(
        offer=offer,
        date=day,
        part=part,
        starts_at=at(day, starts),
        ends_at=at(end_day, ends),
        capacity=capacity,
        closed=closed,
    )


def desk_day(offer: Offer, day: date, capacity: int = 5) -> tuple[Slot, Slot]:
    """A desk's morning and afternoon on one day."""
    return (
        slot(offer, day, capacity, starts=time(9, 0), ends=time(13, 0), part="am"),
        slot(offer, day, capacity, starts=time(13, 0), ends=time(18, 0), part="pm"),
    )


def nights(offer: Offer, first: date, count: int, capacity: int = 2) -> list[Slot]:
    """`count` consecutive nights from `first`."""
    return [slot(offer, first + timedelta(days=i), capacity) for i in range(count)]


_references = iter(range(1, 10**9))


def book(
    target: Slot,
    quantity: int,
    *,
    status: str = Booking.Status.CONFIRMED,
    expires: datetime | None = None,
) -> Booking:
    """A booking of `quantity` units of a slot (a hold when `status` is held)."""
    offer = target.offer
    booking = Booking.objects.create(
        trip=TripFactory(),
        reference=f"S{next(_references):09d}",
        offer=offer,
        status=status,
        hold_expires_at=expires or timezone.now() + timedelta(minutes=30),
        service_date=target.date,
        total=0,
    )
    BookingLine.objects.create(
        booking=booking,
        slot=target,
        price_category=offer.price_categories.first(),
        quantity=quantity,
        unit_price=0,
    )
    return booking
