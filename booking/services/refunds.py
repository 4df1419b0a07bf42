"""Money going back: refunds owed and card authorisations to release, each recorded in the
transaction of the state change that owes it and sent to Stripe by a task after commit
(`payments.send_refund`, `request_to_book.release_authorisation`), once per payment."""

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


def release_authorisations(booking: Booking) -> None:
    """Release, after commit, every card authorisation still held for the booking (a request
    to book declined, withdrawn or lapsed: nothing is charged)."""
    for payment_id in booking.payments.filter(status=Payment.Status.AUTHORISED).values_list(
        "pk", flat=True
    ):
        after_commit("release_authorisation", payment_id)
