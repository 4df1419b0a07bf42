"""Receipts as qualified invoices: issued after payment, one per seller, numbered in the
seller's own sequence, stored as a PDF with its hash; read back with pypdf."""

import hashlib
import io
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from PIL import ImageFile
from pypdf import PdfReader

from booking.models import Document, DocumentSequence, PartnerOrganisation
from booking.services import documents, payments
from booking.services.jst import today
from booking.services.manage_links import manage_token
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_slot,
)
from tests.booking.test_payments import pay_and_fulfil, to_payment_page
from tests.booking.test_trip_payments import to_payment_page as trip_to_payment_page
from tests.booking.test_trip_payments import week  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience():
    offer = OfferFactory(min_per_booking=1, max_per_booking=6)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=6)
    return offer, adult, None, slot


def text_of(document: Document) -> str:
    with document.file.open("rb") as stored:
        data = stored.read()
    assert hashlib.sha256(data).hexdigest() == document.sha256
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages), reader


def test_paying_issues_one_qualified_receipt_with_every_required_field(
    experience, fake_stripe, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(Client(), experience, adults=2)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)

    document = Document.objects.get()
    text, reader = text_of(document)
    seller = booking.offer.organisation
    assert document.number == f"R{seller.pk:04d}-000001"
    assert list(document.bookings.all()) == [booking]
    assert (document.total, document.tax) == (11000, 1000)
    for needed in (
        "領収書",
        "適格請求書",
        document.number,
        seller.invoice_registration_number,
        seller.name,
        "山田 太郎",
        "11,000",
        "1,000",
        "10%",
        booking.reference,
    ):
        assert needed in text, needed
    fonts = [
        font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert any("Noto-Sans-CJK-JP" in str(name) for name in fonts), fonts
    assert all(_embedded(font) for page in reader.pages for font in _fonts(page)), "not embedded"


def _fonts(page):
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def _embedded(font) -> bool:
    """Whether the font's glyphs are in the file (a FontFile in its descriptor)."""
    descendants = font.get("/DescendantFonts")
    target = descendants[0].get_object() if descendants else font
    descriptor = target["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_issuing_again_issues_nothing_more(
    experience, fake_stripe, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(Client(), experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    payment = Document.objects.get().payment

    assert documents.issue_for_payment(payment.pk) == []
    assert Document.objects.count() == 1
    assert DocumentSequence.objects.get().last == 1


def test_an_unregistered_seller_gets_a_receipt_that_says_it_is_not_a_qualified_invoice(
    experience, fake_stripe, django_capture_on_commit_callbacks
):
    offer = experience[0]
    PartnerOrganisation.objects.filter(pk=offer.organisation_id).update(
        invoice_registration_number=""
    )
    booking, _ = to_payment_page(Client(), experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)

    document = Document.objects.get()
    text, _reader = text_of(document)
    assert not document.qualified
    assert "適格請求書ではありません" in text


def test_a_trip_gets_one_receipt_per_seller_made_out_to_the_company(
    week,  # noqa: F811
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    trip, bookings, payment = trip_to_payment_page(week)
    fake_stripe.pay(payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)

    issued = list(Document.objects.order_by("organisation_id"))
    assert len(issued) == 3 == len({d.organisation_id for d in issued})
    assert sum(d.total for d in issued) == payment.amount
    for document in issued:
        (booking,) = document.bookings.all()
        assert booking.offer.organisation_id == document.organisation_id
        assert document.total == booking.total
        assert document.tax == booking.total * 10 // 110
        text, _reader = text_of(document)
        assert "株式会社テスト" in text and booking.reference in text


@pytest.mark.django_db(transaction=True)
def test_numbers_issued_at_once_for_one_seller_are_unique_and_without_gaps():
    seller = PartnerOrganisationFactory()
    numbers: list[str] = []
    barrier = threading.Barrier(6)

    def take() -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                numbers.append(documents._next_number(f"R{seller.pk:04d}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(numbers) == [f"R{seller.pk:04d}-{n:06d}" for n in range(1, 7)]


def test_rendering_leaves_pillow_refusing_cut_off_images(
    experience, fake_stripe, django_capture_on_commit_callbacks
):
    """WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on when imported; the image upload
    checks in the same process depend on it being off."""
    booking, _ = to_payment_page(Client(), experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)

    assert Document.objects.exists()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_the_manage_page_links_the_receipt_and_only_its_guest_downloads_it(
    experience, fake_stripe, django_capture_on_commit_callbacks
):
    booking, _ = to_payment_page(Client(), experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    document = Document.objects.get()
    token = manage_token(booking)
    other, _ = to_payment_page(Client(), experience, adults=1)

    page = Client().get(reverse("booking:manage", kwargs={"token": token})).content.decode()
    mine = Client().get(reverse("booking:document", kwargs={"token": token, "pk": document.pk}))
    theirs = Client().get(
        reverse("booking:document", kwargs={"token": manage_token(other), "pk": document.pk})
    )

    assert reverse("booking:document", kwargs={"token": token, "pk": document.pk}) in page
    assert "領収書（適格請求書）PDF" in page
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert "no-store" in mine["Cache-Control"]
    assert hashlib.sha256(mine.content).hexdigest() == document.sha256
    assert theirs.status_code == 404


def test_receipts_are_kept_out_of_the_public_media_and_no_url_serves_them(
    experience, fake_stripe, django_capture_on_commit_callbacks, settings
):
    booking, _ = to_payment_page(Client(), experience)
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    document = Document.objects.get()

    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert Client().get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_a_receipt_whose_rendering_failed_keeps_its_number_hidden_until_the_sweep_renders_it(
    experience, fake_stripe, django_capture_on_commit_callbacks, monkeypatch
):
    real = documents.render_pdfs

    def broken(entries):
        raise OSError("storage unreachable")

    monkeypatch.setattr(documents, "render_pdfs", broken)
    booking, _ = to_payment_page(Client(), experience)
    session_id = booking.payments.get().checkout_session_id
    fake_stripe.pay(session_id)
    with django_capture_on_commit_callbacks(execute=True):  # the task fails (and would retry)
        payments.sync_checkout_session(session_id)
    reserved = Document.objects.get()
    later = reserved.issued_at + timedelta(minutes=30)

    assert reserved.number.endswith("-000001") and reserved.sha256 == ""
    assert list(documents.visible_to_guest(booking)) == []
    assert documents.payments_without_documents(timedelta(minutes=10), later) == [
        reserved.payment_id
    ]
    monkeypatch.setattr(documents, "render_pdfs", real)
    (rendered,) = documents.issue_for_payment(reserved.payment_id)
    assert (rendered.pk, rendered.number) == (reserved.pk, reserved.number)
    assert list(documents.visible_to_guest(booking)) == [rendered]
    assert documents.payments_without_documents(timedelta(minutes=10), later) == []
    assert DocumentSequence.objects.get().last == 1
