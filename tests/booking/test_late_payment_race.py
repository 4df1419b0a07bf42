"""A payment whose hold runs out while Stripe is slow never oversells (issue 14, 2): the time is
read after the call to Stripe, and even a hold that looks live is re-checked under the slot
locks before it is confirmed; what no longer fits is refunded and the guest told."""

from datetime import timedelta

import pytest
from django.utils import timezone

from booking.models import Booking, BookingEmail, BookingLine, Payment, Refund
from booking.services import payments, stripe_api
from booking.services.checkout import HoldExpired
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, TripFactory, make_slot
from tests.booking.test_payments import WEBHOOK, event_of, to_payment_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

CAPACITY = 4


@pytest.fixture
def experience():
    offer = OfferFactory(min_per_booking=1, max_per_booking=CAPACITY)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    child = PriceCategoryFactory(offer=offer, code="child", name="子ども", price=3300)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=CAPACITY)
    return offer, adult, child, slot


def rival_takes_every_place(experience) -> Booking:
    """Another guest's hold of the whole session, made now by another process (written as its
    rows: the call it happens during runs inside the fulfilment's transaction)."""
    offer, adult, _child, slot = experience
    rival = Booking.objects.create(
        trip=TripFactory(),
        reference="RIVAL0000001",
        offer=offer,
        hold_expires_at=timezone.now() + timedelta(minutes=30),
        service_date=slot.date,
        total=adult.price * CAPACITY,
    )
    BookingLine.objects.create(
        booking=rival, slot=slot, price_category=adult, quantity=CAPACITY, unit_price=adult.price
    )
    return rival


def confirmed_units(slot) -> int:
    return sum(
        line.quantity
        for line in slot.lines.select_related("booking")
        if line.booking.status == Booking.Status.CONFIRMED
    )


def test_a_hold_that_runs_out_during_a_slow_stripe_call_is_refunded_not_confirmed(
    client, fake_stripe, experience, monkeypatch, time_machine, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience, adults=CAPACITY)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    event = event_of(fake_stripe, "checkout.session.completed", session_id)
    retrieve = stripe_api.retrieve_checkout_session
    rivals = []

    def slow_retrieve(session: str):
        # While Stripe answers, the hold runs out and another guest takes every place.
        time_machine.move_to(booking.hold_expires_at + timedelta(seconds=1))
        rivals.append(rival_takes_every_place(experience))
        return retrieve(session)

    monkeypatch.setattr(stripe_api, "retrieve_checkout_session", slow_retrieve)
    payload, headers = fake_stripe.signed(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            WEBHOOK,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=headers["Stripe-Signature"],
        )

    assert response.status_code == 200
    booking.refresh_from_db()
    assert booking.status == Booking.Status.EXPIRED
    assert Booking.objects.get(pk=rivals[0].pk).status == Booking.Status.HELD
    assert Refund.objects.get().reason == Refund.Reason.LATE_PAYMENT
    assert (
        BookingEmail.objects.filter(booking=booking, kind=BookingEmail.Kind.LATE_PAYMENT).count()
        == 1
    )
    assert confirmed_units(experience[3]) == 0


def test_a_live_hold_whose_places_are_gone_is_refunded_not_confirmed(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    """Confirming a live hold also takes the slot locks and counts every other booking: if the
    places are gone (a hold that ran out mid-commit lost them), the payment is refunded."""
    booking, _ = to_payment_page(client, experience, adults=CAPACITY)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    original_expiry = Booking.objects.get(pk=booking.pk).hold_expires_at
    Booking.objects.filter(pk=booking.pk).update(hold_expires_at=timezone.now())
    rival = rival_takes_every_place(experience)
    Booking.objects.filter(pk=booking.pk).update(hold_expires_at=original_expiry)
    assert Booking.objects.get(pk=booking.pk).hold_is_live()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(session_id)

    assert outcome.effect == "refunded"
    assert Booking.objects.get(pk=rival.pk).status == Booking.Status.HELD
    assert confirmed_units(experience[3]) == 0


def test_a_live_hold_with_its_places_is_confirmed_as_before(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience, adults=CAPACITY)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(session_id)
    assert outcome.effect == "confirmed"
    assert confirmed_units(experience[3]) == CAPACITY


def test_a_payment_page_opened_while_the_hold_runs_out_and_its_places_go_is_not_handed_out(
    fake_stripe, experience, monkeypatch, time_machine
):
    offer, adult, _child, slot = experience
    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, CAPACITY)])
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.AWAITING_PAYMENT, guest_email="taro@example.jp"
    )
    booking.refresh_from_db()
    create = stripe_api.create_checkout_session
    opened = []

    def slow_create(**kwargs):
        # Stripe opens the page but answers late: the hold has run out and its places are gone.
        opened.append(create(**kwargs))
        time_machine.move_to(booking.hold_expires_at + timedelta(seconds=1))
        rival_takes_every_place(experience)
        return opened[-1]

    monkeypatch.setattr(stripe_api, "create_checkout_session", slow_create)
    with pytest.raises(HoldExpired):
        payments.start_checkout(
            booking,
            success_url="https://example.jp/ok",
            cancel_url="https://example.jp/back",
            description="test",
        )

    assert not Payment.objects.exists()
    # The page Stripe opened is closed, so it can no longer be paid.
    assert stripe_api.retrieve_checkout_session(opened[0]["id"])["status"] == "expired"
