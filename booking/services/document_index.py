"""A list of issued documents as a spreadsheet: the columns an accountant (or a company's
accounts department) files them by, in the reader's language, one row per document. Used by
the accountant's export and the trip pack alike."""

from datetime import date
from typing import Any

from django.utils.translation import pgettext, pgettext_lazy

from booking.models import Document
from core.spreadsheets import safe_cell

from .jst import local_date

VALID, VOID = "valid", "void"
STATUS_CHOICES = [
    (VALID, pgettext_lazy("document status", "valid")),
    (VOID, pgettext_lazy("document status", "void")),
]


def status_label(document: Document) -> str:
    """Valid or void, in the reader's language."""
    return str(dict(STATUS_CHOICES)[VOID if document.void else VALID])


def issued_day(document: Document) -> date:
    """The day it was issued, in Japan."""
    return local_date(document.issued_at)


def export_headings() -> list[str]:
    """The CSV's column headings, in the language in use."""
    return [
        pgettext("documents export", "Number"),
        pgettext("documents export", "Kind"),
        pgettext("documents export", "Issued in the name of"),
        pgettext("documents export", "Issuer registration number"),
        pgettext("documents export", "Seller"),
        pgettext("documents export", "Seller registration number"),
        pgettext("documents export", "Addressee"),
        pgettext("documents export", "Issued date"),
        pgettext("documents export", "Paid date"),
        pgettext("documents export", "Total (yen, tax incl.)"),
        pgettext("documents export", "Consumption tax (yen)"),
        pgettext("documents export", "Status"),
        pgettext("documents export", "Original number"),
        pgettext("documents export", "Replaced by number"),
        pgettext("documents export", "Trip reference"),
        pgettext("documents export", "File name"),
        pgettext("documents export", "SHA-256"),
    ]


def pdf_name(document: Document) -> str:
    return f"pdf/{document.number}.pdf"


def export_row(document: Document) -> list[Any]:
    """One document's CSV row (dates are Japanese days; the seller as the document names it)."""
    replaced_by = getattr(document, "replaced_by", None)
    return [
        document.number,
        str(document.get_kind_display()),
        str(document.get_issuer_display()),
        document.registration_number,
        safe_cell(document.organisation.display_name(document.language)),
        document.seller_registration_number,
        safe_cell(document.addressee),
        issued_day(document).isoformat(),
        local_date(document.paid_at).isoformat(),
        document.total,
        document.tax,
        status_label(document),
        document.original.number if document.original else "",
        replaced_by.number if replaced_by else "",
        document.trip.reference,
        pdf_name(document),
        document.sha256,
    ]
