"""Refunds owed: recorded in the transaction of the state change that owes them, sent to Stripe
by a task after commit (`payments.send_refund`), once per payment."""

from booking.models import Booking, Payment, Refund

from .queue import after_commit


def owe_refund(payment: Payment, amount: int, reason: str) -> Refund | None:
    """Record a refund of `amount` yen for a paid payment (once per payment) in the caller's
    transaction, and send it to Stripe after commit."""
    if amount <= 0 or payment.status != Payment.Status.PAID:
        return None
    refund, created = Refund.objects.get_or_create(
        payment=payment,
        defaults={"booking_id": payment.booking_id, "amount": amount, "reason": reason},
    )
    if created:
        after_commit("send_refund", refund.pk)
    return refund


def paid_payment(booking: Booking) -> Payment | None:
    """The payment that paid for the booking, if any."""
    return booking.payments.filter(status=Payment.Status.PAID).order_by("paid_at").first()
