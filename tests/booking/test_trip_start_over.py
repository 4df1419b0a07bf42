"""A trip at checkout whose plan changed: the plan page and the checkout pages say so, and
starting over lets the trip go (places and payment page) so the plan can be checked out as it
is now; a trip paid meanwhile is kept."""

import pytest
from django.test import Client
from django.utils import timezone

from booking.models import Booking, Payment, TripPlan
from booking.services import payments, trip_plans, trips
from tests.booking.test_trip_checkout_pages import (
    GUEST,
    REGISTER,
    Week,
    check_out,
    give_plan,
    url,
    week,  # noqa: F401 (a fixture)
)

pytestmark = pytest.mark.django_db

CHANGED = "手続きを始めた後に旅程プランが変わりました"
UNDERWAY = "この旅程の手続き中です"


def at_payment_page(client: Client, week: Week):  # noqa: F811
    """The inn and the farm checked out and their payment page opened; then the desk added
    to the plan."""
    plan = give_plan(client, [week.items[0], week.items[2]])
    trip = check_out(client)
    client.post(url("trip_details", reference=trip.reference), {**GUEST, **REGISTER})
    client.post(url("trip_confirm", reference=trip.reference))
    payment = Payment.objects.get(trip=trip)
    office, desk = week.items[1]
    trip_plans.add_item(plan, office, desk, timezone.now())
    return plan, trip, payment


def test_the_plan_page_offers_to_continue_a_checkout_that_is_underway(client, week):  # noqa: F811
    give_plan(client, week.items)
    trip = check_out(client)

    html = client.get(url("trip_plan")).content.decode()

    assert UNDERWAY in html and CHANGED not in html
    assert url("trip_details", reference=trip.reference) in html


def test_a_plan_changed_during_payment_is_shown_and_checkout_leads_to_the_unchanged_trip(
    client,
    week,  # noqa: F811
    fake_stripe,
):
    plan, trip, payment = at_payment_page(client, week)

    page = client.get(url("trip_plan")).content.decode()
    again = client.post(url("trip_checkout"))
    confirm = client.get(url("trip_confirm", reference=trip.reference)).content.decode()

    assert CHANGED in page
    assert url("trip_start_over", reference=trip.reference) in page
    assert again["Location"] == url("trip_details", reference=trip.reference)
    assert CHANGED in confirm and url("trip_start_over", reference=trip.reference) in confirm
    assert trip.bookings.count() == 2  # the payment page still covers the two items only


def test_starting_over_releases_the_trip_closes_its_payment_and_checks_the_new_plan_out(
    client,
    week,  # noqa: F811
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    plan, trip, payment = at_payment_page(client, week)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("trip_start_over", reference=trip.reference), follow=True)

    assert response.redirect_chain[-1][0] == url("trip_plan")
    assert "先ほどの手続きを取りやめ" in response.content.decode()
    assert {b.status for b in trip.bookings.all()} == {Booking.Status.EXPIRED}
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
    plan.refresh_from_db()
    assert plan.trip is None
    fresh = check_out(client)
    assert fresh != trip and fresh.bookings.count() == 3


def test_a_trip_paid_before_starting_over_is_kept(
    client,
    week,  # noqa: F811
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    plan, trip, payment = at_payment_page(client, week)
    fake_stripe.pay(payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)
    plan = TripPlan(pk=plan.pk, trip=trip)  # the page was opened before the payment landed

    with pytest.raises(trips.CheckoutInProgress):
        trips.start_over(plan, timezone.now())

    assert {b.status for b in trip.bookings.all()} == {Booking.Status.CONFIRMED}


def test_only_the_browser_that_holds_the_trip_can_start_it_over(client, week, fake_stripe):  # noqa: F811
    plan, trip, payment = at_payment_page(client, week)

    response = Client().post(url("trip_start_over", reference=trip.reference))

    assert response.status_code == 404
    assert {b.status for b in trip.bookings.all()} == {Booking.Status.AWAITING_PAYMENT}
