"""The outbox of e-mails that are not about one booking (consultations, partner applications,
invitations): a row is stored in the transaction that calls for the message, a task builds and
sends it after commit, and a sweep re-queues what a lost task or a broker outage left behind."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    return uuid.uuid4().hex


class OutgoingEmail(models.Model):
    """One message to send: `builder` (a dotted path to a function of `args` that returns the
    message, or None when there is nothing to send any more) is called when it is sent, so the
    site's own messages with a sign-in link never sit in the database; messages that Django or
    allauth render themselves are stored rendered (core.mail_backends) and cleared once sent.
    `key` makes each message go out once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        NOTHING = "nothing", _("Nothing to send")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=120, unique=True, default=new_key)
    builder = models.CharField(_("message"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.key
