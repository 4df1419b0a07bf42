"""The trip's pages and its confirmation e-mail take the same number of queries whatever the
number of items: each page reads every item's lines, slots and pages in one go."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Booking, BookingEmail, Payment
from booking.services import trips
from booking.services.emails import build_message
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


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def counts(client, items, fake_stripe, capture) -> dict[str, int]:
    """Queries of each page of a trip of `items`, from details to the paid trip's page; the
    trip is cancelled afterwards so that the next one can have the same places."""
    give_plan(client, items)
    trip = check_out(client)
    found = {"details": queries(client, url("trip_details", reference=trip.reference))}
    client.post(url("trip_details", reference=trip.reference), {**GUEST, **REGISTER})
    found["confirm"] = queries(client, url("trip_confirm", reference=trip.reference))
    client.post(url("trip_confirm", reference=trip.reference))
    payment = Payment.objects.get(trip=trip)
    fake_stripe.pay(payment.checkout_session_id)
    with capture(execute=True):
        client.get(
            url("trip_paid", reference=trip.reference), {"session_id": payment.checkout_session_id}
        )
    assert {booking.status for booking in trip.bookings.all()} == {Booking.Status.CONFIRMED}
    found["trip page"] = queries(client, url("trip_status", reference=trip.reference))
    email = BookingEmail.objects.get(booking__trip=trip, kind=BookingEmail.Kind.TRIP_CONFIRMATION)
    with CaptureQueriesContext(connection) as captured:
        message = build_message(email)
    assert len(message.attachments) == 1 + len(items)  # the calendar and each check-in code
    found["confirmation e-mail"] = len(captured)
    with capture(execute=True):
        trips.cancel_trip(trip, timezone.now())
    return found


def test_the_checkout_pages_read_two_items_and_three_items_in_as_many_queries(
    week: Week,  # noqa: F811
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    measure = lambda items: counts(  # noqa: E731
        Client(), items, fake_stripe, django_capture_on_commit_callbacks
    )
    measure(week.items)  # the first requests of a process fill its caches
    two = measure([week.items[0], week.items[2]])
    three = measure(week.items)
    assert two == three
