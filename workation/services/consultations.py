"""Consultation requests: the editors' notice of one and the acknowledgement to the company,
built when the outbox sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from booking.services.jst import JST
from booking.services.templated_emails import SITE_NAMES, site_language
from core import links
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
    recipients = page.desk_addresses()
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


def acknowledgement_message(submission_id: int) -> EmailMessage | None:
    """The company's copy of its request, in the form's language, saying what happens next;
    None when the form asks for no e-mail address, none was given, or the request is gone."""
    submission = (
        ConsultationSubmission.objects.select_related("page").filter(pk=submission_id).first()
    )
    if submission is None:
        return None
    page = submission.page.specific
    data = submission.get_data()
    address = next(
        (
            str(data.get(field.clean_name) or "").strip()
            for field in page.form_fields.all()
            if field.field_type == "email" and data.get(field.clean_name)
        ),
        "",
    )
    if not address:
        return None
    language = site_language(page.locale.language_code)
    context = {
        "page": page,
        "submission": submission,
        "answers": submission.answers(),
        "site_name": SITE_NAMES.get(language, settings.WAGTAIL_SITE_NAME),
        "page_url": links.absolute(page.url or "/"),
    }
    with translation.override(language), timezone.override(JST):
        subject = render_to_string(
            f"workation/email/{language}/consultation_received.subject.txt", context
        )
        body = render_to_string(f"workation/email/{language}/consultation_received.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=page.desk_addresses(),
        headers={"Auto-Submitted": "auto-generated"},
    )
