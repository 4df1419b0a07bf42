"""Calling a session off: the slot closes, each guest on it is cancelled with a full refund and
an e-mail in their language, other sessions are untouched, and running it again refunds nobody
twice."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from booking.models import Booking, BookingEmail, Refund, Slot
from booking.services.jst import today
from booking.services.session_cancellation import cancel_session
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import make_world
from tests.booking.payment_factories import PaymentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_user_model):
    return make_world(home, django_user_model)


def paid_booking(offer, day, language="ja", quantity=2):
    booking = make_booking(offer, day=day, language=language, quantity=quantity, capacity=10)
    PaymentFactory(booking=booking)
    return booking


def test_every_guest_is_refunded_in_full_once_and_told(world, django_capture_on_commit_callbacks):
    day = today() + timedelta(days=1)  # inside any late-cancellation window
    world.offer_a.free_cancellation_days = 7
    world.offer_a.late_cancellation_refund_percent = 0
    world.offer_a.save()
    ja, en = paid_booking(world.offer_a, day), paid_booking(world.offer_a, day, "en", 3)
    live_hold = make_booking(world.offer_a, day=day, status=Booking.Status.AWAITING_PAYMENT)
    other_day = paid_booking(world.offer_a, day + timedelta(days=1))
    slot = ja.lines.get().slot

    with django_capture_on_commit_callbacks():
        first = cancel_session(slot)
    assert Slot.objects.get(pk=slot.pk).closed
    assert sorted(first.cancelled) == sorted([ja.reference, en.reference, live_hold.reference])
    assert first.refunded_total == ja.total + en.total
    refunds = {r.payment.booking_id: r for r in Refund.objects.select_related("payment")}
    assert {pk: (r.amount, r.reason) for pk, r in refunds.items()} == {
        ja.pk: (ja.total, Refund.Reason.PARTNER_CANCELLED),
        en.pk: (en.total, Refund.Reason.PARTNER_CANCELLED),
    }
    told = set(
        BookingEmail.objects.filter(kind=BookingEmail.Kind.CANCELLATION).values_list(
            "booking_id", flat=True
        )
    )
    assert told == {ja.pk, en.pk}
    assert Booking.objects.get(pk=other_day.pk).status == Booking.Status.CONFIRMED

    with django_capture_on_commit_callbacks():
        second = cancel_session(slot)
    assert second.cancelled == [] and second.refunded_total == 0
    assert Refund.objects.count() == 2


def test_a_session_with_nobody_on_it_just_closes(world):
    booking = make_booking(world.offer_a, status=Booking.Status.EXPIRED, hold_minutes=-5)
    slot = booking.lines.get().slot
    result = cancel_session(slot)
    assert result.cancelled == [] and Slot.objects.get(pk=slot.pk).closed


def test_the_admin_action_asks_first_then_cancels_and_reports(
    client, world, django_capture_on_commit_callbacks
):
    booking = paid_booking(world.offer_a, today() + timedelta(days=5))
    slot = booking.lines.get().slot
    client.force_login(world.users["a"])
    url = reverse("offers:cancel_session", args=[slot.pk])
    page = client.get(url)
    assert page.status_code == 200 and booking.reference in page.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    with django_capture_on_commit_callbacks():
        done = client.post(url, follow=True)
    assert done.status_code == 200
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    assert f"{booking.total:,}" in done.content.decode()


def test_another_partner_cannot_call_off_the_session(client, world):
    booking = paid_booking(world.offer_a, today() + timedelta(days=5))
    slot = booking.lines.get().slot
    client.force_login(world.users["b"])
    assert client.post(reverse("offers:cancel_session", args=[slot.pk])).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert not Slot.objects.get(pk=slot.pk).closed


def test_a_session_that_has_started_cannot_be_called_off(client, world):
    booking = make_booking(world.offer_a, day=today(), starts=time(0, 0), capacity=10)
    PaymentFactory(booking=booking)
    slot = booking.lines.get().slot
    client.force_login(world.users["a"])
    assert "cancel/" not in client.get(reverse("offers:slot", args=[slot.pk])).content.decode()
    refused = client.post(reverse("offers:cancel_session", args=[slot.pk]))
    assert refused.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert not Refund.objects.exists() and not Slot.objects.get(pk=slot.pk).closed
