"""What a content page shows about its offers: name, lowest price and where to book them.

The one way `workation` pages learn about booking: a page knows its offers through its
translation key, in one query, without touching booking tables in templates.
"""

from dataclasses import dataclass

from django.db.models import Min
from django.urls import reverse
from wagtail.models import Page

from booking.models import Offer


@dataclass(frozen=True)
class OfferCard:
    """One offer as a content page lists it."""

    pk: int
    name: str
    unit: str
    price_from: int | None
    url: str


def offers_for_page(page: Page, language: str) -> list[OfferCard]:
    """The active offers of a page (any of its translations), cheapest first."""
    offers = (
        Offer.objects.filter(page__translation_key=page.translation_key, active=True)
        .annotate(price_from=Min("price_categories__price"))
        .order_by("price_from", "pk")
    )
    return [
        OfferCard(
            pk=offer.pk,
            name=offer.display_name(language),
            unit=str(offer.get_unit_display()),
            price_from=offer.price_from,
            url=reverse("booking:offer", kwargs={"pk": offer.pk}),
        )
        for offer in offers
    ]
