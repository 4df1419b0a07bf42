"""Turn what a guest chose (a session, nights, desk days) into the items a hold takes."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from booking.models import Offer, PriceCategory, Slot

from .holds import HoldItem, NotBookable
from .jst import days

DESK_PARTS = ("day", "am", "pm")
HALF_DAY_CATEGORY = "half"  # the desk price category a half-day takes (else only full days)


def session_items(offer: Offer, slot_id: int, quantities: dict[int, int]) -> list[HoldItem]:
    """An experience session: one item per price category with a quantity."""
    return [
        HoldItem((slot_id,), category_id, quantity)
        for category_id, quantity in quantities.items()
        if quantity > 0
    ]


def stay_items(
    offer: Offer, check_in: date, nights: int, quantities: dict[int, int]
) -> list[HoldItem]:
    """A stay: every night from check-in, each with the rooms asked for; all nights or none."""
    wanted = days(check_in, nights)
    slots = dict(Slot.objects.filter(offer=offer, date__in=wanted).values_list("date", "pk"))
    missing = [day for day in wanted if day not in slots]
    if missing:
        raise NotBookable(
            _("No room is offered on the night of %(date)s.") % {"date": missing[0].isoformat()}
        )
    return [
        HoldItem((slots[day],), category_id, quantity)
        for day in wanted
        for category_id, quantity in quantities.items()
        if quantity > 0
    ]


def desk_items(
    offer: Offer, first_day: date, day_count: int, part: str, desks: int
) -> list[HoldItem]:
    """Desks for one or more days: a full day takes both halves (the price is shared), a
    half-day takes one; the category is the offer's `day` or `half` price."""
    if part not in DESK_PARTS:
        raise NotBookable(_("Choose a full day, a morning or an afternoon."))
    category = _desk_category(offer, "day" if part == "day" else HALF_DAY_CATEGORY)
    wanted = days(first_day, day_count)
    by_day: dict[date, dict[str, int]] = {}
    for slot_date, slot_part, pk in Slot.objects.filter(offer=offer, date__in=wanted).values_list(
        "date", "part", "pk"
    ):
        by_day.setdefault(slot_date, {})[slot_part] = pk
    items = []
    for day in wanted:
        halves = by_day.get(day, {})
        needed = ("am", "pm") if part == "day" else (part,)
        if any(half not in halves for half in needed):
            raise NotBookable(_("Desks are not offered on %(date)s.") % {"date": day.isoformat()})
        items.append(HoldItem(tuple(halves[half] for half in needed), category.pk, desks))
    return items


def _desk_category(offer: Offer, code: str) -> PriceCategory:
    category = offer.price_categories.filter(code=code).first()
    if category is None:
        if code == HALF_DAY_CATEGORY:
            raise NotBookable(_("This desk is only offered by the full day."))
        category = offer.price_categories.first()
    if category is None:
        raise NotBookable(_("This offer has no price yet."))
    return category


def stay_check_out(check_in: date, nights: int) -> date:
    return check_in + timedelta(days=nights)
