"""A trip's one payment against the local fake Stripe: a line per item, every item confirmed
together, webhooks duplicated and reordered, a late payment refunding the whole trip, and one
item cancelled and refunded alone against the trip's payment."""

import random
from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from booking.models import Booking, BookingEmail, Offer, Payment, Refund, TripPlan
from booking.services import payments, stripe_api, trip_checkout, trips
from booking.services.cancellation import cancel_by_guest
from booking.services.holds import HoldRequest, create_hold
from booking.services.jst import today
from booking.services.selection import desk_items, session_items, stay_items
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.test_payments import deliver, event_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

GUEST = {
    "guest_name": "山田 太郎",
    "guest_name_kana": "ヤマダ タロウ",
    "guest_email": "taro@example.jp",
    "guest_phone": "090-1234-5678",
}
REGISTER = [{"name": "山田 太郎", "address": "和歌山県白浜町1-1", "phone": "090-1234-5678"}]


@pytest.fixture
def week():
    """Three nights at an inn, a desk on two of the days, a farm experience: three sellers."""
    first = today() + timedelta(days=14)
    inn = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, free_cancellation_days=7)
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    make_nights(inn, first, 3, capacity=1)
    office = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=office, code="day", price=2200)
    for offset in (1, 2):
        day = first + timedelta(days=offset)
        make_slot(office, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
        make_slot(office, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")
    farm = OfferFactory(free_cancellation_days=3)
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    session = make_slot(farm, first + timedelta(days=3), capacity=4)
    return [
        HoldRequest(inn, stay_items(inn, first, 3, {room.pk: 1})),
        HoldRequest(office, desk_items(office, first + timedelta(days=1), 2, "day", 1)),
        HoldRequest(farm, session_items(farm, session.pk, {adult.pk: 2})),
    ]


def to_payment_page(week, *, language: str = "ja"):
    """Hold the trip, give the guest's details, accept the final screen, open the page."""
    held = trips.hold_trip(week, language=language)
    trip_checkout.save_trip_details(held.trip, GUEST, REGISTER, invoice_name="株式会社テスト")
    bookings = trip_checkout.submit_trip_for_payment(held.trip)
    payment = payments.start_trip_checkout(
        held.trip,
        success_url="http://testserver/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://testserver/confirm/",
    )
    return held.trip, bookings, payment


def statuses(trip) -> list[str]:
    return list(trip.bookings.order_by("pk").values_list("status", flat=True))


def test_one_payment_page_with_a_line_per_item_for_the_exact_total(fake_stripe, week):
    trip, bookings, payment = to_payment_page(week)

    items = stripe_api.client().v1.checkout.sessions.line_items.list(payment.checkout_session_id)
    amounts = [line["amount_total"] for line in items.data]
    assert amounts == [36000, 4400, 11000]
    assert payment.trip == trip and payment.booking is None
    assert payment.amount == 51400 == sum(b.total for b in bookings)
    assert statuses(trip) == [Booking.Status.AWAITING_PAYMENT] * 3
    # The holds outlive the payment page, every one of them.
    assert all(b.hold_expires_at > payment.expires_at for b in trip.bookings.all())
    # The guest details reached every item; the register only the stay.
    assert set(trip.bookings.values_list("guest_email", flat=True)) == {"taro@example.jp"}
    assert [b.guests.count() for b in trip.bookings.order_by("pk")] == [1, 0, 0]
    trip.refresh_from_db()
    assert trip.invoice_name == "株式会社テスト"


def test_asking_again_reuses_the_open_page(fake_stripe, week):
    trip, bookings, payment = to_payment_page(week)

    again = payments.start_trip_checkout(trip, success_url="http://x/", cancel_url="http://x/")

    assert again == payment and Payment.objects.count() == 1


def test_paying_confirms_every_item_with_one_guest_email_and_one_per_host(
    fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, bookings, payment = to_payment_page(week)
    plan = TripPlan.objects.create(token="t" * 20, trip=trip)
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks():
        outcome = payments.sync_checkout_session(payment.checkout_session_id)

    assert outcome.effect == "confirmed"
    assert statuses(trip) == [Booking.Status.CONFIRMED] * 3
    kinds = list(BookingEmail.objects.order_by("booking_id").values_list("booking_id", "kind"))
    first = bookings[0].pk
    assert (first, BookingEmail.Kind.TRIP_CONFIRMATION) in kinds
    assert (
        sorted(k for _b, k in kinds if k == BookingEmail.Kind.PARTNER_NEW_BOOKING)
        == [BookingEmail.Kind.PARTNER_NEW_BOOKING] * 3
    )
    assert not any(k == BookingEmail.Kind.CONFIRMATION for _b, k in kinds)
    assert not TripPlan.objects.filter(pk=plan.pk).exists()  # the plan is booked


def test_the_completed_event_twenty_times_in_any_order_confirms_once(
    client: Client, fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, _bookings, payment = to_payment_page(week)
    fake_stripe.pay(payment.checkout_session_id)
    completed = event_of(fake_stripe, "checkout.session.completed", payment.checkout_session_id)
    others = [e["id"] for e in fake_stripe.events() if e["id"] != completed]
    deliveries = [completed] * 20 + others * 3
    random.Random(16).shuffle(deliveries)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [deliver(client, fake_stripe, event_id) for event_id in deliveries]

    assert set(answers) == {200}
    assert statuses(trip) == [Booking.Status.CONFIRMED] * 3
    assert BookingEmail.objects.filter(kind=BookingEmail.Kind.TRIP_CONFIRMATION).count() == 1
    assert BookingEmail.objects.filter(kind=BookingEmail.Kind.PARTNER_NEW_BOOKING).count() == 3
    assert not Refund.objects.exists()


def test_an_expired_page_releases_every_item_at_once(
    client: Client, fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, _bookings, payment = to_payment_page(week)
    fake_stripe.expire(payment.checkout_session_id)
    expired = event_of(fake_stripe, "checkout.session.expired", payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert deliver(client, fake_stripe, expired) == 200

    assert statuses(trip) == [Booking.Status.EXPIRED] * 3
    # The places are free again: another visitor can hold the very same trip.
    assert len(trips.hold_trip(week).bookings) == 3


def test_a_late_payment_with_one_item_gone_refunds_the_whole_trip_item_by_item(
    fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, bookings, payment = to_payment_page(week)
    Booking.objects.filter(trip=trip).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    create_hold(week[1].offer, week[1].items)  # someone else takes the desk meanwhile
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(payment.checkout_session_id)

    assert outcome.effect == "refunded"
    assert statuses(trip) == [Booking.Status.EXPIRED] * 3
    refunds = Refund.objects.filter(payment=payment).order_by("booking_id")
    assert [r.amount for r in refunds] == [36000, 4400, 11000]
    assert {r.status for r in refunds} == {Refund.Status.SUCCEEDED}
    assert {r.reason for r in refunds} == {Refund.Reason.LATE_PAYMENT}
    charge = fake_stripe.events("charge.refunded")[-1]["data"]["object"]
    assert charge["amount_refunded"] == charge["amount"] == 51400
    kinds = set(BookingEmail.objects.values_list("kind", flat=True))
    assert BookingEmail.Kind.TRIP_LATE_PAYMENT in kinds
    assert BookingEmail.Kind.PARTNER_NEW_BOOKING not in kinds


def test_a_late_payment_that_still_fits_confirms_the_whole_trip(
    fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, _bookings, payment = to_payment_page(week)
    Booking.objects.filter(trip=trip).update(
        status=Booking.Status.EXPIRED, hold_expires_at=timezone.now() - timedelta(minutes=1)
    )
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(payment.checkout_session_id)

    assert outcome.effect == "late_confirmed"
    assert statuses(trip) == [Booking.Status.CONFIRMED] * 3
    assert not Refund.objects.exists()


def test_cancelling_one_item_refunds_only_that_item_and_refunds_add_up(
    fake_stripe, week, django_capture_on_commit_callbacks
):
    trip, bookings, payment = to_payment_page(week)
    fake_stripe.pay(payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)
    stay, desk, farm = (Booking.objects.get(pk=b.pk) for b in bookings)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(farm, timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(stay, timezone.now())

    assert statuses(trip) == [
        Booking.Status.CANCELLED,
        Booking.Status.CONFIRMED,
        Booking.Status.CANCELLED,
    ]
    refunds = {r.booking_id: r for r in Refund.objects.filter(payment=payment)}
    assert set(refunds) == {stay.pk, farm.pk}  # the desk's money is untouched
    assert refunds[farm.pk].amount == 11000 and refunds[stay.pk].amount == 36000
    assert {r.status for r in refunds.values()} == {Refund.Status.SUCCEEDED}
    charge = fake_stripe.events("charge.refunded")[-1]["data"]["object"]
    assert charge["amount_refunded"] == 47000 == payment.amount - desk.total
    assert BookingEmail.objects.filter(booking=farm, kind=BookingEmail.Kind.REFUND).exists()
    assert not BookingEmail.objects.filter(booking=desk, kind=BookingEmail.Kind.REFUND).exists()


def test_checking_out_the_plan_again_releases_the_unpaid_trip_first(fake_stripe, week):
    """A visitor who goes back and checks out again never loses to their own first hold (the
    inn has one room)."""
    from booking.services.trip_plans import add_item

    plan = TripPlan.objects.create(token="p" * 20)
    for request in week:
        add_item(plan, request.offer, request.items, timezone.now())

    first = trips.check_out_plan(plan)
    second = trips.check_out_plan(plan)

    assert first.trip != second.trip
    assert statuses(first.trip) == [Booking.Status.EXPIRED] * 3
    assert statuses(second.trip) == [Booking.Status.HELD] * 3
    plan.refresh_from_db()
    assert plan.trip == second.trip


@pytest.mark.parametrize("paid", [51400 - 40000, 51400 + 100])
def test_a_payment_not_matching_the_total_is_refunded_within_what_was_paid(
    fake_stripe, week, django_capture_on_commit_callbacks, paid
):
    trip, _bookings, payment = to_payment_page(week)
    session = {
        "id": payment.checkout_session_id,
        "status": "complete",
        "payment_status": "paid",
        "amount_total": paid,
        "payment_intent": "pi_mismatch",
    }

    with django_capture_on_commit_callbacks():
        outcome = payments.apply_checkout_session(session)

    assert outcome.effect == "refunded"
    refunds = list(Refund.objects.filter(payment=payment).order_by("booking_id"))
    assert sum(r.amount for r in refunds) == paid
    assert all(0 < r.amount for r in refunds)
    assert statuses(trip) == [Booking.Status.EXPIRED] * 3


def test_cancelling_refunds_against_the_payment_that_kept_the_booking(
    fake_stripe, week, django_capture_on_commit_callbacks
):
    """An earlier payment of the trip that was given back in full (paid too late) is not the
    one a later cancellation refunds against."""
    trip, bookings, kept = to_payment_page(week)
    fake_stripe.pay(kept.checkout_session_id)
    with django_capture_on_commit_callbacks():
        payments.sync_checkout_session(kept.checkout_session_id)
    kept.refresh_from_db()
    earlier = Payment.objects.create(
        trip=trip,
        checkout_session_id="cs_given_back",
        checkout_url="https://checkout.example.jp/c/given-back",
        payment_intent_id="pi_given_back",
        amount=kept.amount,
        status=Payment.Status.PAID,
        expires_at=kept.expires_at,
        paid_at=kept.paid_at - timedelta(minutes=5),
    )
    for booking in bookings:
        Refund.objects.create(
            payment=earlier,
            booking=booking,
            amount=booking.total,
            reason=Refund.Reason.LATE_PAYMENT,
        )
    farm = Booking.objects.get(pk=bookings[2].pk)

    with django_capture_on_commit_callbacks():
        cancel_by_guest(farm, timezone.now())

    refund = Refund.objects.get(booking=farm, reason=Refund.Reason.GUEST_CANCELLED)
    assert refund.payment == kept and refund.amount == farm.total
