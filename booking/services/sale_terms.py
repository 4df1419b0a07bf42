"""What a buyer is told about a sale: who sells, how and when they pay, how cancelling works.

The final confirmation screen before payment and the 特定商取引法に基づく表記 page both read it
here (and the Checkout Session offers `stripe_api.PAYMENT_METHOD_TYPES`), so the page can never
name another seller, another cancellation scale or a payment method checkout does not offer.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from booking.models import Offer, PartnerOrganisation

from .cancellation import cancellation_terms
from .stripe_api import PAYMENT_METHOD_TYPES


@dataclass(frozen=True)
class Seller:
    """The business that sells an offer (a partner, in its own name) and how to reach it."""

    pk: int
    name: str
    address: str
    phone: str
    email: str
    contact_name: str
    registration_number: str


@dataclass(frozen=True)
class SaleTerms:
    """The terms of one offer's sale, as the final screen states them."""

    offer_name: str
    seller: Seller
    payment_methods: str
    payment_timing: str
    cancellation: str
    is_request: bool = False


@dataclass
class SellerOffers:
    """A seller and the terms of each of its offers on sale, for the disclosure page."""

    seller: Seller
    offers: list[SaleTerms] = field(default_factory=list)


def seller(organisation: PartnerOrganisation, language: str) -> Seller:
    """The partner as a seller, its name and address in `language` (romanised where it gave
    none in English)."""
    return Seller(
        pk=organisation.pk,
        name=organisation.display_name(language),
        address=organisation.display_address(language),
        phone=organisation.phone,
        email=organisation.email,
        contact_name=organisation.contact_name,
        registration_number=organisation.invoice_registration_number,
    )


def payment_methods(language: str) -> str:
    """The payment methods really offered at checkout, in words."""
    with translation.override(language):
        names = {"card": _("Credit or debit card")}
        return ", ".join(names[kind] for kind in PAYMENT_METHOD_TYPES)


def payment_timing(offer: Offer, language: str) -> str:
    """When the buyer pays and when the booking is made: at once, or for a request to book
    when the host accepts."""
    with translation.override(language):
        if not offer.instant_booking:
            return _(
                "Request to book: right after the final confirmation screen your card is "
                "authorised for the amount, not charged. It is charged when the host accepts, "
                "within %(hours)d hours; if the host declines or does not answer in time, the "
                "authorisation is released and nothing is charged."
            ) % {"hours": settings.BOOKING_REQUEST_RESPONSE_HOURS}
        return _(
            "By card, right after the final confirmation screen. The booking is confirmed "
            "when the payment succeeds."
        )


def sale_terms(offer: Offer, language: str) -> SaleTerms:
    """The terms of selling `offer` (its organisation should be joined already)."""
    return SaleTerms(
        offer_name=offer.display_name(language),
        seller=seller(offer.organisation, language),
        payment_methods=payment_methods(language),
        payment_timing=payment_timing(offer, language),
        cancellation=cancellation_terms(offer, language),
        is_request=not offer.instant_booking,
    )


def sellers_on_sale(language: str) -> list[SellerOffers]:
    """Every seller with an offer on sale on a live page, with each offer's terms (one query)."""
    offers = (
        Offer.objects.filter(active=True, page__live=True)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id", "pk")
    )
    grouped: dict[int, SellerOffers] = {}
    for offer in offers:
        terms = sale_terms(offer, language)
        grouped.setdefault(offer.organisation_id, SellerOffers(terms.seller)).offers.append(terms)
    return list(grouped.values())


def travel_agency_registration() -> str:
    """The operator's travel agency registration under 旅行業法, or "" (docs/trips.md)."""
    return settings.TRAVEL_AGENCY_REGISTRATION.strip()


def bundles_allowed() -> bool:
    """Whether items may be sold together as a bundle (a package or a bundle discount): only
    by a registered travel agency; otherwise each item keeps its seller's own price."""
    return bool(travel_agency_registration())
