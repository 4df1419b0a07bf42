"""The back office's Documents screen: editors see every organisation's receipts, a partner only
those it sold, in the list, the search and filters (date, amount, counterparty: 電子帳簿保存法),
a document's page, its downloads (the stored bytes, hash checked) and the accountant's ZIP."""

import csv
import hashlib
import io
import logging
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from booking.models import Document, Offer, Trip
from booking.services.documents import issue_for_payment
from booking.services.jst import today
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import make_world
from tests.booking.payment_factories import PaymentFactory

pytestmark = pytest.mark.django_db

INDEX = "issued_documents:index"
EXPORT = "issued_documents:export"


def url(name: str, *args) -> str:
    """A URL of the Documents screen."""
    return reverse(f"issued_documents:{name}", args=args)


# 23:30 UTC on 1 March is 08:30 on 2 March in Japan: the document's day is the 2nd.
LATE_EVENING_UTC = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
MID_MARCH = datetime(2025, 3, 15, 3, 0, tzinfo=UTC)
APRIL = datetime(2025, 4, 10, 3, 0, tzinfo=UTC)


def issue(offer: Offer, addressee: str, adults: int, moment: datetime) -> Document:
    """A confirmed booking of `adults` (5,500 yen each) paid, and its receipt issued then."""
    booking = make_booking(offer, quantity=adults)
    Trip.objects.filter(pk=booking.trip_id).update(invoice_name=addressee)
    payment = PaymentFactory(booking=booking)
    (document,) = issue_for_payment(payment.pk, now=moment)
    return document


@pytest.fixture
def world(home, django_user_model):
    """Partner A (two receipts), partner B (one), an editor and an admin user of neither."""
    world = make_world(home, django_user_model)
    world.docs = {
        "a_march": issue(world.offer_a, "株式会社テスト", 1, LATE_EVENING_UTC),
        "a_april": issue(world.offer_a, "有限会社うめ商事", 4, APRIL),
        "b_march": issue(world.offer_b, "漁協サービス株式会社", 2, MID_MARCH),
    }
    return world


def as_user(client, world, role: str):
    client.force_login(world.users[role])
    return client


def numbers_in(html: str) -> set[str]:
    return {
        number for number in Document.objects.values_list("number", flat=True) if number in html
    }


def listed(client, **query) -> set[str]:
    response = client.get(reverse(INDEX), query)
    assert response.status_code == 200
    return numbers_in(response.content.decode())


def numbers(world, *keys: str) -> set[str]:
    return {world.docs[key].number for key in keys}


def stored_bytes(document: Document) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def stored_xml(document: Document) -> bytes:
    with document.xml.open("rb") as stored:
        return stored.read()


def files_of(*documents: Document) -> list[str]:
    """The names a ZIP gives the documents' PDFs and XML (where there is some)."""
    names = [f"pdf/{d.number}.pdf" for d in documents]
    return names + [f"xml/{d.number}.xml" for d in documents if d.xml]


def tamper(document: Document) -> None:
    Path(document.file.path).write_bytes(b"%PDF-1.7 changed after issue")


# --- who sees what ------------------------------------------------------------------------------


def test_an_editor_lists_every_organisations_documents_with_their_figures(client, world):
    client = as_user(client, world, "editor")
    html = client.get(reverse(INDEX)).content.decode()
    assert numbers_in(html) == numbers(world, "a_march", "a_april", "b_march")
    for text in ("株式会社テスト", "A農園", "B漁船", "22,000", "2,000", "領収書（適格請求書）"):
        assert text in html, text


def test_each_row_links_the_document_and_its_pdf(client, world):
    html = as_user(client, world, "b").get(reverse(INDEX)).content.decode()
    document = world.docs["b_march"]
    assert f'href="{url("inspect", document.pk)}"' in html
    assert f'href="{url("download", document.pk)}"' in html


def test_a_partner_lists_only_the_documents_it_sold(client, world):
    assert listed(as_user(client, world, "a")) == numbers(world, "a_march", "a_april")
    assert listed(as_user(client, world, "b")) == numbers(world, "b_march")


def test_someone_of_no_organisation_is_refused_and_anonymous_sent_to_log_in(client, world):
    document = world.docs["a_march"]
    urls = [
        reverse(INDEX),
        url("inspect", document.pk),
        url("download", document.pk),
        reverse(EXPORT),
        f"{reverse(EXPORT)}?date_from=2025-01-01&date_to=2025-12-31",
    ]
    client = as_user(client, world, "stranger")
    for address in urls:
        response = client.get(address)
        assert response.status_code in (302, 403, 404), address
        assert response.get("Content-Type", "").startswith("text/html"), address
        assert document.number not in response.content.decode()
    client.logout()
    for address in urls:
        response = client.get(address)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], address


def test_a_partner_guessing_another_organisations_document_gets_404(client, world):
    theirs = world.docs["a_march"]
    client = as_user(client, world, "b")
    for name in ("inspect", "download", "download_xml"):
        response = client.get(url(name, theirs.pk))
        assert response.status_code == 404, name
        assert theirs.number not in response.content.decode()
        assert "株式会社テスト" not in response.content.decode()


def test_nobody_adds_edits_or_deletes_a_document_here(client, world):
    document = world.docs["a_march"]
    for name, args in (("add", []), ("edit", [document.pk]), ("delete", [document.pk])):
        with pytest.raises(NoReverseMatch):
            reverse(f"issued_documents:{name}", args=args)
    client = as_user(client, world, "editor")
    index = reverse(INDEX)
    for guess in (f"{index}new/", f"{index}edit/{document.pk}/", f"{index}delete/{document.pk}/"):
        assert client.get(guess).status_code == 404, guess
        assert client.post(guess, {"addressee": "x"}).status_code == 404, guess
    assert Document.objects.get(pk=document.pk).addressee == "株式会社テスト"


# --- search and filters -------------------------------------------------------------------------


def test_search_finds_documents_by_counterparty_seller_and_number(client, world):
    client = as_user(client, world, "editor")
    assert listed(client, q="うめ商事") == numbers(world, "a_april")
    assert listed(client, q="B漁船") == numbers(world, "b_march")
    wanted = world.docs["a_march"]
    assert listed(client, q=wanted.number) == {wanted.number}
    assert listed(client, q=wanted.trip.reference) == {wanted.number}


def test_a_partners_search_stays_within_its_own_documents(client, world):
    client = as_user(client, world, "b")
    assert listed(client, q="株式会社テスト") == set()
    assert listed(client, q="A農園") == set()


def test_filters_by_amount_range(client, world):
    client = as_user(client, world, "editor")
    assert listed(client, total_min=10000) == numbers(world, "a_april", "b_march")
    assert listed(client, total_max=11000) == numbers(world, "a_march", "b_march")
    assert listed(client, total_min=6000, total_max=20000) == numbers(world, "b_march")


def test_the_date_range_is_of_japanese_days(client, world):
    client = as_user(client, world, "editor")
    assert listed(client, issued_from="2025-03-02", issued_to="2025-03-02") == numbers(
        world, "a_march"
    )
    assert listed(client, issued_from="2025-03-01", issued_to="2025-03-01") == set()
    assert listed(client, issued_from="2025-03-03") == numbers(world, "b_march", "a_april")
    assert listed(client, issued_to="2025-03-31") == numbers(world, "a_march", "b_march")


def test_date_amount_and_counterparty_combine(client, world):
    client = as_user(client, world, "editor")
    march = {"issued_from": "2025-03-01", "issued_to": "2025-03-31"}
    assert listed(client, **march, total_min=10000) == numbers(world, "b_march")
    assert listed(client, **march, q="株式会社") == numbers(world, "a_march", "b_march")
    assert listed(client, **march, q="株式会社", total_max=6000) == numbers(world, "a_march")


def test_the_list_shows_each_documents_day_in_japan(client, world):
    html = as_user(client, world, "editor").get(reverse(INDEX)).content.decode()
    assert "2025年3月2日" in html
    assert "2025年3月1日" not in html


def test_the_seller_filter_offers_only_the_partners_own_organisations(client, world):
    client = as_user(client, world, "b")
    html = client.get(reverse(INDEX)).content.decode()
    assert f'value="{world.org_b.pk}"' in html and f'value="{world.org_a.pk}"' not in html
    assert listed(client, organisation=world.org_a.pk) == numbers(world, "b_march")
    editor = as_user(client, world, "editor")
    assert listed(editor, organisation=world.org_a.pk) == numbers(world, "a_march", "a_april")


def test_filters_by_kind_and_status(client, world):
    document = world.docs["a_april"]
    Document.objects.filter(pk=document.pk).update(voided_at=timezone.now())
    client = as_user(client, world, "editor")
    assert listed(client, status="void") == {document.number}
    assert listed(client, status="valid") == numbers(world, "a_march", "b_march")
    assert listed(client, kind="return") == set()
    assert listed(client, kind="invoice") == numbers(world, "a_march", "a_april", "b_march")


def test_the_list_costs_the_same_queries_for_3_or_30_documents(
    client, home, django_user_model, django_assert_max_num_queries
):
    world = make_world(home, django_user_model)
    client = as_user(client, world, "editor")

    def add(count: int) -> None:
        for index in range(count):  # both sellers, so each row needs its own organisation
            add_document(world.offer_a if index % 2 else world.offer_b)

    add(3)
    client.get(reverse(INDEX))
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse(INDEX))
    assert len(numbers_in(response.content.decode())) == 3
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(reverse(INDEX))
    assert len(numbers_in(response.content.decode())) == 20  # a page
    assert len(many.captured_queries) == len(few.captured_queries)


def add_document(offer: Offer) -> Document:
    """A document row made directly with a small stand-in PDF and its true SHA-256 (no
    rendering: for tests that need many)."""
    booking = make_booking(offer)
    payment = PaymentFactory(booking=booking)
    pdf = f"%PDF-1.7 stand-in for payment {payment.pk}".encode()
    sequence = Document.objects.count() + 1
    document = Document(
        kind=Document.Kind.INVOICE,
        organisation=offer.organisation,
        number=f"T{offer.organisation_id:04d}-{sequence:06d}",
        payment=payment,
        trip=booking.trip,
        addressee="株式会社サンプル",
        registration_number=offer.organisation.invoice_registration_number,
        seller_registration_number=offer.organisation.invoice_registration_number,
        total=booking.total,
        tax=booking.total // 11,
        issued_at=timezone.now(),
        paid_at=timezone.now(),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    document.file.save(f"{document.number}.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


# --- one document -------------------------------------------------------------------------------


def test_the_document_page_shows_its_hash_links_and_download(client, world):
    original = world.docs["a_march"]
    client = as_user(client, world, "a")
    html = client.get(url("inspect", original.pk)).content.decode()
    download = url("download", original.pk)
    for text in (original.number, original.sha256, "株式会社テスト", download, "T9234567890123"):
        assert text in html, text
    assert "2025年3月2日" in html  # issued, in Japan time


def test_a_return_and_a_reissue_point_at_the_documents_they_concern(client, world):
    original, voided = world.docs["a_march"], world.docs["a_april"]
    Document.objects.filter(pk=voided.pk).update(voided_at=timezone.now())
    returned = add_document(world.offer_a)
    Document.objects.filter(pk=returned.pk).update(kind=Document.Kind.RETURN, original=original)
    reissued = add_document(world.offer_a)
    Document.objects.filter(pk=reissued.pk).update(replaces=voided)
    client = as_user(client, world, "editor")

    def page(document: Document) -> str:
        return client.get(url("inspect", document.pk)).content.decode()

    assert f'href="{url("inspect", original.pk)}">{original.number}' in page(returned)
    assert f'href="{url("inspect", voided.pk)}">{voided.number}' in page(reissued)
    voided_page = page(voided)
    assert f'href="{url("inspect", reissued.pk)}">{reissued.number}' in voided_page
    assert "無効" in voided_page


def test_downloading_serves_the_stored_bytes_never_cached(client, world):
    document = world.docs["a_april"]
    response = as_user(client, world, "a").get(url("download", document.pk))
    assert response.status_code == 200
    assert response.content == stored_bytes(document)
    assert hashlib.sha256(response.content).hexdigest() == document.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.number}.pdf"'
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_a_changed_file_is_refused_with_a_message_not_served_nor_a_500(client, world, caplog):
    document = world.docs["a_march"]
    tamper(document)
    client = as_user(client, world, "editor")
    with caplog.at_level(logging.ERROR, logger="booking.backoffice.documents"):
        response = client.get(url("download", document.pk))
    assert response.status_code == 302 and response["Location"] == reverse(INDEX)
    assert any(document.number in record.getMessage() for record in caplog.records)
    page = client.get(response["Location"]).content.decode()
    assert document.number in page and "SHA-256" in page


def test_a_missing_file_is_refused_with_a_message_not_a_500(client, world):
    document = world.docs["a_march"]
    Path(document.file.path).unlink()
    response = as_user(client, world, "editor").get(url("download", document.pk))
    assert response.status_code == 302 and response["Location"] == reverse(INDEX)


def test_the_xml_is_served_when_there_is_one(client, world):
    document = world.docs["b_march"]
    client = as_user(client, world, "b")
    download = url("download_xml", document.pk)
    Document.objects.filter(pk=document.pk).update(xml="")
    assert client.get(download).status_code == 404
    xml = b'<?xml version="1.0"?><Invoice>R</Invoice>'
    document.xml.save(f"{document.number}-test.xml", ContentFile(xml))
    response = client.get(download)
    assert response.status_code == 200 and response.content == xml
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f'attachment; filename="{document.number}.xml"'
    assert "no-store" in response["Cache-Control"]
    assert download in client.get(url("inspect", document.pk)).content.decode()


# --- the export for the accountant --------------------------------------------------------------


def export(client, start: str, end: str):
    return client.get(reverse(EXPORT), {"date_from": start, "date_to": end})


def unzip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def csv_rows(archive: zipfile.ZipFile) -> list[list[str]]:
    data = archive.read("documents.csv")
    assert data.startswith("\ufeff".encode())  # so that Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_list_links_the_export(client, world):
    html = as_user(client, world, "a").get(reverse(INDEX)).content.decode()
    assert f'href="{reverse(EXPORT)}"' in html


def test_the_export_form_offers_last_month(client, world):
    response = as_user(client, world, "a").get(reverse(EXPORT))
    assert response.status_code == 200
    html = response.content.decode()
    end = today().replace(day=1) - timedelta(days=1)
    assert f'name="date_from" value="{end.replace(day=1).isoformat()}"' in html
    assert f'name="date_to" value="{end.isoformat()}"' in html


def test_the_export_holds_the_periods_documents_their_pdfs_and_an_index(client, world):
    response = export(as_user(client, world, "editor"), "2025-03-02", "2025-04-10")
    assert response["Content-Disposition"] == (
        'attachment; filename="documents-2025-03-02-2025-04-10.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    archive = unzip(response)
    docs = [world.docs[key] for key in ("a_march", "b_march", "a_april")]  # in order of issue
    assert sorted(archive.namelist()) == sorted(["documents.csv", *files_of(*docs)])
    for document in docs:
        assert archive.read(f"pdf/{document.number}.pdf") == stored_bytes(document)
        if document.xml:
            assert archive.read(f"xml/{document.number}.xml") == stored_xml(document)
    heading, *rows = csv_rows(archive)
    assert heading == [
        "番号",
        "種類",
        "発行名義",
        "発行者の登録番号",
        "販売事業者",
        "販売事業者の登録番号",
        "宛名",
        "発行日",
        "支払日",
        "合計（円・税込）",
        "消費税（円）",
        "状態",
        "元の書類の番号",
        "差し替え先の番号",
        "旅程の番号",
        "ファイル名",
        "SHA-256",
    ]
    assert [row[0] for row in rows] == [d.number for d in docs]
    first = dict(zip(heading, rows[0], strict=True))
    march = world.docs["a_march"]
    assert first == {
        "番号": march.number,
        "種類": "領収書（適格請求書）",
        "発行名義": str(Document.Issuer(march.issuer).label),
        "発行者の登録番号": "T9234567890123",
        "販売事業者": "A農園",
        "販売事業者の登録番号": "T9234567890123",
        "宛名": "株式会社テスト",
        "発行日": "2025-03-02",
        "支払日": first["支払日"],
        "合計（円・税込）": "5500",
        "消費税（円）": "500",
        "状態": "有効",
        "元の書類の番号": "",
        "差し替え先の番号": "",
        "旅程の番号": march.trip.reference,
        "ファイル名": f"pdf/{march.number}.pdf",
        "SHA-256": march.sha256,
    }
    date.fromisoformat(first["支払日"])


def test_the_export_leaves_out_other_days(client, world):
    archive = unzip(export(as_user(client, world, "editor"), "2025-03-01", "2025-03-01"))
    assert archive.namelist() == ["documents.csv"]
    assert len(csv_rows(archive)) == 1  # the headings alone


def test_a_partners_export_holds_only_what_it_sold(client, world):
    archive = unzip(export(as_user(client, world, "b"), "2025-01-01", "2025-12-31"))
    only = world.docs["b_march"]
    assert sorted(archive.namelist()) == sorted(["documents.csv", *files_of(only)])
    assert [row[0] for row in csv_rows(archive)[1:]] == [only.number]


def test_the_export_carries_the_xml_and_the_links_between_documents(client, world):
    voided, original = world.docs["a_april"], world.docs["a_march"]
    original.xml.save(f"{original.number}-test.xml", ContentFile(b"<Invoice/>"))
    Document.objects.filter(pk=voided.pk).update(voided_at=timezone.now())
    reissued = add_document(world.offer_a)
    Document.objects.filter(pk=reissued.pk).update(replaces=voided, issued_at=APRIL)
    archive = unzip(export(as_user(client, world, "a"), "2025-03-01", "2025-04-30"))
    assert archive.read(f"xml/{original.number}.xml") == b"<Invoice/>"
    rows = {row[0]: row for row in csv_rows(archive)[1:]}
    assert set(rows) == {original.number, voided.number, reissued.number}
    assert rows[voided.number][11] == "無効" and rows[voided.number][13] == reissued.number
    assert rows[reissued.number][11] == "有効"


def test_a_changed_file_is_left_out_of_the_export_and_named_in_problems_txt(client, world, caplog):
    changed = world.docs["a_march"]
    tamper(changed)
    with caplog.at_level(logging.ERROR, logger="booking.backoffice.documents"):
        archive = unzip(export(as_user(client, world, "a"), "2025-03-01", "2025-04-30"))
    kept = world.docs["a_april"]
    assert sorted(archive.namelist()) == sorted(["documents.csv", "problems.txt", *files_of(kept)])
    assert [row[0] for row in csv_rows(archive)[1:]] == [kept.number]
    problems = archive.read("problems.txt").decode()
    assert changed.number in problems and "SHA-256" in problems
    assert any(changed.number in record.getMessage() for record in caplog.records)


def test_the_export_headings_follow_the_readers_language(client, world):
    profile = UserProfile.get_for_user(world.users["editor"])
    profile.preferred_language = "en"
    profile.save()
    archive = unzip(export(as_user(client, world, "editor"), "2025-03-01", "2025-03-31"))
    heading, *rows = csv_rows(archive)
    assert heading[:3] == ["Number", "Kind", "Issued in the name of"]
    assert rows[0][1] == "Receipt (qualified invoice)" and rows[0][11] == "valid"


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        ("", "2025-03-31", "この項目は必須です"),
        ("2025-03-01", "", "この項目は必須です"),
        ("2025-03-31", "2025-03-01", "終了日が開始日より前になっています。"),
        ("2025-01-01", "2026-02-05", "一度に書き出せるのは400日までです"),
        ("2025-03-xx", "2025-03-31", "日付を正しく入力してください。"),
    ],
)
def test_the_export_period_is_checked_with_clear_errors(client, world, start, end, error):
    response = export(as_user(client, world, "editor"), start, end)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert world.docs["a_march"].number not in html


def test_an_export_of_400_days_is_allowed(client, world):
    start = date(2025, 1, 1)
    end = start + timedelta(days=399)
    archive = unzip(export(as_user(client, world, "editor"), start.isoformat(), end.isoformat()))
    assert len(csv_rows(archive)) == 4
