"""Schedules make slots on a rolling horizon; free capacity is counted, never decremented."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking.models import Booking, BookingLine, ClosedDate, Offer, Slot
from booking.services.availability import free_capacity
from booking.services.jst import JST
from booking.services.slots import materialise_slots
from tests.booking.factories import (
    OfferFactory,
    PriceCategoryFactory,
    ScheduleFactory,
    TripFactory,
    make_slot,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 1, 4)


def test_a_weekday_schedule_makes_one_session_per_weekday_and_skips_closed_dates():
    offer = OfferFactory()
    ScheduleFactory(offer=offer, start_date=MONDAY, weekdays="01234", capacity=8)
    ClosedDate.objects.create(offer=offer, date=MONDAY + timedelta(days=2), reason="祝日")

    created = materialise_slots(offer, start=MONDAY, horizon_days=14)

    days = sorted(Slot.objects.filter(offer=offer).values_list("date", flat=True))
    assert created == 9  # ten weekdays in two weeks, less the closed Wednesday
    assert all(day.weekday() < 5 for day in days)
    assert MONDAY + timedelta(days=2) not in days
    first = Slot.objects.filter(offer=offer).earliest("starts_at")
    assert first.starts_at.astimezone(JST).time() == time(10, 0)
    assert first.capacity == 8


def test_materialising_twice_creates_nothing_new_and_keeps_partner_changes():
    offer = OfferFactory()
    ScheduleFactory(offer=offer, start_date=MONDAY, capacity=4)
    materialise_slots(offer, start=MONDAY, horizon_days=7)
    changed = Slot.objects.filter(offer=offer).earliest("starts_at")
    changed.capacity = 2
    changed.save()

    assert materialise_slots(offer, start=MONDAY, horizon_days=7) == 0
    changed.refresh_from_db()
    assert changed.capacity == 2


def test_the_horizon_rolls_forward():
    offer = OfferFactory()
    ScheduleFactory(offer=offer, start_date=MONDAY, capacity=4)
    materialise_slots(offer, start=MONDAY, horizon_days=7)
    assert materialise_slots(offer, start=MONDAY, horizon_days=10) == 3


def test_a_schedule_ends_on_its_end_date():
    offer = OfferFactory()
    ScheduleFactory(offer=offer, start_date=MONDAY, end_date=MONDAY + timedelta(days=2))
    assert materialise_slots(offer, start=MONDAY, horizon_days=30) == 3


def test_stays_make_nights_from_check_in_to_next_day_check_out():
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    ScheduleFactory(
        offer=offer, start_date=MONDAY, start_time=time(15, 0), end_time=time(10, 0), capacity=3
    )
    materialise_slots(offer, start=MONDAY, horizon_days=2)
    night = Slot.objects.filter(offer=offer).earliest("starts_at")
    assert night.starts_at.astimezone(JST).time() == time(15, 0)
    assert night.ends_at.astimezone(JST).date() == MONDAY + timedelta(days=1)
    assert night.ends_at.astimezone(JST).time() == time(10, 0)


def test_desks_make_a_morning_and_an_afternoon_each_day():
    offer = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    ScheduleFactory(
        offer=offer,
        start_date=MONDAY,
        start_time=time(9, 0),
        end_time=time(18, 0),
        half_day_split=time(13, 0),
        capacity=12,
    )
    materialise_slots(offer, start=MONDAY, horizon_days=1)
    parts = list(
        Slot.objects.filter(offer=offer).order_by("starts_at").values_list("part", flat=True)
    )
    assert parts == ["am", "pm"]


def test_a_midnight_session_is_dated_by_its_japanese_day():
    offer = OfferFactory()
    ScheduleFactory(offer=offer, start_date=MONDAY, start_time=time(0, 30), end_time=time(2, 0))
    materialise_slots(offer, start=MONDAY, horizon_days=1)
    slot = Slot.objects.get(offer=offer)
    assert slot.date == MONDAY
    assert slot.starts_at.astimezone(JST).date() == MONDAY


# --- free capacity against a brute-force count --------------------------------------------

booking_states = st.lists(
    st.tuples(
        st.sampled_from([s.value for s in Booking.Status]),
        st.integers(min_value=-120, max_value=120),  # hold expiry, minutes from now
        st.integers(min_value=1, max_value=4),  # quantity
    ),
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bookings=booking_states, capacity=st.integers(min_value=0, max_value=12), closed=st.booleans()
)
def test_free_capacity_matches_a_brute_force_count(bookings, capacity, closed):
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer)
    slot = make_slot(offer, MONDAY, capacity=capacity, closed=closed)
    now = timezone.now()
    expected_taken = 0
    for index, (status, minutes, quantity) in enumerate(bookings):
        expires = now + timedelta(minutes=minutes)
        booking = Booking.objects.create(
            trip=TripFactory(),
            reference=f"T{index:03d}-{slot.pk}",
            offer=offer,
            status=status,
            hold_expires_at=expires,
            service_date=MONDAY,
            total=0,
        )
        BookingLine.objects.create(
            booking=booking, slot=slot, price_category=category, quantity=quantity, unit_price=0
        )
        # A hold, or a request to book waiting for the host, counts until it runs out.
        live_hold = status in ("held", "awaiting_payment", "requested") and expires > now
        if status == "confirmed" or live_hold:
            expected_taken += quantity

    free = free_capacity([slot], now=now)[slot.pk]

    assert free == (0 if closed else max(capacity - expected_taken, 0))
