"""Trips: several bookings, from different local businesses, chosen together and held all or
none (a stay, desks for the working days, an experience at the weekend). Each booking keeps its
own seller, price, status and cancellation policy.

Before checkout a trip is a plan (`TripPlan`, the cart): what the visitor picked, nothing held.
Checkout turns the plan into a `Trip` whose items are held together and paid once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Trip(models.Model):
    """The order above bookings: the bookings held together in one step and paid together
    (`Payment.trip`). Every booking has one; a booking made on its own is a one-item trip, and
    a trip checked out from a plan (`from_plan`) is paid on the trip's own pages."""

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trips",
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    invoice_name = models.CharField(
        _("name on the receipt"),
        max_length=120,
        blank=True,
        help_text=_("A company name for the receipts, if the trip is paid by a company."),
    )
    from_plan = models.BooleanField(
        _("checked out from a trip plan"),
        default=False,
        help_text=_("Its items are held, paid and changed together on the trip's pages."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class TripPlan(models.Model):
    """What a visitor has picked for a trip and not yet checked out (the cart); nothing in it
    is held. An anonymous visitor's plan is found by its token (kept in a signed cookie); a
    signed-in visitor has at most one, on every device, and an anonymous plan joins it at
    sign-in."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    trip = models.ForeignKey(
        Trip,
        verbose_name=_("trip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The trip last checked out from this plan; the plan goes once it is paid."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trip plan")
        verbose_name_plural = _("trip plans")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(user__isnull=False), name="one_trip_plan_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.token


class TripPlanItem(models.Model):
    """One offer picked for the trip: the slots, price categories and quantities the offer's
    booking form gave (`parts`: [{"slots": [id, …], "category": id, "quantity": n}, …]), as
    `holds.HoldItem`s will be made of them at checkout."""

    plan = models.ForeignKey(TripPlan, on_delete=models.CASCADE, related_name="items")
    offer = models.ForeignKey(
        "booking.Offer", verbose_name=_("offer"), on_delete=models.CASCADE, related_name="+"
    )
    parts = models.JSONField()
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planned item")
        verbose_name_plural = _("planned items")
        ordering = ["first_day", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.offer_id} {self.first_day}"
