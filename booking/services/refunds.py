"""Money going back: refunds owed and card authorisations to release, each recorded in the
transaction of the state change that owes it and sent to Stripe by a task after commit
(`payments.send_refund`, `request_to_book.release_authorisation`). A trip's one payment is
refunded booking by booking, a booking's cancellation at most once per payment (and each
cheaper date change once), so refunds of its items add up; a booking paid in several payments
(a dearer date change adds one) is refunded from the newest first (`owe_refund_across`)."""

import logging

from django.db.models import Q, QuerySet, Sum

from booking.models import Booking, DateChange, Payment, Refund

from .queue import after_commit

logger = logging.getLogger(__name__)

# The refunds a cancellation owes (by the guest, the host, or the guest for a whole trip).
CANCELLATION_REASONS = (
    Refund.Reason.GUEST_CANCELLED,
    Refund.Reason.PARTNER_CANCELLED,
    Refund.Reason.TRIP_CANCELLED,
)


def payments_of(booking: Booking) -> QuerySet[Payment]:
    """The payments that pay for the booking: its trip's (a booking made alone is a trip of
    its own, so they are its own)."""
    return Payment.objects.filter(trip_id=booking.trip_id)


def paying_for(booking: Booking) -> QuerySet[Payment]:
    """The payments of the booking's trip that are for it: the trip's (or its own) and those
    of its own date changes, not another item's."""
    return payments_of(booking).filter(
        Q(date_change__isnull=True) | Q(date_change__booking=booking)
    )


def owe_refund(payment: Payment, booking: Booking, amount: int, reason: str) -> Refund | None:
    """Record a refund of `amount` yen of a paid payment for one of the bookings it paid (once
    per booking and payment) in the caller's transaction, and send it to Stripe after commit."""
    if amount <= 0 or payment.status != Payment.Status.PAID:
        return None
    refund, created = Refund.objects.exclude(reason=Refund.Reason.DATE_CHANGE).get_or_create(
        payment=payment, booking=booking, defaults={"amount": amount, "reason": reason}
    )
    if created:
        after_commit("send_refund", refund.pk)
    return refund


def refundable(booking: Booking) -> list[tuple[Payment, int]]:
    """What each payment that paid for the booking still holds for it, newest first: its share
    of the trip's payment (the booking's total less what its date changes added or took off)
    and the difference paid for each dearer date change, less the refunds already owed on
    each. A payment given back in full (LATE_PAYMENT) holds nothing."""
    paid = list(paying_for(booking).filter(status=Payment.Status.PAID).order_by("-paid_at", "-pk"))
    refunds = Refund.objects.filter(booking=booking, payment__in=paid).exclude(
        status=Refund.Status.FAILED  # Stripe refused it: the money is still on the charge
    )
    owed: dict[int, int] = dict(
        refunds.values("payment_id").annotate(owed=Sum("amount")).values_list("payment_id", "owed")
    )
    given_back = set(
        refunds.filter(reason=Refund.Reason.LATE_PAYMENT).values_list("payment_id", flat=True)
    )
    changed = sum(
        change.difference
        for change in DateChange.objects.filter(booking=booking, status=DateChange.Status.DONE)
    )
    found = []
    for payment in paid:
        share = payment.amount if payment.date_change_id else booking.total - changed
        if payment.pk not in given_back and share - owed.get(payment.pk, 0) > 0:
            found.append((payment, share - owed.get(payment.pk, 0)))
    return found


def owe_refund_across(booking: Booking, amount: int, reason: str) -> list[Refund]:
    """Owe `amount` yen back for the booking from the payments that still hold money for it,
    the newest first (a date change's difference before the booking's first payment), in the
    caller's transaction; each is sent to Stripe after commit."""
    owed: list[Refund] = []
    for payment, holds in refundable(booking):
        if amount <= 0:
            break
        part = min(amount, holds)
        if reason == Refund.Reason.DATE_CHANGE:
            refund = Refund.objects.create(
                payment=payment, booking=booking, amount=part, reason=reason
            )
            after_commit("send_refund", refund.pk)
        else:
            refund = owe_refund(payment, booking, part, reason)
        if refund is not None:
            owed.append(refund)
        amount -= part
    if amount > 0:
        logger.error("booking %s: %s yen owed back but no payment holds it", booking.pk, amount)
    return owed


def paid_payment(booking: Booking) -> Payment | None:
    """The payment that paid for the booking (its own or its trip's), if any: a payment given
    back in full as late or duplicate (LATE_PAYMENT refunds) never kept the booking."""
    given_back = Refund.objects.filter(booking=booking, reason=Refund.Reason.LATE_PAYMENT)
    return (
        payments_of(booking)
        .filter(status=Payment.Status.PAID)
        .exclude(pk__in=given_back.values("payment_id"))
        .order_by("paid_at")
        .first()
    )


def release_authorisations(booking: Booking) -> None:
    """Release, after commit, every card authorisation still held for the booking (a request
    to book declined, withdrawn or lapsed: nothing is charged)."""
    for payment_id in (
        payments_of(booking).filter(status=Payment.Status.AUTHORISED).values_list("pk", flat=True)
    ):
        after_commit("release_authorisation", payment_id)
