"""Documents a company's accounts department keeps: qualified invoices (適格請求書, here as a
receipt: 領収書) issued for what a payment paid, one per seller, each numbered in its seller's
own sequence, stored once as a PDF with its hash and never changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSequence(models.Model):
    """The last number a seller has issued (the row is locked to take the next one, so numbers
    are unique and without gaps per seller however many are issued at once)."""

    organisation = models.OneToOneField(
        "booking.PartnerOrganisation", on_delete=models.PROTECT, related_name="+"
    )
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.last}"


class Document(models.Model):
    """One issued document: what it is for (the payment, its trip, the seller's bookings), its
    number, addressee and amounts, and the stored PDF with its SHA-256."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Receipt (qualified invoice)")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        "booking.PartnerOrganisation",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    number = models.CharField(_("number"), max_length=32)
    payment = models.ForeignKey(
        "booking.Payment", verbose_name=_("payment"), on_delete=models.PROTECT, related_name="+"
    )
    trip = models.ForeignKey(
        "booking.Trip", verbose_name=_("trip"), on_delete=models.PROTECT, related_name="documents"
    )
    bookings = models.ManyToManyField(
        "booking.Booking", verbose_name=_("bookings"), related_name="documents"
    )
    addressee = models.CharField(_("addressee"), max_length=160)
    registration_number = models.CharField(
        _("registration number"),
        max_length=14,
        blank=True,
        help_text=_("The seller's T-number when it was issued; empty: not a qualified invoice."),
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    total = models.PositiveIntegerField(_("total (yen, tax incl.)"))
    tax = models.PositiveIntegerField(_("consumption tax (yen)"))
    issued_at = models.DateTimeField(_("issued at"))
    paid_at = models.DateTimeField(_("paid at"))
    file = models.FileField(_("PDF"), upload_to="documents/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="one_document_number_per_seller"
            ),
            models.UniqueConstraint(
                fields=["payment", "organisation", "kind"], name="one_document_per_payment_seller"
            ),
        ]
        indexes = [models.Index(fields=["issued_at"]), models.Index(fields=["total"])]

    def __str__(self) -> str:
        return self.number

    @property
    def qualified(self) -> bool:
        """Whether it is a qualified invoice: the seller was registered when it was issued."""
        return bool(self.registration_number)
