"""Factories for the money and message rows around a booking: payments, refunds, outbox e-mails."""

from datetime import timedelta

import factory
from django.utils import timezone

from booking.models import BookingEmail, Payment, Refund


class PaymentFactory(factory.django.DjangoModelFactory):
    """A paid Checkout Session for the whole booking."""

    class Meta:
        model = Payment

    trip = factory.LazyAttribute(lambda payment: payment.booking.trip)
    checkout_session_id = factory.Sequence(lambda n: f"cs_test_{n:06d}")
    checkout_url = factory.Sequence(lambda n: f"https://checkout.example.jp/c/{n}")
    payment_intent_id = factory.Sequence(lambda n: f"pi_test_{n:06d}")
    amount = factory.LazyAttribute(lambda payment: payment.booking.total)
    status = Payment.Status.PAID
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=30))
    paid_at = factory.LazyFunction(timezone.now)


class RefundFactory(factory.django.DjangoModelFactory):
    """A refund of a paid payment (the whole amount unless told otherwise)."""

    class Meta:
        model = Refund

    payment = factory.SubFactory(PaymentFactory, booking=factory.SelfAttribute("..booking"))
    amount = factory.LazyAttribute(lambda refund: refund.payment.amount)
    reason = Refund.Reason.GUEST_CANCELLED
    status = Refund.Status.PENDING


class BookingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingEmail

    kind = BookingEmail.Kind.CONFIRMATION
