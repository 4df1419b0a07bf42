"""Issued documents as JP PINT (UBL 2.1) XML for accounting software: receipts as Invoices,
return invoices as CreditNotes, valid against the OASIS schemas kept in shared/, with totals
that add up to the yen on the PDF."""

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from booking.models import Booking, Document, Trip
from booking.money import consumption_tax
from booking.services.accounts import LineSummary, booking_summaries
from booking.services.documents import DocumentItem, Party
from booking.services.jst import at
from booking.services.ubl import document_xml
from tests.booking.account_factories import make_booking
from tests.stack import need

MAINDOC = Path(settings.BASE_DIR).parent / "shared" / "standards" / "ubl-2.1" / "maindoc"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
T_NUMBER = "T9234567890123"
ADDRESS = "和歌山県西牟婁郡白浜町1-1"
SELLER = Party(name="紀州ファーム", address=ADDRESS, registration_number=T_NUMBER)
UNREGISTERED = Party(name="紀州ファーム", address=ADDRESS, registration_number="")
# 15:30 UTC on 31 January is 00:30 on 1 February in Japan.
ISSUED = datetime(2027, 1, 31, 15, 30, tzinfo=UTC)
PAID = datetime(2027, 1, 31, 15, 20, tzinfo=UTC)


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    """The UBL 2.1 Invoice and CreditNote schemas (their imports are relative: nothing is
    fetched); CI must have them, a developer without shared/ skips."""
    need((MAINDOC / "UBL-Invoice-2.1.xsd").exists(), f"the UBL 2.1 schemas are not in {MAINDOC}")
    return {
        name: etree.XMLSchema(etree.parse(str(MAINDOC / f"UBL-{name}-2.1.xsd")))
        for name in ("Invoice", "CreditNote")
    }


def valid(xml: bytes, schemas: dict[str, etree.XMLSchema]) -> etree._Element:
    """The parsed document, asserted valid against the schema of its kind."""
    root = etree.fromstring(xml)
    kind = etree.QName(root).localname
    schema = schemas[kind]
    assert schema.validate(root), schema.error_log
    return root


def text(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    return found[0].text


def yen(root: etree._Element, path: str) -> int:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    assert found[0].get("currencyID") == "JPY"
    return int(found[0].text)


def line_amounts(root: etree._Element) -> list[int]:
    return [
        int(amount.text)
        for amount in root.xpath(
            "(cac:InvoiceLine | cac:CreditNoteLine)/cbc:LineExtensionAmount", namespaces=NS
        )
    ]


def assert_totals_add_up(root: etree._Element, document: Document, tax: int) -> None:
    """Lines → tax-exclusive total, + tax → tax-inclusive total = the document's total, paid."""
    exclusive = yen(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")
    assert sum(line_amounts(root)) == yen(root, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount")
    assert sum(line_amounts(root)) == exclusive
    assert yen(root, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount") == exclusive
    assert yen(root, "cac:TaxTotal/cbc:TaxAmount") == tax
    assert yen(root, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount") == tax
    assert exclusive + tax == yen(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")
    assert yen(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount") == document.total
    assert yen(root, "cac:LegalMonetaryTotal/cbc:PrepaidAmount") == document.total
    assert yen(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == 0
    for line in root.xpath("cac:InvoiceLine | cac:CreditNoteLine", namespaces=NS):
        quantity = int(
            line.xpath("cbc:InvoicedQuantity | cbc:CreditedQuantity", namespaces=NS)[0].text
        )
        price = int(line.xpath("cac:Price/cbc:PriceAmount", namespaces=NS)[0].text)
        base = line.xpath("cac:Price/cbc:BaseQuantity", namespaces=NS)
        per = int(base[0].text) if base else 1
        net = int(line.xpath("cbc:LineExtensionAmount", namespaces=NS)[0].text)
        assert quantity * price == net * per, "quantity × price ≠ line amount"


def document(
    total: int,
    *,
    kind: str = Document.Kind.INVOICE,
    registration_number: str = T_NUMBER,
    language: str = "ja",
    original: Document | None = None,
) -> Document:
    """An issued document as `issue_for_payment` fills it in (unsaved: no PDF is rendered)."""
    return Document(
        kind=kind,
        number="R0012-000007" if kind == Document.Kind.INVOICE else "R0012-000009",
        trip=Trip(reference="TRIP-7Q2K"),
        addressee="株式会社 南紀商事",
        registration_number=registration_number,
        language=language,
        total=total,
        tax=consumption_tax(total),
        issued_at=ISSUED,
        paid_at=PAID,
        original=original,
    )


def line(amount: int, quantity: int = 1, day: date = date(2027, 2, 10)) -> LineSummary:
    return LineSummary(
        day=day,
        starts_at=at(day, time(10, 0)),
        ends_at=at(day, time(12, 0)),
        part="",
        category="大人",
        quantity=quantity,
        unit_price=amount // quantity,
        amount=amount,
    )


def item(*lines: LineSummary, total: int | None = None, name: str = "梅しごと体験") -> DocumentItem:
    booking = Booking(reference="ABCD-2345", service_date=date(2027, 2, 10))
    return DocumentItem(
        booking=booking,
        description=name,
        lines=list(lines),
        total=sum(line.amount for line in lines) if total is None else total,
    )


@pytest.mark.django_db
def test_a_receipt_is_a_valid_jp_pint_invoice_with_the_sellers_t_number(schemas):
    booking = make_booking(quantity=2, unit_price=5500)
    seller = booking.offer.organisation
    issuer = Party(seller.name, seller.address, seller.invoice_registration_number)
    receipt = document(booking.total, registration_number=seller.invoice_registration_number)
    receipt.trip = booking.trip
    summary = booking_summaries([booking], "ja", ISSUED)[0]
    items = [DocumentItem(booking, booking.offer.display_name("ja"), summary.lines, booking.total)]

    root = valid(document_xml(receipt, items, issuer), schemas)

    assert etree.QName(root).localname == "Invoice"
    assert text(root, "cbc:CustomizationID") == "urn:peppol:pint:billing-1@jp-1"
    assert text(root, "cbc:ProfileID") == "urn:peppol:bis:billing"
    assert text(root, "cbc:ID") == receipt.number
    assert text(root, "cbc:IssueDate") == "2027-02-01"  # the day in Japan
    assert text(root, "cbc:InvoiceTypeCode") == "380"
    assert text(root, "cbc:DocumentCurrencyCode") == "JPY"
    assert text(root, "cbc:BuyerReference") == booking.trip.reference
    supplier = "cac:AccountingSupplierParty/cac:Party/"
    assert text(root, supplier + "cac:PartyTaxScheme/cbc:CompanyID") == T_NUMBER
    assert text(root, supplier + "cac:PartyTaxScheme/cac:TaxScheme/cbc:ID") == "VAT"
    assert text(root, supplier + "cac:PartyLegalEntity/cbc:RegistrationName") == seller.name
    assert text(root, supplier + "cac:PostalAddress/cbc:StreetName") == seller.address
    assert text(root, supplier + "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "JP"
    customer = "cac:AccountingCustomerParty/cac:Party/"
    assert text(root, customer + "cac:PartyLegalEntity/cbc:RegistrationName") == "株式会社 南紀商事"
    assert text(root, customer + "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "JP"
    assert text(root, "cac:PaymentMeans/cbc:PaymentMeansCode") == "48"
    assert text(root, "cac:PrepaidPayment/cbc:PaidDate") == "2027-02-01"
    assert text(root, "cac:InvoiceLine/cac:Item/cbc:Name") == booking.offer.name  # 梅しごと体験…
    assert text(root, "cac:InvoiceLine/cbc:InvoicedQuantity") == "2"
    assert text(root, "cac:InvoiceLine/cbc:Note") == booking.reference
    assert text(root, "cac:InvoiceLine/cac:InvoicePeriod/cbc:StartDate") == (
        booking.service_date.isoformat()
    )
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "S"
    assert text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == "10"
    assert_totals_add_up(root, receipt, receipt.tax)
    assert (yen(root, "cac:TaxTotal/cbc:TaxAmount"), sum(line_amounts(root))) == (1000, 10000)


def test_japanese_names_survive_as_utf8(schemas):
    receipt = document(3300)
    xml = document_xml(receipt, [item(line(3300), name="熊野古道 語り部ガイド")], SELLER)

    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert "熊野古道 語り部ガイド".encode() in xml
    root = valid(xml, schemas)
    assert text(root, "cac:InvoiceLine/cac:Item/cbc:Name") == "熊野古道 語り部ガイド"
    assert text(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name") == (
        "紀州ファーム"
    )


def test_awkward_amounts_on_several_lines_still_add_up_to_the_total_and_its_tax(schemas):
    items = [
        item(line(1001), line(2333, quantity=3, day=date(2027, 2, 11))),
        item(line(7, day=date(2027, 2, 12)), name="みかん狩り"),
    ]
    receipt = document(1001 + 2333 + 7)  # 3,341 yen, of which 303 yen tax (303.7 rounded down)

    root = valid(document_xml(receipt, items, SELLER), schemas)

    assert receipt.tax == 303
    assert len(line_amounts(root)) == 3
    assert sum(line_amounts(root)) == 3341 - 303
    assert all(
        0 <= net <= gross for net, gross in zip(line_amounts(root), [1001, 2333, 7], strict=True)
    )
    assert_totals_add_up(root, receipt, 303)
    # The invoice period runs over every line's day.
    assert text(root, "cac:InvoicePeriod/cbc:StartDate") == "2027-02-10"
    assert text(root, "cac:InvoicePeriod/cbc:EndDate") == "2027-02-12"


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=500_000), st.integers(1, 12)),
        min_size=1,
        max_size=8,
    )
)
def test_any_amounts_add_up_exactly(schemas, amounts):
    lines = [line(amount, quantity) for amount, quantity in amounts]
    receipt = document(sum(amount for amount, _ in amounts))

    root = valid(document_xml(receipt, [item(*lines)], SELLER), schemas)

    assert_totals_add_up(root, receipt, receipt.tax)


def test_a_return_invoice_is_a_valid_credit_note_referring_to_its_receipt(schemas):
    receipt = document(11000)
    receipt.issued_at = datetime(2027, 1, 20, 16, 0, tzinfo=UTC)  # 21 January in Japan
    refund = document(2200, kind=Document.Kind.RETURN, original=receipt)
    refunded = item(total=2200)  # a part given back: no lines, one line for its amount

    root = valid(document_xml(refund, [refunded], SELLER), schemas)

    assert etree.QName(root).localname == "CreditNote"
    assert text(root, "cbc:CreditNoteTypeCode") == "381"
    assert text(root, "cbc:ID") == refund.number
    reference = "cac:BillingReference/cac:InvoiceDocumentReference/"
    assert text(root, reference + "cbc:ID") == receipt.number
    assert text(root, reference + "cbc:IssueDate") == "2027-01-21"
    assert text(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID") == (
        T_NUMBER
    )
    assert text(root, "cac:CreditNoteLine/cbc:CreditedQuantity") == "1"
    assert text(root, "cac:CreditNoteLine/cac:Item/cbc:Name") == "梅しごと体験"
    assert text(root, "cac:PaymentMeans/cbc:PaymentDueDate") == "2027-02-01"
    assert_totals_add_up(root, refund, 200)


def test_a_return_invoice_giving_back_whole_lines_has_a_line_for_each(schemas):
    refund = document(6600, kind=Document.Kind.RETURN, original=document(13200))

    root = valid(document_xml(refund, [item(line(5500), line(1100))], SELLER), schemas)

    assert len(root.xpath("cac:CreditNoteLine", namespaces=NS)) == 2
    assert_totals_add_up(root, refund, 600)


def test_an_unregistered_sellers_receipt_has_no_t_number_and_says_it_is_not_qualified(schemas):
    receipt = document(11000, registration_number="")

    xml = document_xml(receipt, [item(line(11000))], UNREGISTERED)
    root = valid(xml, schemas)

    assert not root.xpath("//cac:PartyTaxScheme | //cbc:CompanyID", namespaces=NS)
    assert b"T9234567890123" not in xml
    # JP PINT's specification for sellers that are not registered: no tax of their own.
    assert text(root, "cbc:CustomizationID") == "urn:peppol:pint:nontaxinvoice-1@jp-1"
    assert_totals_add_up(root, receipt, 0)
    note = text(root, "cbc:Note")
    assert "適格請求書ではありません" in note and "1,000円" in note


def test_the_note_is_in_the_documents_language(schemas):
    receipt = document(11000, registration_number="", language="en")

    root = valid(document_xml(receipt, [item(line(11000))], UNREGISTERED), schemas)

    assert text(root, "cbc:Note").startswith("Not a qualified invoice")
    assert "1,000 yen" in text(root, "cbc:Note")


def test_a_registered_sellers_receipt_carries_no_such_note(schemas):
    root = valid(document_xml(document(5500), [item(line(5500))], SELLER), schemas)

    assert not root.xpath("cbc:Note", namespaces=NS)


def test_items_that_do_not_add_up_to_the_documents_total_are_refused():
    with pytest.raises(ValueError, match="add up to 5500 yen, not its total of 6000"):
        document_xml(document(6000), [item(line(5500))], SELLER)


def test_a_return_invoice_without_its_receipt_is_refused():
    refund = document(1100, kind=Document.Kind.RETURN)

    with pytest.raises(ValueError, match="names no original"):
        document_xml(refund, [item(line(1100))], SELLER)
