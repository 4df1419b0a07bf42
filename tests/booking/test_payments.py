"""Payments end to end against the local fake Stripe, with tasks run in-process after commit:
Checkout Session → pay → return page and webhook → one confirmation; expiry, late payment,
refunds on cancellation, and the webhook's refusals. (The same with a real Redis broker and a
real worker process is in tests/booking/test_payments_worker.py.)"""

import itertools
from datetime import time, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Booking, BookingEmail, Payment, Refund, WebhookEvent
from booking.services import payments, sweeps
from booking.services.cancellation import cancel_by_guest
from booking.services.jst import at, today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

WEBHOOK = "/stripe/webhook/"


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


@pytest.fixture
def experience():
    offer = OfferFactory(min_per_booking=1, max_per_booking=6, free_cancellation_days=3)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    child = PriceCategoryFactory(offer=offer, code="child", name="子ども", price=3300)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=3)
    return offer, adult, child, slot


def to_payment_page(client: Client, experience, language: str = "ja", adults: int = 2):
    """Hold, details, final confirmation; returns the booking and the confirm POST's answer."""
    offer, adult, child, slot = experience
    client.post(
        url("hold", language, pk=offer.pk),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": adults},
    )
    booking = Booking.objects.filter(offer=offer).latest("created_at")
    client.post(
        url("details", language, reference=booking.reference),
        {
            "guest_name": "山田 太郎",
            "guest_name_kana": "ヤマダ タロウ",
            "guest_email": "taro@example.jp",
            "guest_phone": "090-1234-5678",
        },
    )
    response = client.post(url("confirm", language, reference=booking.reference))
    booking.refresh_from_db()
    return booking, response


def deliver(client: Client, fake, event_id: str, **signing) -> int:
    payload, headers = fake.signed(event_id, **signing)
    return client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=headers["Stripe-Signature"],
    ).status_code


def event_of(fake, kind: str, session_id: str) -> str:
    return next(e["id"] for e in fake.events(kind) if e["data"]["object"]["id"] == session_id)


def pay_and_fulfil(fake, booking: Booking, capture) -> str:
    """Pay the booking's payment page at the fake Stripe and run the fulfilment (tasks after
    commit included); returns the session id."""
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake.pay(session_id)
    with capture(execute=True):
        payments.sync_checkout_session(session_id)
    return session_id


def emails_of(booking: Booking, kind: str) -> int:
    return BookingEmail.objects.filter(
        booking=booking, kind=kind, status=BookingEmail.Status.SENT
    ).count()


def test_the_final_screen_opens_a_checkout_session_for_the_exact_total(
    client, fake_stripe, experience
):
    before = timezone.now()
    booking, response = to_payment_page(client, experience)
    payment = Payment.objects.get(booking=booking)
    session = payments.stripe_api.retrieve_checkout_session(payment.checkout_session_id)

    assert response.status_code == 302 and response["Location"] == payment.checkout_url
    assert session["amount_total"] == booking.total == 11000
    assert session["currency"] == "jpy" and session["mode"] == "payment"
    assert session["metadata"]["booking_reference"] == booking.reference
    assert session["expires_at"] >= int((before + timedelta(minutes=30)).timestamp())
    # The hold outlives the payment page by the grace, so a last-second payment finds it.
    assert booking.hold_expires_at == payment.expires_at + timedelta(minutes=5)
    assert booking.status == Booking.Status.AWAITING_PAYMENT


def test_submitting_twice_reuses_the_open_payment_page(client, fake_stripe, experience):
    booking, first = to_payment_page(client, experience)
    second = client.post(url("confirm", reference=booking.reference))
    assert second["Location"] == first["Location"]
    assert Payment.objects.filter(booking=booking).count() == 1


def test_paying_and_coming_back_confirms_once_with_one_email_each(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    payment = Payment.objects.get(booking=booking)
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        back = client.get(
            url("paid", reference=booking.reference), {"session_id": payment.checkout_session_id}
        )
    with django_capture_on_commit_callbacks(execute=True):
        event = event_of(fake_stripe, "checkout.session.completed", payment.checkout_session_id)
        assert deliver(client, fake_stripe, event) == 200

    booking.refresh_from_db()
    assert back["Location"] == url("status", reference=booking.reference) + "?from=payment"
    assert booking.status == Booking.Status.CONFIRMED and booking.confirmed_at
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 1
    assert emails_of(booking, BookingEmail.Kind.PARTNER_NEW_BOOKING) == 1
    assert [m.to for m in mail.outbox].count(["taro@example.jp"]) == 1
    page = client.get(back["Location"]).content.decode()
    assert "予約が確定" in page or "confirmed" in page


def test_the_same_event_delivered_twenty_times_is_stored_once_and_acted_on_once(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    event = event_of(fake_stripe, "checkout.session.completed", session_id)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [deliver(client, fake_stripe, event) for _ in range(20)]

    stored = WebhookEvent.objects.get()
    assert answers == [200] * 20
    assert stored.deliveries == 20 and stored.processed_at is not None
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert Payment.objects.filter(status=Payment.Status.PAID).count() == 1
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 1
    assert len(mail.outbox) == 2  # the guest's confirmation and the host's notification


@pytest.mark.parametrize(
    "extra",
    [{"HTTP_STRIPE_SIGNATURE": "t=1,v1=deadbeef"}, {}],
    ids=["bad signature", "no signature"],
)
def test_a_delivery_with_a_bad_or_missing_signature_is_refused_and_nothing_stored(
    client, fake_stripe, experience, extra
):
    booking, _ = to_payment_page(client, experience)
    fake_stripe.pay(Payment.objects.get(booking=booking).checkout_session_id)
    payload, _headers = fake_stripe.signed(fake_stripe.events()[-1]["id"])
    response = client.post(WEBHOOK, data=payload, content_type="application/json", **extra)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.AWAITING_PAYMENT


def test_a_stale_timestamp_is_refused(client, fake_stripe, experience):
    booking, _ = to_payment_page(client, experience)
    fake_stripe.pay(Payment.objects.get(booking=booking).checkout_session_id)
    old = int((timezone.now() - timedelta(minutes=10)).timestamp())
    assert deliver(client, fake_stripe, fake_stripe.events()[-1]["id"], timestamp=old) == 400
    assert not WebhookEvent.objects.exists()


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"type": "x"}', b"\xff\xfe"])
def test_a_signed_body_that_is_not_an_event_is_refused(client, settings, body):
    import hashlib
    import hmac
    import time

    stamp = int(time.time())
    mac = hmac.new(
        settings.STRIPE_WEBHOOK_SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    response = client.post(
        WEBHOOK,
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={stamp},v1={mac}",
    )
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


def test_the_webhook_answers_get_with_405(client):
    assert client.get(WEBHOOK).status_code == 405


def test_an_unknown_event_type_is_acknowledged_with_no_effect(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    payment = Payment.objects.get(booking=booking)
    fake_stripe.pay(payment.checkout_session_id)
    others = [e for e in fake_stripe.events() if not e["type"].startswith("checkout.")]
    assert others, "paying makes localstripe's own payment events too"
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, fake_stripe, others[0]["id"]) == 200
    assert WebhookEvent.objects.get().processed_at is not None
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.AWAITING_PAYMENT


ORDERS = list(itertools.permutations(["expired", "completed", "refunded"]))


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_events_in_every_order_end_in_the_same_state_with_each_effect_once(
    client, fake_stripe, experience, django_capture_on_commit_callbacks, order
):
    """A first payment page expired, a second was paid (confirmed through the return page),
    then the guest cancelled and was refunded. Stripe's events for all of it arrive afterwards,
    in any order and twice each: nothing is confirmed, expired or refunded again, because each
    event makes us ask Stripe for the session's current state and every change is idempotent."""
    booking, _ = to_payment_page(client, experience)
    first = Payment.objects.get(booking=booking)
    fake_stripe.expire(first.checkout_session_id)
    Payment.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    client.post(url("confirm", reference=booking.reference))  # a second payment page
    second = Payment.objects.exclude(pk=first.pk).get(booking=booking)
    fake_stripe.pay(second.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(
            url("paid", reference=booking.reference), {"session_id": second.checkout_session_id}
        )
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(Booking.objects.get(pk=booking.pk), timezone.now())
    events = {
        "expired": event_of(fake_stripe, "checkout.session.expired", first.checkout_session_id),
        "completed": event_of(
            fake_stripe, "checkout.session.completed", second.checkout_session_id
        ),
        "refunded": fake_stripe.events("charge.refunded")[0]["id"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        for name in [*order, *reversed(order)]:
            assert deliver(client, fake_stripe, events[name]) == 200

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert Payment.objects.get(pk=first.pk).status == Payment.Status.EXPIRED
    assert Payment.objects.get(pk=second.pk).status == Payment.Status.PAID
    assert WebhookEvent.objects.count() == 3
    assert not WebhookEvent.objects.filter(processed_at__isnull=True).exists()
    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (booking.total, Refund.Status.SUCCEEDED)
    stripe_refunds = payments.stripe_api.client().v1.refunds.list(
        params={"payment_intent": refund.payment.payment_intent_id}
    )
    assert len(stripe_refunds.data) == 1
    for kind in (BookingEmail.Kind.CONFIRMATION, BookingEmail.Kind.CANCELLATION):
        assert emails_of(booking, kind) == 1


def test_a_payment_page_left_to_expire_releases_the_places_at_once(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    offer, adult, child, slot = experience
    booking, _ = to_payment_page(client, experience, adults=3)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.expire(session_id)

    with django_capture_on_commit_callbacks(execute=True):
        event = event_of(fake_stripe, "checkout.session.expired", session_id)
        assert deliver(client, fake_stripe, event) == 200

    booking.refresh_from_db()
    assert booking.status == Booking.Status.EXPIRED
    assert Payment.objects.get(booking=booking).status == Payment.Status.EXPIRED
    # Someone else can now take all three places, although the hold had time left.
    other, _ = to_payment_page(Client(), experience, adults=3)
    assert other.status == Booking.Status.AWAITING_PAYMENT
    assert not BookingEmail.objects.exists()


def test_a_late_payment_with_the_places_still_free_is_confirmed(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.EXPIRED, hold_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(session_id)
    assert outcome.effect == "late_confirmed"
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert not Refund.objects.exists()
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 1


def test_a_late_payment_whose_places_were_taken_is_refunded_in_full_and_the_guest_told(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience, adults=3)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    Booking.objects.filter(pk=booking.pk).update(
        hold_expires_at=timezone.now() - timedelta(seconds=1)
    )
    rival, _ = to_payment_page(Client(), experience, adults=2)
    assert rival.status == Booking.Status.AWAITING_PAYMENT
    fake_stripe.pay(session_id)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(session_id)

    booking.refresh_from_db()
    refund = Refund.objects.get()
    assert outcome.effect == "refunded"
    assert booking.status == Booking.Status.EXPIRED
    assert (refund.amount, refund.reason, refund.status) == (
        booking.total,
        Refund.Reason.LATE_PAYMENT,
        Refund.Status.SUCCEEDED,
    )
    refunds = payments.stripe_api.client().v1.refunds.list(
        params={"payment_intent": refund.payment.payment_intent_id}
    )
    assert [r["amount"] for r in refunds.data] == [booking.total]
    assert emails_of(booking, BookingEmail.Kind.LATE_PAYMENT) == 1
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 0


def test_return_page_and_webhook_in_any_order_send_one_confirmation(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    event = event_of(fake_stripe, "checkout.session.completed", session_id)
    with django_capture_on_commit_callbacks(execute=True):
        deliver(client, fake_stripe, event)
        client.get(url("paid", reference=booking.reference), {"session_id": session_id})
        payments.sync_checkout_session(session_id)
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 1
    assert len([m for m in mail.outbox if m.to == ["taro@example.jp"]]) == 1


def test_the_return_page_needs_the_bookings_own_session(client, fake_stripe, experience):
    booking, _ = to_payment_page(client, experience)
    response = client.get(url("paid", reference=booking.reference), {"session_id": "cs_test_x"})
    assert response.status_code == 404


def test_the_status_page_says_confirming_and_the_feed_follows_the_booking(
    client, fake_stripe, experience
):
    booking, _ = to_payment_page(client, experience, language="en")
    page = client.get(url("status", "en", reference=booking.reference) + "?from=payment")
    assert "confirming your payment" in page.content.decode()
    feed = client.get(url("status_json", "en", reference=booking.reference)).json()
    assert feed["status"] == "awaiting_payment"
    assert Client().get(url("status_json", "en", reference=booking.reference)).status_code == 404


def test_stripe_unreachable_at_checkout_answers_503_and_keeps_the_hold(
    client, settings, experience
):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    booking, response = to_payment_page(client, experience, language="en")
    assert response.status_code == 503
    assert "Nothing was charged" in response.content.decode()
    assert booking.status == Booking.Status.AWAITING_PAYMENT and booking.hold_is_live()
    assert not Payment.objects.exists()


def test_a_guest_cancellation_refunds_what_the_policy_gives_once(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    booking.refresh_from_db()
    when = at(booking.service_date - timedelta(days=1), time(12, 0))  # the 50 % window
    with django_capture_on_commit_callbacks(execute=True):
        first = cancel_by_guest(booking, when)
        second = cancel_by_guest(booking, when)

    refund = Refund.objects.get()
    assert first.cancelled and not second.cancelled
    assert refund.amount == first.refund_amount == booking.total // 2
    assert refund.status == Refund.Status.SUCCEEDED and refund.stripe_refund_id
    assert payments.send_refund(refund.pk) == "skipped"
    refunds = payments.stripe_api.client().v1.refunds.list(
        params={"payment_intent": refund.payment.payment_intent_id}
    )
    assert [r["amount"] for r in refunds.data] == [booking.total // 2]
    for kind in (
        BookingEmail.Kind.CANCELLATION,
        BookingEmail.Kind.PARTNER_CANCELLATION,
        BookingEmail.Kind.REFUND,
    ):
        assert emails_of(booking, kind) == 1


def test_cancelling_an_unpaid_booking_closes_its_payment_page(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    payment = Payment.objects.get(booking=booking)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(booking, timezone.now())
    session = payments.stripe_api.retrieve_checkout_session(payment.checkout_session_id)
    assert session["status"] == "expired"
    assert not Refund.objects.exists() and not BookingEmail.objects.exists()


def test_a_payment_made_on_a_cancelled_booking_is_refunded_in_full(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)  # paid at the very moment the guest cancelled
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert payments.sync_checkout_session(session_id).effect == "refunded"
    assert Refund.objects.get().amount == booking.total


def test_the_sweep_closes_payment_pages_of_holds_that_ran_out(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    payment = Payment.objects.get(booking=booking)
    later = booking.hold_expires_at + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps.release_expired_holds(later) == 1
        assert sweeps.release_expired_holds(later) == 0
    session = payments.stripe_api.retrieve_checkout_session(payment.checkout_session_id)
    assert session["status"] == "expired"
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.EXPIRED


def test_money_in_equals_bookings_kept(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    """Across a confirmed, a late-refunded and a cancelled booking, what Stripe kept equals the
    confirmed totals plus the cancellation fees."""
    offer, adult, child, slot = experience
    kept, _ = to_payment_page(client, experience, adults=1)
    late, _ = to_payment_page(Client(), experience, adults=2)
    Booking.objects.filter(pk=late.pk).update(hold_expires_at=timezone.now())
    rival, _ = to_payment_page(Client(), experience, adults=2)
    for booking in (kept, late, rival):
        pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(Booking.objects.get(pk=rival.pk), timezone.now())

    charged = sum(
        Payment.objects.filter(status=Payment.Status.PAID).values_list("amount", flat=True)
    )
    refunded = sum(Refund.objects.values_list("amount", flat=True))
    confirmed = sum(
        Booking.objects.filter(status=Booking.Status.CONFIRMED).values_list("total", flat=True)
    )
    assert Booking.objects.get(pk=late.pk).status == Booking.Status.EXPIRED
    assert charged - refunded == confirmed == kept.total


def test_a_refund_stripe_could_not_take_stays_owed_and_goes_through_on_retry(
    client, fake_stripe, experience, settings, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe unreachable when the task runs
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(Booking.objects.get(pk=booking.pk), timezone.now())
    refund = Refund.objects.get()
    assert refund.status == Refund.Status.PENDING
    assert refund.attempts >= 1 and refund.last_error

    settings.STRIPE_API_BASE = fake_stripe.api_base
    with django_capture_on_commit_callbacks(execute=True):
        assert payments.send_refund(refund.pk) == "refunded"
        assert payments.send_refund(refund.pk) == "skipped"
    refund.refresh_from_db()
    assert refund.status == Refund.Status.SUCCEEDED
    assert emails_of(booking, BookingEmail.Kind.REFUND) == 1


def test_an_email_the_smtp_server_refused_stays_pending_and_is_sent_on_retry(
    client, fake_stripe, experience, settings, django_capture_on_commit_callbacks
):
    from booking.services import mailer

    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(session_id)
    email = BookingEmail.objects.get(kind=BookingEmail.Kind.CONFIRMATION)
    assert email.status == BookingEmail.Status.PENDING and email.last_error

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mailer.send_email(email.pk) == "sent"
    assert mailer.send_email(email.pk) == "skipped"
    assert [m.to for m in mail.outbox] == [["taro@example.jp"]]


def test_a_host_cancellation_refunds_in_full_whatever_the_policy_and_tells_the_guest(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    from booking.services.cancellation import cancel_by_partner

    booking, _ = to_payment_page(client, experience, language="en")
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    on_the_day = at(booking.service_date, time(8, 0))  # the guest could get nothing back now
    with django_capture_on_commit_callbacks(execute=True):
        first = cancel_by_partner(Booking.objects.get(pk=booking.pk), on_the_day)
        second = cancel_by_partner(Booking.objects.get(pk=booking.pk), on_the_day)

    refund = Refund.objects.get()
    assert first.cancelled and not second.cancelled
    assert (refund.amount, refund.reason, refund.status) == (
        booking.total,
        Refund.Reason.PARTNER_CANCELLED,
        Refund.Status.SUCCEEDED,
    )
    assert emails_of(booking, BookingEmail.Kind.CANCELLATION) == 1
    assert emails_of(booking, BookingEmail.Kind.PARTNER_CANCELLATION) == 0
    cancellation = next(m for m in mail.outbox if "cancel" in m.subject.lower())
    assert "the host has had to cancel" in cancellation.body


def test_a_host_cannot_cancel_a_booking_that_has_ended(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    from booking.services.cancellation import CannotCancel, cancel_by_partner

    booking, _ = to_payment_page(client, experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    with pytest.raises(CannotCancel):
        cancel_by_partner(booking, at(booking.service_date, time(23, 0)))
    assert not Refund.objects.exists()


def test_the_return_page_leaves_a_busy_confirmation_to_the_webhook(
    client, fake_stripe, experience, monkeypatch
):
    """A lock timeout while confirming (the slots busy) is no error for the guest: the status
    page says "confirming" and the webhook task, which retries, confirms."""
    from django.db import OperationalError

    booking, _ = to_payment_page(client, experience)
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)

    def busy(*args, **kwargs):
        raise OperationalError("canceling statement due to lock timeout")

    monkeypatch.setattr(payments, "sync_checkout_session", busy)
    response = client.get(url("paid", reference=booking.reference), {"session_id": session_id})
    assert response.status_code == 302
    assert response["Location"].endswith("?from=payment")
