"""The outbox of e-mails not about one booking (issue 14, 4): a mail server that fails is
recorded and retried, a message is never sent twice, and a wrong builder fails when queued.
(The consultation form's use of it: tests/workation/test_consultation_form.py.)"""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail

from core import outgoing
from core.models import OutgoingEmail

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]


def notice_for(recipient: str):
    """A builder for the tests: a one-line message to `recipient`, or nothing for ""."""
    return mail.EmailMessage("件名", "本文", "site@example.jp", [recipient]) if recipient else None


BUILDER = f"{__name__}.notice_for"


def test_a_failing_mail_server_is_recorded_retried_and_the_message_sent_once(monkeypatch):
    outgoing.queue_email(BUILDER, "someone@example.jp", key="test:1")
    email = OutgoingEmail.objects.get()

    def disconnected(self, *args, **kwargs):
        raise SMTPServerDisconnected("gone")

    with monkeypatch.context() as patch:
        patch.setattr(mail.EmailMessage, "send", disconnected)
        with pytest.raises(SMTPServerDisconnected):
            outgoing.send(email.pk)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 1)
    assert "SMTPServerDisconnected" in email.last_error

    assert outgoing.send(email.pk) == OutgoingEmail.Status.SENT
    assert outgoing.send(email.pk) == "skipped"
    assert len(mail.outbox) == 1
    assert not outgoing.queue_email(BUILDER, "someone@example.jp", key="test:1")


def test_a_message_with_nobody_to_tell_is_closed_without_sending():
    outgoing.queue_email(BUILDER, "")
    email = OutgoingEmail.objects.get()
    assert outgoing.send(email.pk) == OutgoingEmail.Status.NOTHING
    assert mail.outbox == []


def test_a_builder_that_does_not_exist_fails_when_queued_not_in_the_worker():
    with pytest.raises(ImportError):
        outgoing.queue_email("workation.services.consultations.no_such_message", 1)
    assert not OutgoingEmail.objects.exists()


def test_a_message_whose_builder_is_gone_since_it_was_queued_fails_without_retrying():
    email = OutgoingEmail.objects.create(builder=f"{__name__}.renamed_since", args=["a@b.jp"])
    assert outgoing.send(email.pk) == OutgoingEmail.Status.FAILED
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 1)
    assert "renamed_since" in email.last_error
    assert mail.outbox == []
    assert email.pk not in list(outgoing.stuck_emails(older_than=timedelta(0)))
