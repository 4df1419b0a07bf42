"""An office page with opening hours (weekdays 9–21, weekends 10–18, unless told otherwise) and
a desk offer sold from it: the cast of the opening-hours tests."""

from tests.booking.factories import OfferFactory, PriceCategoryFactory
from tests.factories import OfficePageFactory, block


def hours_row(days: str, opens: str | None, closes: str | None, note: str = "") -> dict:
    """One opening-hours row for the weekdays in `days` (Monday = 0); no times means closed."""
    return block(
        "hours",
        {
            "weekdays": list(days),
            "opens": opens,
            "closes": closes,
            "closed": opens is None,
            "note": note,
        },
    )


WEEKDAYS_9_TO_21 = hours_row("01234", "09:00", "21:00")
WEEKENDS_10_TO_18 = hours_row("56", "10:00", "18:00")


def office_with_hours(parent, *rows: dict, **fields):
    """A live office page below `parent` with these opening-hours rows (or the usual two)."""
    return OfficePageFactory(
        parent=parent, opening_hours=list(rows or (WEEKDAYS_9_TO_21, WEEKENDS_10_TO_18)), **fields
    )


def desk_offer(page, organisation=None, **fields):
    """A desk offer (full days) on `page` with a day price."""
    extra = {"organisation": organisation} if organisation is not None else {}
    offer = OfferFactory(
        page=page, kind="desk", unit="desk_day", name="フリーデスク", **extra, **fields
    )
    PriceCategoryFactory(offer=offer, code="day", price=1650)
    return offer
