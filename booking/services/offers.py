"""What a content page shows about its offers: name, lowest price (and what it is for) and where
to book them.

The one way `workation` pages learn about booking: a page knows its offers through its
translation key, in one query (and one more for the room sizes of stays), without touching
booking tables in templates.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from wagtail.models import Page

from booking.models import Offer, PriceCategory

from .price_labels import guests_per_room, offer_price_label


@dataclass(frozen=True)
class OfferCard:
    """One offer as a content page lists it; `price_label` says what `price_from` is for."""

    pk: int
    name: str
    price_label: str
    price_from: int | None
    url: str


def offers_for_page(page: Page, language: str) -> list[OfferCard]:
    """The active offers of a page (any of its translations), cheapest first."""
    cheapest = PriceCategory.objects.filter(offer=OuterRef("pk")).order_by("price", "sort_order")
    offers = list(
        Offer.objects.filter(page__translation_key=page.translation_key, active=True)
        .annotate(
            price_from=Subquery(cheapest.values("price")[:1]),
            price_code=Subquery(cheapest.values("code")[:1]),
        )
        .order_by("price_from", "pk")
    )
    guests = guests_per_room(offers)
    return [
        OfferCard(
            pk=offer.pk,
            name=offer.display_name(language),
            price_label=offer_price_label(
                offer, language, category_code=offer.price_code or "", guests=guests.get(offer.pk)
            ),
            price_from=offer.price_from,
            url=reverse("booking:offer", kwargs={"pk": offer.pk}),
        )
        for offer in offers
    ]
