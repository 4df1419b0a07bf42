"""Money and messages around a booking: Stripe Checkout payments, refunds, the webhook inbox and
the e-mail outbox. Each row is the database key that makes its side effect happen once."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One Stripe Checkout Session opened for a trip, and what became of it. A trip from a
    plan pays every booking at once (a line per booking, `booking` empty); a booking made on
    its own pays on its own page (`booking` set, its trip holding only it)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        AUTHORISED = "authorised", _("Card authorised, not charged")
        PAID = "paid", _("Paid")
        RELEASED = "released", _("Authorisation released")
        EXPIRED = "expired", _("Expired")

    trip = models.ForeignKey("booking.Trip", on_delete=models.PROTECT, related_name="payments")
    booking = models.ForeignKey(
        "booking.Booking",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        help_text=_("The booking, when the payment page was opened for it alone."),
    )
    date_change = models.ForeignKey(
        "booking.DateChange",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        help_text=_("Set when the payment is the difference for a booking's new dates."),
    )
    checkout_session_id = models.CharField(max_length=255, unique=True)
    checkout_url = models.URLField(max_length=2000)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    manual_capture = models.BooleanField(
        _("authorise only"),
        default=False,
        help_text=_("A request to book: the card is charged when the host accepts."),
    )
    amount = models.PositiveIntegerField(_("amount (yen)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    expires_at = models.DateTimeField(_("payment page expires"))
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return self.checkout_session_id

    @property
    def for_whole_trip(self) -> bool:
        """Whether the page was opened for every booking of a trip from a plan."""
        return self.booking_id is None


class Refund(models.Model):
    """Money going back for one booking of a payment (a trip's payment is refunded booking by
    booking, so a refund of one item never touches another): created in the same transaction
    as the state change that owes it, then sent to Stripe by a task with an idempotency key of
    its own."""

    class Reason(models.TextChoices):
        GUEST_CANCELLED = "guest_cancelled", _("Cancelled by the guest")
        PARTNER_CANCELLED = "partner_cancelled", _("Cancelled by the host")
        LATE_PAYMENT = "late_payment", _("Paid after the places were gone")
        DATE_CHANGE = "date_change", _("New dates cost less")
        TRIP_CANCELLED = "trip_cancelled", _("The whole trip cancelled by the guest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    booking = models.ForeignKey("booking.Booking", on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveIntegerField(_("amount (yen)"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_positive"),
            # A booking's cancellation is refunded once per payment; each cheaper date change
            # gives back its own difference.
            models.UniqueConstraint(
                fields=["payment", "booking"],
                condition=~Q(reason="date_change"),
                name="one_refund_per_booking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booking_id}: ¥{self.amount}"

    @property
    def idempotency_key(self) -> str:
        return f"refund-{self.pk}"


class WebhookEvent(models.Model):
    """A Stripe event, stored once by its id before it is acted on (the inbox)."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    deliveries = models.PositiveIntegerField(default=1)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]
        indexes = [
            models.Index(
                fields=["received_at"],
                condition=Q(processed_at__isnull=True),
                name="webhook_event_unprocessed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_id}"


class BookingEmail(models.Model):
    """One e-mail about a booking (the outbox): unique per booking and kind, so it is sent once."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation to the guest")
        PARTNER_NEW_BOOKING = "partner_new_booking", _("New booking, to the host")
        CANCELLATION = "cancellation", _("Cancellation to the guest")
        PARTNER_CANCELLATION = "partner_cancellation", _("Cancellation, to the host")
        REFUND = "refund", _("Refund to the guest")
        REMINDER = "reminder", _("Reminder the day before")
        LATE_PAYMENT = "late_payment", _("Late payment refunded, to the guest")
        REQUEST_RECEIVED = "request_received", _("Request sent, to the guest")
        PARTNER_REQUEST = "partner_request", _("New request, to the host")
        REQUEST_DECLINED = "request_declined", _("Request not accepted, to the guest")
        # A trip's guest messages cover every item; they are filed under its first booking.
        TRIP_CONFIRMATION = "trip_confirmation", _("Trip confirmed, to the guest")
        TRIP_LATE_PAYMENT = "trip_late_payment", _("Trip paid too late and refunded, to the guest")
        TRIP_CANCELLATION = "trip_cancellation", _("Trip cancelled, to the guest")
        # A second payment for what was already paid (two payment pages, both paid): refunded.
        DUPLICATE_PAYMENT = "duplicate_payment", _("Second payment refunded, to the guest")
        TRIP_DUPLICATE_PAYMENT = (
            "trip_duplicate_payment",
            _("Second trip payment refunded, to the guest"),
        )
        # One of each per date change (`date_change` set).
        DATES_CHANGED = "dates_changed", _("Dates changed, to the guest")
        PARTNER_DATES_CHANGED = "partner_dates_changed", _("Dates changed, to the host")
        DATES_NOT_CHANGED = "dates_not_changed", _("Dates not changed and refunded, to the guest")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    booking = models.ForeignKey("booking.Booking", on_delete=models.CASCADE, related_name="emails")
    date_change = models.ForeignKey(
        "booking.DateChange",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking e-mail")
        verbose_name_plural = _("booking e-mails")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind"],
                condition=Q(date_change__isnull=True),
                name="unique_booking_email",
            ),
            models.UniqueConstraint(
                fields=["date_change", "kind"], name="unique_date_change_email"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.kind}"
