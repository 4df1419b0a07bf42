"""Trips: several bookings, from different local businesses, chosen together and held all or
none (a stay, desks for the working days, an experience at the weekend). Each booking keeps its
own seller, price, status and cancellation policy."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Trip(models.Model):
    """The bookings held together in one step (`booking.services.trips`)."""

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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference
