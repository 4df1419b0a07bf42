"""Documents for the accounts department: once a payment has confirmed its bookings, each seller
whose items it paid gets one receipt that is a qualified invoice (適格請求書) when the seller is
registered (its T-number printed), a plain receipt otherwise, saying so.

Each document is numbered in its seller's own sequence (`DocumentSequence`, its row locked to
take the next number, so numbers are unique and without gaps per seller whoever issues at the
same time), rendered once to an A4 PDF from `templates/booking/documents/invoice.html` with
WeasyPrint (the Noto Sans CJK JP font embedded), and stored with its SHA-256; it is never
changed afterwards. The consumption tax is computed once per document and rate, from the
tax-inclusive total (booking.money).

`issue_for_payment` is run by a task after the payment's transaction commits and is safe to run
again (one document per payment, seller and kind): a run that stopped half-way is finished by
the next; the sweep `payments_without_documents` finds payments whose task was lost."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from booking.models import (
    Booking,
    Document,
    DocumentSequence,
    PartnerOrganisation,
    Payment,
    Refund,
)
from booking.money import CONSUMPTION_TAX_RATE_PERCENT, consumption_tax

from .accounts import LineSummary, booking_summaries


@dataclass(frozen=True)
class DocumentItem:
    """One booking on a document: what was sold, on which days, its lines and amount."""

    booking: Booking
    description: str
    lines: list[LineSummary]
    total: int


def paid_bookings(payment: Payment) -> list[Booking]:
    """The bookings a paid payment kept (confirmed by it, cancelled since or not), in the
    order they were held; none for a payment given back in full or a date change's difference."""
    if payment.status != Payment.Status.PAID or payment.date_change_id is not None:
        return []
    if payment.refunds.filter(reason=Refund.Reason.LATE_PAYMENT).exists():
        return []
    bookings = Booking.objects.filter(confirmed_at__isnull=False).select_related(
        "offer__organisation", "offer__page", "trip"
    )
    if payment.for_whole_trip:
        return list(bookings.filter(trip_id=payment.trip_id).order_by("pk"))
    return list(bookings.filter(pk=payment.booking_id))


def issue_for_payment(payment_id: int, now: datetime | None = None) -> list[Document]:
    """Issue the documents a paid payment calls for that are not issued yet (one per seller);
    returns those issued now."""
    payment = Payment.objects.select_related("trip").filter(pk=payment_id).first()
    if payment is None:
        return []
    by_seller: dict[int, list[Booking]] = defaultdict(list)
    for booking in paid_bookings(payment):
        by_seller[booking.offer.organisation_id].append(booking)
    done = set(
        Document.objects.filter(payment=payment, kind=Document.Kind.INVOICE).values_list(
            "organisation_id", flat=True
        )
    )
    issued = []
    for organisation_id, bookings in sorted(by_seller.items()):
        if organisation_id in done:
            continue
        document = _issue(payment, bookings[0].offer.organisation, bookings, now)
        if document is not None:
            issued.append(document)
    return issued


def payments_without_documents(older_than: timedelta, now: datetime | None = None) -> list[int]:
    """Paid payments, older than `older_than`, whose documents were never issued (their task was
    lost): the sweep queues them again."""
    now = now or timezone.now()
    return list(
        Payment.objects.filter(
            status=Payment.Status.PAID,
            date_change__isnull=True,
            paid_at__lt=now - older_than,
            paid_at__gt=now - timedelta(days=7),
        )
        .exclude(refunds__reason=Refund.Reason.LATE_PAYMENT)
        .filter(trip__bookings__confirmed_at__isnull=False)
        .exclude(pk__in=Document.objects.values("payment_id"))
        .values_list("pk", flat=True)
        .distinct()[:500]
    )


def _issue(
    payment: Payment,
    seller: PartnerOrganisation,
    bookings: list[Booking],
    now: datetime | None,
) -> Document | None:
    """Number, render and store one seller's document in one transaction (its sequence row
    locked throughout, so a number is only ever used by a stored document)."""
    first = bookings[0]
    language = first.language if first.language in ("ja", "en") else "ja"
    total = sum(booking.total for booking in bookings)
    try:
        with transaction.atomic():
            issued_at = now or timezone.now()
            document = Document(
                kind=Document.Kind.INVOICE,
                organisation=seller,
                number=_next_number(seller),
                payment=payment,
                trip=payment.trip,
                addressee=payment.trip.invoice_name or first.guest_name,
                registration_number=seller.invoice_registration_number,
                language=language,
                total=total,
                tax=consumption_tax(total),
                issued_at=issued_at,
                paid_at=payment.paid_at or issued_at,
            )
            pdf = render_pdf(document, _items(bookings, language))
            document.sha256 = hashlib.sha256(pdf).hexdigest()
            document.file.save(f"{document.number}.pdf", ContentFile(pdf), save=False)
            document.save()
            document.bookings.set(bookings)
    except IntegrityError:  # issued a moment ago by another run
        return None
    return document


def _next_number(seller: PartnerOrganisation) -> str:
    """The seller's next document number, e.g. "R0012-000042" (the seller, then its count)."""
    DocumentSequence.objects.get_or_create(organisation=seller)
    sequence = DocumentSequence.objects.select_for_update().get(organisation=seller)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"R{seller.pk:04d}-{sequence.last:06d}"


def _items(bookings: list[Booking], language: str) -> list[DocumentItem]:
    summaries = booking_summaries(bookings, language, timezone.now())
    return [
        DocumentItem(
            booking=booking,
            description=booking.offer.display_name(language),
            lines=summary.lines,
            total=booking.total,
        )
        for booking, summary in zip(bookings, summaries, strict=True)
    ]


def _weasyprint_html():
    """WeasyPrint's HTML class, imported here (it loads Pango, which only documents need).
    Importing it switches on Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let cut-off
    image uploads through the admin's checks in the same process: the setting is put back."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return HTML


def render_pdf(document: Document, items: list[DocumentItem]) -> bytes:
    """The document as an A4 PDF in its language, fonts embedded."""
    HTML = _weasyprint_html()

    seller = document.organisation
    with translation.override(document.language):
        html = render_to_string(
            "booking/documents/invoice.html",
            {
                "document": document,
                "items": items,
                "seller_name": seller.display_name(document.language),
                "seller_address": seller.display_address(document.language),
                "rate": CONSUMPTION_TAX_RATE_PERCENT,
                "language": document.language,
            },
        )
    return HTML(string=html).write_pdf()
