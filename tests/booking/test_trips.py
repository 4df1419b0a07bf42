"""Holding a trip: a stay, desks and an experience from three businesses, all or none."""

from datetime import time, timedelta

import pytest
from django.utils import translation

from booking.models import Booking, Offer, Trip
from booking.services.holds import (
    HoldItem,
    HoldRequest,
    ItemRefused,
    NotBookable,
    SoldOut,
    create_hold,
    create_holds,
)
from booking.services.jst import today
from booking.services.selection import desk_items, session_items, stay_items
from booking.services.trips import hold_trip
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    """Three nights at an inn, desks at an office on two of the days, a farm experience."""
    first = today() + timedelta(days=14)
    inn = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    make_nights(inn, first, 3, capacity=1)
    office = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=office, code="day", price=2200)
    for offset in (1, 2):
        day = first + timedelta(days=offset)
        make_slot(office, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
        make_slot(office, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")
    farm = OfferFactory()
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    session = make_slot(farm, first + timedelta(days=3), capacity=4)
    return [
        HoldRequest(inn, stay_items(inn, first, 3, {room.pk: 1})),
        HoldRequest(office, desk_items(office, first + timedelta(days=1), 2, "day", 1)),
        HoldRequest(farm, session_items(farm, session.pk, {adult.pk: 2})),
    ]


def test_a_trip_holds_one_booking_per_item_each_with_its_own_seller_and_price(week):
    held = hold_trip(week, language="en")

    assert [b.offer for b in held.bookings] == [request.offer for request in week]
    assert [b.total for b in held.bookings] == [3 * 12000, 2 * 2200, 2 * 5500]
    assert held.total == 36000 + 4400 + 11000
    assert {b.status for b in held.bookings} == {Booking.Status.HELD}
    assert len({b.offer.organisation_id for b in held.bookings}) == 3
    assert set(held.trip.bookings.all()) == set(held.bookings)
    assert held.trip.language == "en" and len(held.trip.reference) == 9


def test_one_item_that_no_longer_fits_holds_nothing_and_is_named(week):
    hold_trip([week[1]])  # someone else takes the last desk on those days

    with pytest.raises(ItemRefused) as refused:
        hold_trip(week)

    assert refused.value.index == 1
    assert isinstance(refused.value.refused, SoldOut)
    assert refused.value.status == 409
    assert Booking.objects.count() == 1  # only the other trip's desk booking
    assert Trip.objects.count() == 1


def test_an_item_breaking_its_rules_is_refused_before_anything_is_locked(week):
    farm = week[2].offer
    farm.max_per_booking = 1
    farm.save()

    with pytest.raises(ItemRefused) as refused:
        hold_trip(week)

    assert refused.value.index == 2 and isinstance(refused.value.refused, NotBookable)
    assert not Booking.objects.exists() and not Trip.objects.exists()


def test_two_items_sharing_a_slot_are_counted_together(week):
    farm_request = week[2]
    farm_request_again = HoldRequest(farm_request.offer, farm_request.items)

    with pytest.raises(ItemRefused) as refused:  # 2 + 2 + 2 people, 4 places
        hold_trip([farm_request, farm_request_again, farm_request])

    assert refused.value.index == 2
    assert not Booking.objects.exists()
    held = hold_trip([farm_request, farm_request_again])
    assert len(held.bookings) == 2


def test_an_item_naming_another_offers_slot_is_refused(week):
    night = week[0].items[0].slot_ids
    farm = week[2].offer
    crossed = HoldRequest(farm, [HoldItem(night, farm.price_categories.get().pk, 1)])

    with pytest.raises(ItemRefused) as refused:
        hold_trip([week[1], crossed])

    assert refused.value.index == 1 and isinstance(refused.value.refused, NotBookable)
    assert not Booking.objects.exists()


# The price categories, the trip's reference, the transaction and lock wait, the slots locked,
# what they have taken, the trip, two per item (a reference, the booking), the lines. Measured.
STATEMENTS_PER_TRIP_OF_THREE = {"postgresql": 15, "sqlite": 16}


def test_a_trip_costs_a_fixed_number_of_statements_plus_two_per_item(week):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements(requests) -> int:
        with CaptureQueriesContext(connection) as captured:
            held = hold_trip(requests)
        Booking.objects.filter(trip=held.trip).delete()
        held.trip.delete()
        return len(captured)

    statements(week)  # warm: content types, the site
    two, three = statements(week[:2]), statements(week)

    assert three - two == 2  # the item's reference and its booking; locks, counts, lines shared
    assert three == STATEMENTS_PER_TRIP_OF_THREE[connection.vendor], three


def test_an_offer_needing_the_hosts_answer_is_refused_in_a_trip_and_nothing_is_held(week):
    farm = week[2].offer
    farm.instant_booking = False
    farm.save()

    with translation.override("en"), pytest.raises(ItemRefused) as refused:
        hold_trip(week, language="en")

    assert refused.value.index == 2 and isinstance(refused.value.refused, NotBookable)
    assert "book it on its own" in refused.value.message
    assert not Booking.objects.exists() and not Trip.objects.exists()


def test_a_booking_made_alone_is_a_one_item_trip_under_its_own_reference():
    offer = OfferFactory()
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=4)

    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)])

    trip = Trip.objects.get(pk=booking.trip_id)
    assert trip.reference == booking.reference and not trip.from_plan
    assert list(trip.bookings.all()) == [booking]


def test_several_items_are_held_together_only_in_a_trip():
    offer = OfferFactory()
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    first, second = (make_slot(offer, today() + timedelta(days=d), capacity=4) for d in (10, 11))
    requests = [HoldRequest(offer, [HoldItem((slot.pk,), adult.pk, 1)]) for slot in (first, second)]

    with pytest.raises(ValueError):
        create_holds(requests)

    assert not Booking.objects.exists()
