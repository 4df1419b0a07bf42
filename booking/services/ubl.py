"""Issued documents as structured data for accounting software: JP PINT, the Japanese Peppol
invoice (UBL 2.1 XML), written with the standard library alone so the site needs no XML package.

A receipt (`Document.Kind.INVOICE`) becomes an Invoice (type 380); a return invoice a CreditNote
(type 381) whose BillingReference names the receipt it gives back (its number and issue date).
Dates are Japanese days (`timezone.localtime`). The trip's reference is the BuyerReference, each
line's booking reference its Note, and the lines' days the invoice periods JP PINT asks for.

Amounts. Prices here are tax-inclusive yen, and the consumption tax is taken once per document
from its total and rounded down (`booking.money`); UBL's line and taxable amounts are
tax-exclusive. So the document's tax-exclusive amount is `total - tax`, and it is shared among
the lines in proportion to their tax-inclusive amounts by largest remainder: each line gets the
whole yen of its share, and the yen left over go one each to the lines with the largest
fractions (the earlier line on a tie). The lines then add up to exactly `total - tax`, which is
the TaxExclusiveAmount and the one TaxSubtotal's TaxableAmount (category S, 10%); the TaxAmount
is the document's `tax`, and TaxExclusiveAmount + tax = TaxInclusiveAmount = total. A line's net
price is its amount over its quantity when that is whole yen, else the line's amount for
`quantity` units (BaseQuantity), so that quantity × price is the line amount exactly.

Paid by card already: PaymentMeans 48 with the day paid (or refunded) as its PaymentDueDate,
PrepaidAmount = total and PayableAmount = 0 (an Invoice also carries the payment as
PrepaidPayment with its PaidDate; a CreditNote has no such element).

The seller's tax identifier is the T-number the document recorded when it was issued
(`document.registration_number`); the issuer `Party` gives the name and address.

A seller that is not registered (`document.registration_number` empty) issues no qualified
invoice; JP PINT has its own specification for that (`urn:peppol:pint:nontaxinvoice-1@jp-1`):
no seller tax identifier and every tax amount 0, so the lines share the whole total. The Note
says it is not a qualified invoice and states the consumption tax the price contains, as the
PDF does.

What this does not meet of JP PINT: no Peppol electronic address for the seller or the buyer
(EndpointID, rules ibr-080/081): neither has one here, and the file is for import, not for
sending over the network. And for a total that leaves 10 when divided by 11 (¥1,000, say), a tax
rounded down from the tax-inclusive total is 1 yen below the tenth of the taxable amount that
rule aligned-ibrp-051-jp asks of an Invoice (¥90 against ¥91 for ¥1,000); the document's own
tax is written, as printed on its PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.translation import pgettext

from booking.models import Document
from booking.money import CONSUMPTION_TAX_RATE_PERCENT

if TYPE_CHECKING:  # documents.py calls this module: importing it at run time would be a circle
    from .documents import DocumentItem, Party

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)

QUALIFIED_SPECIFICATION = "urn:peppol:pint:billing-1@jp-1"
NOT_QUALIFIED_SPECIFICATION = "urn:peppol:pint:nontaxinvoice-1@jp-1"
PROCESS = "urn:peppol:bis:billing"
CURRENCY = "JPY"
COUNTRY = "JP"
CARD = "48"  # UNCL 4461: bank card
UNIT = "C62"  # UN/ECE Rec. 20: one (a unit)


@dataclass(frozen=True)
class _Line:
    """One UBL line: what, when, how many, and its tax-inclusive and tax-exclusive amounts."""

    name: str
    description: str
    note: str
    day: date | None
    quantity: int
    gross: int
    net: int = 0


def document_xml(document: Document, items: list[DocumentItem], issuer: Party) -> bytes:
    """The document as JP PINT UBL 2.1 XML: an Invoice for a receipt, a CreditNote (referring to
    the original's number) for a return invoice."""
    credit = document.kind == Document.Kind.RETURN
    if credit and document.original is None:
        raise ValueError(f"Return invoice {document.number} names no original receipt.")
    qualified = document.qualified
    tax = document.tax if qualified else 0
    lines = _with_net_amounts(_lines(document, items), document.total - tax)
    root_ns = CREDIT_NOTE_NS if credit else INVOICE_NS
    # Unprefixed root: ElementTree's `default_namespace` refuses unprefixed attributes
    # (currencyID, unitCode), so the root declares its namespace as a plain attribute.
    root = ET.Element("CreditNote" if credit else "Invoice", xmlns=root_ns)

    specification = QUALIFIED_SPECIFICATION if qualified else NOT_QUALIFIED_SPECIFICATION
    _cbc(root, "CustomizationID", specification)
    _cbc(root, "ProfileID", PROCESS)
    _cbc(root, "ID", document.number)
    _cbc(root, "IssueDate", _day(document.issued_at).isoformat())
    if credit:
        _cbc(root, "CreditNoteTypeCode", "381")
    else:
        _cbc(root, "InvoiceTypeCode", "380")
    if not qualified:
        _cbc(root, "Note", _not_qualified_note(document))
    _cbc(root, "DocumentCurrencyCode", CURRENCY)
    _cbc(root, "BuyerReference", document.trip.reference)
    _period(root, [line.day for line in lines if line.day] or [_day(document.issued_at)])
    if credit:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", document.original.number)
        _cbc(reference, "IssueDate", _day(document.original.issued_at).isoformat())
    _supplier(root, issuer, document.registration_number if qualified else "")
    _customer(root, document.addressee)
    paid_on = _day(document.paid_at).isoformat()
    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", CARD, name="Bank card")
    _cbc(means, "PaymentDueDate", paid_on)
    if not credit:
        prepaid = _cac(root, "PrepaidPayment")
        _amount(prepaid, "PaidAmount", document.total)
        _cbc(prepaid, "PaidDate", paid_on)
    _tax_total(root, document.total - tax, tax)
    _monetary_total(root, document.total - tax, document.total)
    for number, line in enumerate(lines, start=1):
        _line(root, credit, number, line)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _lines(document: Document, items: list[DocumentItem]) -> list[_Line]:
    """One line per booked line of each item; one for the item's total when it has no lines or
    they do not add up to it (a part refunded)."""
    lines = []
    for item in items:
        name = item.description or document.number
        reference = getattr(item.booking, "reference", "") or ""
        booked = item.lines
        if booked and sum(line.amount for line in booked) == item.total:
            for line in booked:
                lines.append(
                    _Line(
                        name=name,
                        description=" ".join(
                            part
                            for part in (line.day.isoformat(), line.part, line.category)
                            if part
                        ),
                        note=reference,
                        day=line.day,
                        quantity=max(line.quantity, 1),
                        gross=line.amount,
                    )
                )
        else:
            lines.append(
                _Line(
                    name=name,
                    description="",
                    note=reference,
                    day=getattr(item.booking, "service_date", None),
                    quantity=1,
                    gross=item.total,
                )
            )
    if not lines or sum(line.gross for line in lines) != document.total:
        raise ValueError(
            f"The items of {document.number} add up to "
            f"{sum(line.gross for line in lines)} yen, not its total of {document.total}."
        )
    return lines


def _with_net_amounts(lines: list[_Line], net_total: int) -> list[_Line]:
    """The lines with `net_total` shared among them in proportion to their gross amounts, by
    largest remainder (whole yen, adding up exactly; ties to the earlier line)."""
    gross_total = sum(line.gross for line in lines) or 1
    shares = [divmod(line.gross * net_total, gross_total) for line in lines]
    left = net_total - sum(whole for whole, _ in shares)
    first = sorted(range(len(lines)), key=lambda index: (-shares[index][1], index))[:left]
    return [
        replace(line, net=whole + (index in first))
        for index, (line, (whole, _)) in enumerate(zip(lines, shares, strict=True))
    ]


def _period(parent: ET.Element, days: list[date]) -> None:
    period = _cac(parent, "InvoicePeriod")
    _cbc(period, "StartDate", min(days).isoformat())
    _cbc(period, "EndDate", max(days).isoformat())


def _supplier(root: ET.Element, issuer: Party, registration_number: str) -> None:
    party = _cac(_cac(root, "AccountingSupplierParty"), "Party")
    _cbc(_cac(party, "PartyName"), "Name", issuer.name)
    address = _cac(party, "PostalAddress")
    if issuer.address:
        _cbc(address, "StreetName", issuer.address)
    _cbc(_cac(address, "Country"), "IdentificationCode", COUNTRY)
    if registration_number:
        scheme = _cac(party, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", registration_number)
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    _cbc(_cac(party, "PartyLegalEntity"), "RegistrationName", issuer.name)


def _customer(root: ET.Element, addressee: str) -> None:
    party = _cac(_cac(root, "AccountingCustomerParty"), "Party")
    _cbc(_cac(party, "PartyName"), "Name", addressee)
    _cbc(_cac(_cac(party, "PostalAddress"), "Country"), "IdentificationCode", COUNTRY)
    _cbc(_cac(party, "PartyLegalEntity"), "RegistrationName", addressee)


def _tax_total(root: ET.Element, taxable: int, tax: int) -> None:
    total = _cac(root, "TaxTotal")
    _amount(total, "TaxAmount", tax)
    subtotal = _cac(total, "TaxSubtotal")
    _amount(subtotal, "TaxableAmount", taxable)
    _amount(subtotal, "TaxAmount", tax)
    _tax_category(subtotal, "TaxCategory")


def _tax_category(parent: ET.Element, tag: str) -> None:
    category = _cac(parent, tag)
    _cbc(category, "ID", "S")
    _cbc(category, "Percent", str(CONSUMPTION_TAX_RATE_PERCENT))
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")


def _monetary_total(root: ET.Element, net_total: int, total: int) -> None:
    monetary = _cac(root, "LegalMonetaryTotal")
    _amount(monetary, "LineExtensionAmount", net_total)
    _amount(monetary, "TaxExclusiveAmount", net_total)
    _amount(monetary, "TaxInclusiveAmount", total)
    _amount(monetary, "PrepaidAmount", total)
    _amount(monetary, "PayableAmount", 0)


def _line(root: ET.Element, credit: bool, number: int, line: _Line) -> None:
    element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
    _cbc(element, "ID", str(number))
    if line.note:
        _cbc(element, "Note", line.note)
    quantity = "CreditedQuantity" if credit else "InvoicedQuantity"
    _cbc(element, quantity, str(line.quantity), unitCode=UNIT)
    _amount(element, "LineExtensionAmount", line.net)
    if line.day:
        _period(element, [line.day])
    item = _cac(element, "Item")
    if line.description:
        _cbc(item, "Description", line.description)
    _cbc(item, "Name", line.name)
    _tax_category(item, "ClassifiedTaxCategory")
    price = _cac(element, "Price")
    if line.net % line.quantity == 0:
        _amount(price, "PriceAmount", line.net // line.quantity)
    else:
        _amount(price, "PriceAmount", line.net)
        _cbc(price, "BaseQuantity", str(line.quantity), unitCode=UNIT)


def _not_qualified_note(document: Document) -> str:
    with translation.override(document.language):
        return pgettext(
            "document",
            "Not a qualified invoice: the seller is not registered as a qualified invoice "
            "issuer. The total includes consumption tax of %(tax)s yen at %(rate)s%%.",
        ) % {"tax": f"{document.tax:,}", "rate": CONSUMPTION_TAX_RATE_PERCENT}


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def _cac(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC}}}{tag}")


def _cbc(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CBC}}}{tag}", attributes)
    element.text = text
    return element


def _amount(parent: ET.Element, tag: str, yen: int) -> ET.Element:
    return _cbc(parent, tag, str(yen), currencyID=CURRENCY)
