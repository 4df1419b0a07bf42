"""Payments: open a Stripe Checkout Session for a booking awaiting payment, apply what Stripe
says of it (paid, expired), and owe refunds.

`sync_checkout_session` is the one fulfilment path: the webhook task and the return page both
call it. It re-fetches the session from Stripe and acts on its current state under row locks
(payment, then booking, then slots), so any number of calls, in any order, has one effect.
Money in equals bookings kept: a payment for a hold that ran out is confirmed if the places
are still free, otherwise refunded in full and the guest told.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from booking.models import Booking, BookingEmail, DateChange, Payment, Refund, Trip, TripPlan

from . import date_changes, request_to_book, stripe_api
from .checkout import HoldExpired, line_description, require_own_checkout
from .holds import HoldError, all_still_fit
from .jst import decision_clock
from .outbox import queue_email, queue_emails_of_transition
from .queue import after_commit
from .refunds import owe_refund, payments_of

logger = logging.getLogger(__name__)

# Stripe measures a session's 30 minutes from its own clock: leave a margin for the call.
SESSION_MARGIN = timedelta(seconds=90)
MAX_SESSIONS_PER_BOOKING = 3


class PaymentUnavailable(HoldError):
    """Stripe could not be reached or refused to open the payment page; nothing was charged."""

    status = 503


def session_lifetime() -> timedelta:
    return timedelta(minutes=settings.BOOKING_CHECKOUT_SESSION_MINUTES) + SESSION_MARGIN


def start_checkout(
    booking: Booking,
    *,
    success_url: str,
    cancel_url: str,
    description: str,
    now: datetime | None = None,
) -> Payment:
    """The open payment page for a booking awaiting payment, opened now if there is none.

    The session lives the configured minutes (Stripe's minimum is 30) and the hold is set to
    outlive it by the grace, so a payment that finishes in the last second still finds it."""
    clock = decision_clock(now)
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("offer")
            .get(pk=booking.pk)
        )
        require_own_checkout(locked)
        payment = _open_page(
            {"trip_id": locked.trip_id, "booking": locked, "date_change": None},
            [locked],
            reference=locked.reference,
            lines=[(description, locked.total)],
            authorise_only=not locked.offer.instant_booking,
            success_url=success_url,
            cancel_url=cancel_url,
            clock=clock,
        )
    booking.hold_expires_at = locked.hold_expires_at
    return payment


def start_trip_checkout(
    trip: Trip,
    *,
    success_url: str,
    cancel_url: str,
    now: datetime | None = None,
) -> Payment:
    """The open payment page for a trip whose bookings all await payment: one session with a
    line per booking, opened now if there is none."""
    clock = decision_clock(now)
    with transaction.atomic():
        Trip.objects.select_for_update().filter(pk=trip.pk).first()
        bookings = locked_trip_bookings(trip)
        return _open_page(
            {"trip": trip, "booking": None},
            bookings,
            reference=trip.reference,
            lines=[(line_description(booking), booking.total) for booking in bookings],
            authorise_only=False,
            success_url=success_url,
            cancel_url=cancel_url,
            clock=clock,
        )


def start_date_change_checkout(
    change: DateChange,
    *,
    success_url: str,
    cancel_url: str,
    now: datetime | None = None,
) -> Payment:
    """The open payment page for the difference of a dearer date change, opened now if there
    is none; the new dates stay held while it is open (booking.services.date_changes)."""
    clock = decision_clock(now)
    with transaction.atomic():
        booking, hold = date_changes.lock(change)
        change.refresh_from_db()
        if change.status != DateChange.Status.PENDING or hold is None or change.difference <= 0:
            raise HoldExpired(_("This change was already made or has run out."))
        date_changes.refuse_unless_payable(booking, clock(), clock() + session_lifetime())
        if hold.status == Booking.Status.HELD:
            hold.status = Booking.Status.AWAITING_PAYMENT
            hold.save(update_fields=["status", "updated_at"])
        with translation.override(booking.language):
            line = _("%(offer)s: new dates") % {
                "offer": booking.offer.display_name(booking.language)
            }
        return _open_page(
            {"trip_id": booking.trip_id, "booking": booking, "date_change": change},
            [hold],
            reference=f"{booking.reference}-{change.pk}",
            lines=[(line, change.difference)],
            not_counting=[booking.pk],
            authorise_only=False,
            success_url=success_url,
            cancel_url=cancel_url,
            clock=clock,
        )


def locked_trip_bookings(trip: Trip) -> list[Booking]:
    """The trip's bookings, locked in primary-key order (the order every path takes them in)."""
    return list(
        Booking.objects.select_for_update(of=("self",))
        .select_related("offer")
        .filter(trip=trip)
        .order_by("pk")
    )


def _open_page(
    owner: dict[str, Any],
    bookings: list[Booking],
    *,
    reference: str,
    lines: list[tuple[str, int]],
    authorise_only: bool,
    success_url: str,
    cancel_url: str,
    clock,
    not_counting: Sequence[int] = (),
) -> Payment:
    """Open a Checkout Session for locked bookings awaiting payment (all of a trip's, or one),
    unless one is open already; their holds are made to outlive it (re-checked, when Stripe
    was slow, without counting `not_counting`: a booking moving to these dates). `owner` is the
    payment's trip and, for a booking paid alone, its booking (and a date change's)."""
    current = Payment.objects.filter(
        **owner, status=Payment.Status.OPEN, expires_at__gt=clock()
    ).first()
    if current is not None:
        return current
    if not bookings or any(
        booking.status != Booking.Status.AWAITING_PAYMENT or not booking.hold_is_live(clock())
        for booking in bookings
    ):
        raise HoldExpired(
            _("Your hold has run out and the places were released. Please choose again.")
        )
    attempt = Payment.objects.filter(**owner).count() + 1
    if attempt > MAX_SESSIONS_PER_BOOKING:
        raise HoldExpired(_("This booking can no longer be paid. Please choose again."))
    expires_at = clock() + session_lifetime()
    first = bookings[0]
    try:
        session = stripe_api.create_checkout_session(
            reference=reference,
            lines=lines,
            email=first.guest_email,
            language=first.language,
            success_url=success_url,
            cancel_url=cancel_url,
            expires_at=expires_at,
            idempotency_key=f"checkout-{reference}-{attempt}",
            authorise_only=authorise_only,
        )
    except stripe_api.StripeError as exc:
        logger.warning("checkout session for %s not opened: %s", reference, exc)
        raise PaymentUnavailable(
            _("The payment service is not answering. Nothing was charged; please try again.")
        ) from exc
    # Stripe may have been slow: the holds are extended only if they are still live now, or
    # their places are still free under the slot locks; otherwise the new page is closed unpaid.
    after = clock()
    if not all(booking.hold_is_live(after) for booking in bookings) and not all_still_fit(
        bookings, after, not_counting=not_counting
    ):
        _close_quietly(session["id"])
        raise HoldExpired(
            _("Your hold has run out and the places were released. Please choose again.")
        )
    hold_until = expires_at + timedelta(minutes=settings.BOOKING_HOLD_GRACE_MINUTES)
    for booking in bookings:
        booking.hold_expires_at = max(booking.hold_expires_at, hold_until)
        booking.save(update_fields=["hold_expires_at", "updated_at"])
    return Payment.objects.create(
        **owner,
        checkout_session_id=session["id"],
        checkout_url=session["url"],
        amount=sum(amount for _name, amount in lines),
        expires_at=expires_at,
        manual_capture=authorise_only,
    )


@dataclass(frozen=True)
class Outcome:
    """What applying a session did: `effect` is one of "confirmed", "late_confirmed",
    "refunded", "expired" or "none" (nothing changed: already applied, or still open)."""

    booking: Booking | None
    effect: str


def _close_quietly(session_id: str) -> None:
    """Close a session we will not use; if Stripe does not answer it expires on its own, and a
    payment made on it meanwhile is refunded as a late payment."""
    try:
        stripe_api.expire_checkout_session(session_id)
    except stripe_api.StripeError as exc:
        logger.warning("checkout session %s not closed: %s", session_id, exc)


def sync_checkout_session(session_id: str, now: datetime | None = None) -> Outcome:
    """Fetch the session (with its payment) from Stripe and apply its current state (the
    fulfilment path)."""
    session = stripe_api.retrieve_checkout_session(session_id)
    return apply_checkout_session(session, now)


def apply_checkout_session(session: Any, now: datetime | None = None) -> Outcome:
    """Apply a Checkout Session's state as Stripe reports it; idempotent. The time is read once
    the payment and booking rows are locked (after any call to Stripe)."""
    with transaction.atomic(savepoint=False):  # inside the webhook's transaction: no savepoint
        # NO KEY: a refund row inserted for this payment (its foreign key takes KEY SHARE)
        # by a cancellation holding a booking lock must not wait for us while we wait for it.
        payment = (
            Payment.objects.select_for_update(no_key=True)
            .filter(checkout_session_id=session["id"])
            .first()
        )
        if payment is None:
            logger.warning("Checkout Session %s is not one of ours", session["id"])
            return Outcome(None, "none")
        if payment.date_change_id is not None:
            return _apply_date_change(payment, session, decision_clock(now))
        if payment.for_whole_trip:
            bookings = locked_trip_bookings(payment.trip)
        else:
            bookings = [
                Booking.objects.select_for_update(of=("self",))
                .select_related("offer")
                .get(pk=payment.booking_id)
            ]
        now = decision_clock(now)()
        complete = session.get("status") == "complete"
        if complete and session.get("payment_status") == "paid":
            effect = _paid(payment, bookings, session, now)
        elif complete and payment.manual_capture and _authorised(session):
            effect = request_to_book.authorised(payment, bookings[0], session, now)
        elif session.get("status") == "expired":
            effect = _expired(payment, bookings)
        else:
            effect = "none"
    return Outcome(bookings[0] if bookings else None, effect)


def _apply_date_change(payment: Payment, session: Any, clock) -> Outcome:
    """A date change's difference page (the payment locked): paid, the booking moves or the
    money goes back (booking.services.date_changes); closed unpaid, the change lapses."""
    booking, hold = date_changes.lock(payment.date_change)
    now = clock()
    complete = session.get("status") == "complete"
    effect = "none"
    if (
        complete
        and session.get("payment_status") == "paid"
        and payment.status != Payment.Status.PAID
    ):
        _mark_paid(payment, session, now)
        if session.get("amount_total") != payment.amount:
            logger.error("session %s paid %s for %s", payment, session.get("amount_total"), payment)
            effect = date_changes.refuse_paid(payment, booking, now, session.get("amount_total"))
        else:
            effect = date_changes.apply_paid(payment, booking, hold, now)
            if effect != "refunded":
                after_commit("issue_documents", payment.pk)
    elif session.get("status") == "expired" and payment.status == Payment.Status.OPEN:
        payment.status = Payment.Status.EXPIRED
        payment.save(update_fields=["status"])
        date_changes.payment_page_closed(payment, now)
        effect = "expired"
    return Outcome(booking, effect)


def _mark_paid(payment: Payment, session: Any, now: datetime) -> None:
    payment.status = Payment.Status.PAID
    payment.payment_intent_id = stripe_api.object_id(session.get("payment_intent"))
    payment.paid_at = now
    payment.save(update_fields=["status", "payment_intent_id", "paid_at"])


def _authorised(session: Any) -> bool:
    """A completed request-to-book session whose card payment waits to be captured."""
    intent = session.get("payment_intent")
    return (
        session.get("payment_status") == "unpaid"
        and isinstance(intent, dict)
        and intent.get("status") == "requires_capture"
    )


def _paid(payment: Payment, bookings: list[Booking], session: Any, now: datetime) -> str:
    """Money arrived: confirm every booking it paid for, or none. A trip is kept whole: if
    one of its items can no longer be had, the whole payment is refunded (the final screen
    says so), since a stay without its desks or desks without the stay is not what was bought.
    """
    if payment.status == Payment.Status.PAID:
        return "none"
    _mark_paid(payment, session, now)
    amount = session.get("amount_total")
    total = sum(booking.total for booking in bookings)
    if amount != total:
        logger.error("session %s paid %s for a total of %s", payment, amount, total)
        return _refund_late(payment, bookings, amount or payment.amount)
    # Even a live hold is re-checked under the slot locks: without them a hold that runs out
    # while this transaction commits could lose its places to a new hold and still be confirmed.
    live = all(booking.hold_is_live(now) for booking in bookings)
    waiting = (*Booking.HOLDING, Booking.Status.EXPIRED)
    if all(booking.status in waiting for booking in bookings) and all_still_fit(bookings, now):
        for booking in bookings:
            _confirm(booking, now, trip=payment.for_whole_trip)
        if payment.for_whole_trip:
            queue_email(bookings[0], BookingEmail.Kind.TRIP_CONFIRMATION)
            TripPlan.objects.filter(trip_id=payment.trip_id).delete()  # the plan is booked
        after_commit("issue_documents", payment.pk)
        return "confirmed" if live else "late_confirmed"
    return _refund_late(payment, bookings, payment.amount)


def _confirm(booking: Booking, now: datetime, *, trip: bool = False) -> None:
    """Confirm a booking and queue its messages: the host's always; the guest's own unless it
    is part of a trip (the trip's one confirmation covers every item)."""
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at", "updated_at"])
    kinds = [BookingEmail.Kind.PARTNER_NEW_BOOKING]
    if not trip:
        kinds.insert(0, BookingEmail.Kind.CONFIRMATION)
    queue_emails_of_transition(booking, *kinds)


def _refund_late(payment: Payment, bookings: list[Booking], amount: int) -> str:
    """Money arrived for bookings that cannot be kept (places gone, cancelled) or that another
    payment already paid: give it all back, booking by booking, and tell the guest once (a
    second payment with its own message: the booking stands)."""
    duplicate = _already_paid(payment, bookings)
    for booking in bookings:
        if booking.status in Booking.HOLDING:
            booking.status = Booking.Status.EXPIRED
            booking.save(update_fields=["status", "updated_at"])
    Kind = BookingEmail.Kind
    if not payment.for_whole_trip:
        owe_refund(payment, bookings[0], amount, Refund.Reason.LATE_PAYMENT)
        queue_email(bookings[0], Kind.DUPLICATE_PAYMENT if duplicate else Kind.LATE_PAYMENT)
        return "refunded"
    for booking, share in zip(bookings, _shares(bookings, amount), strict=True):
        owe_refund(payment, booking, share, Refund.Reason.LATE_PAYMENT)
    queue_email(bookings[0], Kind.TRIP_DUPLICATE_PAYMENT if duplicate else Kind.TRIP_LATE_PAYMENT)
    return "refunded"


def _already_paid(payment: Payment, bookings: list[Booking]) -> bool:
    """Whether this payment is a second one (two payment pages, both paid): every booking was
    confirmed (and may since have been cancelled) and another paid payment of the trip, not
    given back in full (LATE_PAYMENT), paid for them."""
    if not all(booking.confirmed_at for booking in bookings):
        return False
    given_back = Refund.objects.filter(booking__in=bookings, reason=Refund.Reason.LATE_PAYMENT)
    return (
        payments_of(bookings[0])
        .filter(status=Payment.Status.PAID, date_change__isnull=True)
        .exclude(pk=payment.pk)
        .exclude(pk__in=given_back.values("payment_id"))
        .exists()
    )


def _shares(bookings: list[Booking], amount: int) -> list[int]:
    """`amount` split over the bookings in order, each up to its own total (so every refund
    stays within what was paid); anything paid beyond the totals goes with the first."""
    shares, left = [], amount
    for booking in bookings:
        share = min(booking.total, left)
        shares.append(share)
        left -= share
    shares[0] += left
    return shares


def _expired(payment: Payment, bookings: list[Booking]) -> str:
    """The payment page closed unpaid: the places go back at once (not only when the holds
    run out), unless another payment of the booking or trip is still open or paid."""
    if payment.status != Payment.Status.OPEN:
        return "none"
    payment.status = Payment.Status.EXPIRED
    payment.save(update_fields=["status"])
    others = (
        Payment.objects.filter(trip_id=payment.trip_id)
        .exclude(pk=payment.pk)
        .exclude(status=Payment.Status.EXPIRED)
    )
    if not others.exists():
        for booking in bookings:
            if booking.status in Booking.HOLDING:
                booking.status = Booking.Status.EXPIRED
                booking.save(update_fields=["status", "updated_at"])
    return "expired"


def send_refund(refund_id: int, now: datetime | None = None) -> str:
    """Ask Stripe for one pending refund under a row lock ("refunded", "skipped"); Stripe errors
    are recorded on the row and raised so the task retries with the same idempotency key."""
    now = now or timezone.now()
    with transaction.atomic():
        refund = (
            Refund.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("payment", "booking")
            .filter(pk=refund_id, status=Refund.Status.PENDING)
            .first()
        )
        if refund is None:
            return "skipped"
        refund.attempts += 1
        try:
            result = stripe_api.create_refund(
                payment_intent=refund.payment.payment_intent_id,
                amount=refund.amount,
                reference=refund.booking.reference,
                idempotency_key=refund.idempotency_key,
            )
        except stripe_api.StripeError as exc:
            refund.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if isinstance(exc, stripe_api.InvalidRequestError):
                refund.status = Refund.Status.FAILED
            refund.save(update_fields=["attempts", "last_error", "status"])
            failed = exc
        else:
            refund.status = Refund.Status.SUCCEEDED
            refund.stripe_refund_id = result["id"]
            refund.refunded_at = now
            refund.save()
            after_commit("issue_return_document", refund.pk)
            # A late payment's and a whole trip's guest e-mail already said what goes back.
            # A cancellation's refund is told once, with the total of its rows (a booking paid
            # in two payments is refunded from both); the others have their own messages (the
            # late payment's, the trip's, the date change's), sent when the refund was owed.
            if refund.reason in (Refund.Reason.GUEST_CANCELLED, Refund.Reason.PARTNER_CANCELLED):
                queue_email(refund.booking, BookingEmail.Kind.REFUND)
            return "refunded"
    logger.error("refund %s failed: %s", refund_id, failed)
    if isinstance(failed, stripe_api.InvalidRequestError):
        return "failed"
    raise failed


def close_checkout(payment: Payment, now: datetime | None = None) -> str:
    """Expire a payment page at Stripe if it is still open, then apply whatever state it is in
    (a page paid at the last moment is fulfilled, never lost); returns the effect. Errors are
    logged, not raised ("" is returned): the sweep comes back to it."""
    try:
        stripe_api.expire_checkout_session(payment.checkout_session_id)
    except stripe_api.InvalidRequestError:
        pass  # already complete or expired: the sync below applies that
    except stripe_api.StripeError as exc:
        logger.warning("could not expire %s: %s", payment, exc)
        return ""
    try:
        return sync_checkout_session(payment.checkout_session_id, now).effect
    except stripe_api.StripeError as exc:
        logger.warning("could not sync %s: %s", payment, exc)
        return ""
