"""Money going back: refunds owed and card authorisations to release, each recorded in the
transaction of the state change that owes it and sent to Stripe by a task after commit
(`payments.send_refund`, `request_to_book.release_authorisation`). A trip's one payment is
refunded booking by booking, each booking at most once, so refunds of its items add up."""

from django.db.models import QuerySet

from booking.models import Booking, Payment, Refund

from .queue import after_commit


def payments_of(booking: Booking) -> QuerySet[Payment]:
    """The payments that pay for the booking: its trip's (a booking made alone is a trip of
    its own, so they are its own)."""
    return Payment.objects.filter(trip_id=booking.trip_id)


def owe_refund(payment: Payment, booking: Booking, amount: int, reason: str) -> Refund | None:
    """Record a refund of `amount` yen of a paid payment for one of the bookings it paid (once
    per booking and payment) in the caller's transaction, and send it to Stripe after commit."""
    if amount <= 0 or payment.status != Payment.Status.PAID:
        return None
    refund, created = Refund.objects.get_or_create(
        payment=payment, booking=booking, defaults={"amount": amount, "reason": reason}
    )
    if created:
        after_commit("send_refund", refund.pk)
    return refund


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
