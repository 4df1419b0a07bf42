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


def test_accepting_when_the_places_went_to_a_later_hold_charges_nothing(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    offer, adult, child, slot = request_offer
    booking = authorise(
        client, fake_stripe, request_offer, django_capture_on_commit_callbacks, adults=3
    )
    deadline = booking.hold_expires_at
    # The request stopped counting at its deadline and a new hold took the places; the host's
    # "accept" is read as made a second before the deadline (a clock that lags, a slow page).
    create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)], now=deadline + timedelta(seconds=2))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = request_to_book.accept_request(
            booking, clock=lambda: deadline - timedelta(seconds=1)
        )

    booking.refresh_from_db()
    assert outcome == "closed"
    assert booking.status == Booking.Status.DECLINED
    assert booking.request_outcome == Booking.RequestOutcome.UNAVAILABLE
    assert intent_of(booking)["status"] == "canceled"  # checked under the slot locks first
    assert not Refund.objects.exists()
    assert emails_of(booking, BookingEmail.Kind.REQUEST_DECLINED) == 1


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


def test_a_second_payment_page_paid_for_a_waiting_request_is_released_alone(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(client, request_offer)
    first = booking.payments.get()
    # A second payment page for the same booking (the first was still open, then both paid).
    Payment.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    second_page = payments.start_checkout(
        booking,
        success_url="https://example.jp/ok",
        cancel_url="https://example.jp/no",
        description="x",
    )
    for payment in (first, second_page):
        fake_stripe.pay(payment.checkout_session_id)
        with django_capture_on_commit_callbacks(execute=True):
            payments.sync_checkout_session(payment.checkout_session_id)

    booking.refresh_from_db()
    first.refresh_from_db()
    second_page.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED  # the guest's request stands
    assert first.status == Payment.Status.AUTHORISED
    assert second_page.status == Payment.Status.RELEASED
    assert emails_of(booking, BookingEmail.Kind.REQUEST_DECLINED) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.accept_request(booking) == "accepted"


def test_accepting_for_a_session_called_off_meanwhile_charges_nothing(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    slot = request_offer[3]
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)
    slot.closed = True
    slot.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.accept_request(booking) == "closed"

    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    assert intent_of(booking)["status"] == "canceled"  # released, never captured
    assert not Refund.objects.exists()


def test_an_authorisation_found_captured_when_released_is_refunded_in_full(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)
    payment = booking.payments.get()
    # The accept's capture went through at Stripe but its answer was lost (nothing recorded).
    stripe_api.capture_payment(payment.payment_intent_id, idempotency_key="lost-answer")
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        assert request_to_book.release_authorisation(payment.pk) == "refunded"

    payment.refresh_from_db()
    refund = Refund.objects.get(payment=payment)
    assert payment.status == Payment.Status.PAID
    assert refund.amount == booking.total and refund.status == Refund.Status.SUCCEEDED


def test_withdrawing_after_the_host_accepted_asks_again_with_the_real_cost(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    from booking.services.manage_links import manage_token

    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)
    cancel_url = reverse("booking:cancel", kwargs={"token": manage_token(booking)})
    page = client.get(cancel_url).content.decode()
    assert 'name="status_shown" value="requested"' in page
    with django_capture_on_commit_callbacks(execute=True):
        request_to_book.accept_request(booking)  # the host accepts while the guest reads

    response = client.post(cancel_url, {"refund_shown": "0", "status_shown": "requested"})

    booking.refresh_from_db()
    assert response.status_code == 200  # the confirmation again, not a cancellation
    assert booking.status == Booking.Status.CONFIRMED


def test_a_request_past_its_deadline_shows_as_not_accepted_before_the_sweep(
    client, fake_stripe, request_offer, django_capture_on_commit_callbacks
):
    from booking.services.cancellation import display_status

    booking = authorise(client, fake_stripe, request_offer, django_capture_on_commit_callbacks)

    assert display_status(booking, booking.hold_expires_at) == Booking.Status.DECLINED
    assert display_status(booking, booking.hold_expires_at - timedelta(seconds=1)) == "requested"
