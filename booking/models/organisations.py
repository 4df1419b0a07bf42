"""Partner organisations: the local businesses that sell offers, with their members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.invoice_numbers import validate_invoice_number as invoice_number_validator


class PartnerOrganisation(models.Model):
    """A local business: who it is, how to reach it, its invoice number and its page subtree."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40)
    address = models.CharField(_("address"), max_length=255)
    invoice_registration_number = models.CharField(
        _("qualified-invoice registration number"),
        max_length=14,
        blank=True,
        validators=[invoice_number_validator],
        help_text=_("T followed by 13 digits, printed on receipts."),
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("profile page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_organisation",
        help_text=_("The partner's profile page; its pages live below it."),
    )
    group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="partner_organisations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
