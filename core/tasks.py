"""Celery tasks of the core app: renditions made ahead of time, and the e-mail outbox."""

from celery import shared_task

from . import outgoing
from .models.images import CustomImage, all_rendition_specs
from .queue import send_now

SWEEP_BATCH = 500


# Named as before the move from `home`, so that messages queued by the previous release (or by
# its processes during a rolling deploy) still find the task.
@shared_task(name="home.tasks.generate_renditions", max_retries=3, default_retry_delay=30)
def generate_renditions(image_id: int) -> int:
    """Create every rendition the templates use for one image; returns how many exist."""
    image = CustomImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(image.get_renditions(*all_rendition_specs()))


@shared_task(bind=True, max_retries=outgoing.MAX_ATTEMPTS)
def send_outgoing_email(self, email_id: int) -> str:
    """Send one message of the outbox; retried with back-off (5 s … 10 min) while the mail
    server is away."""
    try:
        return outgoing.send(email_id)
    except OSError as exc:
        raise self.retry(exc=exc, countdown=min(600, 5 * 2**self.request.retries)) from exc


@shared_task
def requeue_stuck_outgoing_emails() -> int:
    """Re-enqueue outbox messages still pending after the sweep delay (lost task or broker)."""
    ids = list(outgoing.stuck_emails()[:SWEEP_BATCH])
    return sum(send_now(outgoing.SEND_TASK, pk) for pk in ids)
