"""Price labels: what a price is charged per, in words, from how the booking really charges it.

A price category's amount is charged for each unit booked (booking.services.holds): for a stay,
per room (or per bed, in a shared room) for every night; for an experience, per person for the
session; for a desk, per desk for a full day (its `day` category, or its first one, shared by
the morning and the afternoon) or for a half-day (its `half` category), as
booking.services.selection.desk_items picks them, whatever unit the offer names. Cards, place
pages, the offer page and search all label their prices here, so they say the same thing.
"""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import ngettext

from booking.content import content
from booking.models import Offer

from .selection import HALF_DAY_CATEGORY


def charged_unit(offer: Offer, category_code: str = "") -> str:
    """The unit a price category of the offer is charged by (an `Offer.Unit` value): the kind
    of offer decides how it is booked, and for desks the category decides day or half-day."""
    if offer.kind == Offer.Kind.DESK:
        if category_code == HALF_DAY_CATEGORY:
            return Offer.Unit.DESK_HALF_DAY
        return Offer.Unit.DESK_DAY
    if offer.kind == Offer.Kind.STAY:
        return Offer.Unit.BED_NIGHT if offer.unit == Offer.Unit.BED_NIGHT else Offer.Unit.ROOM_NIGHT
    return Offer.Unit.PERSON_SESSION


def price_label(unit: str, language: str | None = None, *, guests: int | None = None) -> str:
    """A price charged by `unit` in words ("per room per night, for up to 2 guests", "per desk
    per half-day"), in `language` (the active one when None); `guests` is what one room sleeps."""
    with translation.override(language or translation.get_language()):
        if unit == Offer.Unit.ROOM_NIGHT and guests:
            return ngettext(
                "per room per night, for %(count)d guest",
                "per room per night, for up to %(count)d guests",
                guests,
            ) % {"count": guests}
        if unit not in Offer.Unit.values:
            return ""
        return str(Offer.Unit(unit).label)


def offer_price_label(
    offer: Offer, language: str | None = None, *, category_code: str = "", guests: int | None = None
) -> str:
    """The label of one of the offer's prices (the category with `category_code`)."""
    return price_label(charged_unit(offer, category_code), language, guests=guests)


def guests_per_room(offers: Iterable[Offer]) -> dict[int, int]:
    """How many guests one room sleeps, by offer id, for the offers sold by the room; the content
    layer knows it from the room types on the stay's page (one query, none without such offers)."""
    rooms = [offer for offer in offers if charged_unit(offer) == Offer.Unit.ROOM_NIGHT]
    return content().guests_per_room(rooms) if rooms else {}
