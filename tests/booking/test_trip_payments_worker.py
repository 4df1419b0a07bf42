"""A trip's payment with the real parts (gunicorn, a Redis broker, a Celery worker, an SMTP
server): the completed event delivered twenty times, some at once, while the guest comes back
to the return page, confirms every item once, with one e-mail to the guest and one per host."""

import threading
import time
import urllib.error
import urllib.request
from datetime import time as clock_time
from datetime import timedelta

import pytest

from booking.models import Booking, Offer, Payment, WebhookEvent
from booking.services import payments, trip_checkout, trips
from booking.services.holds import HoldRequest
from booking.services.jst import today
from booking.services.selection import desk_items, session_items, stay_items
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.test_payments_worker import NoRedirect, completed_event, stack  # noqa: F401
from tests.stack import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

GUEST = "trip-worker@example.jp"


def trip_awaiting_payment():
    """A stay, a desk day and an experience from three sellers, at the payment page."""
    first = today() + timedelta(days=9)
    inn = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT)
    room = PriceCategoryFactory(offer=inn, code="room", price=9900)
    make_nights(inn, first, 2, capacity=1)
    office = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=office, code="day", price=2200)
    day = first + timedelta(days=1)
    make_slot(office, day, capacity=1, starts=clock_time(9), ends=clock_time(13), part="am")
    make_slot(office, day, capacity=1, starts=clock_time(13), ends=clock_time(18), part="pm")
    farm = OfferFactory()
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    session = make_slot(farm, first + timedelta(days=1), capacity=4)
    held = trips.hold_trip(
        [
            HoldRequest(inn, stay_items(inn, first, 2, {room.pk: 1})),
            HoldRequest(office, desk_items(office, day, 1, "day", 1)),
            HoldRequest(farm, session_items(farm, session.pk, {adult.pk: 1})),
        ]
    )
    trip_checkout.save_trip_details(
        held.trip,
        {"guest_name": "Trip Worker", "guest_email": GUEST, "guest_phone": "090-0000-0000"},
        [{"name": "Trip Worker", "address": "和歌山県和歌山市1-1", "phone": "090-0000-0000"}],
    )
    trip_checkout.submit_trip_for_payment(held.trip)
    payment = payments.start_trip_checkout(
        held.trip,
        success_url="http://127.0.0.1/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://127.0.0.1/confirm/",
    )
    return held, payment


def test_a_trip_paid_once_with_its_event_delivered_twenty_times_confirms_every_item_once(
    stack,  # noqa: F811
    fake_stripe,
):
    held, payment = trip_awaiting_payment()
    trip = held.trip
    fake_stripe.pay(payment.checkout_session_id)  # delivered once by the fake itself
    event = completed_event(fake_stripe, payment.checkout_session_id)
    paid_page = (
        f"{stack.base_url}/ja/trip/{trip.reference}/paid/?session_id={payment.checkout_session_id}"
    )
    returned: list[int] = []

    def come_back() -> None:
        try:
            urllib.request.build_opener(NoRedirect).open(paid_page, timeout=30)
        except urllib.error.HTTPError as answer:
            returned.append(answer.code)

    together = [threading.Thread(target=fake_stripe.deliver, args=(event,)) for _ in range(10)]
    together += [threading.Thread(target=come_back) for _ in range(3)]
    for thread in together:
        thread.start()
    for _ in range(9):
        fake_stripe.deliver(event)
    for thread in together:
        thread.join()

    def confirmed() -> bool:
        statuses = set(Booking.objects.filter(trip=trip).values_list("status", flat=True))
        return statuses == {Booking.Status.CONFIRMED}

    wait_for(
        lambda: WebhookEvent.objects.filter(stripe_id=event, deliveries=20).exists(),
        30,
        "the twenty deliveries to be counted",
    )
    wait_for(confirmed, 60, "every item confirmed")
    wait_for(lambda: stack.smtp.received(GUEST, trip.reference), 60, "the trip's e-mail")
    time.sleep(2)  # anything sent twice would arrive now
    assert len(stack.smtp.received(GUEST, trip.reference)) == 1
    for booking in held.bookings:
        host = booking.offer.organisation.email
        assert len(stack.smtp.received(host, booking.reference)) == 1
    assert returned == [302, 302, 302]
    assert Payment.objects.filter(trip=trip, status=Payment.Status.PAID).count() == 1
