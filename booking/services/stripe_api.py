"""The Stripe calls the site makes, through the official client (v16 `StripeClient`).

With no real key set, the client talks to the local fake Stripe (devtools/fake_stripe) at
`STRIPE_API_BASE`; nothing else changes. Every call that creates something carries an
idempotency key, so a retried call never makes a second session or refund.
"""

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import stripe
from django.conf import settings

# What a caller may catch: Stripe answered with an error, or could not be reached.
StripeError = stripe.StripeError
# Stripe refused the request itself (retrying the same request cannot help).
InvalidRequestError = stripe.InvalidRequestError

# The payment methods a Checkout Session offers; the final screen and the 特定商取引法 page
# name them from here (booking.services.sale_terms).
PAYMENT_METHOD_TYPES: tuple[str, ...] = ("card",)


def object_id(value: Any) -> str:
    """The id of a field Stripe gives as an id or, expanded, as the object itself ("" if none)."""
    if isinstance(value, str):
        return value
    return "" if value is None else str(value["id"])


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str) -> stripe.StripeClient:
    options: dict[str, Any] = {"max_network_retries": 1}
    if api_base:
        options["base_addresses"] = {"api": api_base}
    return stripe.StripeClient(api_key, **options)


def client() -> stripe.StripeClient:
    """The client for the configured account (or the local fake)."""
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


def create_checkout_session(
    *,
    reference: str,
    lines: Sequence[tuple[str, int]],
    email: str,
    language: str,
    success_url: str,
    cancel_url: str,
    expires_at: datetime,
    idempotency_key: str,
    authorise_only: bool = False,
) -> Any:
    """A card-only Checkout Session with one line per (name, tax-inclusive yen amount): one for a
    booking, one per booking for a trip; yen is zero-decimal, so amounts go as they are.

    `authorise_only` (a request to book): the card is authorised, and charged only when
    `capture_payment` is called (Stripe keeps an uncaptured card payment for 7 days)."""
    intent_data: dict[str, Any] = {"metadata": {"booking_reference": reference}}
    if authorise_only:
        intent_data["capture_method"] = "manual"
    return client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "currency": "jpy",
            "payment_method_types": list(PAYMENT_METHOD_TYPES),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "jpy",
                        "unit_amount": amount,
                        "product_data": {"name": name[:250]},
                    },
                }
                for name, amount in lines
            ],
            "metadata": {"booking_reference": reference},
            "payment_intent_data": intent_data,
            "client_reference_id": reference,
            "customer_email": email,
            "locale": "ja" if language == "ja" else "en",
            "success_url": success_url,
            "cancel_url": cancel_url,
            "expires_at": int(expires_at.timestamp()),
        },
        options={"idempotency_key": idempotency_key},
    )


def retrieve_checkout_session(session_id: str) -> dict[str, Any]:
    """The session as Stripe holds it now (the truth, whatever order events arrived in), with
    its PaymentIntent expanded (a request's card authorisation shows as `requires_capture`)."""
    return (
        client()
        .v1.checkout.sessions.retrieve(session_id, params={"expand": ["payment_intent"]})
        .to_dict()
    )


def expire_checkout_session(session_id: str) -> Any:
    """Close a session that is still open, so it can no longer be paid."""
    return client().v1.checkout.sessions.expire(session_id)


def capture_payment(payment_intent: str, *, idempotency_key: str) -> dict[str, Any]:
    """Charge an authorised card payment in full (the host accepted the request)."""
    return (
        client()
        .v1.payment_intents.capture(payment_intent, options={"idempotency_key": idempotency_key})
        .to_dict()
    )


def release_payment(payment_intent: str, *, idempotency_key: str) -> dict[str, Any]:
    """Cancel an authorised, uncaptured card payment: the hold on the card is released."""
    return (
        client()
        .v1.payment_intents.cancel(payment_intent, options={"idempotency_key": idempotency_key})
        .to_dict()
    )


def payment_status(payment_intent: str) -> str:
    """The PaymentIntent's status as Stripe holds it now ("requires_capture", "succeeded"…)."""
    return client().v1.payment_intents.retrieve(payment_intent).to_dict()["status"]


def create_refund(*, payment_intent: str, amount: int, reference: str, idempotency_key: str) -> Any:
    """Refund part or all of a payment; retried calls with the same key refund once."""
    return client().v1.refunds.create(
        params={
            "payment_intent": payment_intent,
            "amount": amount,
            "metadata": {"booking_reference": reference},
        },
        options={"idempotency_key": idempotency_key},
    )


def checkout_origin() -> str:
    """Where the payment page lives: the local fake Stripe's address, or Stripe's own."""
    if settings.STRIPE_API_BASE:
        parts = urlsplit(settings.STRIPE_API_BASE)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://checkout.stripe.com"
