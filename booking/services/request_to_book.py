"""Request to book: for an offer without instant booking, payment only authorises the card; the
host then accepts (the card is charged and the booking confirmed) or declines, and a request
left unanswered lapses at its deadline. A declined or lapsed request releases the authorisation:
nothing is ever charged for it.

A request keeps its places until the deadline (`Booking.hold_expires_at`, counted like a hold).
The deadline is `BOOKING_REQUEST_RESPONSE_HOURS` after the authorisation, never after the start,
and well inside the 7 days Stripe keeps an uncaptured card payment. Accepting calls Stripe under
the locks of the payment, the booking and the slots (in the fulfilment's order) after checking
that the places are still there, so nothing can take them between the check and the charge.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, BookingEmail, Payment, Refund

from . import stripe_api
from .cancellation import service_start
from .holds import HoldError, still_fits
from .jst import decision_clock
from .outbox import queue_email, queue_emails_of_transition
from .queue import after_commit, send_now
from .refunds import owe_refund, release_authorisations

logger = logging.getLogger(__name__)

BATCH = 500


class RequestClosed(HoldError):
    """The request can no longer be answered (already answered, withdrawn or lapsed)."""

    status = 409


class PaymentServiceDown(HoldError):
    """Stripe did not answer: nothing changed, the host may try again."""

    status = 503


def response_deadline(booking: Booking, now: datetime) -> datetime:
    """When the host must have answered a request authorised at `now`."""
    window = timedelta(hours=settings.BOOKING_REQUEST_RESPONSE_HOURS)
    return min(now + window, service_start(booking))


def authorised(payment: Payment, booking: Booking, session: Any, now: datetime) -> str:
    """The card was authorised for a request (both rows locked by the caller): the booking
    waits for the host if its places are still free and there is time to answer, else the
    authorisation is released. A second authorisation for a booking already requested or
    confirmed (a second payment page paid) is released alone."""
    if payment.status != Payment.Status.OPEN and payment.status != Payment.Status.EXPIRED:
        return "none"
    payment.status = Payment.Status.AUTHORISED
    payment.payment_intent_id = stripe_api.object_id(session.get("payment_intent"))
    payment.save(update_fields=["status", "payment_intent_id"])
    if booking.status in (Booking.Status.REQUESTED, Booking.Status.CONFIRMED):
        after_commit("release_authorisation", payment.pk)
        return "released"
    amount_ok = session.get("amount_total") == booking.total
    if not amount_ok:
        logger.error("%s authorised %s for %s", payment, session.get("amount_total"), booking.total)
    deadline = response_deadline(booking, now)
    if (
        amount_ok
        and deadline > now
        and booking.status in (*Booking.HOLDING, Booking.Status.EXPIRED)
        and still_fits(booking, now)
    ):
        booking.status = Booking.Status.REQUESTED
        booking.hold_expires_at = deadline
        booking.save(update_fields=["status", "hold_expires_at", "updated_at"])
        queue_emails_of_transition(
            booking, BookingEmail.Kind.REQUEST_RECEIVED, BookingEmail.Kind.PARTNER_REQUEST
        )
        return "requested"
    _close(booking, Booking.RequestOutcome.UNAVAILABLE, now)
    return "released"


def accept_request(
    booking: Booking,
    now: datetime | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> str:
    """The host accepts: charge the card and confirm ("accepted"), or, when the places are gone
    (the slot closed or started) or the authorisation is, close the request ("closed"). Calling
    it again for a confirmed booking changes nothing ("accepted").

    Rows are locked in the fulfilment's order (payment, booking, then the slots, which
    `still_fits` locks and keeps until commit), so nothing can take the places between the check
    and the charge; Stripe is called under those locks, and the clock is read again after it."""
    clock = clock or decision_clock(now)
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update(no_key=True)
            .filter(booking_id=booking.pk, status=Payment.Status.AUTHORISED)
            .order_by("pk")
            .first()
        )
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("offer")
            .get(pk=booking.pk)
        )
        if locked.status == Booking.Status.CONFIRMED:
            return "accepted"
        if payment is None or not locked.awaits_host(clock()):
            raise RequestClosed(_closed_message(locked))
        if not still_fits(locked, clock()):
            _close(locked, Booking.RequestOutcome.UNAVAILABLE, clock())
            _copy(locked, booking)
            return "closed"
        try:
            stripe_api.capture_payment(
                payment.payment_intent_id, idempotency_key=f"capture-{payment.pk}"
            )
        except stripe_api.InvalidRequestError as exc:
            logger.warning("capture of %s refused: %s", payment, exc)
            _close(locked, Booking.RequestOutcome.UNAVAILABLE, clock())
            _copy(locked, booking)
            return "closed"
        except stripe_api.StripeError as exc:
            raise PaymentServiceDown(
                _("The payment service is not answering. Nothing changed; please try again.")
            ) from exc
        after = clock()
        payment.status = Payment.Status.PAID
        payment.paid_at = after
        payment.save(update_fields=["status", "paid_at"])
        locked.status = Booking.Status.CONFIRMED
        locked.confirmed_at = after
        locked.save(update_fields=["status", "confirmed_at", "updated_at"])
        queue_email(locked, BookingEmail.Kind.CONFIRMATION)
        after_commit("issue_documents", payment.pk)
    _copy(locked, booking)
    return "accepted"


def decline_request(booking: Booking, message: str = "", now: datetime | None = None) -> bool:
    """The host declines, optionally with a message to the guest; False if the request was
    already answered, withdrawn or lapsed (nothing changes then)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status != Booking.Status.REQUESTED:
            return False
        _close(locked, Booking.RequestOutcome.DECLINED, now, message=message[:500])
    _copy(locked, booking)
    return True


def lapse_unanswered(now: datetime | None = None) -> int:
    """Close every request whose deadline passed without an answer (the beat runs this), and
    re-send releases still pending for closed requests; safe to run twice at once."""
    now = now or timezone.now()
    due = list(
        Booking.objects.filter(status=Booking.Status.REQUESTED, hold_expires_at__lte=now)
        .order_by("hold_expires_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    lapsed = 0
    for booking_id in due:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(skip_locked=True)
                .filter(pk=booking_id, status=Booking.Status.REQUESTED, hold_expires_at__lte=now)
                .first()
            )
            if booking is None:
                continue
            _close(booking, Booking.RequestOutcome.TIMED_OUT, now)
            lapsed += 1
    stale = now - timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS)
    for payment_id in (
        Payment.objects.filter(status=Payment.Status.AUTHORISED, booking__updated_at__lt=stale)
        .exclude(booking__status=Booking.Status.REQUESTED)
        .values_list("pk", flat=True)[:BATCH]
    ):
        send_now("release_authorisation", payment_id)
    return lapsed


def release_authorisation(payment_id: int) -> str:
    """Cancel one authorised payment at Stripe ("released", "refunded", "skipped"). A request's
    own authorisation is kept while it waits for the host; a duplicate one is released. If
    Stripe says the payment was in fact captured (an accept whose answer was lost), it is kept
    as paid and refunded in full. Stripe being down is raised for the task to retry, with the
    same idempotency key."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("booking")
            .filter(pk=payment_id, status=Payment.Status.AUTHORISED)
            .first()
        )
        if payment is None or _awaits_capture(payment):
            return "skipped"
        try:
            stripe_api.release_payment(
                payment.payment_intent_id, idempotency_key=f"release-{payment.pk}"
            )
        except stripe_api.InvalidRequestError as exc:
            logger.warning("release of %s refused: %s", payment, exc)
            if stripe_api.payment_status(payment.payment_intent_id) == "succeeded":
                payment.status = Payment.Status.PAID
                payment.paid_at = timezone.now()
                payment.save(update_fields=["status", "paid_at"])
                owe_refund(payment, payment.booking, payment.amount, Refund.Reason.LATE_PAYMENT)
                return "refunded"
            # Otherwise already cancelled at Stripe (an authorisation lapses after 7 days).
        payment.status = Payment.Status.RELEASED
        payment.save(update_fields=["status"])
    return "released"


def _awaits_capture(payment: Payment) -> bool:
    """Whether this is the authorisation a waiting request will be charged on (its first)."""
    booking = payment.booking
    return (
        booking.status == Booking.Status.REQUESTED
        and not booking.payments.filter(
            status=Payment.Status.AUTHORISED, pk__lt=payment.pk
        ).exists()
    )


def _close(booking: Booking, outcome: str, now: datetime, *, message: str = "") -> None:
    """End a request without charging: release every authorisation and tell the guest."""
    if booking.status in (*Booking.PENDING, Booking.Status.EXPIRED):
        booking.status = Booking.Status.DECLINED
        booking.request_outcome = outcome
        booking.host_message = message
        booking.cancelled_at = now
        fields = ["status", "request_outcome", "host_message", "cancelled_at", "updated_at"]
        booking.save(update_fields=fields)
    release_authorisations(booking)
    queue_email(booking, BookingEmail.Kind.REQUEST_DECLINED)


def _closed_message(booking: Booking) -> str:
    if booking.status == Booking.Status.DECLINED:
        return _("This request has already been closed.")
    if booking.status == Booking.Status.CANCELLED:
        return _("The guest withdrew this request.")
    return _("The time to answer this request has passed.")


def _copy(source: Booking, target: Booking) -> None:
    for name in ("status", "request_outcome", "confirmed_at", "cancelled_at", "updated_at"):
        setattr(target, name, getattr(source, name))
