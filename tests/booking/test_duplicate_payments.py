"""A second payment for bookings another payment already confirmed (two payment pages open, both
paid), against the local fake Stripe: it is given back in full (item by item for a trip) and
the guest gets a message of its own saying the booking stands; a payment that came too late for
places since taken keeps the late-payment message; a later cancellation refunds against the
payment that kept the booking."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from booking.models import Booking, BookingEmail, Payment, Refund
from booking.services import payments, stripe_api
from booking.services.cancellation import cancel_by_guest
from booking.services.emails import build_message
from booking.services.jst import at
from tests.booking import test_payments, test_trip_payments
from tests.booking.payment_factories import BookingEmailFactory, PaymentFactory
from tests.booking.test_payments import emails_of, to_payment_page, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

Kind = BookingEmail.Kind
GUEST = ["taro@example.jp"]

# The same fixtures as the payment tests: an experience at ¥5,500 a person on a session for
# three, and a trip of three nights (¥36,000), two desk days (¥4,400) and a farm day (¥11,000).
experience = test_payments.experience
week = test_trip_payments.week


def two_pages(client: Client, experience, language: str = "ja", adults: int = 2):
    """A booking with two payment pages open at once: the first page's end has passed by our
    clock, so the final screen opens another, while Stripe still takes payment on the first."""
    booking, _ = to_payment_page(client, experience, language, adults=adults)
    first = Payment.objects.get(booking=booking)
    Payment.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    client.post(url("confirm", language, reference=booking.reference))
    second = Payment.objects.exclude(pk=first.pk).get(booking=booking)
    return booking, first, second


def trip_two_pages(week, language: str = "ja"):
    """A trip with two payment pages open at once, the same way."""
    trip, bookings, first = test_trip_payments.to_payment_page(week, language=language)
    Payment.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    second = payments.start_trip_checkout(
        trip, success_url="http://testserver/paid/", cancel_url="http://testserver/confirm/"
    )
    assert second.pk != first.pk
    return trip, bookings, first, second


def pay(fake, payment: Payment, capture) -> str:
    """Pay the page at the fake Stripe and run the fulfilment with its tasks; the effect."""
    fake.pay(payment.checkout_session_id)
    with capture(execute=True):
        return payments.sync_checkout_session(payment.checkout_session_id).effect


def stripe_refunds(payment: Payment) -> list[int]:
    """The amounts Stripe refunded of the payment."""
    payment.refresh_from_db()
    listed = stripe_api.client().v1.refunds.list(
        params={"payment_intent": payment.payment_intent_id}
    )
    return sorted(refund["amount"] for refund in listed.data)


def to_guest() -> list:
    return [message for message in mail.outbox if message.to == GUEST]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.mark.parametrize("kept_first", [True, False], ids=["first page kept", "second kept"])
def test_a_booking_paid_on_two_pages_is_confirmed_once_and_the_other_payment_given_back(
    client, fake_stripe, experience, django_capture_on_commit_callbacks, kept_first
):
    booking, first, second = two_pages(client, experience)
    kept, extra = (first, second) if kept_first else (second, first)

    assert pay(fake_stripe, kept, django_capture_on_commit_callbacks) == "confirmed"
    assert pay(fake_stripe, extra, django_capture_on_commit_callbacks) == "refunded"

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    refund = Refund.objects.get()
    assert (refund.payment_id, refund.amount, refund.reason, refund.status) == (
        extra.pk,
        booking.total,
        Refund.Reason.LATE_PAYMENT,
        Refund.Status.SUCCEEDED,
    )
    assert stripe_refunds(extra) == [booking.total] and stripe_refunds(kept) == []
    assert emails_of(booking, Kind.CONFIRMATION) == 1
    assert emails_of(booking, Kind.DUPLICATE_PAYMENT) == 1
    assert emails_of(booking, Kind.LATE_PAYMENT) == 0
    assert emails_of(booking, Kind.REFUND) == 0  # the duplicate e-mail says what goes back
    assert len(to_guest()) == 2


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_second_payment_e_mail_names_the_amount_and_says_the_booking_stands(
    client, fake_stripe, experience, django_capture_on_commit_callbacks, language
):
    booking, first, second = two_pages(client, experience, language)
    pay(fake_stripe, first, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    pay(fake_stripe, second, django_capture_on_commit_callbacks)

    [message] = to_guest()
    html = html_of(message)
    stands = "そのまま有効です" if language == "ja" else "stands as it is"
    places_gone = "埋まって" if language == "ja" else "taken by other bookings"
    assert booking.reference in message.subject
    assert ("重複" if language == "ja" else "second payment") in message.subject
    for body in (message.body, html):
        assert "¥11,000" in body
        assert stands in body and places_gone not in body
        assert booking.reference in body
        assert f"http://testserver/{language}/booking/manage/" in body
    assert ("数日から数週間" if language == "ja" else "a few days") in message.body


def test_a_second_payment_arriving_as_the_guest_cancels_says_the_booking_was_cancelled(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    """Paid on the second page at the moment the guest cancelled: the cancellation closes the
    page, finds it paid and gives it back as a second payment, not a late one."""
    booking, first, second = two_pages(client, experience)
    pay(fake_stripe, first, django_capture_on_commit_callbacks)
    fake_stripe.pay(second.checkout_session_id)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(Booking.objects.get(pk=booking.pk), timezone.now())

    refunds = {refund.payment_id: refund for refund in Refund.objects.all()}
    assert refunds[first.pk].reason == Refund.Reason.GUEST_CANCELLED
    assert (refunds[second.pk].amount, refunds[second.pk].reason) == (
        booking.total,
        Refund.Reason.LATE_PAYMENT,
    )
    assert emails_of(booking, Kind.DUPLICATE_PAYMENT) == 1
    assert emails_of(booking, Kind.LATE_PAYMENT) == 0
    [message] = [m for m in to_guest() if "重複" in m.subject]
    assert "キャンセルされています" in message.body and "そのまま有効" not in message.body
    assert "¥11,000" in message.body


def test_a_payment_too_late_for_places_since_taken_keeps_the_late_payment_e_mail(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    """Both pages paid after the hold ran out and another guest took the places: neither
    payment kept the booking, so both go back as late payments, with the late-payment e-mail."""
    booking, first, second = two_pages(client, experience, adults=3)
    Booking.objects.filter(pk=booking.pk).update(
        hold_expires_at=timezone.now() - timedelta(seconds=1)
    )
    rival, _ = to_payment_page(Client(), experience, adults=2)
    assert rival.status == Booking.Status.AWAITING_PAYMENT

    assert pay(fake_stripe, first, django_capture_on_commit_callbacks) == "refunded"
    assert pay(fake_stripe, second, django_capture_on_commit_callbacks) == "refunded"

    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.EXPIRED
    assert stripe_refunds(first) == stripe_refunds(second) == [booking.total]
    assert emails_of(booking, Kind.LATE_PAYMENT) == 1
    assert emails_of(booking, Kind.DUPLICATE_PAYMENT) == 0


def test_a_later_cancellation_refunds_against_the_payment_that_kept_the_booking(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    booking, first, second = two_pages(client, experience)
    pay(fake_stripe, first, django_capture_on_commit_callbacks)
    pay(fake_stripe, second, django_capture_on_commit_callbacks)
    booking.refresh_from_db()
    when = at(booking.service_date - timedelta(days=1), time(12, 0))  # the 50 % window

    with django_capture_on_commit_callbacks(execute=True):
        assert cancel_by_guest(booking, when).cancelled

    refund = Refund.objects.get(reason=Refund.Reason.GUEST_CANCELLED)
    assert (refund.payment_id, refund.amount) == (first.pk, booking.total // 2)
    assert stripe_refunds(first) == [booking.total // 2]
    assert stripe_refunds(second) == [booking.total]
    assert emails_of(booking, Kind.REFUND) == 1
    # Built again now, the second payment's e-mail still names that payment's refund, not the
    # cancellation's.
    again = build_message(BookingEmail.objects.get(booking=booking, kind=Kind.DUPLICATE_PAYMENT))
    assert "¥11,000" in again.body and "¥5,500" not in again.body


def test_the_second_payment_e_mail_leaves_out_an_earlier_payment_given_back(
    client, fake_stripe, experience, django_capture_on_commit_callbacks
):
    """A payment given back earlier (its amount did not match) is neither the one that kept
    the booking nor the second payment the e-mail is about."""
    booking, first, second = two_pages(client, experience)
    earlier = PaymentFactory(
        booking=booking,
        checkout_session_id="cs_given_back",
        amount=5000,
        paid_at=timezone.now() - timedelta(minutes=5),
    )
    Refund.objects.create(
        payment=earlier, booking=booking, amount=5000, reason=Refund.Reason.LATE_PAYMENT
    )
    assert pay(fake_stripe, first, django_capture_on_commit_callbacks) == "confirmed"
    mail.outbox.clear()

    assert pay(fake_stripe, second, django_capture_on_commit_callbacks) == "refunded"

    assert emails_of(booking, Kind.DUPLICATE_PAYMENT) == 1
    [message] = to_guest()
    assert "¥11,000" in message.body
    assert "¥5,000" not in message.body and "¥16,000" not in message.body


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_trip_paid_on_two_pages_gives_the_second_payment_back_item_by_item(
    fake_stripe, week, django_capture_on_commit_callbacks, language
):
    trip, bookings, first, second = trip_two_pages(week, language)
    assert pay(fake_stripe, first, django_capture_on_commit_callbacks) == "confirmed"
    mail.outbox.clear()

    assert pay(fake_stripe, second, django_capture_on_commit_callbacks) == "refunded"

    assert test_trip_payments.statuses(trip) == [Booking.Status.CONFIRMED] * 3
    refunds = list(Refund.objects.filter(payment=second).order_by("booking_id"))
    assert [r.amount for r in refunds] == [36000, 4400, 11000]
    assert sum(r.amount for r in refunds) == second.amount == 51400
    assert {(r.reason, r.status) for r in refunds} == {
        (Refund.Reason.LATE_PAYMENT, Refund.Status.SUCCEEDED)
    }
    assert not Refund.objects.filter(payment=first).exists()
    assert stripe_refunds(second) == [4400, 11000, 36000] and stripe_refunds(first) == []
    kinds = list(BookingEmail.objects.values_list("booking_id", "kind"))
    assert kinds.count((bookings[0].pk, Kind.TRIP_DUPLICATE_PAYMENT)) == 1
    assert kinds.count((bookings[0].pk, Kind.TRIP_CONFIRMATION)) == 1
    assert not {Kind.TRIP_LATE_PAYMENT, Kind.LATE_PAYMENT, Kind.REFUND} & {k for _b, k in kinds}
    [message] = to_guest()
    assert trip.reference in message.subject and message.reply_to == []
    stands = "そのまま有効です" if language == "ja" else "stands as it is"
    for body in (message.body, html_of(message)):
        assert "¥51,400" in body and stands in body
        assert "¥36,000" in body and "¥4,400" in body and "¥11,000" in body
        assert f"http://testserver/{language}/trip/{trip.reference}/" in body
        assert body.count(f"http://testserver/{language}/booking/manage/") >= 3
        for booking in bookings:
            assert booking.reference in body


def test_the_trip_e_mail_gives_the_second_payment_only_and_marks_items_cancelled_since(
    fake_stripe, week
):
    """Built from rows: an earlier payment given back as late, the payment that kept the trip
    (one item cancelled since, with its own refund) and the second payment given back."""
    trip, bookings, _page = test_trip_payments.to_payment_page(week, language="en")
    trip.bookings.update(status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    Booking.objects.filter(pk=bookings[2].pk).update(status=Booking.Status.CANCELLED)
    earlier, kept, second = (
        PaymentFactory(booking=None, trip=trip, amount=51400, checkout_session_id=f"cs_{name}")
        for name in ("earlier", "kept", "second")
    )
    for booking in bookings:
        Refund.objects.create(
            payment=earlier,
            booking=booking,
            amount=booking.total,
            reason=Refund.Reason.LATE_PAYMENT,
        )
    Refund.objects.create(
        payment=kept, booking=bookings[2], amount=5500, reason=Refund.Reason.GUEST_CANCELLED
    )
    for booking in bookings:
        Refund.objects.create(
            payment=second,
            booking=booking,
            amount=booking.total,
            reason=Refund.Reason.LATE_PAYMENT,
        )

    message = build_message(
        BookingEmailFactory(booking=bookings[0], kind=Kind.TRIP_DUPLICATE_PAYMENT)
    )

    html = html_of(message)
    for body in (message.body, html):
        assert "¥51,400" in body and "¥102,800" not in body
        assert "¥72,000" not in body and "¥22,000" not in body  # no item counted twice
        assert "stands as it is" not in body and "cancelled since" in body
    assert f"{bookings[2].offer.display_name('en')} (cancelled)" in html
    assert "This booking is cancelled." in message.body
