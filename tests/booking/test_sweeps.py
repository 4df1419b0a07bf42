"""The beat jobs: each is registered, does its work once when run twice, and leaves alone what
is not yet due."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from booking.models import Booking, BookingEmail, WebhookEvent
from booking.services import sweeps
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def booking_on(day, status=Booking.Status.CONFIRMED) -> Booking:
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer)
    slot = make_slot(offer, day)
    booking = create_hold(offer, [HoldItem((slot.pk,), category.pk, 1)])
    Booking.objects.filter(pk=booking.pk).update(
        status=status, guest_email="guest@example.jp", guest_name="Guest"
    )
    return Booking.objects.get(pk=booking.pk)


def test_every_beat_job_names_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()
    for job in settings.CELERY_BEAT_SCHEDULE.values():
        assert job["task"] in app.tasks, job["task"]


def test_reminders_go_once_to_confirmed_bookings_that_start_tomorrow(
    django_capture_on_commit_callbacks, mailoutbox
):
    tomorrow = booking_on(today() + timedelta(days=1))
    booking_on(today() + timedelta(days=2))
    booking_on(today() + timedelta(days=1), status=Booking.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps.send_reminders() == 1
        assert sweeps.send_reminders() == 0
    assert list(BookingEmail.objects.values_list("booking_id", "kind", "status")) == [
        (tomorrow.pk, BookingEmail.Kind.REMINDER, BookingEmail.Status.SENT)
    ]
    assert len(mailoutbox) == 1 and tomorrow.reference in mailoutbox[0].subject


def test_a_hold_that_ran_out_without_a_payment_page_is_tidied_to_expired():
    booking = booking_on(today() + timedelta(days=3), status=Booking.Status.HELD)
    live = booking_on(today() + timedelta(days=3), status=Booking.Status.HELD)
    Booking.objects.filter(pk=booking.pk).update(hold_expires_at=timezone.now())
    assert sweeps.release_expired_holds() == 1
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.EXPIRED
    assert Booking.objects.get(pk=live.pk).status == Booking.Status.HELD


def test_stale_events_and_stuck_emails_are_sent_to_the_queue_again(settings, monkeypatch):
    sent: list[tuple[str, tuple]] = []
    monkeypatch.setattr(sweeps, "send_now", lambda name, *args: sent.append((name, args)) or True)
    booking = booking_on(today() + timedelta(days=3))
    old = timezone.now() - timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS + 5)
    stale = WebhookEvent.objects.create(stripe_id="evt_old", type="x", payload={})
    # A payment confirmation whose task was lost is done again after a minute, not ten.
    late = WebhookEvent.objects.create(stripe_id="evt_minute", type="x", payload={})
    WebhookEvent.objects.filter(pk=late.pk).update(
        received_at=timezone.now()
        - timedelta(seconds=settings.BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS + 5)
    )
    fresh = WebhookEvent.objects.create(stripe_id="evt_new", type="x", payload={})
    done = WebhookEvent.objects.create(
        stripe_id="evt_done", type="x", payload={}, processed_at=timezone.now()
    )
    WebhookEvent.objects.filter(pk__in=[stale.pk, done.pk]).update(received_at=old)
    stuck = BookingEmail.objects.create(booking=booking, kind=BookingEmail.Kind.CONFIRMATION)
    BookingEmail.objects.filter(pk=stuck.pk).update(created_at=old)

    assert settings.BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS == 60
    assert sweeps.requeue_stale_events() == 2
    assert sweeps.requeue_stuck_emails() == 1
    assert sorted(sent) == [
        ("process_webhook_event", (stale.pk,)),
        ("process_webhook_event", (late.pk,)),
        ("send_booking_email", (stuck.pk,)),
    ]
    assert fresh.pk not in {args[0] for _name, args in sent}


def test_abandoned_anonymous_plans_go_and_account_plans_and_recent_ones_stay(django_user_model):
    from booking.models import TripPlan

    now = timezone.now()
    old = TripPlan.objects.create(token="old-anonymous")
    recent = TripPlan.objects.create(token="recent-anonymous")
    owned = TripPlan.objects.create(
        token="old-owned", user=django_user_model.objects.create(username="planner")
    )
    TripPlan.objects.filter(pk__in=[old.pk, owned.pk]).update(updated_at=now - timedelta(days=31))

    assert sweeps.delete_abandoned_plans(now) == 1
    assert sweeps.delete_abandoned_plans(now) == 0
    assert set(TripPlan.objects.values_list("pk", flat=True)) == {recent.pk, owned.pk}
