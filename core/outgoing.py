"""Store, send and sweep the outbox of e-mails not about one booking (core.models.OutgoingEmail).

`queue_email` is called inside the transaction that calls for the message, so the message is
kept exactly when the change is: a broker that is down delays it (the sweep re-queues it), it
never loses it, and the key stops a second copy."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models.outgoing import OutgoingEmail
from .queue import after_commit

logger = logging.getLogger(__name__)

SEND_TASK = "core.tasks.send_outgoing_email"
MAX_ATTEMPTS = 8

Builder = Callable[..., EmailMessage | None]


def delivery_connection() -> BaseEmailBackend:
    """The real mail backend (EMAIL_DELIVERY_BACKEND, from EMAIL_URL) that the outbox sends
    with; the site's EMAIL_BACKEND stores messages in the outbox (core.mail_backends)."""
    return get_connection(getattr(settings, "EMAIL_DELIVERY_BACKEND", settings.EMAIL_BACKEND))


def queue_email(builder: Builder | str, *args: Any, key: str | None = None) -> bool:
    """Record that `builder(*args)` must be sent once the current transaction commits; True if
    newly queued (False: a message of this key is queued or sent already). `builder` is the
    function or its dotted path (for a caller that its builder's module imports)."""
    path = builder if isinstance(builder, str) else f"{builder.__module__}.{builder.__qualname__}"
    import_string(path)  # a wrong path fails here, in the request, not later in the worker
    fields = {"builder": path, "args": list(args)}
    try:
        with transaction.atomic():
            if key is None:
                email, created = OutgoingEmail.objects.create(**fields), True
            else:
                email, created = OutgoingEmail.objects.get_or_create(key=key, defaults=fields)
    except IntegrityError:  # the same key queued at the same moment by another process
        return False
    if created:
        after_commit(SEND_TASK, email.pk)
    return created


def send(email_id: int) -> str:
    """Build and send one pending message under its row lock ("sent", "nothing", "skipped" or
    "failed"). A row another worker is sending is skipped; a sent row is never sent again. A
    mail server failure is recorded on the row and raised again, so that the task retries; a
    builder that no longer exists fails at once (no retry would help)."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return "skipped"
        email.attempts += 1
        try:
            builder = import_string(email.builder)
        except ImportError as exc:  # renamed or removed since it was queued: no retry helps
            email.status = OutgoingEmail.Status.FAILED
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error", "status"])
            logger.error("e-mail %s has no builder: %s", email_id, exc)
            return email.status
        try:
            message = builder(*email.args)
            if message is not None:
                message.connection = delivery_connection()
                message.send()
        except (OSError, SMTPException) as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "status"])
            failed = exc
        else:
            email.status = (
                OutgoingEmail.Status.NOTHING if message is None else OutgoingEmail.Status.SENT
            )
            email.sent_at = timezone.now()
            email.last_error = ""
            if getattr(builder, "clear_after_sending", False):
                email.args = []  # a rendered message's one-time links stay nowhere once sent
            email.save(update_fields=["attempts", "status", "sent_at", "last_error", "args"])
            return email.status
    logger.warning("e-mail %s failed: %s", email_id, failed)
    raise failed


def stuck_emails(now: datetime | None = None, older_than: timedelta | None = None):
    """Pending messages older than `older_than`: their task was lost or kept failing."""
    now = now or timezone.now()
    older_than = older_than or timedelta(seconds=settings.BOOKING_SWEEP_AFTER_SECONDS)
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, created_at__lt=now - older_than
    ).values_list("pk", flat=True)
