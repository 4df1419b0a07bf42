"""An office's opening hours name their days of the week (issue 15, 14): editors tick the days
(each in one row, closing after opening), the page names the days in its language and shows
when the desks can be booked (within the hours, whatever a schedule says), the booking engine
reads them as plain times, and rows written before got their days from their label."""

import importlib
import json
from datetime import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page

from booking.services.jst import today
from tests.booking.factories import ScheduleFactory
from tests.booking.office_factories import desk_offer, hours_row, office_with_hours
from tests.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.html import soup
from workation.adapters import hours_by_weekday
from workation.blocks import OpeningHoursStreamBlock
from workation.models import OfficePage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("workation.migrations.0006_opening_hours_by_weekday")


@pytest.fixture
def partner(home, site_settings):
    return PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))


@pytest.fixture
def office(partner):
    """Weekdays 9–21, Saturdays 10–18, closed on Sundays; one desk offer whose schedule
    (every day 08:00–22:00) reaches outside the hours, as an old one may."""
    page = office_with_hours(
        partner,
        hours_row("01234", "09:00", "21:00"),
        hours_row("5", "10:00", "18:00"),
        hours_row("6", None, None),
    )
    ScheduleFactory(
        offer=desk_offer(page),
        start_date=today(),
        weekdays="0123456",
        start_time=time(8, 0),
        end_time=time(22, 0),
        half_day_split=time(13, 0),
    )
    return page


def rows_of(table) -> list[list[str]]:
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


def hours_tables(response):
    panel = soup(response).find(id="hours-heading").parent
    hours, desks = panel.find_all("table")
    return rows_of(hours), rows_of(desks)


def test_the_office_page_shows_its_hours_and_the_desks_within_them_in_japanese(client, office):
    response = client.get(office.url)
    hours, desks = hours_tables(response)
    assert hours == [["月〜金", "09:00–21:00"], ["土", "10:00–18:00"], ["日", "休業"]]
    assert "デスクの予約可能時間" in response.content.decode()
    assert desks == [
        ["月〜金", "09:00–21:00午前 09:00–13:00 · 午後 13:00–21:00"],
        ["土", "10:00–18:00午前 10:00–13:00 · 午後 13:00–18:00"],
    ]


def test_the_english_page_names_the_days_in_english(client, office, home_en, translate_page):
    translate_page(office.get_parent().get_parent())
    translate_page(office.get_parent())
    english = translate_page(office)
    response = client.get(english.url)
    hours, desks = hours_tables(response)
    assert [row[0] for row in hours] == ["Mon–Fri", "Sat", "Sun"]
    assert "Desks can be booked" in response.content.decode()
    assert desks[0] == ["Mon–Fri", "09:00–21:00Morning 09:00–13:00 · Afternoon 13:00–21:00"]


def test_an_office_without_desk_offers_shows_only_its_hours(client, partner):
    page = office_with_hours(partner)
    response = client.get(page.url)
    panel = soup(response).find(id="hours-heading").parent
    assert len(panel.find_all("table")) == 1
    assert "デスクの予約可能時間" not in response.content.decode()


def stream(*rows: dict):
    block = OpeningHoursStreamBlock()
    return block, block.to_python(list(rows))


def test_a_day_in_two_rows_is_refused():
    block, value = stream(hours_row("01234", "09:00", "18:00"), hours_row("45", "10:00", "17:00"))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        block.clean(value)
    error = refused.value.block_errors[1].block_errors["weekdays"]
    assert error.message == "These days already have hours in a row above: Fri."


@pytest.mark.parametrize(
    "row, message",
    [
        (hours_row("0", "18:00", "09:00"), "閉館時刻は開館時刻より後にしてください。"),
        (
            hours_row("0", "09:00", None),
            "開館時刻と閉館時刻を入力するか、休業にチェックを入れてください。",
        ),
    ],
)
def test_closing_must_follow_opening_and_an_open_day_needs_both_times(row, message):
    block, value = stream(row)
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert refused.value.block_errors[0].block_errors["closes"].message == message


def test_a_closed_day_needs_no_times_and_a_whole_week_is_named_every_day():
    block, value = stream(hours_row("01234", "09:00", "18:00"), hours_row("56", None, None))
    assert len(block.clean(value)) == 2
    with translation.override("ja"):
        assert "毎日" in block.child_blocks["hours"].render(
            block.child_blocks["hours"].to_python(hours_row("0123456", "08:00", "20:00")["value"])
        )


def test_the_engine_gets_plain_times_the_first_row_of_a_day_winning_unnamed_days_closed():
    _, value = stream(
        hours_row("0", "09:00", "18:00"),
        hours_row("01", "10:00", "17:00"),
        hours_row("5", None, None),
    )
    hours = hours_by_weekday(value)
    assert hours.on(0) == (time(9, 0), time(18, 0))
    assert hours.on(1) == (time(10, 0), time(17, 0))
    assert [hours.on(day) for day in (2, 3, 4, 5, 6)] == [None] * 5
    assert hours_by_weekday(stream(hours_row("", "09:00", "18:00"))[1]) is None


def legacy(label: str, opens: str | None, closes: str | None) -> dict:
    """An opening-hours row as stored before the days were ticked: a free-text label."""
    value = {"days": label, "opens": opens, "closes": closes, "closed": opens is None}
    return {"type": "hours", "value": value, "id": label}


def test_rows_written_before_get_the_days_their_label_names(partner):
    page = office_with_hours(partner)
    page.save_revision().publish()
    rows = [
        legacy("月〜金", "09:00:00", "21:00:00"),
        legacy("土・日・祝", "10:00:00", "18:00:00"),
        legacy("年末年始", None, None),
    ]
    OfficePage.objects.filter(pk=page.pk).update(opening_hours=rows)
    revision = Page.objects.get(pk=page.pk).latest_revision
    stored = revision.content["opening_hours"]
    revision.content["opening_hours"] = rows if isinstance(stored, list) else json.dumps(rows)
    revision.save(update_fields=["content"])

    migration.name_the_days(apps, None)

    for source in (
        OfficePage.objects.get(pk=page.pk),
        Page.objects.get(pk=page.pk).latest_revision.as_object(),
    ):
        values = [row.value for row in source.opening_hours]
        assert [value["weekdays"] for value in values] == [
            ["0", "1", "2", "3", "4"],
            ["5", "6"],
            [],
        ]
        assert [value["note"] for value in values] == ["", "", "年末年始"]
        assert values[1]["opens"] == time(10, 0)
