"""Documents for the accounts department: once a payment has confirmed its bookings, each seller
whose items it paid gets one receipt that is a qualified invoice (適格請求書) when its issuer is
registered (the T-number printed), a plain receipt otherwise, saying so; a refund of at least
the operator's threshold gets a return invoice (適格返還請求書) referring to that receipt.

Who issues is the operator's choice (SiteSettings.document_issuer): the site issues in each
seller's name and number on its behalf (代理交付), or, under the intermediary rule
(媒介者交付特例, operator and seller both registered), in the operator's own name and number.

Each document is numbered in its issuer's own sequence (`DocumentSequence`, its row locked to
take the next number, so numbers are unique and without gaps per issuer whoever issues at the
same time), rendered once to an A4 PDF from `templates/booking/documents/invoice.html` with
WeasyPrint (the Noto Sans CJK JP font embedded) and to JP PINT UBL XML, and stored with the
PDF's SHA-256. An issued document is only voided and replaced (a new addressee after the first
download), never changed; before anyone has downloaded it, a new addressee is printed on it in
place. The consumption tax is computed once per document and rate (booking.money).

Issuing runs in tasks after the payment's or refund's transaction commits and is safe to run
again (one receipt per payment and seller, one return invoice per refund); the sweeps find
payments and refunds whose task was lost."""

import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import pgettext

from booking.models import (
    Booking,
    DateChange,
    Document,
    DocumentSequence,
    PartnerOrganisation,
    Payment,
    Refund,
    Trip,
)
from booking.money import CONSUMPTION_TAX_RATE_PERCENT, consumption_tax
from core.models import SiteSettings

from . import ubl
from .accounts import LineSummary, booking_summaries


class DocumentTampered(Exception):
    """A stored document's file no longer matches the hash taken when it was issued."""


@dataclass(frozen=True)
class Party:
    """Who a document names as its issuer: the seller, or the platform under the intermediary
    rule; an empty registration number means not a registered issuer."""

    name: str
    address: str
    registration_number: str


@dataclass(frozen=True)
class DocumentItem:
    """One booking on a document: what was sold, on which days, its lines and amount (no lines:
    one amount, e.g. what a refund gave back or a date change's difference)."""

    booking: Booking
    description: str
    lines: list[LineSummary]
    total: int


def paid_bookings(payment: Payment) -> list[Booking]:
    """The bookings a paid payment kept (confirmed by it, cancelled since or not), in the
    order they were held; none for a payment given back in full as a late payment. A date
    change's difference paid for its booking once the change was made."""
    if payment.status != Payment.Status.PAID:
        return []
    if payment.refunds.filter(reason=Refund.Reason.LATE_PAYMENT).exists():
        return []
    bookings = Booking.objects.filter(confirmed_at__isnull=False).select_related(
        "offer__organisation", "offer__page", "trip"
    )
    if payment.date_change_id is not None:
        if payment.date_change.status != DateChange.Status.DONE:
            return []
        return list(bookings.filter(pk=payment.date_change.booking_id))
    if payment.for_whole_trip:
        return list(bookings.filter(trip_id=payment.trip_id).order_by("pk"))
    return list(bookings.filter(pk=payment.booking_id))


def issue_for_payment(payment_id: int, now: datetime | None = None) -> list[Document]:
    """Issue the receipts a paid payment calls for that are not issued yet (one per seller),
    all at once; returns those issued now."""
    payment = Payment.objects.select_related("trip", "date_change").filter(pk=payment_id).first()
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
    operator = SiteSettings.for_default_site()
    entries = []
    for organisation_id, bookings in sorted(by_seller.items()):
        if organisation_id in done:
            continue
        seller = bookings[0].offer.organisation
        language = _language_of(bookings[0])
        issuer_kind, issuer = issuer_for(seller, operator, language)
        if payment.date_change_id is not None:
            items = [_date_change_item(bookings[0], payment, language)]
        else:
            items = _items(bookings, language)
        total = sum(item.total for item in items)
        document = Document(
            kind=Document.Kind.INVOICE,
            issuer=issuer_kind,
            organisation=seller,
            payment=payment,
            trip=payment.trip,
            addressee=payment.trip.invoice_name or bookings[0].guest_name,
            registration_number=issuer.registration_number,
            seller_registration_number=seller.invoice_registration_number,
            language=language,
            total=total,
            tax=consumption_tax(total),
            paid_at=payment.paid_at or now or timezone.now(),
        )
        entries.append((document, issuer, items))
    if entries:
        _reserve(entries, now)
    return _render_reserved(payment, operator)


def _reserve(entries: list["Entry"], now: datetime | None) -> None:
    """Number the documents and store their rows, without files yet, in one short transaction
    (the sequences' rows locked in one order): numbers stay without gaps whatever happens
    next, and the rendering that follows holds no lock. Nothing when another run reserved
    them a moment ago."""
    entries = sorted(entries, key=lambda entry: _sequence_key(entry[0]))
    try:
        with transaction.atomic():
            issued_at = now or timezone.now()
            for document, _issuer, items in entries:
                document.issued_at = issued_at
                document.number = _next_number(_sequence_key(document))
                document.items = _snapshot(items)
                document.save()
                document.bookings.set([item.booking for item in items])
    except IntegrityError:
        return


def _render_reserved(payment: Payment, operator: SiteSettings) -> list[Document]:
    """Render the payment's receipts that are numbered but have no file yet (laid out in one
    pass), then store each file under the document's row lock unless another run stored one
    first or a new addressee came meanwhile (the sweep prints that one again)."""
    waiting = list(
        Document.objects.filter(payment=payment, kind=Document.Kind.INVOICE, sha256="")
        .select_related("organisation", "trip")
        .order_by("pk")
    )
    if not waiting:
        return []
    entries = [(d, _issuer_of(d, operator, d.language), _items_of(d)) for d in waiting]
    _render_all_into(entries)
    stored = []
    with transaction.atomic():
        locked = Document.objects.select_for_update().in_bulk([d.pk for d in waiting])
        for document in waiting:
            current = locked.get(document.pk)
            if current is None or current.sha256 or current.addressee != document.addressee:
                continue
            document.save(update_fields=["file", "xml", "sha256"])
            stored.append(document)
    return stored


def issue_for_refund(refund_id: int, now: datetime | None = None) -> Document | None:
    """Issue the return invoice a refund calls for: a refund that went through, of at least the
    operator's threshold, of a booking whose receipt was issued; None when none is due or it
    is issued already. It names the receipt's issuer and addressee and refers to its number."""
    refund = (
        Refund.objects.select_related("payment__trip", "booking__offer__organisation")
        .filter(pk=refund_id, status=Refund.Status.SUCCEEDED)
        .first()
    )
    if refund is None:
        return None
    operator = SiteSettings.for_default_site()
    if refund.amount < operator.return_invoice_threshold:
        return None
    if Document.objects.filter(refund=refund, kind=Document.Kind.RETURN).exists():
        return None
    with transaction.atomic():
        # The receipt's row first, as a new addressee takes it, then the sequence's: one
        # order for both, and the receipt cannot be voided while its return cites it.
        original = (
            Document.objects.select_for_update(of=("self",))
            .filter(
                kind=Document.Kind.INVOICE,
                payment_id=refund.payment_id,
                bookings=refund.booking,
                voided_at__isnull=True,
            )
            .select_related("organisation")
            .first()
        )
        if original is None:
            return None
        return _issue_return(refund, original, operator, now)


def _issue_return(
    refund: Refund, original: Document, operator: SiteSettings, now: datetime | None
) -> Document | None:
    """The return invoice of `refund`, citing `original` (locked by the caller)."""
    booking = refund.booking
    language = original.language
    issuer = _issuer_of(original, operator, language)
    with translation.override(language):
        description = pgettext("document", "%(item)s — refund (%(reason)s)") % {
            "item": booking.offer.display_name(language),
            "reason": Refund.Reason(refund.reason).label,
        }
    document = Document(
        kind=Document.Kind.RETURN,
        issuer=original.issuer,
        organisation=original.organisation,
        payment=refund.payment,
        trip=refund.payment.trip,
        refund=refund,
        original=original,
        addressee=original.addressee,
        registration_number=original.registration_number,
        seller_registration_number=original.seller_registration_number,
        language=language,
        total=refund.amount,
        tax=consumption_tax(refund.amount),
        paid_at=refund.refunded_at or now or timezone.now(),
    )
    items = [DocumentItem(booking=booking, description=description, lines=[], total=refund.amount)]
    return document if _store(document, issuer, items, now) else None


def readdress(trip: Trip, now: datetime | None = None) -> list[Document]:
    """Give the trip's live receipts its current addressee: one nobody has downloaded yet is
    printed again in place (same number); a downloaded one is voided and issued again under a
    new number that says which it replaces. Returns the documents printed or issued."""
    now = now or timezone.now()
    changed = []
    live = Document.objects.filter(trip=trip, kind=Document.Kind.INVOICE, voided_at__isnull=True)
    for pk in live.exclude(addressee=trip.invoice_name).values_list("pk", flat=True):
        document = _readdress_one(pk, now)
        if document is not None:
            changed.append(document)
    return changed


def misaddressed_trips(limit: int = 500) -> list[int]:
    """Trips with a live receipt that does not carry the trip's addressee (a change whose task
    was lost, or made while the receipt was being issued): the sweep queues them again."""
    stale = Document.objects.filter(
        trip=OuterRef("pk"), kind=Document.Kind.INVOICE, voided_at__isnull=True
    ).exclude(addressee=OuterRef("invoice_name"))
    return list(
        Trip.objects.exclude(invoice_name="")
        .filter(Exists(stale))
        .values_list("pk", flat=True)[:limit]
    )


def _readdress_one(pk: int, now: datetime) -> Document | None:
    """One receipt given its trip's addressee as it is now (read under the receipt's row lock,
    so a slower earlier change never wins), the receipt locked throughout: a download or
    another change waits, so a downloaded copy is never reprinted in place."""
    operator = SiteSettings.for_default_site()
    with transaction.atomic():
        old = (
            Document.objects.select_for_update(of=("self",))
            .select_related("organisation", "payment", "trip")
            .filter(pk=pk, voided_at__isnull=True)
            .first()
        )
        if old is None:
            return None
        addressee = Trip.objects.values_list("invoice_name", flat=True).get(pk=old.trip_id)
        if not addressee or old.addressee == addressee:
            return None
        issuer = _issuer_of(old, operator, old.language)
        items = _items_of(old)
        if old.first_downloaded_at is None:
            old.addressee = addressee
            _render_into(old, issuer, items)
            old.save()
            return old
        old.voided_at = now
        old.save(update_fields=["voided_at"])
        new = Document(
            kind=old.kind,
            issuer=old.issuer,
            organisation=old.organisation,
            payment=old.payment,
            trip=old.trip,
            replaces=old,
            addressee=addressee,
            registration_number=old.registration_number,
            seller_registration_number=old.seller_registration_number,
            language=old.language,
            total=old.total,
            tax=old.tax,
            paid_at=old.paid_at,
        )
        if not _store(new, issuer, items, now):
            raise IntegrityError(f"{old.number} was issued again by another run")  # undo the void
    return new


def payments_without_documents(older_than: timedelta, now: datetime | None = None) -> list[int]:
    """Paid payments, older than `older_than`, whose receipts were never issued or never
    rendered (their task was lost or failed): the sweep queues them again."""
    now = now or timezone.now()
    return list(
        Payment.objects.filter(status=Payment.Status.PAID)
        .filter(paid_at__lt=now - older_than, paid_at__gt=now - timedelta(days=7))
        .filter(Q(date_change__isnull=True) | Q(date_change__status=DateChange.Status.DONE))
        .exclude(refunds__reason=Refund.Reason.LATE_PAYMENT)
        .filter(trip__bookings__confirmed_at__isnull=False)
        .filter(
            ~Exists(Document.objects.filter(payment=OuterRef("pk")))
            | Exists(Document.objects.filter(payment=OuterRef("pk"), sha256=""))
        )
        .values_list("pk", flat=True)
        .distinct()[:500]
    )


def refunds_without_documents(older_than: timedelta, now: datetime | None = None) -> list[int]:
    """Refunds that went through, older than `older_than`, of at least the threshold, of a
    booking with a receipt from the refunded payment, whose return invoice was never issued."""
    now = now or timezone.now()
    threshold = SiteSettings.for_default_site().return_invoice_threshold
    receipt = Document.objects.filter(
        kind=Document.Kind.INVOICE,
        voided_at__isnull=True,
        payment=OuterRef("payment"),
        bookings=OuterRef("booking"),
    )
    returned = Document.objects.filter(kind=Document.Kind.RETURN, refund=OuterRef("pk"))
    return list(
        Refund.objects.filter(status=Refund.Status.SUCCEEDED, amount__gte=threshold)
        .filter(refunded_at__lt=now - older_than, refunded_at__gt=now - timedelta(days=7))
        .filter(Exists(receipt))
        .exclude(Exists(returned))
        .values_list("pk", flat=True)[:500]
    )


def issuer_for(
    seller: PartnerOrganisation, operator: SiteSettings, language: str
) -> tuple[str, Party]:
    """Whose name and number a seller's new document carries: the operator's under the
    intermediary rule (when the operator chose it and both are registered), else the
    seller's own (an unregistered seller's receipt always names the seller, as not qualified)."""
    if (
        operator.document_issuer == SiteSettings.DocumentIssuer.PLATFORM
        and operator.invoice_registration_number
        and seller.invoice_registration_number
    ):
        return Document.Issuer.PLATFORM, _operator_party(operator)
    return Document.Issuer.SELLER, Party(
        name=seller.display_name(language),
        address=seller.display_address(language),
        registration_number=seller.invoice_registration_number,
    )


def _issuer_of(document: Document, operator: SiteSettings, language: str) -> Party:
    """The issuer an existing document named (its number as issued), for its returns and
    reprints."""
    if document.issuer == Document.Issuer.PLATFORM:
        party = _operator_party(operator)
    else:
        seller = document.organisation
        party = Party(seller.display_name(language), seller.display_address(language), "")
    return Party(party.name, party.address, document.registration_number)


def _operator_party(operator: SiteSettings) -> Party:
    return Party(
        name=operator.seller_name,
        address=operator.seller_address,
        registration_number=operator.invoice_registration_number,
    )


def _sequence_key(document: Document) -> str:
    """The numbers' prefix of the document's issuer: "P" the platform, "R0012" seller 12."""
    if document.issuer == Document.Issuer.PLATFORM:
        return "P"
    return f"R{document.organisation_id:04d}"


def _store(
    document: Document, issuer: Party, items: list[DocumentItem], now: datetime | None
) -> bool:
    """`_store_all` of one document."""
    return bool(_store_all([(document, issuer, items)], now))


Entry = tuple[Document, Party, list[DocumentItem]]


def _store_all(entries: list[Entry], now: datetime | None) -> list[Document]:
    """Number, render and store new documents in one transaction (their sequences' rows locked
    in one order throughout, so a number is only ever used by a stored document), laid out in
    one pass; none when another run issued one of them a moment ago."""
    entries = sorted(entries, key=lambda entry: _sequence_key(entry[0]))
    try:
        with transaction.atomic():
            issued_at = now or timezone.now()
            for document, _issuer, _items in entries:
                document.issued_at = issued_at
                document.number = _next_number(_sequence_key(document))
            _render_all_into(entries)
            for document, _issuer, items in entries:
                document.save()
                document.bookings.set([item.booking for item in items])
    except IntegrityError:
        return []
    return [document for document, _issuer, _items in entries]


def _render_into(document: Document, issuer: Party, items: list[DocumentItem]) -> None:
    """`_render_all_into` of one document."""
    _render_all_into([(document, issuer, items)])


def _render_all_into(entries: list[Entry]) -> None:
    """Render each document's PDF and XML and put them, with the PDF's hash and the items as
    printed, on the (unsaved) document."""
    pdfs = render_pdfs(entries)
    for (document, issuer, items), pdf in zip(entries, pdfs, strict=True):
        document.items = _snapshot(items)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.file.save(f"{document.number}.pdf", ContentFile(pdf), save=False)
        xml = ubl.document_xml(document, items, issuer)
        document.xml.save(f"{document.number}.xml", ContentFile(xml), save=False)


def stored_pdf(document: Document) -> bytes:
    """The document's PDF exactly as issued; raises DocumentTampered when its bytes no longer
    match the SHA-256 taken then (電子帳簿保存法: the record must be shown to be unchanged)."""
    with document.file.open("rb") as stored:
        pdf = stored.read()
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        raise DocumentTampered(document.number)
    return pdf


def addressee_copy(document: Document, now: datetime | None = None) -> bytes:
    """The PDF its addressee downloads: the original the first time, after that a copy stamped
    再発行 (reissued), so two originals of one document never circulate; a void one is stamped
    as void."""
    with transaction.atomic():  # waits for a new addressee being printed on it
        document = Document.objects.select_for_update().get(pk=document.pk)
        pdf = stored_pdf(document)
        first = document.first_downloaded_at is None and document.voided_at is None
        if first:
            document.first_downloaded_at = now or timezone.now()
            document.save(update_fields=["first_downloaded_at"])
    if first:
        return pdf
    return _stamped(pdf, "void" if document.voided_at else "reissued", document.language)


def visible_to_guest(booking: Booking) -> QuerySet[Document]:
    """The booking's documents its guest may download: receipts and return invoices, the void
    ones left out (their replacements are there), as are those still being rendered."""
    return (
        booking.documents.filter(voided_at__isnull=True)
        .exclude(sha256="")
        .order_by("issued_at", "pk")
    )


def _stamped(pdf: bytes, mark: str, language: str) -> bytes:
    """`pdf` with a stamp over the top of every page ("reissued" or "void")."""
    from pypdf import PdfReader, PdfWriter

    stamp = PdfReader(io.BytesIO(_stamp_pdf(mark, language))).pages[0]
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page in writer.pages:
        page.merge_page(stamp, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def _stamp_pdf(mark: str, language: str) -> bytes:
    """An A4 page, blank but for the stamp, rendered once per process."""
    HTML = _weasyprint_html()
    with translation.override(language):
        html = render_to_string("booking/documents/stamp.html", {"mark": mark})
    return HTML(string=html).write_pdf()


def _next_number(key: str) -> str:
    """The issuer's next document number, e.g. "R0012-000042" (seller 12, then its count)."""
    DocumentSequence.objects.get_or_create(key=key)
    sequence = DocumentSequence.objects.select_for_update().get(key=key)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{key}-{sequence.last:06d}"


def _language_of(booking: Booking) -> str:
    return booking.language if booking.language in ("ja", "en") else "ja"


def _items(bookings: list[Booking], language: str) -> list[DocumentItem]:
    """What the payment paid for each booking: its lines as booked, or, for a booking whose
    dates have been changed since (its lines are the new dates'), one line of what it cost
    on the dates paid for (the differences have documents of their own)."""
    summaries = booking_summaries(bookings, language, timezone.now())
    moved = _first_moves(bookings)
    items = []
    for booking, summary in zip(bookings, summaries, strict=True):
        name = booking.offer.display_name(language)
        change = moved.get(booking.pk)
        if change is None:
            items.append(DocumentItem(booking, name, summary.lines, booking.total))
            continue
        with translation.override(language):
            description = pgettext("document", "%(item)s, %(first)s–%(last)s as paid") % {
                "item": name,
                "first": change.old_first_day.isoformat(),
                "last": change.old_last_day.isoformat(),
            }
        items.append(DocumentItem(booking, description, [], change.old_total))
    return items


def _first_moves(bookings: list[Booking]) -> dict[int, DateChange]:
    """The first date change made to each of these bookings that has one."""
    moves: dict[int, DateChange] = {}
    changes = DateChange.objects.filter(
        booking__in=bookings, status=DateChange.Status.DONE
    ).order_by("done_at", "pk")
    for change in changes:
        moves.setdefault(change.booking_id, change)
    return moves


def _snapshot(items: list[DocumentItem]) -> list[dict]:
    """The items as printed, kept on the document so that a reprint shows the same sale."""
    return [
        {
            "booking": item.booking.pk,
            "description": item.description,
            "total": item.total,
            "lines": [
                {
                    "day": line.day.isoformat(),
                    "starts_at": line.starts_at.isoformat(),
                    "ends_at": line.ends_at.isoformat(),
                    "part": line.part,
                    "category": line.category,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "amount": line.amount,
                }
                for line in item.lines
            ],
        }
        for item in items
    ]


def _items_of(document: Document) -> list[DocumentItem]:
    """The items a document printed, from its snapshot."""
    bookings = Booking.objects.select_related("offer__organisation").in_bulk(
        [item["booking"] for item in document.items]
    )
    return [
        DocumentItem(
            booking=bookings[item["booking"]],
            description=item["description"],
            total=item["total"],
            lines=[
                LineSummary(
                    day=date.fromisoformat(line["day"]),
                    starts_at=datetime.fromisoformat(line["starts_at"]),
                    ends_at=datetime.fromisoformat(line["ends_at"]),
                    part=line["part"],
                    category=line["category"],
                    quantity=line["quantity"],
                    unit_price=line["unit_price"],
                    amount=line["amount"],
                )
                for line in item["lines"]
            ],
        )
        for item in document.items
    ]


def _date_change_item(booking: Booking, payment: Payment, language: str) -> DocumentItem:
    """A date change's difference as one line: the booking, and the dates it moved to."""
    change = payment.date_change
    with translation.override(language):
        description = pgettext(
            "document", "%(item)s — change of dates to %(first)s–%(last)s (difference)"
        ) % {
            "item": booking.offer.display_name(language),
            "first": change.new_first_day.isoformat(),
            "last": change.new_last_day.isoformat(),
        }
    return DocumentItem(booking=booking, description=description, lines=[], total=payment.amount)


def _weasyprint_html():
    """WeasyPrint's HTML class, imported here (it loads Pango, which only documents need).
    Importing it switches on Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let cut-off
    image uploads through the admin's checks in the same process: the setting is put back."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return HTML


def render_pdf(document: Document, issuer: Party, items: list[DocumentItem]) -> bytes:
    """The document as an A4 PDF in its language, fonts embedded."""
    return render_pdfs([(document, issuer, items)])[0]


def render_pdfs(entries: list[Entry]) -> list[bytes]:
    """Each document as an A4 PDF in its own language, fonts embedded: laid out together (the
    stylesheet and fonts loaded once for a trip's documents), then written one by one from
    the pages each begins (a document's title is a bookmark)."""
    HTML = _weasyprint_html()
    context = {
        "entries": [
            {
                "document": document,
                "items": items,
                "issuer": issuer,
                "seller_name": document.organisation.display_name(document.language),
                "company": bool(document.trip.invoice_name)
                and document.addressee == document.trip.invoice_name,
                "language": document.language,
            }
            for document, issuer, items in entries
        ],
        "title": " ".join(document.number for document, _issuer, _items in entries),
        "rate": CONSUMPTION_TAX_RATE_PERCENT,
    }
    rendered = HTML(string=render_to_string("booking/documents/invoice.html", context)).render()
    starts = [number for number, page in enumerate(rendered.pages) if page.bookmarks]
    if len(starts) != len(entries):
        raise RuntimeError(f"{len(entries)} documents laid out on pages starting {starts}")
    ends = [*starts[1:], len(rendered.pages)]
    return [
        rendered.copy(rendered.pages[start:end]).write_pdf()
        for start, end in zip(starts, ends, strict=True)
    ]
