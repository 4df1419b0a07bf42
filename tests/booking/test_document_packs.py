"""A trip's documents in one ZIP with an index, from any of its items' manage pages."""

import csv
import hashlib
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from booking.models import Document
from booking.services import payments
from booking.services.manage_links import manage_token
from tests.booking.test_trip_payments import to_payment_page, week  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_trip(week, fake_stripe, django_capture_on_commit_callbacks):  # noqa: F811
    trip, bookings, payment = to_payment_page(week)
    fake_stripe.pay(payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)
    return trip, bookings


def pack_of(booking) -> zipfile.ZipFile:
    url = reverse("booking:booking_trip_pack", kwargs={"token": manage_token(booking)})
    response = Client().get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_pack_holds_every_receipt_with_its_xml_and_an_index_that_adds_up(paid_trip):
    trip, bookings = paid_trip
    issued = list(Document.objects.filter(trip=trip).order_by("issued_at", "pk"))

    pack = pack_of(bookings[1])
    rows = list(csv.reader(io.StringIO(pack.read("index.csv").decode("utf-8-sig"))))

    assert len(issued) == 3
    assert rows[0][0] == "番号"
    assert [row[0] for row in rows[1:]] == [d.number for d in issued]
    assert sum(int(row[9]) for row in rows[1:]) == sum(b.total for b in bookings)
    assert sum(int(row[10]) for row in rows[1:]) == sum(d.tax for d in issued)
    for document in issued:
        pdf = pack.read(f"pdf/{document.number}.pdf")
        assert hashlib.sha256(pdf).hexdigest() == document.sha256  # the originals, first time
        assert pack.read(f"xml/{document.number}.xml").startswith(b"<?xml")
    assert Document.objects.filter(trip=trip, first_downloaded_at__isnull=True).count() == 0


def test_a_second_pack_holds_copies_marked_reissued(paid_trip):
    _trip, bookings = paid_trip
    pack_of(bookings[0])

    again = pack_of(bookings[0])
    name = next(n for n in again.namelist() if n.startswith("pdf/"))
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(again.read(name))).pages)
    assert "再発行" in text


def test_the_trip_page_pack_is_not_for_a_stranger(paid_trip):
    trip, _bookings = paid_trip
    url = reverse("booking:trip_pack", kwargs={"reference": trip.reference})

    assert Client().get(url).status_code == 404
