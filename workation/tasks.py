"""Celery tasks of the content side.

The consultation notice goes through the outbox (core.outgoing); this name stays registered one
release for messages queued by the previous release, and puts its message in the outbox."""

from celery import shared_task

from core import outgoing
from workation.services.consultations import editors_message


@shared_task
def notify_consultation(submission_id: int) -> bool:
    return outgoing.queue_email(editors_message, submission_id, key=f"consultation:{submission_id}")
