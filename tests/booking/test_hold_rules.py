"""The rules a hold enforces on the server, each with the message a guest sees."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from booking.models import Booking, Offer
from booking.services.holds import HoldItem, NotBookable, SoldOut, create_hold, hold_duration
from booking.services.jst import JST, at, today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience():
    offer = OfferFactory(min_per_booking=2, max_per_booking=6)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    child = PriceCategoryFactory(offer=offer, code="child", name="子ども", price=3300)
    return offer, adult, child


def test_a_hold_counts_adults_and_children_and_prices_each(experience):
    offer, adult, child = experience
    slot = make_slot(offer, today() + timedelta(days=5), capacity=10)

    booking = create_hold(
        offer, [HoldItem((slot.pk,), adult.pk, 2), HoldItem((slot.pk,), child.pk, 1)]
    )

    assert booking.status == Booking.Status.HELD
    assert booking.total == 2 * 5500 + 3300
    assert booking.tax == booking.total * 10 // 110 == 1300
    assert booking.service_date == slot.date
    assert len(booking.reference) == 9 and booking.reference[4] == "-"


def test_a_hold_lasts_a_checkout_session_plus_a_grace(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() + timedelta(days=5))
    now = timezone.now()

    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)], now=now)

    assert booking.hold_expires_at - now == hold_duration()
    assert hold_duration() > timedelta(minutes=30)


def test_fewer_than_the_minimum_is_refused_with_the_minimum_named(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() + timedelta(days=5))
    with pytest.raises(NotBookable, match="2"):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 1)])


def test_more_than_the_maximum_is_refused(experience):
    offer, adult, child = experience
    slot = make_slot(offer, today() + timedelta(days=5), capacity=20)
    with pytest.raises(NotBookable, match="6"):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 5), HoldItem((slot.pk,), child.pk, 2)])


def test_more_than_is_free_is_sold_out_and_says_how_many_are_left(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() + timedelta(days=5), capacity=3)
    with pytest.raises(SoldOut, match="3") as refused:
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 4)])
    assert refused.value.status == 409
    assert not Booking.objects.exists()


def test_a_closed_slot_cannot_be_held(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() + timedelta(days=5), closed=True)
    with pytest.raises(NotBookable):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)])


def test_a_past_slot_cannot_be_held(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() - timedelta(days=1))
    with pytest.raises(NotBookable):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)])


def test_lead_time_is_enforced(experience):
    offer, adult, _ = experience
    offer.lead_time_hours = 48
    offer.save()
    slot = make_slot(offer, today() + timedelta(days=1), starts=time(10, 0))
    now = at(today(), time(12, 0))  # 22 hours before the start
    with pytest.raises(NotBookable, match="48"):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)], now=now)


def test_same_day_cut_off_closes_bookings_for_today_at_the_set_time(experience):
    offer, adult, _ = experience
    offer.same_day_cutoff = time(9, 0)
    offer.save()
    day = today() + timedelta(days=3)
    slot = make_slot(offer, day, starts=time(14, 0), ends=time(16, 0))

    before = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)], now=at(day, time(8, 59)))
    assert before.status == Booking.Status.HELD
    with pytest.raises(NotBookable, match="09:00"):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)], now=at(day, time(9, 0)))


def test_a_price_category_of_another_offer_is_refused(experience):
    offer, _, _ = experience
    stranger = PriceCategoryFactory()
    slot = make_slot(offer, today() + timedelta(days=5))
    with pytest.raises(NotBookable):
        create_hold(offer, [HoldItem((slot.pk,), stranger.pk, 2)])


def test_a_slot_of_another_offer_is_refused(experience):
    offer, adult, _ = experience
    other_slot = make_slot(OfferFactory(), today() + timedelta(days=5))
    with pytest.raises(NotBookable):
        create_hold(offer, [HoldItem((other_slot.pk,), adult.pk, 2)])


def test_an_offer_off_sale_cannot_be_held(experience):
    offer, adult, _ = experience
    slot = make_slot(offer, today() + timedelta(days=5))
    offer.active = False
    offer.save()
    with pytest.raises(NotBookable):
        create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)])


def test_a_stay_takes_every_night_or_none():
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    room = PriceCategoryFactory(offer=offer, code="room", price=12000, weekend_price=15000)
    nights = make_nights(offer, today() + timedelta(days=20), 3, capacity=1)
    blocker = create_hold(offer, [HoldItem((nights[2].pk,), room.pk, 1)])

    with pytest.raises(SoldOut):
        create_hold(offer, [HoldItem((n.pk,), room.pk, 1) for n in nights])

    assert Booking.objects.get() == blocker  # nothing of the refused stay was written


def test_stay_nights_must_follow_one_another():
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    room = PriceCategoryFactory(offer=offer, code="room", price=12000)
    nights = make_nights(offer, today() + timedelta(days=20), 3)
    with pytest.raises(NotBookable):
        create_hold(
            offer, [HoldItem((nights[0].pk,), room.pk, 1), HoldItem((nights[2].pk,), room.pk, 1)]
        )


def test_weekend_nights_use_the_weekend_price():
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    room = PriceCategoryFactory(offer=offer, code="room", price=12000, weekend_price=15000)
    friday = today() + timedelta(days=14)
    while friday.weekday() != 4:
        friday += timedelta(days=1)
    nights = make_nights(offer, friday, 3)  # Friday, Saturday, Sunday

    booking = create_hold(offer, [HoldItem((n.pk,), room.pk, 1) for n in nights])

    assert booking.total == 12000 + 15000 + 15000


def test_a_full_desk_day_takes_both_halves_and_shares_its_price():
    offer = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    day_pass = PriceCategoryFactory(offer=offer, code="day", price=2001)
    day = today() + timedelta(days=4)
    morning = make_slot(offer, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
    afternoon = make_slot(offer, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")

    booking = create_hold(offer, [HoldItem((morning.pk, afternoon.pk), day_pass.pk, 1)])

    assert booking.total == 2001
    assert sorted(booking.lines.values_list("unit_price", flat=True)) == [1000, 1001]
    with pytest.raises(SoldOut):
        create_hold(offer, [HoldItem((afternoon.pk,), day_pass.pk, 1)])


def test_a_slot_price_override_replaces_the_category_price(experience):
    offer, adult, child = experience
    child.follows_slot_override = False
    child.save()
    slot = make_slot(offer, today() + timedelta(days=5), price_override=7000)

    booking = create_hold(
        offer, [HoldItem((slot.pk,), adult.pk, 1), HoldItem((slot.pk,), child.pk, 1)]
    )

    assert booking.total == 7000 + 3300


def test_a_session_at_half_past_midnight_belongs_to_its_japanese_day(experience):
    offer, adult, _ = experience
    day = today() + timedelta(days=6)
    slot = make_slot(offer, day, starts=time(0, 30), ends=time(2, 0))
    assert slot.starts_at.astimezone(JST).date() == day
    assert slot.starts_at.astimezone(UTC).date() == day - timedelta(days=1)

    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)])

    assert booking.service_date == day


def test_today_at_one_minute_to_midnight_is_still_today_in_japan():
    late = datetime(2026, 11, 23, 23, 59, tzinfo=JST)
    assert today(late).isoformat() == "2026-11-23"
    assert today(late + timedelta(minutes=1)).isoformat() == "2026-11-24"
