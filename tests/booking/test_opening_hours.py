"""Desks are sold only while their office is open (issue 15, 14): desk schedules made from the
opening hours run from opening to closing, the slots of a schedule reaching outside the hours are
cut to them (none on a closed day), a one-off desk day outside them is refused, and the reasons
read in Japanese and in English."""

from datetime import date, time, timedelta

import pytest
from django.utils import translation

from booking.content import OpeningHours, content
from booking.models import Slot
from booking.services import opening_hours
from booking.services.jst import JST, today
from booking.services.opening_hours import DeskDay, desk_days_from_hours
from booking.services.slot_changes import SlotChangeRefused, add_session
from booking.services.slots import materialise_slots
from tests.booking.factories import ScheduleFactory
from tests.booking.office_factories import desk_offer, hours_row, office_with_hours
from tests.factories import PartnerIndexPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2027, 1, 4)


def hm(text: str) -> time:
    return time.fromisoformat(text)


@pytest.fixture
def partner(home):
    return PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))


@pytest.fixture
def office(partner):
    """Open on weekdays 9–21, Saturdays 10–18, closed on Sundays."""
    return office_with_hours(
        partner,
        hours_row("01234", "09:00", "21:00"),
        hours_row("5", "10:00", "18:00"),
        hours_row("6", None, None),
    )


def times_by_date(offer) -> dict[date, list[tuple[str, str, str]]]:
    """Each day's desk slots as (part, start, end) in Japan time."""
    found: dict[date, list[tuple[str, str, str]]] = {}
    for slot in Slot.objects.filter(offer=offer).order_by("starts_at"):
        found.setdefault(slot.date, []).append(
            (
                slot.part,
                f"{slot.starts_at.astimezone(JST):%H:%M}",
                f"{slot.ends_at.astimezone(JST):%H:%M}",
            )
        )
    return found


def test_the_engine_reads_an_offices_hours_by_weekday(office):
    hours = content().opening_hours_of(office.pk)
    assert hours.on(0) == hours.on(4) == (hm("09:00"), hm("21:00"))
    assert hours.on(5) == (hm("10:00"), hm("18:00"))
    assert hours.on(6) is None


def test_desk_schedules_made_from_the_hours_run_from_opening_to_closing_split_at_one(office):
    hours = content().opening_hours_of(office.pk)
    assert desk_days_from_hours(hours) == [
        ("01234", DeskDay(hm("09:00"), hm("13:00"), hm("21:00"))),
        ("5", DeskDay(hm("10:00"), hm("13:00"), hm("18:00"))),
    ]


def test_a_short_day_splits_halfway_and_a_day_under_two_hours_sells_no_desk():
    hours = OpeningHours(
        (
            (hm("12:30"), hm("16:00")),
            (hm("14:00"), hm("17:00")),
            (hm("09:00"), hm("10:30")),
            None,
            None,
            None,
            None,
        )
    )
    assert desk_days_from_hours(hours) == [
        ("0", DeskDay(hm("12:30"), hm("14:00"), hm("16:00"))),
        ("1", DeskDay(hm("14:00"), hm("15:30"), hm("17:00"))),
    ]


def test_slots_of_a_schedule_wider_than_the_hours_are_cut_to_them_and_none_on_a_closed_day(office):
    offer = desk_offer(office)
    ScheduleFactory(
        offer=offer,
        start_date=MONDAY,
        weekdays="0123456",
        start_time=hm("08:00"),
        end_time=hm("22:00"),
        half_day_split=hm("13:00"),
    )

    materialise_slots(offer, start=MONDAY, horizon_days=7)

    days = times_by_date(offer)
    assert sorted(days) == [MONDAY + timedelta(days=n) for n in range(6)], "no Sunday"
    assert days[MONDAY] == [("am", "09:00", "13:00"), ("pm", "13:00", "21:00")]
    assert days[MONDAY + timedelta(days=5)] == [("am", "10:00", "13:00"), ("pm", "13:00", "18:00")]


def test_a_schedule_within_the_hours_keeps_its_own_times(office):
    offer = desk_offer(office)
    ScheduleFactory(
        offer=offer,
        start_date=MONDAY,
        weekdays="0",
        start_time=hm("10:00"),
        end_time=hm("17:00"),
        half_day_split=hm("12:00"),
    )
    materialise_slots(offer, start=MONDAY, horizon_days=1)
    assert times_by_date(offer)[MONDAY] == [("am", "10:00", "12:00"), ("pm", "12:00", "17:00")]


def test_an_office_without_hours_by_weekday_limits_nothing(partner):
    offer = desk_offer(office_with_hours(partner, hours_row("", "10:00", "12:00")))
    assert content().opening_hours_of(offer.page_id) is None
    ScheduleFactory(
        offer=offer, start_date=MONDAY, weekdays="6", start_time=hm("07:00"), end_time=hm("23:00")
    )
    materialise_slots(offer, start=MONDAY, horizon_days=7)
    assert [part[1] for part in times_by_date(offer)[MONDAY + timedelta(days=6)]] == [
        "07:00",
        "13:00",
    ]


@pytest.mark.parametrize(
    "language, closed, opens, closes",
    [
        (
            "en",
            "The office is closed on Sun (see its opening hours): no desks then.",
            "On Sat the office opens at 10:00: desks cannot start earlier.",
            "On Sat the office closes at 18:00: desks cannot end later.",
        ),
        (
            "ja",
            "日はオフィスの休業日です（営業時間を参照）。この日はデスクを販売できません。",
            "土のオフィスの開館は10:00です。デスクをそれより早く始めることはできません。",
            "土のオフィスの閉館は18:00です。デスクをそれより遅く終えることはできません。",
        ),
    ],
)
def test_a_schedule_outside_the_hours_is_explained_field_by_field_in_both_languages(
    office, language, closed, opens, closes
):
    hours = content().opening_hours_of(office.pk)
    with translation.override(language):
        found = opening_hours.conflicts(hours, "0123456", hm("09:00"), hm("20:00"))
    assert found == {"weekdays": [closed], "start_time": [opens], "end_time": [closes]}
    assert opening_hours.conflicts(hours, "01234", hm("09:00"), hm("21:00")) == {}


def test_days_that_differ_are_named_together_in_one_message(partner):
    office = office_with_hours(
        partner, hours_row("012", "10:00", "18:00"), hours_row("3456", "09:00", "18:00")
    )
    hours = content().opening_hours_of(office.pk)
    with translation.override("en"):
        found = opening_hours.conflicts(hours, "0123456", hm("09:00"), hm("18:00"))
    assert found == {
        "start_time": ["On Mon–Wed the office opens at 10:00: desks cannot start earlier."]
    }


def test_a_one_off_desk_day_outside_the_hours_is_refused_and_one_inside_is_made(office):
    offer = desk_offer(office)
    start = today() + timedelta(days=7)
    saturday = start + timedelta(days=(5 - start.weekday()) % 7)
    with translation.override("en"), pytest.raises(SlotChangeRefused) as refused:
        add_session(offer, saturday, hm("09:00"), hm("18:00"), 3)
    assert refused.value.message == "On Sat the office opens at 10:00: desks cannot start earlier."
    with pytest.raises(SlotChangeRefused):
        add_session(offer, saturday + timedelta(days=1), hm("10:00"), hm("18:00"), 3)
    assert not Slot.objects.filter(offer=offer).exists()

    morning, afternoon = add_session(offer, saturday, hm("10:00"), hm("18:00"), 3)
    assert (morning.part, afternoon.part) == ("am", "pm")
    assert f"{afternoon.starts_at.astimezone(JST):%H:%M}" == "13:00"
