"""The receipt a guest gets for a paid booking, laid out as a (simplified) qualified invoice:
the same facts in the confirmation e-mail and on the booking's page."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from booking.models import Booking

from .accounts import LineSummary


@dataclass(frozen=True)
class Receipt:
    """The receipt in the confirmation, laid out as a (simplified) qualified invoice:
    the seller and its registration number, the date of issue, what was sold, the
    tax-inclusive total and the 10% consumption tax contained in it."""

    seller_name: str
    seller_address: str
    registration_number: str
    issued_at: datetime
    addressee: str
    description: str
    lines: list[LineSummary]
    total: int
    tax: int

    @property
    def qualified(self) -> bool:
        """Only a registered business issues a qualified invoice (適格請求書)."""
        return bool(self.registration_number)


def seller_name(booking: Booking, language: str) -> str:
    """The partner organisation's name as registered (what a qualified invoice must name), with
    its name for the reader beside it when that differs (English, or romanised)."""
    organisation = booking.offer.organisation
    shown = organisation.display_name(language)
    return organisation.name if shown == organisation.name else f"{organisation.name} ({shown})"


def receipt_for(booking: Booking, language: str, lines: list[LineSummary]) -> Receipt:
    """The confirmation's receipt, dated when the booking was confirmed, made out to the
    company named for the trip's receipts if there is one, else to the guest."""
    organisation = booking.offer.organisation
    return Receipt(
        seller_name=seller_name(booking, language),
        seller_address=organisation.display_address(language),
        registration_number=organisation.invoice_registration_number,
        issued_at=booking.confirmed_at or timezone.now(),
        addressee=booking.trip.invoice_name or booking.guest_name,
        description=booking.offer.display_name(language),
        lines=lines,
        total=booking.total,
        tax=booking.tax,
    )
