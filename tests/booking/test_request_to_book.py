"""Request to book, end to end against the local fake Stripe: the card is authorised, not
charged; the host accepts (charged, confirmed) or declines (released); an unanswered request
lapses at its deadline; the guest may withdraw it; capacity is kept until the deadline."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.models import Booking, BookingEmail, Payment, Refund
from booking.services import availability, payments, request_to_book, stripe_api
from booking.services.cancellation import cancel_by_guest
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.booking.test_payments import emails_of, to_payment_page, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


@pytest.fixture
def request_offer():
    offer = OfferFactory(instant_booking=False, min_per_booking=1, max_per_booking=6)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    child = PriceCategoryFactory(offer=offer, code="child", name="子ども", price=3300)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=3)
    return offer, adult, child, slot


def authorise(client, fake, request_offer, capture, adults: int = 2) -> Booking:
    """Through the pages to the payment page, pay it at the fake, and fulfil."""
    booking, response = to_payment_page(client, request_offer, adults=adults)
    payment = Payment.objects.get(booking=booking)
    assert response["Location"] == payment.checkout_url
    fake.pay(payment.checkout_session_id)
    with capture(execute=True):
        client.get(
            url("paid", reference=booking.reference), {"session_id": payment.checkout_session_id}
        )
    booking.refresh_from_db()
    return booking


def intent_of(booking: Booking) -> dict:
    payment = booking.payments.get()
    return stripe_api.client().v1.payment_intents.retrieve(payment.payment_intent_id).to_dict()


def test_the_final_screen_says_it_is_a_request_and_the_card_is_only_authorised(
    client, fake_stripe, request_offer
):
    offer, adult, child, slot = request_offer
    client.post(
        url("hold", pk=offer.pk),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 1},
    )
    booking = Booking.objects.get()
    client.post(
        url("details", reference=booking.reference),
        {
            "guest_name": "山田 太郎",
            "guest_name_kana": "ヤマダ タロウ",
            "guest_email": "taro@example.jp",
            "guest_phone": "090-1234-5678",
        },
    )
    page = client.get(url("confirm", reference=booking.reference)).content.decode()
    assert "リクエスト予約" in page and "請求しません" in page
    assert "24時間以内" in page  # the host's time to answer
    assert "カードの与信" in page  # the button says what happens


def test_paying_a_request_authorises_without_charging_and_tells_both_sides(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    before = timezone.now()
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)
    payment = booking.payments.get()

    assert booking.status == Booking.Status.REQUESTED
    assert payment.status == Payment.Status.AUTHORISED and payment.manual_capture
    assert intent_of(booking)["status"] == "requires_capture"  # nothing charged yet
    deadline = booking.hold_expires_at - before
    assert timedelta(hours=23, minutes=59) < deadline <= timedelta(hours=24, minutes=1)
    assert emails_of(booking, BookingEmail.Kind.REQUEST_RECEIVED) == 1
    assert emails_of(booking, BookingEmail.Kind.PARTNER_REQUEST) == 1
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 0
    status_page = client.get(url("status", reference=booking.reference)).content.decode()
    assert "リクエスト" in status_page


def test_a_request_keeps_its_places_until_the_deadline(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    offer, adult, child, slot = request_offer
    booking = authorise(
        client, fake_stripe, request_offer, django_capture_on_commit_callbacks, adults=3
    )

    assert availability.free_capacity([slot])[slot.pk] == 0
    later = booking.hold_expires_at + timedelta(seconds=1)
    assert availability.free_capacity([slot], later)[slot.pk] == 3


def test_the_host_accepts_the_card_is_charged_and_the_booking_confirmed_once(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.accept_request(booking) == "accepted"
        assert request_to_book.accept_request(booking) == "accepted"  # a double click

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.confirmed_at
    assert booking.payments.get().status == Payment.Status.PAID
    assert intent_of(booking)["status"] == "succeeded"
    assert emails_of(booking, BookingEmail.Kind.CONFIRMATION) == 1


def test_the_host_declines_the_authorisation_is_released_and_the_guest_told(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.decline_request(booking, "その日は貸切です。")
    assert not request_to_book.decline_request(booking)  # answered already

    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    assert booking.request_outcome == Booking.RequestOutcome.DECLINED
    assert booking.host_message == "その日は貸切です。"
    assert booking.payments.get().status == Payment.Status.RELEASED
    assert intent_of(booking)["status"] == "canceled"
    assert emails_of(booking, BookingEmail.Kind.REQUEST_DECLINED) == 1
    assert not Refund.objects.exists()  # nothing was charged, so nothing to refund
    with pytest.raises(request_to_book.RequestClosed):
        request_to_book.accept_request(booking)


def test_an_unanswered_request_lapses_at_its_deadline(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    assert request_to_book.lapse_unanswered(booking.hold_expires_at - timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.lapse_unanswered(booking.hold_expires_at) == 1

    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    assert booking.request_outcome == Booking.RequestOutcome.TIMED_OUT
    assert intent_of(booking)["status"] == "canceled"
    assert emails_of(booking, BookingEmail.Kind.REQUEST_DECLINED) == 1
    with pytest.raises(request_to_book.RequestClosed):
        request_to_book.accept_request(booking)


def test_accepting_after_the_deadline_with_the_places_gone_refunds_in_full(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    offer, adult, child, slot = request_offer
    booking = authorise(
        client, fake_stripe, request_offer, django_capture_on_commit_callbacks, adults=3
    )
    deadline = booking.hold_expires_at
    # The host presses "accept" just before the deadline; Stripe answers after it, by which
    # time a new hold has taken the places the request no longer counted.
    calls = iter([deadline - timedelta(seconds=1), deadline + timedelta(seconds=5)])
    create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)], now=deadline + timedelta(seconds=2))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = request_to_book.accept_request(booking, clock=lambda: next(calls))

    booking.refresh_from_db()
    assert outcome == "closed"
    assert booking.status == Booking.Status.DECLINED
    assert booking.request_outcome == Booking.RequestOutcome.UNAVAILABLE
    refund = Refund.objects.get(booking=booking)
    assert refund.amount == booking.total and refund.status == Refund.Status.SUCCEEDED
    assert emails_of(booking, BookingEmail.Kind.LATE_PAYMENT) == 1


def test_the_guest_withdraws_a_request_for_free_and_the_host_is_told(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        result = cancel_by_guest(booking, timezone.now())

    booking.refresh_from_db()
    assert result.cancelled and result.refund_amount == 0
    assert booking.status == Booking.Status.CANCELLED
    assert intent_of(booking)["status"] == "canceled"
    assert emails_of(booking, BookingEmail.Kind.PARTNER_CANCELLATION) == 1


def test_an_instant_offer_is_still_charged_at_once(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    offer = request_offer[0]
    offer.instant_booking = True
    offer.save()
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    assert booking.status == Booking.Status.CONFIRMED
    assert not booking.payments.get().manual_capture
    assert intent_of(booking)["status"] == "succeeded"


def test_the_host_answers_in_the_back_office_and_another_partner_cannot(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks, django_user_model
):
    offer = request_offer[0]
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)
    host = django_user_model.objects.create_user("host", "host@example.jp", "pw")
    host.groups.add(Group.objects.get_or_create(name="Partners")[0])
    offer.organisation.members.add(host)
    stranger = django_user_model.objects.create_user("other", "other@example.jp", "pw")
    OfferFactory().organisation.members.add(stranger)
    for user in (host, stranger):
        user.user_permissions.add(*_admin_access())

    other = Client()
    other.force_login(stranger)
    listing = other.get(reverse("booking_requests:index")).content.decode()
    assert booking.reference not in listing
    accept = reverse("booking_requests:accept", args=[booking.pk])
    assert other.post(accept).status_code == 404

    mine = Client()
    mine.force_login(host)
    listing = mine.get(reverse("booking_requests:index")).content.decode()
    assert booking.reference in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = mine.post(accept)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def test_a_late_authorisation_for_places_now_gone_is_released(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    offer, adult, child, slot = request_offer
    booking, _ = to_payment_page(client, request_offer, adults=3)
    payment = booking.payments.get()
    later = booking.hold_expires_at + timedelta(minutes=1)
    create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)], now=later)
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(payment.checkout_session_id, now=later)

    booking.refresh_from_db()
    assert outcome.effect == "released"
    assert booking.status == Booking.Status.DECLINED
    assert booking.request_outcome == Booking.RequestOutcome.UNAVAILABLE
    assert intent_of(booking)["status"] == "canceled"


def test_calling_off_the_session_declines_a_waiting_request(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    from booking.services.session_cancellation import cancel_session

    slot = request_offer[3]
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        result = cancel_session(slot)

    booking.refresh_from_db()
    assert result.cancelled == [booking.reference] and not result.refused
    assert booking.status == Booking.Status.DECLINED
    assert intent_of(booking)["status"] == "canceled"
    assert emails_of(booking, BookingEmail.Kind.REQUEST_DECLINED) == 1
