"""Every e-mail goes through the outbox, also those Django and django-allauth write themselves
(issue 14, 4): the site's EMAIL_BACKEND stores them, a task sends them through the real one,
a mail server that is down delays a password reset without an error page, and a sent message's
one-time link is not kept."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from core import outgoing
from core.mail_backends import message_fields, stored_message
from core.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager", "home")]

OUTBOX = "core.mail_backends.OutboxBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def through_the_outbox(settings):
    """The production arrangement: the outbox in front, the real backend behind it."""
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    return settings


@pytest.fixture
def member():
    user = UserFactory(email="hanako@example.jp")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def ask_for_a_password_reset(client, address: str):
    with translation.override("ja"):
        path = reverse("account_reset_password")
    return client.post(path, {"email": address})


def test_a_message_is_stored_with_everything_it_carries():
    message = EmailMultiAlternatives(
        "件名",
        "本文",
        "site@example.jp",
        ["a@example.jp"],
        bcc=["b@example.jp"],
        reply_to=["editors@example.jp"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>本文</p>", "text/html")
    message.attach("data.csv", "a,b\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n", "image/png")

    again = stored_message(message_fields(message))

    assert message_fields(again) == message_fields(message)
    assert again.attachments[1][1] == b"\x89PNG\r\n"
    assert again.message().as_bytes().count(b"Content-Disposition: attachment") == 2


def test_a_password_reset_goes_through_the_outbox_and_its_link_is_not_kept(
    client, member, through_the_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_a_password_reset(client, "Hanako@Example.jp")

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hanako@example.jp"]
    link = re.search(r"/accounts/password/reset/key/\S+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    row = OutgoingEmail.objects.get()
    assert row.status == OutgoingEmail.Status.SENT and row.builder.endswith("stored_message")
    assert row.args == []  # the one-time link is nowhere in the database once sent


def test_with_the_mail_server_down_the_reset_answers_normally_and_is_sent_later(
    client, member, through_the_outbox, django_capture_on_commit_callbacks
):
    settings = through_the_outbox
    settings.EMAIL_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_a_password_reset(client, member.email)

    assert response.status_code == 302
    row = OutgoingEmail.objects.get()
    assert row.status == OutgoingEmail.Status.PENDING and row.last_error
    assert mail.outbox == []

    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    assert outgoing.send(row.pk) == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body
    assert outgoing.send(row.pk) == "skipped"


def test_the_booking_outbox_sends_through_the_real_backend_not_into_the_outbox_again(
    through_the_outbox,
):
    from booking.models import BookingEmail
    from booking.services import mailer
    from tests.booking.account_factories import make_booking

    booking = make_booking(guest_email="guest@example.jp")
    email = BookingEmail.objects.create(booking=booking, kind=BookingEmail.Kind.CONFIRMATION)

    assert mailer.send_email(email.pk) == "sent"
    assert [m.to for m in mail.outbox] == [["guest@example.jp"]]
    assert not OutgoingEmail.objects.exists()
