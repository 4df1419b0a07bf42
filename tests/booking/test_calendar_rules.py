"""The calendar offers exactly the days a hold then takes: one rule (`rules.refusal`) for both,
and the search's SQL version of it gives the same answer slot by slot."""

from datetime import date, datetime, time, timedelta

import pytest

from booking.models import Booking, Offer
from booking.services import calendar, rules
from booking.services.availability import open_slots
from booking.services.holds import HoldError, HoldItem, create_hold
from booking.services.jst import at
from booking.services.selection import desk_items, stay_items
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot

pytestmark = pytest.mark.django_db

DAY0 = date(2027, 3, 1)  # a Monday; every scenario's "now" is on this Japanese day
DAYS = [DAY0 + timedelta(days=offset) for offset in range(8)]


def _experience() -> tuple[Offer, datetime]:
    """Two sessions a day; 30 hours' lead time; day 3 closed; day 4 too small for the minimum of
    2; day 5's morning closed."""
    offer = OfferFactory(lead_time_hours=30, same_day_cutoff=time(9, 0), min_per_booking=2)
    PriceCategoryFactory(offer=offer, code="adult")
    for day in DAYS:
        offset = (day - DAY0).days
        for start in (time(10, 0), time(15, 0)):
            make_slot(
                offer,
                day,
                capacity=1 if offset == 4 else 6,
                starts=start,
                ends=time(start.hour + 2, 0),
                closed=offset == 3 or (offset == 5 and start.hour == 10),
            )
    return offer, at(DAY0, time(8, 30))


def _desk_days() -> tuple[Offer, datetime]:
    """Desks sold by the full day: both halves needed; day 2's afternoon closed, day 6 has no
    afternoon at all; same-day bookings close at 08:00 and it is 08:15."""
    offer = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY, same_day_cutoff=time(8, 0))
    PriceCategoryFactory(offer=offer, code="day", price=2000)
    for day in DAYS:
        offset = (day - DAY0).days
        make_slot(offer, day, capacity=3, starts=time(9, 0), ends=time(13, 0), part="am")
        if offset != 6:
            make_slot(
                offer,
                day,
                capacity=3,
                starts=time(13, 0),
                ends=time(18, 0),
                part="pm",
                closed=offset == 2,
            )
    return offer, at(DAY0, time(8, 15))


def _stay() -> tuple[Offer, datetime]:
    """Nights from 15:00; same-day bookings close at 18:00 and it is 19:00; night 5 closed."""
    offer = OfferFactory(
        kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, same_day_cutoff=time(18, 0)
    )
    PriceCategoryFactory(offer=offer, code="room", price=12000)
    for slot in make_nights(offer, DAY0, len(DAYS), capacity=2):
        if slot.date == DAYS[5]:
            slot.closed = True
            slot.save()
    return offer, at(DAY0, time(19, 0))


def _holds(offer: Offer, day: date, now: datetime) -> bool:
    """Whether the smallest booking the offer allows can be held on `day` (undone at once)."""
    category = offer.price_categories.get()
    quantity = offer.min_per_booking
    if offer.kind == Offer.Kind.STAY:
        attempts = [lambda: stay_items(offer, day, 1, {category.pk: quantity})]
    elif offer.kind == Offer.Kind.DESK:
        attempts = [lambda: desk_items(offer, day, 1, "day", quantity)]
    else:
        attempts = [
            lambda slot=slot: [HoldItem((slot.pk,), category.pk, quantity)]
            for slot in offer.slots.filter(date=day)
        ]
    for items in attempts:
        try:
            booking = create_hold(offer, items(), now=now)
        except HoldError:
            continue
        Booking.objects.filter(pk=booking.pk).delete()
        return True
    return False


SCENARIOS = {"experience": _experience, "desk by the day": _desk_days, "stay": _stay}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_calendar_offers_exactly_the_days_a_hold_takes(scenario):
    offer, now = SCENARIOS[scenario]()

    weeks = calendar.month(offer, DAY0.year, DAY0.month, now)
    offered = {day.date for week in weeks for day in week if day.state in ("available", "few")}
    held = {day for day in DAYS if _holds(offer, day, now)}

    assert offered & set(DAYS) == held
    assert calendar.next_available(offer, now, limit=10) == sorted(held)
    assert 0 < len(held) < len(DAYS)  # each scenario refuses some days and allows others


def test_the_scenarios_refuse_for_the_reasons_they_set_up():
    offer, now = _experience()
    open_days = set(calendar.next_available(offer, now, limit=10))
    # lead time (day 0, day 1's morning), closed (day 3), below the minimum (day 4)
    assert DAYS[0] not in open_days and DAYS[3] not in open_days and DAYS[4] not in open_days
    assert {DAYS[1], DAYS[2], DAYS[5]} <= open_days
    morning, afternoon = calendar.day_choices(offer, DAYS[1], now)
    assert not morning.bookable and afternoon.bookable

    desk, now = _desk_days()
    desk_days = set(calendar.next_available(desk, now, limit=10))
    assert DAYS[0] not in desk_days  # past the same-day cut-off
    assert DAYS[2] not in desk_days and DAYS[6] not in desk_days  # a half missing or closed
    assert DAYS[1] in desk_days

    stay, now = _stay()
    nights = set(calendar.next_available(stay, now, limit=10))
    assert DAYS[0] not in nights and DAYS[5] not in nights and DAYS[1] in nights


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_search_filter_and_the_rule_agree_on_every_slot(scenario):
    offer, now = SCENARIOS[scenario]()

    in_sql = set(open_slots(now).filter(offer=offer).values_list("pk", flat=True))
    by_rule = {slot.pk for slot in offer.slots.all() if rules.is_bookable(offer, slot, now)}

    assert in_sql == by_rule
    assert by_rule  # and the rule lets some through


def test_the_hold_refuses_with_the_rules_message():
    offer, now = _experience()
    category = offer.price_categories.get()
    slot = offer.slots.get(date=DAYS[1], starts_at=at(DAYS[1], time(10, 0)))

    with pytest.raises(HoldError) as refused:
        create_hold(offer, [HoldItem((slot.pk,), category.pk, 2)], now=now)

    assert refused.value.message == rules.refusal(offer, slot, now)
    assert "30" in refused.value.message
