"""Date changes racing new guests for the last places, and a move racing the booking's own
cancellation, from threads with their own connections: never oversold, never half done, on
whichever database the suite runs on (SQLite by default, PostgreSQL when DATABASE_URL points
at it)."""

from collections import Counter
from datetime import time, timedelta

import pytest

from booking.models import Booking, BookingLine, DateChange
from booking.services import availability, date_changes
from booking.services.cancellation import cancel_by_guest
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import at, today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.concurrency.test_holds_under_load import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def confirmed(offer, slot, adult) -> Booking:
    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 1)])
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, confirmed_at=at(today(), time(9, 0))
    )
    booking.refresh_from_db()
    return booking


def test_moves_and_new_guests_racing_for_the_last_two_places_never_oversell(settings):
    settings.BOOKING_LOCK_TIMEOUT_MS = 30000
    offer = OfferFactory(date_changes=True, free_cancellation_days=3)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    first = today() + timedelta(days=10)
    booked = make_slot(offer, first, capacity=8)
    wanted = make_slot(offer, first + timedelta(days=1), capacity=2)
    movers = [confirmed(offer, booked, adult) for _ in range(4)]
    one = [HoldItem((wanted.pk,), adult.pk, 1)]

    outcomes = run_together(
        [lambda booking=booking: date_changes.hold_new_dates(booking, one) for booking in movers]
        + [lambda: create_hold(offer, one) for _ in range(4)]
    )

    assert outcomes == Counter({"held": 2, "sold_out": 6})
    assert availability.taken([wanted.pk]) == {wanted.pk: 2}
    for change in DateChange.objects.filter(status=DateChange.Status.PENDING):
        date_changes.accept(change)
    assert availability.taken([wanted.pk])[wanted.pk] == 2
    assert BookingLine.objects.filter(slot=wanted).count() == 2


def test_a_move_racing_the_bookings_cancellation_ends_one_way_or_the_other(settings):
    settings.BOOKING_LOCK_TIMEOUT_MS = 30000
    offer = OfferFactory(date_changes=True, free_cancellation_days=3)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    first = today() + timedelta(days=10)
    booked = make_slot(offer, first, capacity=8)
    later = make_slot(offer, first + timedelta(days=1), capacity=8, price_override=4400)
    for _round in range(3):
        booking = confirmed(offer, booked, adult)
        change = date_changes.hold_new_dates(booking, [HoldItem((later.pk,), adult.pk, 1)])

        outcomes = run_together(
            [
                lambda change=change: date_changes.accept(change),
                lambda booking=booking: cancel_by_guest(booking, at(today(), time(9, 0))),
            ]
        )

        booking.refresh_from_db()
        change.refresh_from_db()
        assert not [outcome for outcome in outcomes if outcome.startswith("error")], outcomes
        assert booking.status == Booking.Status.CANCELLED
        lines = list(BookingLine.objects.filter(booking=booking).values_list("slot_id", flat=True))
        if change.status == DateChange.Status.DONE:  # moved, then cancelled
            assert lines == [later.pk] and booking.total == 4400
        else:  # cancelled first: the move was refused and its hold released
            assert change.status == DateChange.Status.LAPSED
            assert lines == [booked.pk] and booking.total == 5500
        assert not Booking.objects.filter(pk=change.hold_id, status__in=Booking.HOLDING).exists()
