"""Bookings (a hold is a booking whose hold has not run out yet), their lines and guests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from booking.money import consumption_tax


class BookingQuerySet(models.QuerySet):
    def taking_capacity(self, now=None) -> "BookingQuerySet":
        """Bookings that count against capacity: confirmed, or held and not yet expired."""
        now = now or timezone.now()
        return self.filter(Booking.takes_capacity_q(now))


class Booking(models.Model):
    """A booking from hold to confirmation. Held ones stop counting when their hold runs out,
    with no sweep needed; the sweep only tidies their status to EXPIRED."""

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")
        REQUESTED = "requested", _("Awaiting the host's answer")
        DECLINED = "declined", _("Not accepted")

    class RequestOutcome(models.TextChoices):
        DECLINED = "declined", _("Declined by the host")
        TIMED_OUT = "timed_out", _("No answer in time")
        UNAVAILABLE = "unavailable", _("The places were gone")

    HOLDING = (Status.HELD, Status.AWAITING_PAYMENT)
    # A request keeps its places until the host's deadline (`hold_expires_at`), like a hold.
    PENDING = (*HOLDING, Status.REQUESTED)

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    offer = models.ForeignKey(
        "booking.Offer", verbose_name=_("offer"), on_delete=models.PROTECT, related_name="bookings"
    )
    trip = models.ForeignKey(
        "booking.Trip",
        verbose_name=_("trip"),
        on_delete=models.PROTECT,
        related_name="bookings",
        help_text=_("The order the booking belongs to (a one-item trip when booked alone)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.HELD
    )
    hold_expires_at = models.DateTimeField(_("hold expires"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    guest_name = models.CharField(_("name"), max_length=120, blank=True)
    guest_name_kana = models.CharField(_("name (kana)"), max_length=120, blank=True)
    guest_email = models.EmailField(_("e-mail"), blank=True)
    guest_phone = models.CharField(_("phone"), max_length=40, blank=True)
    guest_notes = models.TextField(_("notes for the host"), blank=True, max_length=1000)
    service_date = models.DateField(_("first day"), db_index=True)
    total = models.PositiveIntegerField(_("total (yen, tax incl.)"))
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    request_outcome = models.CharField(
        _("request outcome"), max_length=12, choices=RequestOutcome.choices, blank=True
    )
    host_message = models.TextField(_("message from the host"), blank=True, max_length=500)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "hold_expires_at"])]

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def takes_capacity_q(now, prefix: str = "") -> Q:
        """The condition under which a booking counts against capacity at `now`."""
        return Q(**{f"{prefix}status": Booking.Status.CONFIRMED}) | Q(
            **{
                f"{prefix}status__in": Booking.PENDING,
                f"{prefix}hold_expires_at__gt": now,
            }
        )

    @property
    def tax(self) -> int:
        return consumption_tax(self.total)

    def hold_is_live(self, now=None) -> bool:
        return self.status in self.HOLDING and self.hold_expires_at > (now or timezone.now())

    def awaits_host(self, now=None) -> bool:
        """A request the host can still accept: card authorised, before the deadline."""
        return self.status == self.Status.REQUESTED and self.hold_expires_at > (
            now or timezone.now()
        )


class BookingLine(models.Model):
    """One slot × price category × quantity at the unit price fixed when the hold was made."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="lines")
    slot = models.ForeignKey("booking.Slot", on_delete=models.PROTECT, related_name="lines")
    price_category = models.ForeignKey(
        "booking.PriceCategory", on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    unit_price = models.PositiveIntegerField(_("unit price (yen, tax incl.)"))

    class Meta:
        verbose_name = _("booking line")
        verbose_name_plural = _("booking lines")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "slot", "price_category"], name="unique_booking_line"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="booking_line_quantity"),
        ]

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class GuestRegisterEntry(models.Model):
    """The legal guest register for stays (旅館業法): every guest's name, address and contact;
    nationality and passport number for guests with no address in Japan."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone or e-mail"), max_length=120)
    lives_in_japan = models.BooleanField(_("has an address in Japan"), default=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("registered guest")
        verbose_name_plural = _("guest register")
        constraints = [
            models.CheckConstraint(
                condition=Q(lives_in_japan=True) | (~Q(nationality="") & ~Q(passport_number="")),
                name="guest_register_foreign_guest_needs_passport",
            )
        ]
