"""The e-mail outbox: a row per (booking, kind) is written with the state change that calls for
it, and a task sends it after commit (booking.services.mailer). The unique row makes each message
go out once, however many times the webhook, the return page or a sweep asks for it."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from booking.models import Booking, BookingEmail, DateChange

from .queue import after_commit


def queue_email(booking: Booking, kind: str, date_change: DateChange | None = None) -> bool:
    """Record that `kind` must be sent for the booking (about one of its date changes, when
    given), once; True if it was newly queued."""
    try:
        with transaction.atomic():
            email, created = BookingEmail.objects.get_or_create(
                booking=booking, kind=kind, date_change=date_change
            )
    except IntegrityError:  # the same message queued at the same moment by another process
        return False
    if created:
        after_commit("send_booking_email", email.pk)
    return created


def queue_emails_of_transition(booking: Booking, *kinds: str) -> None:
    """Record the messages a state change calls for, in one insert, inside the transaction
    that made the change under the booking's row lock (which happens once, so the rows are
    new; the unique constraint would refuse a second set)."""
    emails = BookingEmail.objects.bulk_create(BookingEmail(booking=booking, kind=k) for k in kinds)
    for email in emails:
        after_commit("send_booking_email", email.pk)


def stuck_emails(now: datetime | None = None, older_than: timedelta | None = None):
    """Pending messages older than `older_than`: their task was lost or kept failing."""
    now = now or timezone.now()
    older_than = older_than or timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS)
    return BookingEmail.objects.filter(
        status=BookingEmail.Status.PENDING, created_at__lt=now - older_than
    ).values_list("pk", flat=True)
