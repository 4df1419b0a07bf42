"""Cancellation by the guest: the refund the offer's policy gives (in Japan time), idempotence,
and capacity coming back."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from booking.models import Booking
from booking.services.availability import free_capacity
from booking.services.cancellation import (
    CannotCancel,
    can_cancel,
    cancel_by_guest,
    cancellation_terms,
    refund_amount,
    refund_due,
)
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import at, today
from tests.booking.account_factories import make_booking
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot

pytestmark = pytest.mark.django_db

SERVICE_DAY_OFFSET = 20


@pytest.fixture
def offer():
    return OfferFactory(free_cancellation_days=3, late_cancellation_refund_percent=50)


@pytest.fixture
def booking(offer):
    """A paid booking of ¥11,000 on a day 20 days ahead, starting at 10:00 JST."""
    return make_booking(offer, day=today() + timedelta(days=SERVICE_DAY_OFFSET), quantity=2)


def test_full_refund_at_exactly_n_days_before_the_date_in_japan_time(booking):
    deadline = at(booking.service_date - timedelta(days=3), time(0, 0))
    assert refund_amount(booking, deadline) == 11000


def test_one_minute_after_the_free_period_the_late_percentage_applies(booking):
    deadline = at(booking.service_date - timedelta(days=3), time(0, 0))
    assert refund_amount(booking, deadline + timedelta(minutes=1)) == 5500


def test_the_boundary_is_midnight_in_japan_not_in_utc(booking):
    # 23:30 JST the evening before the deadline is already the deadline's day in UTC.
    evening_before = at(booking.service_date - timedelta(days=4), time(23, 30))
    assert evening_before.astimezone(UTC).date() == booking.service_date - timedelta(days=4)
    assert refund_amount(booking, evening_before) == 11000
    # 00:30 JST on the deadline's day is still the previous day in UTC, yet no longer free.
    just_after = at(booking.service_date - timedelta(days=3), time(0, 30))
    assert just_after.astimezone(UTC).date() == booking.service_date - timedelta(days=4)
    assert refund_amount(booking, just_after) == 5500


def test_the_late_refund_is_rounded_down_to_whole_yen(offer):
    odd = make_booking(
        offer, day=today() + timedelta(days=SERVICE_DAY_OFFSET), quantity=1, unit_price=3333
    )
    late = at(odd.service_date - timedelta(days=1), time(9, 0))
    assert refund_amount(odd, late) == 1666


def test_nothing_is_refunded_once_it_has_started(booking):
    start = at(booking.service_date, time(10, 0))
    assert refund_amount(booking, start - timedelta(minutes=1)) == 5500
    assert refund_amount(booking, start) == 0
    assert refund_amount(booking, start + timedelta(days=1)) == 0
    assert not can_cancel(booking, start)


def test_a_fully_refundable_offer_refunds_everything_until_the_start():
    offer = OfferFactory(free_cancellation_days=0, late_cancellation_refund_percent=100)
    booking = make_booking(offer, day=today() + timedelta(days=5))
    assert refund_amount(booking, at(booking.service_date, time(9, 59))) == booking.total


def test_holds_and_unpaid_bookings_cancel_with_nothing_to_refund(offer):
    now = timezone.now()
    for status in (Booking.Status.HELD, Booking.Status.AWAITING_PAYMENT):
        booking = make_booking(offer, status=status)
        assert refund_amount(booking, now) == 0
        result = cancel_by_guest(booking, now)
        assert result.cancelled and result.refund_amount == 0 and not result.was_paid
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED
        assert refund_due(booking) == 0


def test_cancelling_records_the_time_and_the_refund_due(booking):
    now = at(booking.service_date - timedelta(days=1), time(12, 0))
    result = cancel_by_guest(booking, now)

    assert result.cancelled and result.was_paid
    assert result.refund_amount == 5500
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_at == now
    assert refund_due(booking) == 5500


def test_cancelling_twice_is_safe_and_refunds_once(booking):
    first_time = at(booking.service_date - timedelta(days=10), time(12, 0))
    first = cancel_by_guest(booking, first_time)
    second = cancel_by_guest(Booking.objects.get(pk=booking.pk), first_time + timedelta(days=8))

    assert first.cancelled and first.refund_amount == 11000
    assert not second.cancelled and second.refund_amount == 0
    booking.refresh_from_db()
    assert booking.cancelled_at == first_time
    assert refund_due(booking) == 11000


def test_a_stale_copy_of_the_booking_is_not_cancelled_twice(booking):
    """Two requests holding the same (old) booking object: the row lock and the re-read decide."""
    stale = Booking.objects.get(pk=booking.pk)
    now = timezone.now()
    cancel_by_guest(booking, now)
    assert stale.status == Booking.Status.CONFIRMED
    assert cancel_by_guest(stale, now).cancelled is False
    assert stale.status == Booking.Status.CANCELLED


def test_a_started_booking_cannot_be_cancelled(booking):
    started = at(booking.service_date, time(10, 30))
    with translation.override("en"), pytest.raises(CannotCancel, match="started"):
        cancel_by_guest(booking, started)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_an_expired_hold_cannot_be_cancelled(offer):
    booking = make_booking(offer, status=Booking.Status.HELD, hold_minutes=-1)
    assert not can_cancel(booking, timezone.now())
    with pytest.raises(CannotCancel):
        cancel_by_guest(booking, timezone.now())


def test_a_cancelled_booking_frees_its_places():
    offer = OfferFactory()
    adult = PriceCategoryFactory(offer=offer, code="adult")
    slot = make_slot(offer, today() + timedelta(days=7), capacity=3)
    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)])
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    booking.refresh_from_db()
    assert free_capacity([slot])[slot.pk] == 0

    cancel_by_guest(booking, timezone.now())

    assert free_capacity([slot])[slot.pk] == 3
    # …and someone else can now take them.
    assert create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)]).status == Booking.Status.HELD


def test_the_terms_state_the_offer_policy_in_both_languages(offer):
    english = cancellation_terms(offer, "en")
    assert "3 days before" in english and "50%" in english and "Japan time" in english
    japanese = cancellation_terms(offer, "ja")
    assert "3" in japanese and "50" in japanese


def test_the_terms_follow_other_policies():
    assert "no refund" in cancellation_terms(
        OfferFactory(free_cancellation_days=1, late_cancellation_refund_percent=0), "en"
    )
    assert "1 day before" in cancellation_terms(
        OfferFactory(free_cancellation_days=1, late_cancellation_refund_percent=0), "en"
    )
    assert "full amount" in cancellation_terms(
        OfferFactory(late_cancellation_refund_percent=100), "en"
    )


def test_nine_in_the_morning_utc_is_already_after_a_ten_oclock_start_in_japan(offer):
    first_day = today() + timedelta(days=SERVICE_DAY_OFFSET)
    booking = make_booking(offer, day=first_day)
    assert refund_amount(booking, datetime.combine(first_day, time(9, 0), tzinfo=UTC)) == 0
