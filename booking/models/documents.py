"""Documents a company's accounts department keeps: qualified invoices (適格請求書, here as a
receipt: 領収書) issued for what a payment paid, one per seller, and return invoices
(適格返還請求書) for what was refunded, each numbered in its issuer's own sequence (the seller's,
or the platform's under the intermediary rule), stored once as a PDF and UBL XML with the PDF's
hash; an issued document is only ever voided and replaced, never changed."""

from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def private_storage() -> Storage:
    """Where issued documents are kept: the "private" storage, which no URL serves."""
    return storages["private"]


class DocumentSequence(models.Model):
    """The last number an issuer has issued (the row is locked to take the next one, so numbers
    are unique and without gaps per issuer however many are issued at once). `key` is the
    numbers' prefix: "R0012" for seller 12, "P" for the platform."""

    key = models.CharField(max_length=16, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class Document(models.Model):
    """One issued document: what it is for (the payment, its trip, the seller's bookings), its
    number, addressee and amounts, and the stored PDF with its SHA-256."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Receipt (qualified invoice)")
        RETURN = "return", _("Return invoice (refund)")

    class Issuer(models.TextChoices):
        SELLER = "seller", _("The seller (issued on its behalf)")
        PLATFORM = "platform", _("The platform (intermediary rule)")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    issuer = models.CharField(
        _("issued in the name of"), max_length=10, choices=Issuer.choices, default=Issuer.SELLER
    )
    organisation = models.ForeignKey(
        "booking.PartnerOrganisation",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    payment = models.ForeignKey(
        "booking.Payment", verbose_name=_("payment"), on_delete=models.PROTECT, related_name="+"
    )
    trip = models.ForeignKey(
        "booking.Trip", verbose_name=_("trip"), on_delete=models.PROTECT, related_name="documents"
    )
    refund = models.ForeignKey(
        "booking.Refund",
        verbose_name=_("refund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    original = models.ForeignKey(
        "self",
        verbose_name=_("original document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returns",
        help_text=_("For a return invoice: the receipt whose sale it gives back."),
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        help_text=_("The document this one was issued again for (with a new addressee)."),
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
    seller_registration_number = models.CharField(
        _("seller's registration number"),
        max_length=14,
        blank=True,
        help_text=_("The seller's T-number when it was issued (under the intermediary rule)."),
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    total = models.PositiveIntegerField(_("total (yen, tax incl.)"))
    tax = models.PositiveIntegerField(_("consumption tax (yen)"))
    issued_at = models.DateTimeField(_("issued at"))
    paid_at = models.DateTimeField(_("paid at"))
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    first_downloaded_at = models.DateTimeField(
        _("first downloaded at"),
        null=True,
        blank=True,
        help_text=_("By its addressee; every later download is marked as a reissued copy."),
    )
    file = models.FileField(_("PDF"), upload_to="documents/%Y/%m/", storage=private_storage)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    items = models.JSONField(
        _("items as printed"),
        default=list,
        help_text=_("What was sold, as printed, so that a reprint shows the same sale."),
    )
    xml = models.FileField(
        _("UBL XML"), upload_to="documents/%Y/%m/", storage=private_storage, blank=True
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "organisation"],
                condition=Q(kind="invoice", voided_at__isnull=True),
                name="one_receipt_per_payment_seller",
            ),
            models.UniqueConstraint(
                fields=["refund"],
                condition=Q(kind="return", voided_at__isnull=True),
                name="one_return_invoice_per_refund",
            ),
        ]
        indexes = [models.Index(fields=["issued_at"]), models.Index(fields=["total"])]

    def __str__(self) -> str:
        return self.number

    @property
    def qualified(self) -> bool:
        """Whether it is a qualified invoice: the seller was registered when it was issued."""
        return bool(self.registration_number)

    @property
    def void(self) -> bool:
        return self.voided_at is not None
