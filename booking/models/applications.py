"""Applications from local businesses to join the programme, reviewed by editors."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .offers import Offer
from .organisations import invoice_number_validator


class PartnerApplication(models.Model):
    """A "list your business" application: what the business is and who to contact. Approval
    turns it into a PartnerOrganisation (booking.onboarding.applications); rejection keeps it,
    with the reason sent to the applicant."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    business_name = models.CharField(_("business name"), max_length=200)
    business_name_en = models.CharField(_("business name (English)"), max_length=200, blank=True)
    category = models.CharField(_("what you offer"), max_length=12, choices=Offer.Kind.choices)
    area = models.CharField(_("area"), max_length=100, help_text=_("Town or area in the region."))
    address = models.CharField(_("address"), max_length=255)
    address_en = models.CharField(
        _("address (English)"),
        max_length=255,
        blank=True,
        help_text=_("For English pages and receipts; left empty, we write it in Latin letters."),
    )
    phone = models.CharField(_("phone"), max_length=40)
    website = models.URLField(_("website"), blank=True)
    invoice_registration_number = models.CharField(
        _("qualified-invoice registration number"),
        max_length=14,
        blank=True,
        validators=[invoice_number_validator],
        help_text=_("T followed by 13 digits, if the business is registered."),
    )
    description = models.TextField(_("about the business"), max_length=2000)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(_("language"), max_length=5, default="ja")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    organisation = models.OneToOneField(
        "booking.PartnerOrganisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    submission_key = models.CharField(
        _("submission key"), max_length=32, null=True, blank=True, unique=True, editable=False
    )

    # What the applicant fills in, in the order the form and the review screen show it.
    APPLICANT_FIELDS = (
        "business_name",
        "business_name_en",
        "category",
        "area",
        "address",
        "address_en",
        "phone",
        "website",
        "invoice_registration_number",
        "description",
        "contact_name",
        "contact_email",
    )

    class Meta:
        verbose_name = _("partner application")
        verbose_name_plural = _("partner applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.business_name
