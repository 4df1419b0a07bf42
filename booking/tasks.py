"""Celery tasks of the booking app: thin wrappers over booking.services, taking primary keys only.

Delivery is at least once (late acknowledgement, redelivery when a worker dies); each task is
idempotent on a database row, so running it twice has one effect. Failures that may pass
(Stripe or SMTP unreachable) retry with exponential back-off; the beat sweeps catch the rest.
"""

from smtplib import SMTPException

from celery import shared_task
from django.db import IntegrityError, OperationalError

from booking.models import Payment, Trip
from booking.onboarding import applications
from booking.services import (
    documents,
    mailer,
    payments,
    personal_data,
    request_to_book,
    stripe_api,
    sweeps,
    webhooks,
)
from core import outgoing

RETRY = {"max_retries": 8}


def _backoff(retries: int) -> int:
    """Seconds before the next attempt: 5, 10, 20 … at most 10 minutes."""
    return min(600, 5 * 2**retries)


@shared_task(bind=True, **RETRY)
def process_webhook_event(self, event_id: int) -> str:
    """Act on one stored Stripe event (re-fetching its Checkout Session)."""
    try:
        return webhooks.process(event_id)
    except (stripe_api.StripeError, OperationalError) as exc:  # Stripe or a lock timed out
        webhooks.record_failure(event_id, exc)
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, **RETRY)
def send_booking_email(self, email_id: int) -> str:
    """Send one outbox e-mail."""
    try:
        return mailer.send_email(email_id)
    except (OSError, SMTPException) as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, **RETRY)
def send_refund(self, refund_id: int) -> str:
    """Send one refund to Stripe with its idempotency key."""
    try:
        return payments.send_refund(refund_id)
    except stripe_api.StripeError as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


# A deadlock or lock timeout (OperationalError), storage out of reach (OSError) or another run
# issuing at the same moment (IntegrityError) passes: the document is issued on a later try.
DOCUMENT_RETRY = (OperationalError, OSError, IntegrityError)


@shared_task(bind=True, **RETRY)
def issue_documents(self, payment_id: int) -> int:
    """Issue the receipts (qualified invoices) a paid payment calls for; how many were new."""
    try:
        return len(documents.issue_for_payment(payment_id))
    except DOCUMENT_RETRY as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, **RETRY)
def issue_return_document(self, refund_id: int) -> bool:
    """Issue the return invoice a refund that went through calls for; whether one was new."""
    try:
        return documents.issue_for_refund(refund_id) is not None
    except DOCUMENT_RETRY as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task(bind=True, **RETRY)
def readdress_documents(self, trip_id: int) -> int:
    """Print the trip's new addressee on its receipts (or issue them again); how many."""
    trip = Trip.objects.filter(pk=trip_id).first()
    try:
        return len(documents.readdress(trip)) if trip is not None else 0
    except DOCUMENT_RETRY as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task
def requeue_missing_documents() -> int:
    """Queue again the documents whose task was lost (receipts, returns, a new addressee)."""
    return sweeps.requeue_missing_documents()


@shared_task
def close_checkout(payment_id: int) -> None:
    """Close a booking's payment page that must no longer be paid (the booking was cancelled)."""
    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is not None:
        payments.close_checkout(payment)


@shared_task(bind=True, **RETRY)
def release_authorisation(self, payment_id: int) -> str:
    """Release a declined, lapsed or withdrawn request's card authorisation at Stripe."""
    try:
        return request_to_book.release_authorisation(payment_id)
    except stripe_api.StripeError as exc:
        raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc


@shared_task
def lapse_unanswered_requests() -> int:
    return request_to_book.lapse_unanswered()


@shared_task
def release_expired_holds() -> int:
    return sweeps.release_expired_holds()


@shared_task
def delete_abandoned_plans() -> int:
    return sweeps.delete_abandoned_plans()


@shared_task
def requeue_stale_events() -> int:
    return sweeps.requeue_stale_events()


@shared_task
def requeue_stuck_emails() -> int:
    return sweeps.requeue_stuck_emails()


@shared_task
def requeue_pending_refunds() -> int:
    return sweeps.requeue_pending_refunds()


@shared_task
def send_reminders() -> int:
    return sweeps.send_reminders()


@shared_task
def extend_schedules() -> int:
    return sweeps.extend_schedules()


# The partner e-mails go through the outbox (core.outgoing). These names stay registered one
# release for messages queued by the previous release: each puts its message in the outbox.


@shared_task
def notify_editors_of_application(application_id: int) -> bool:
    return outgoing.queue_email(applications.editors_message, application_id)


@shared_task
def send_partner_invitation(user_id: int, organisation_id: int, language: str) -> bool:
    return outgoing.queue_email(applications.invitation_message, user_id, organisation_id, language)


@shared_task
def send_partner_rejection(application_id: int) -> bool:
    return outgoing.queue_email(applications.rejection_message, application_id)


@shared_task
def purge_expired_personal_data() -> int:
    """Delete guest registers and contact details kept past their three years (beat, daily)."""
    return personal_data.purge_expired_personal_data()
