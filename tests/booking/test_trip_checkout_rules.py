"""The rules around a trip's checkout that keep it whole: its items are never checked out
alone, checking the plan out again takes the old holds over only if the new hold succeeds, a
second click finds the first one's trip, an anonymous plan's trip follows it into the account,
and a plan in use is never swept away."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.models import Booking, Trip, TripPlan
from booking.services import checkout, payments, sweeps, trip_plans, trips
from booking.services.cancellation import CannotCancel, cancel_by_guest
from booking.services.checkout import PartOfTrip
from booking.services.holds import ItemRefused, create_hold
from booking.services.jst import today
from booking.services.selection import session_items
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.booking.test_trip_payments import GUEST, REGISTER, statuses, to_payment_page, week  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def plan_of(week, *, user=None) -> TripPlan:  # noqa: F811
    plan = trip_plans.new_plan("ja", user=user)
    for request in week:
        trip_plans.add_item(plan, request.offer, request.items, timezone.now())
    return plan


def test_an_item_of_a_trip_cannot_be_checked_out_or_paid_alone(fake_stripe, week):  # noqa: F811
    held = trips.hold_trip(week)
    desk = held.bookings[1]

    with pytest.raises(PartOfTrip):
        checkout.save_guest_details(desk, GUEST)
    with pytest.raises(PartOfTrip):
        checkout.submit_for_payment(desk)
    with pytest.raises(PartOfTrip):
        payments.start_checkout(
            desk, success_url="http://x/", cancel_url="http://x/", description=""
        )
    assert statuses(held.trip) == [Booking.Status.HELD] * 3


def test_the_single_checkout_pages_send_a_trip_item_to_its_trip(client, week):  # noqa: F811
    user = UserFactory()
    held = trips.hold_trip(week, user=user)
    client.force_login(user)

    details = client.get(f"/ja/booking/{held.bookings[1].reference}/details/")
    confirm = client.post(f"/ja/booking/{held.bookings[1].reference}/confirm/")

    assert details.status_code == confirm.status_code == 302
    assert details["Location"].endswith(f"/trip/{held.trip.reference}/details/")
    assert confirm["Location"].endswith(f"/trip/{held.trip.reference}/confirm/")
    assert statuses(held.trip) == [Booking.Status.HELD] * 3


def test_checking_out_again_with_an_item_gone_keeps_what_was_held(week):  # noqa: F811
    plan = plan_of(week)
    first = trips.check_out_plan(plan)
    kayak = OfferFactory()
    adult = PriceCategoryFactory(offer=kayak, code="adult", price=4000)
    session = make_slot(kayak, today() + timedelta(days=15), capacity=1)
    items = session_items(kayak, session.pk, {adult.pk: 1})
    trip_plans.add_item(plan, kayak, items, timezone.now())
    create_hold(kayak, items)  # someone else takes the last place meanwhile

    with pytest.raises(ItemRefused) as refused:
        trips.check_out_plan(plan)

    assert list(plan.items.all())[refused.value.index].offer == kayak
    assert statuses(first.trip) == [Booking.Status.HELD] * 3  # nothing lost
    plan.refresh_from_db()
    assert plan.trip == first.trip and Trip.objects.filter(from_plan=True).count() == 1


def test_a_second_click_finds_the_first_clicks_trip_and_holds_nothing_more(week):  # noqa: F811
    plan = plan_of(week)
    stale = TripPlan.objects.get(pk=plan.pk)  # the second request read the plan before
    first = trips.check_out_plan(plan)

    with pytest.raises(trips.CheckoutInProgress) as busy:
        trips.check_out_plan(stale)

    assert busy.value.trip == first.trip
    held = Booking.objects.filter(status=Booking.Status.HELD)
    assert set(held.values_list("trip", flat=True)) == {first.trip.pk}
    assert held.count() == 3


def test_a_trip_with_a_payment_page_open_is_not_checked_out_again(fake_stripe, week):  # noqa: F811
    trip, _bookings, _payment = to_payment_page(week)
    plan = TripPlan.objects.create(token="open-page", trip=trip)

    with pytest.raises(trips.CheckoutInProgress) as busy:
        trips.check_out_plan(plan)

    assert busy.value.trip == trip
    assert statuses(trip) == [Booking.Status.AWAITING_PAYMENT] * 3


def test_signing_in_keeps_the_trip_checked_out_from_the_anonymous_plan(week):  # noqa: F811
    anonymous = plan_of(week)
    held = trips.check_out_plan(anonymous)
    account = trip_plans.plan_for_user(UserFactory())

    trip_plans.merge_plans(anonymous, account)

    account.refresh_from_db()
    assert account.trip == held.trip
    again = trips.check_out_plan(account)  # takes the old holds over instead of competing
    assert statuses(held.trip) == [Booking.Status.EXPIRED] * 3
    assert statuses(again.trip) == [Booking.Status.HELD] * 3


def test_a_plan_given_an_item_today_is_not_swept(week):  # noqa: F811
    plan = trip_plans.new_plan("ja")
    TripPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now() - timedelta(days=31))
    request = week[0]

    trip_plans.add_item(plan, request.offer, request.items, timezone.now())

    assert sweeps.delete_abandoned_plans() == 0
    assert TripPlan.objects.filter(pk=plan.pk).exists()


def test_an_item_of_a_trip_not_paid_yet_is_not_cancelled_alone(week):  # noqa: F811
    held = trips.hold_trip(week)

    with pytest.raises(CannotCancel) as refused:
        cancel_by_guest(held.bookings[2], timezone.now())

    assert "trip" in refused.value.message or "旅程" in refused.value.message
    assert statuses(held.trip) == [Booking.Status.HELD] * 3
    # A booking of its own still can be cancelled while held.
    alone = create_hold(week[2].offer, week[2].items)
    assert cancel_by_guest(alone, timezone.now()).cancelled
