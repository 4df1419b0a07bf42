"""A trip's documents in one download for its accounts department: a ZIP of every receipt and
return invoice (PDF, and JP PINT XML for accounting software) with an index (`index.csv`, the
accountant export's columns). The PDFs are the addressee's copies: the original the first time
each is downloaded, marked 再発行 after (booking.services.documents.addressee_copy)."""

import csv
import io
import zipfile
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone, translation

from booking.models import Document, Trip

from .document_index import export_headings, export_row, pdf_name
from .documents import addressee_copy


def trip_documents(trip: Trip) -> QuerySet[Document]:
    """The trip's live documents, in the order they were issued."""
    return (
        Document.objects.filter(trip=trip, voided_at__isnull=True)
        .exclude(sha256="")  # still being rendered
        .select_related("organisation", "trip", "original", "replaced_by")
        .order_by("issued_at", "pk")
    )


def trip_pack(trip: Trip, language: str, now: datetime | None = None) -> bytes:
    """The ZIP of the trip's documents with `index.csv` (UTF-8 with a BOM, so that Excel reads
    it), its headings in `language`."""
    now = now or timezone.now()
    found = list(trip_documents(trip))
    index = io.StringIO()
    writer = csv.writer(index)
    with translation.override(language):
        writer.writerow(export_headings())
        writer.writerows(export_row(document) for document in found)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr("index.csv", "\ufeff" + index.getvalue())
        for document in found:
            pdf = addressee_copy(document, now)
            pack.writestr(pdf_name(document), pdf, compress_type=zipfile.ZIP_STORED)
            if document.xml:
                with document.xml.open("rb") as xml:
                    pack.writestr(f"xml/{document.number}.xml", xml.read())
    return buffer.getvalue()
