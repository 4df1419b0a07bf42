"""Consultation requests: the editors' notice of one, built when the outbox sends it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from workation.models.forms import ConsultationSubmission


def editors_message(submission_id: int) -> EmailMessage | None:
    """The notice to the form's addresses (else EDITORS_EMAIL); None when there is no one to
    tell or the request was deleted since."""
    submission = (
        ConsultationSubmission.objects.select_related("page").filter(pk=submission_id).first()
    )
    if submission is None:
        return None
    page = submission.page.specific
    recipients = [a.strip() for a in page.notify_emails.split(",") if a.strip()] or list(
        settings.EDITORS_EMAIL
    )
    if not recipients:
        return None
    context = {"page": page, "submission": submission, "data": submission.get_data()}
    return EmailMessage(
        subject=f"[{settings.WAGTAIL_SITE_NAME}] {page.title}",
        body=render_to_string("workation/email/consultation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers={"Auto-Submitted": "auto-generated"},
    )
