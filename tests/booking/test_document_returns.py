"""Documents after the sale: return invoices for refunds (from the operator's threshold), the
receipt of a date change's difference, the intermediary rule, and a new addressee (printed in
place before the first download, a new number after), with 再発行 on the addressee's copies."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.models import Booking, Document, Payment, Refund, Trip
from booking.services import date_changes, documents, payments
from booking.services.cancellation import cancel_by_guest
from booking.services.manage_links import manage_token
from core.models import SiteSettings
from tests.booking.test_date_changes import PAGES, offer_days, paid, two_adults  # noqa: F401
from tests.booking.test_documents import experience, text_of  # noqa: F401
from tests.booking.test_payments import pay_and_fulfil, to_payment_page

pytestmark = pytest.mark.django_db

OPERATOR_NUMBER = "T9876543210987"


@pytest.fixture
def operator():
    """The default site's settings (the operator), saved so that issuing reads them."""
    found = SiteSettings.for_default_site()
    found.seller_name = "わかやまワーケーション運営事務局"
    found.seller_address = "和歌山県和歌山市小松原通1-1"
    found.save()
    return found


def paid_booking(experience, fake_stripe, capture, adults: int = 2) -> Booking:  # noqa: F811
    booking, _ = to_payment_page(Client(), experience, adults=adults)
    pay_and_fulfil(fake_stripe, booking, capture)
    booking.refresh_from_db()
    return booking


def download(booking: Booking, document: Document):
    url = reverse("booking:document", kwargs={"token": manage_token(booking), "pk": document.pk})
    return Client().get(url)


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_refund_gets_a_return_invoice_referring_to_the_receipt(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    receipt = Document.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(booking, timezone.now())

    returned = Document.objects.get(kind=Document.Kind.RETURN)
    refund = Refund.objects.get()
    text, _reader = text_of(returned)
    assert (returned.refund, returned.original) == (refund, receipt)
    assert (returned.total, returned.tax) == (11000, 1000)
    assert returned.number == f"R{booking.offer.organisation_id:04d}-000002"
    assert returned.registration_number == receipt.registration_number
    for needed in ("適格返還請求書", receipt.number, "11,000", "1,000", "山田 太郎"):
        assert needed in text, needed
    assert documents.issue_for_refund(refund.pk) is None  # once
    assert list(documents.visible_to_guest(booking)) == [receipt, returned]


def test_a_refund_under_the_threshold_gets_no_return_invoice_and_no_sweep_asks_for_one(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    operator.return_invoice_threshold = 20000
    operator.save()
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(booking, timezone.now())

    assert Refund.objects.get().status == Refund.Status.SUCCEEDED
    assert not Document.objects.filter(kind=Document.Kind.RETURN).exists()
    later = timezone.now() + timedelta(hours=1)
    assert documents.refunds_without_documents(timedelta(minutes=10), later) == []


def test_the_sweep_finds_a_refund_whose_return_invoice_task_was_lost(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):  # the refund's tasks never run
        cancel_by_guest(booking, timezone.now())
    refund = Refund.objects.get()
    payments.send_refund(refund.pk)  # sent, but its document task is lost
    later = timezone.now() + timedelta(hours=1)

    assert documents.refunds_without_documents(timedelta(minutes=10), later) == [refund.pk]
    assert documents.refunds_without_documents(timedelta(hours=2), later) == []
    documents.issue_for_refund(refund.pk)
    assert documents.refunds_without_documents(timedelta(minutes=10), later) == []


def test_under_the_intermediary_rule_the_operator_issues_in_its_own_name_and_number(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    operator.document_issuer = SiteSettings.DocumentIssuer.PLATFORM
    operator.invoice_registration_number = OPERATOR_NUMBER
    operator.save()
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)

    document = Document.objects.get()
    text, _reader = text_of(document)
    seller = booking.offer.organisation
    assert (document.issuer, document.number) == (Document.Issuer.PLATFORM, "P-000001")
    assert document.registration_number == OPERATOR_NUMBER
    for needed in (
        OPERATOR_NUMBER,
        "わかやまワーケーション運営事務局",
        seller.name,
        seller.invoice_registration_number,
        "媒介者交付特例",
    ):
        assert needed in text, needed


def test_an_unregistered_seller_is_never_issued_for_under_the_intermediary_rule(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    operator.document_issuer = SiteSettings.DocumentIssuer.PLATFORM
    operator.invoice_registration_number = OPERATOR_NUMBER
    operator.save()
    seller = experience[0].organisation
    seller.invoice_registration_number = ""
    seller.save()
    paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)

    document = Document.objects.get()
    assert document.issuer == Document.Issuer.SELLER and not document.qualified
    assert document.number.startswith(f"R{seller.pk:04d}-")


def test_the_first_download_is_the_original_and_later_ones_say_reissued(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    document = Document.objects.get()

    first = download(booking, document)
    second = download(booking, document)

    assert first.status_code == second.status_code == 200
    assert first.content == documents.stored_pdf(document)
    assert "再発行" not in pdf_text(first.content)
    assert "再発行" in pdf_text(second.content)
    assert document.number in pdf_text(second.content)
    assert Document.objects.get().first_downloaded_at is not None


def test_a_new_addressee_before_the_first_download_is_printed_on_the_same_number(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    before = Document.objects.get()
    url = reverse("booking:document_addressee", kwargs={"token": manage_token(booking)})

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(url, {"invoice_name": "株式会社みかん 総務部"})

    after = Document.objects.get()
    text, _reader = text_of(after)
    assert response.status_code == 302
    assert (after.pk, after.number) == (before.pk, before.number)
    assert after.sha256 != before.sha256 and after.voided_at is None
    assert "株式会社みかん 総務部" in text


def test_a_new_addressee_after_a_download_voids_the_receipt_and_issues_a_new_number(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    old = Document.objects.get()
    download(booking, old)
    token = manage_token(booking)
    url = reverse("booking:document_addressee", kwargs={"token": token})

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url, {"invoice_name": "株式会社みかん"})

    old.refresh_from_db()
    new = Document.objects.get(voided_at__isnull=True)
    text, _reader = text_of(new)
    assert old.voided_at is not None and new.replaces == old
    assert new.number == f"R{booking.offer.organisation_id:04d}-000002"
    assert (new.total, new.tax, new.payment_id) == (old.total, old.tax, old.payment_id)
    assert "株式会社みかん" in text and old.number in text
    page = Client().get(reverse("booking:manage", kwargs={"token": token})).content.decode()
    assert new.number in page and old.number not in page
    assert download(booking, old).status_code == 404


def test_an_empty_addressee_is_refused_with_a_message_and_changes_nothing(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    before = Document.objects.get()
    client = Client()
    url = reverse("booking:document_addressee", kwargs={"token": manage_token(booking)})

    response = client.post(url, {"invoice_name": "  "}, follow=True)

    assert response.status_code == 200
    assert "この項目は必須です" in response.content.decode()
    assert Document.objects.get().sha256 == before.sha256


def test_a_dearer_date_change_gets_a_receipt_for_its_difference(
    paid,  # noqa: F811
    offer_days,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(page.checkout_session_id)

    difference = Document.objects.get(payment=page)
    text, _reader = text_of(difference)
    assert (difference.total, difference.tax) == (4400, 400)
    assert list(difference.bookings.all()) == [paid]
    assert "4,400" in text and dearer.date.isoformat() in text
    assert Payment.objects.get(pk=page.pk).status == Payment.Status.PAID


def test_a_refund_after_a_new_addressee_cites_the_receipt_that_replaced_the_void_one(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    download(booking, Document.objects.get())
    url = reverse("booking:document_addressee", kwargs={"token": manage_token(booking)})
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url, {"invoice_name": "株式会社みかん"})
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(Booking.objects.get(pk=booking.pk), timezone.now())

    live = Document.objects.get(kind=Document.Kind.INVOICE, voided_at__isnull=True)
    returned = Document.objects.get(kind=Document.Kind.RETURN)
    assert returned.original == live and returned.addressee == "株式会社みかん"


def test_a_new_addressee_after_a_date_change_reprints_the_sale_as_it_was_paid(
    paid,  # noqa: F811
    offer_days,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    _offer, adult, booked, _cheaper, dearer, _tight = offer_days
    receipt = Document.objects.get()
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(page.checkout_session_id)
    trip = paid.trip
    trip.invoice_name = "株式会社みかん"
    trip.save()

    changed = documents.readdress(trip)

    assert {d.pk for d in changed} == set(Document.objects.values_list("pk", flat=True))
    reprinted = Document.objects.get(pk=receipt.pk)
    text, _reader = text_of(reprinted)
    assert (reprinted.number, reprinted.total) == (receipt.number, 11000)
    assert reprinted.items == receipt.items
    assert booked.date.strftime("%-d") in text and "株式会社みかん" in text


def test_the_sweep_finds_a_trip_whose_receipts_miss_its_new_addressee(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
):
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    trip = booking.trip
    assert documents.misaddressed_trips() == []
    trip.invoice_name = "株式会社みかん"
    trip.save()  # the change's task is lost

    assert documents.misaddressed_trips() == [trip.pk]
    documents.readdress(trip)
    assert documents.misaddressed_trips() == []


def test_changing_the_addressee_again_and_again_is_refused_over_the_limit(
    experience,  # noqa: F811
    operator,
    fake_stripe,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "addressee": "2/h"}
    booking = paid_booking(experience, fake_stripe, django_capture_on_commit_callbacks)
    client = Client()
    url = reverse("booking:document_addressee", kwargs={"token": manage_token(booking)})

    answers = [client.post(url, {"invoice_name": f"株式会社{n}"}).status_code for n in range(3)]

    assert answers == [302, 302, 429]
    assert Trip.objects.get(pk=booking.trip_id).invoice_name == "株式会社1"
