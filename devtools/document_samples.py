"""Render a sample receipt (qualified invoice) and a sample return invoice to PNG, so that a
person can look at what the site issues without paying for anything:

    .venv/bin/python -m devtools.document_samples docs/images

The documents are made up in memory (nothing is saved) and rendered by the same code and
template as real ones (booking.services.documents.render_pdfs); `pdftoppm` (Debian's
poppler-utils) turns each PDF's first page into `<dir>/sample-<kind>.png`."""

import os
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo


def main(target: Path) -> list[Path]:
    """Write the two PNGs into `target`; returns their paths."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from booking.models import Booking, Document, Offer, PartnerOrganisation, Trip
    from booking.money import consumption_tax
    from booking.services.accounts import LineSummary
    from booking.services.documents import DocumentItem, Party, render_pdfs

    tokyo = ZoneInfo("Asia/Tokyo")
    seller = PartnerOrganisation(
        pk=12,
        name="白浜温泉 みかんの宿",
        address="和歌山県西牟婁郡白浜町1234",
        invoice_registration_number="T1234567890123",
    )
    offer = Offer(organisation=seller, name="和室（朝食付き）")
    booking = Booking(reference="K7QX-M2PA", offer=offer)
    trip = Trip(reference="TR8A-5WJ2", invoice_name="株式会社みかんソフト 総務部")
    first = date(2027, 2, 8)
    lines = [
        LineSummary(
            day=first + timedelta(days=n),
            starts_at=datetime(2027, 2, 8 + n, 15, tzinfo=tokyo),
            ends_at=datetime(2027, 2, 9 + n, 10, tzinfo=tokyo),
            part="",
            category="1室2名",
            quantity=1,
            unit_price=16500,
            amount=16500,
        )
        for n in range(3)
    ]
    issued = datetime(2027, 1, 20, 10, 30, tzinfo=tokyo)
    receipt = Document(
        kind=Document.Kind.INVOICE,
        organisation=seller,
        trip=trip,
        number="R0012-000042",
        addressee=trip.invoice_name,
        registration_number=seller.invoice_registration_number,
        language="ja",
        total=49500,
        tax=consumption_tax(49500),
        issued_at=issued,
        paid_at=issued,
    )
    returned = Document(
        kind=Document.Kind.RETURN,
        organisation=seller,
        trip=trip,
        original=receipt,
        number="R0012-000057",
        addressee=trip.invoice_name,
        registration_number=seller.invoice_registration_number,
        language="ja",
        total=16500,
        tax=consumption_tax(16500),
        issued_at=issued + timedelta(days=10),
        paid_at=issued + timedelta(days=10),
    )
    issuer = Party(seller.name, seller.address, seller.invoice_registration_number)
    entries = [
        (receipt, issuer, [DocumentItem(booking, offer.name, lines, 49500)]),
        (returned, issuer, [DocumentItem(booking, "和室（朝食付き） — 返金（1泊分）", [], 16500)]),
    ]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for (document, _issuer, _items), pdf in zip(entries, render_pdfs(entries), strict=True):
            source = Path(scratch) / f"{document.kind}.pdf"
            source.write_bytes(pdf)
            stem = target / f"sample-{document.kind}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-singlefile", str(source), str(stem)],
                check=True,
            )
            written.append(stem.with_suffix(".png"))
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")):
        sys.stdout.write(f"{path}\n")
