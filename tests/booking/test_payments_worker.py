"""Webhooks and e-mails with the real parts: gunicorn answering Stripe's deliveries, a private
Redis broker, a Celery worker process, and an SMTP server counting what arrives. On whichever
database the suite runs on (the child processes open this test's database)."""

import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from booking.models import Booking, Payment, WebhookEvent
from booking.services import checkout, payments
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.stack import (
    VENV_BIN,
    Child,
    HeldProxy,
    RedisServer,
    SmtpSink,
    child_env,
    start_web,
    start_worker,
    wait_for,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

GUEST = "worker-test@example.jp"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as it is (an HTTPError with its code) instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Stack:
    redis: RedisServer
    smtp: SmtpSink
    web: Child
    worker: Child
    base_url: str
    env: dict[str, str]
    logs: Path


@pytest.fixture
def stack(transactional_db, fake_stripe, tmp_path):
    with RedisServer(persistent=True) as redis, SmtpSink() as smtp:
        env = child_env(
            CELERY_BROKER_URL=redis.url,
            EMAIL_URL=smtp.url,
            STRIPE_SECRET_KEY=fake_stripe.secret_key,
            STRIPE_API_BASE=fake_stripe.api_base,
            STRIPE_WEBHOOK_SECRET="whsec_test",
            BOOKING_SWEEP_AFTER_SECONDS="1",
            BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS="1",
        )
        web, base_url = start_web(env, tmp_path)
        worker = start_worker(env, tmp_path)
        fake_stripe.configure(
            webhook_url=f"{base_url}/stripe/webhook/",
            webhook_secret="whsec_test",
            auto_deliver=True,
        )
        try:
            yield Stack(redis, smtp, web, worker, base_url, env, tmp_path)
        finally:
            fake_stripe.configure(webhook_url=None, webhook_secret="whsec_test", auto_deliver=False)
            worker.stop()
            web.stop()


def awaiting_payment(places: int = 2) -> tuple[Booking, Payment]:
    """A booking at the final step with its payment page open at the fake Stripe."""
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer, price=4400)
    slot = make_slot(offer, today() + timedelta(days=5), capacity=places)
    booking = create_hold(offer, [HoldItem((slot.pk,), category.pk, places)])
    checkout.save_guest_details(
        booking,
        {"guest_name": "Worker Test", "guest_email": GUEST, "guest_phone": "090-0000-0000"},
    )
    checkout.submit_for_payment(booking)
    payment = payments.start_checkout(
        booking,
        success_url="http://127.0.0.1/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://127.0.0.1/confirm/",
        description="worker test",
    )
    return booking, payment


def completed_event(fake, session_id: str) -> str:
    return next(
        event["id"]
        for event in fake.events("checkout.session.completed")
        if event["data"]["object"]["id"] == session_id
    )


def status_of(booking: Booking) -> str:
    return Booking.objects.values_list("status", flat=True).get(pk=booking.pk)


def confirmations(stack: Stack, booking: Booking) -> int:
    return len(stack.smtp.received(GUEST, booking.reference))


def test_one_event_delivered_twenty_times_some_at_once_has_one_effect(stack, fake_stripe):
    """…while the guest's browser comes back to the return page at the same moment, which runs
    the same fulfilment in the web process: still one confirmation and one e-mail."""
    booking, payment = awaiting_payment()
    fake_stripe.pay(payment.checkout_session_id)  # delivered once by the fake itself
    event = completed_event(fake_stripe, payment.checkout_session_id)
    paid_page = (
        f"{stack.base_url}/ja/booking/{booking.reference}/paid/"
        f"?session_id={payment.checkout_session_id}"
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

    wait_for(
        lambda: WebhookEvent.objects.filter(stripe_id=event, deliveries=20).exists(),
        30,
        "the twenty deliveries to be counted",
    )
    wait_for(lambda: status_of(booking) == Booking.Status.CONFIRMED, 60, "the confirmation")
    wait_for(lambda: confirmations(stack, booking) >= 1, 60, "the confirmation e-mail")
    time.sleep(2)  # anything sent twice would arrive now
    assert confirmations(stack, booking) == 1
    assert returned == [302, 302, 302]  # each return went on to the status page
    assert len(stack.smtp.received(booking.offer.organisation.email, booking.reference)) == 1
    assert Payment.objects.filter(booking=booking, status=Payment.Status.PAID).count() == 1
    stored = WebhookEvent.objects.get(stripe_id=event)
    assert stored.processed_at is not None and stored.deliveries == 20


def test_with_redis_down_the_webhook_still_answers_200_and_the_sweep_processes_it_later(
    stack, fake_stripe
):
    booking, payment = awaiting_payment()
    stack.redis.stop()
    fake_stripe.pay(payment.checkout_session_id)
    event = completed_event(fake_stripe, payment.checkout_session_id)

    stored = wait_for(
        lambda: WebhookEvent.objects.filter(stripe_id=event).first(), 30, "the stored event"
    )
    deliveries = wait_for(
        lambda: fake_stripe.deliveries(event), 30, "the fake to record its delivery"
    )
    assert deliveries == [200]
    time.sleep(2)
    assert WebhookEvent.objects.get(pk=stored.pk).processed_at is None
    assert status_of(booking) == Booking.Status.AWAITING_PAYMENT

    stack.redis.start()
    time.sleep(1.5)  # older than BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS
    subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "config", "call", "booking.tasks.requeue_stale_events"],
        env=stack.env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    wait_for(lambda: status_of(booking) == Booking.Status.CONFIRMED, 90, "the sweep's retry")
    wait_for(lambda: confirmations(stack, booking) == 1, 60, "the confirmation e-mail")
    assert WebhookEvent.objects.get(pk=stored.pk).processed_at is not None


def test_a_worker_killed_mid_event_has_it_redelivered_and_processed_once_in_effect(
    stack, fake_stripe
):
    """The pool process is SIGKILLed while it holds the event's lock and waits for Stripe: late
    acknowledgement with reject-on-worker-lost puts the message back, a new pool process does
    the work, and the booking is confirmed once with one e-mail."""
    stack.worker.stop()
    with HeldProxy(fake_stripe.api_base, "/v1/checkout/sessions/") as proxy:
        worker = start_worker(
            {**stack.env, "STRIPE_API_BASE": proxy.url}, stack.logs / "killed", concurrency=1
        )
        try:
            booking, payment = awaiting_payment()
            fake_stripe.pay(payment.checkout_session_id)
            wait_for(lambda: proxy.arrived >= 1, 30, "the worker to ask Stripe for the session")
            pool = worker.children()
            assert pool, "a prefork worker has pool processes"
            for pid in pool:
                os.kill(pid, signal.SIGKILL)
            proxy.release()

            wait_for(lambda: status_of(booking) == Booking.Status.CONFIRMED, 60, "redelivery")
            wait_for(lambda: confirmations(stack, booking) >= 1, 60, "the confirmation e-mail")
            time.sleep(2)
            assert proxy.arrived >= 2  # the event was worked on again after the kill
            assert confirmations(stack, booking) == 1
            assert Payment.objects.filter(booking=booking, status=Payment.Status.PAID).count() == 1
            event = WebhookEvent.objects.get(
                stripe_id=completed_event(fake_stripe, payment.checkout_session_id)
            )
            assert event.processed_at is not None
            assert "WorkerLostError" in worker.output() or "SIGKILL" in worker.output()
        finally:
            worker.stop()


def test_the_worker_carries_on_when_redis_restarts_under_it_with_tasks_in_hand(stack, fake_stripe):
    """Redis (the broker, persistent as documented) stops and comes back while the worker holds
    unacknowledged tasks, one of them waiting on Stripe: the worker reconnects instead of
    exiting, and every payment is confirmed once with one e-mail (issue 14, 3)."""
    stack.worker.stop()
    with HeldProxy(fake_stripe.api_base, "/v1/checkout/sessions/") as proxy:
        # Four payments wait in the queue before the worker starts (on SQLite the site's
        # processes could not store them while a worker holds a transaction open).
        made = [awaiting_payment() for _ in range(4)]
        for _booking, payment in made:
            fake_stripe.pay(payment.checkout_session_id)
        wait_for(
            lambda: WebhookEvent.objects.filter(type="checkout.session.completed").count() == 4,
            30,
            "the four payments to be stored",
        )
        worker = start_worker(
            {**stack.env, "STRIPE_API_BASE": proxy.url}, stack.logs / "restart", concurrency=2
        )
        try:
            # One task waits on Stripe and the others are delivered, unacknowledged.
            wait_for(lambda: proxy.arrived >= 1, 30, "the worker to ask Stripe")
            time.sleep(1)
            stack.redis.stop()
            time.sleep(3)
            stack.redis.start()
            proxy.release()

            for booking, _payment in made:
                wait_for(lambda b=booking: status_of(b) == Booking.Status.CONFIRMED, 90, "all paid")
                wait_for(lambda b=booking: confirmations(stack, b) >= 1, 60, "every e-mail")
            time.sleep(2)  # anything done twice would arrive now
            assert [confirmations(stack, booking) for booking, _ in made] == [1, 1, 1, 1]
            assert worker.process.poll() is None, worker.output()[-3000:]
            assert "Unrecoverable error" not in worker.output()
        finally:
            worker.stop()
