"""Celery tasks of the content side: e-mailing editors about consultation requests."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from workation.models.forms import ConsultationSubmission


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def notify_consultation(self, submission_id: int) -> None:
    """E-mail the editors one consultation submission; retried with back-off if SMTP fails."""
    submission = (
        ConsultationSubmission.objects.select_related("page").filter(pk=submission_id).first()
    )
    if submission is None:
        return
    page = submission.page.specific
    recipients = [a.strip() for a in page.notify_emails.split(",") if a.strip()] or list(
        settings.EDITORS_EMAIL
    )
    context = {"page": page, "submission": submission, "data": submission.get_data()}
    try:
        send_mail(
            subject=f"[{settings.WAGTAIL_SITE_NAME}] {page.title}",
            message=render_to_string("workation/email/consultation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except OSError as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
