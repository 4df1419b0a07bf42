"""Send one message of the e-mail outbox: build it (booking.services.emails), send it, and mark
its row, under a row lock so that it goes out once however many tasks ask."""

import logging
from smtplib import SMTPException

from django.db import transaction
from django.utils import timezone

from booking.models import BookingEmail
from core import outgoing

from .emails import build_message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def send_email(email_id: int) -> str:
    """Send one pending message under a row lock ("sent", "skipped" or "failed").

    A row another worker is sending is skipped (SKIP LOCKED); a sent row is never sent again.
    A failure is recorded on the row and raised again so that the task retries."""
    with transaction.atomic():
        email = (
            BookingEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("booking", "booking__offer", "booking__offer__organisation")
            .filter(pk=email_id, status=BookingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return "skipped"
        email.attempts += 1
        try:
            message = build_message(email)
            if not message.to:
                raise ValueError("no recipient address")
            message.connection = outgoing.delivery_connection()
            message.send()
        except (OSError, SMTPException, ValueError) as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS or isinstance(exc, ValueError):
                email.status = BookingEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            failed = exc
        else:
            email.status = BookingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            return "sent"
    logger.warning("e-mail %s failed: %s", email_id, failed)
    if isinstance(failed, ValueError):
        return "failed"
    raise failed
