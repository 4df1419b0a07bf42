"""Every e-mail the site sends goes through the outbox, also those that Django, Wagtail and
django-allauth write themselves (address confirmation, password reset, workflow notices).

`OutboxBackend` is the site's EMAIL_BACKEND: instead of talking to the mail server during the
request, it stores each message, rendered, as an outbox row (core.models.OutgoingEmail) in the
request's transaction; a task sends it through EMAIL_DELIVERY_BACKEND (the real one, from
EMAIL_URL), retries a mail server that is down, and the sweep re-queues what a broker outage
left. A rendered message may hold a one-time link, so its content is cleared once it is sent.
"""

import base64
from collections.abc import Sequence
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from . import outgoing

BUILDER = "core.mail_backends.stored_message"


class OutboxBackend(BaseEmailBackend):
    """Stores messages in the outbox; the outbox's task delivers them."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                fields = message_fields(message)
            except TypeError:  # an attachment the outbox cannot keep: deliver it at once
                stored += outgoing.delivery_connection().send_messages([message]) or 0
                continue
            outgoing.queue_email(BUILDER, fields)
            stored += 1
        return stored


def message_fields(message: EmailMessage) -> dict[str, Any]:
    """A message as JSON-able fields; TypeError for attachments other than (name, content,
    type) tuples."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("only (filename, content, mimetype) attachments are stored")
        name, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append([name, base64.b64encode(content).decode(), mimetype, True])
        else:
            attachments.append([name, content, mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", ())
        ],
        "attachments": attachments,
    }


def stored_message(fields: dict[str, Any]) -> EmailMultiAlternatives | None:
    """The outbox builder of a stored message (None once its content was cleared after sending)."""
    if not fields:
        return None
    message = EmailMultiAlternatives(
        subject=fields["subject"],
        body=fields["body"],
        from_email=fields["from_email"],
        to=fields["to"],
        cc=fields["cc"],
        bcc=fields["bcc"],
        reply_to=fields["reply_to"],
        headers=fields["headers"],
    )
    message.content_subtype = fields["subtype"]
    for content, mimetype in fields["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype, encoded in fields["attachments"]:
        message.attach(name, base64.b64decode(content) if encoded else content, mimetype)
    return message


stored_message.clear_after_sending = True
