"""Partner organisations: the local businesses that sell offers, with their members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.invoice_numbers import validate_invoice_number as invoice_number_validator
from core.romaji import in_language


class PartnerOrganisation(models.Model):
    """A local business: who it is, how to reach it, its invoice number and its page subtree."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("name (English)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown on English pages, e-mails and receipts. Left empty, the name is shown in "
            "Latin letters as a machine reads it."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40)
    address = models.CharField(_("address"), max_length=255)
    address_en = models.CharField(
        _("address (English)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Shown on English pages, e-mails and receipts. Left empty, the address is shown in "
            "Latin letters as a machine reads it."
        ),
    )
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

    def display_name(self, language: str) -> str:
        """The name to show in `language`: in Japanese the Japanese name; otherwise the English
        name, or the Japanese one romanised when none is given."""
        return in_language(self.name, self.name_en, language)

    def display_address(self, language: str) -> str:
        """The address to show in `language`, chosen as `display_name` chooses the name."""
        return in_language(self.address, self.address_en, language)
