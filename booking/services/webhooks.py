"""The Stripe webhook inbox: verify, store once by event id, enqueue after commit, and process
each event once in effect whatever the number and order of deliveries.

Processing never trusts the event's copy of the object: it re-fetches the Checkout Session from
Stripe and applies its current state, so order does not matter and a forged event does nothing.
"""

import json
import logging
from datetime import datetime, timedelta

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from booking.models import WebhookEvent

from . import payments, stripe_api
from .queue import after_commit

logger = logging.getLogger(__name__)

# Events whose object is a Checkout Session we act on; every other type is acknowledged only.
CHECKOUT_EVENTS = {
    "checkout.session.completed",
    "checkout.session.expired",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
}
MAX_PAYLOAD_BYTES = 512 * 1024
# Seconds a signature stays valid (Stripe's default): an old delivery replayed is refused.
SIGNATURE_TOLERANCE = stripe.Webhook.DEFAULT_TOLERANCE


class InvalidWebhook(Exception):
    """Not a genuine, well-formed Stripe event: answered 400 and nothing is stored."""


def receive(payload: bytes, signature: str | None) -> WebhookEvent:
    """Verify a delivery and store its event once; the processing task is enqueued after commit
    unless the event was already processed (a redelivery only bumps the delivery count)."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise InvalidWebhook("payload too large")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            text, signature or "", settings.STRIPE_WEBHOOK_SECRET, tolerance=SIGNATURE_TOLERANCE
        )
        data = json.loads(text)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        raise InvalidWebhook(str(exc)) from exc
    if not isinstance(data, dict):
        raise InvalidWebhook("not an event")
    if "\x00" in text or "\\u0000" in text:  # PostgreSQL cannot store NUL in text or JSON
        raise InvalidWebhook("NUL characters")
    event_id, event_type = data.get("id"), data.get("type")
    if not isinstance(event_id, str) or not event_id.startswith("evt_") or len(event_id) > 255:
        raise InvalidWebhook("no event id")
    if not isinstance(event_type, str) or len(event_type) > 100:
        raise InvalidWebhook("no event type")
    try:
        with transaction.atomic():
            event, created = WebhookEvent.objects.get_or_create(
                stripe_id=event_id, defaults={"type": event_type, "payload": data}
            )
            if not created:
                WebhookEvent.objects.filter(pk=event.pk).update(deliveries=F("deliveries") + 1)
            if event.processed_at is None:
                after_commit("process_webhook_event", event.pk)
    except IntegrityError:  # the same event arriving twice at the same moment: the other stored it
        event = WebhookEvent.objects.get(stripe_id=event_id)
    return event


def process(event_id: int) -> str:
    """Act on one stored event under its row lock ("processed" or "skipped").

    A row another worker holds is skipped (it will finish or the sweep re-queues it); errors
    from Stripe propagate so that the task retries, leaving the event unprocessed. The time is
    read after the call to Stripe, never before it."""
    with transaction.atomic():
        event = (
            WebhookEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=event_id, processed_at__isnull=True)
            .first()
        )
        if event is None:
            return "skipped"
        obj = (event.payload.get("data") or {}).get("object") or {}
        event.last_error = ""
        if event.type in CHECKOUT_EVENTS and obj.get("object") == "checkout.session":
            try:
                outcome = payments.sync_checkout_session(str(obj.get("id", "")))
            except stripe_api.InvalidRequestError as exc:  # no such session: retrying can't help
                event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            else:
                logger.info("%s %s: %s", event.type, event.stripe_id, outcome.effect)
        event.processed_at = timezone.now()
        event.attempts = F("attempts") + 1
        event.save(update_fields=["processed_at", "attempts", "last_error"])
    return "processed"


def record_failure(event_id: int, error: Exception) -> None:
    """Note a failed attempt on the event (its processing stays undone for a retry)."""
    WebhookEvent.objects.filter(pk=event_id).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def stale_events(now: datetime | None = None, older_than: timedelta | None = None):
    """Events stored more than `older_than` (a minute by default) ago and still unprocessed:
    their task was lost, with a killed worker or a broker outage."""
    now = now or timezone.now()
    older_than = older_than or timedelta(seconds=settings.BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS)
    return WebhookEvent.objects.filter(
        processed_at__isnull=True, received_at__lt=now - older_than
    ).values_list("pk", flat=True)
