"""Periodic jobs (Celery beat), each safe to run twice at once: rows are taken with SKIP LOCKED
and every effect goes through the same idempotent functions as the first attempt did."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from booking.models import Booking, BookingEmail, Payment, Refund, TripPlan

from . import documents, outbox, payments, slots, trip_plans, webhooks
from .jst import today
from .outbox import queue_email
from .queue import send_now

BATCH = 500


def release_expired_holds(now: datetime | None = None) -> int:
    """Tidy holds that ran out to EXPIRED, closing their payment pages at Stripe first (a page
    found paid after all is fulfilled instead). Availability never waits for this job."""
    now = now or timezone.now()
    candidates = list(
        Booking.objects.filter(status__in=Booking.HOLDING, hold_expires_at__lte=now)
        .order_by("hold_expires_at")
        .only("pk", "trip_id")[:BATCH]
    )
    released = 0
    for candidate in candidates:
        booking_id = candidate.pk
        effects = [payments.close_checkout(payment, now) for payment in _open_pages(candidate)]
        if "expired" in effects:
            released += 1
            continue
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(skip_locked=True)
                .filter(pk=booking_id, status__in=Booking.HOLDING, hold_expires_at__lte=now)
                .first()
            )
            if booking is None or _open_pages(booking).exists():
                continue
            booking.status = Booking.Status.EXPIRED
            booking.save(update_fields=["status", "updated_at"])
            released += 1
    return released


def _open_pages(hold: Booking) -> QuerySet[Payment]:
    """The payment pages still open for a hold: its trip's, or, for new dates held for a
    booking's date change, the pages for that change's difference."""
    return Payment.objects.filter(
        Q(trip_id=hold.trip_id) | Q(date_change__hold_id=hold.pk), status=Payment.Status.OPEN
    )


def requeue_missing_documents(now: datetime | None = None) -> int:
    """Re-enqueue the receipts of paid payments and the return invoices of refunds that have
    none after a while (10 minutes by default), and the new addressee of trips whose receipts
    do not carry it: their task was lost."""
    older_than = timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS)
    ids = documents.payments_without_documents(older_than, now)
    queued = sum(send_now("issue_documents", pk) for pk in ids)
    refund_ids = documents.refunds_without_documents(older_than, now)
    queued += sum(send_now("issue_return_document", pk) for pk in refund_ids)
    return queued + sum(
        send_now("readdress_documents", pk) for pk in documents.misaddressed_trips()
    )


def requeue_stale_events(now: datetime | None = None) -> int:
    """Re-enqueue webhook events left unprocessed (for 10 minutes by default)."""
    ids = list(webhooks.stale_events(now)[:BATCH])
    return sum(send_now("process_webhook_event", pk) for pk in ids)


def requeue_stuck_emails(now: datetime | None = None) -> int:
    """Re-enqueue e-mails still pending (after 10 minutes by default)."""
    ids = list(outbox.stuck_emails(now)[:BATCH])
    return sum(send_now("send_booking_email", pk) for pk in ids)


def requeue_pending_refunds(now: datetime | None = None) -> int:
    """Re-enqueue refunds not yet accepted by Stripe after a while (10 minutes by default)."""
    now = now or timezone.now()
    older_than = timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS)
    ids = list(
        Refund.objects.filter(
            status=Refund.Status.PENDING, created_at__lt=now - older_than
        ).values_list("pk", flat=True)[:BATCH]
    )
    return sum(send_now("send_refund", pk) for pk in ids)


def send_reminders(now: datetime | None = None) -> int:
    """Queue the day-before reminder for every confirmed booking that starts tomorrow (Japan
    time); the outbox row is unique, so running this hourly sends each reminder once."""
    tomorrow = today(now) + timedelta(days=1)
    bookings = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, service_date=tomorrow
    ).exclude(emails__kind=BookingEmail.Kind.REMINDER)
    queued = 0
    for booking in bookings.iterator():
        with transaction.atomic():
            queued += queue_email(booking, BookingEmail.Kind.REMINDER)
    return queued


def extend_schedules() -> int:
    """Make slots up to the rolling horizon for every active offer."""
    return slots.extend_all(settings.BOOKING_SLOT_HORIZON_DAYS)


def delete_abandoned_plans(now: datetime | None = None) -> int:
    """Delete trip plans of no account left untouched for the plan cookie's life (30 days):
    nobody can reach them any more."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=trip_plans.COOKIE_MAX_AGE)
    ids = list(
        TripPlan.objects.filter(user__isnull=True, updated_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:BATCH]
    )
    _total, by_model = TripPlan.objects.filter(pk__in=ids).delete()
    return by_model.get(TripPlan._meta.label, 0)
