"""Editors and partners read every time in Japan time: a booking made at 23:30 UTC on a session
at 08:30 in Japan shows as made on 2 March at 8:30 and starting at 08:30, never as 23:30 on the
day before, on each screen and in each export, whose headings say the times are JST."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import formats, translation

from core.admin_display import japan_time
from tests.booking.admin_screens import (
    JAPAN_TIME_CSV,
    MOMENT,
    UTC_TEXTS,
    fetch,
    make_screens,
)
from tests.html import visible_text

pytestmark = pytest.mark.django_db

# The screens that show the moment the booking, application or consultation was made, checked
# in or sent, and those that show the session's start.
SHOW_THE_MOMENT = ("booking", "manifest", "check-in", "application", "applications")
SHOW_THE_MOMENT += ("consultation", "consultations", "form submissions")
SHOW_THE_SESSION = ("manifest", "calendar", "session", "call off")


@pytest.fixture
def screens(home, django_user_model):
    screens = make_screens(home, django_user_model)
    screens.read_in("ja")
    return screens


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response)


def csv_rows(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))


def test_screens_show_the_moment_in_japan_time_never_in_utc(client, screens):
    with translation.override("ja"):
        made = formats.date_format(japan_time(MOMENT), "DATETIME_FORMAT")
    assert made == "2025年3月2日8:30"
    client.force_login(screens.editor)
    for name in SHOW_THE_MOMENT:
        text = text_of(client, screens.urls[name])
        assert made in text or "8:30" in text, name
        assert not any(utc in text for utc in UTC_TEXTS), name
    for name in SHOW_THE_SESSION:
        text = text_of(client, screens.urls[name])
        assert "08:30" in text or "8:30" in text, name
        assert "23:30" not in text, name


def test_a_partner_sees_its_booking_in_japan_time(client, screens):
    client.force_login(screens.partner)
    for name in ("booking", "manifest", "check-in", "session"):
        text = text_of(client, screens.partner_urls[name])
        assert "8:30" in text, name
        assert not any(utc in text for utc in UTC_TEXTS), name


def test_the_booking_page_shows_a_dash_for_a_moment_that_has_not_happened(client, screens):
    client.force_login(screens.editor)
    page = text_of(client, screens.urls["booking"])
    assert "キャンセル日時 -" in page
    assert "None" not in page


def test_the_bookings_export_writes_japan_time_and_says_so(client, screens):
    client.force_login(screens.editor)
    rows = csv_rows(fetch(client, f"{screens.urls['bookings']}?export=csv"))
    booked_at = rows[0].index("予約日時（JST）")
    assert rows[1][booked_at] == JAPAN_TIME_CSV
    assert rows[1][rows[0].index("状態")] == "確定"


def test_the_bookings_spreadsheet_holds_the_japanese_wall_clock_time(client, screens):
    client.force_login(screens.editor)
    response = client.get(f"{screens.urls['bookings']}?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, values = (list(row) for row in sheet.iter_rows(max_row=2, values_only=True))
    cell = values[headings.index("予約日時（JST）")]
    assert (cell.day, cell.hour, cell.minute) == (2, 8, 30)


def test_an_english_editor_gets_the_export_in_english_in_japan_time(client, screens):
    screens.read_in("en")
    client.force_login(screens.editor)
    rows = csv_rows(fetch(client, f"{screens.urls['bookings']}?export=csv"))
    assert "Booked at (JST)" in rows[0]
    assert rows[1][rows[0].index("Booked at (JST)")] == JAPAN_TIME_CSV
    assert rows[1][rows[0].index("Status")] == "Confirmed"


def test_the_consultation_and_form_exports_write_japan_time(client, screens):
    client.force_login(screens.editor)
    for url, heading in (
        (f"{screens.urls['consultations']}?export=csv", "送信時刻（JST）"),
        (f"{screens.urls['form submissions']}?export=csv", "送信日（JST）"),
    ):
        rows = csv_rows(fetch(client, url))
        assert rows[1][rows[0].index(heading)] == JAPAN_TIME_CSV, url


def test_the_manifest_export_writes_japan_time_and_says_so(client, screens):
    client.force_login(screens.editor)
    rows = csv_rows(fetch(client, f"{screens.urls['manifest']}&format=csv"))
    headings, row = rows[0], rows[1]
    assert row[headings.index("開始（JST）")].endswith(" 08:30")
    assert row[headings.index("チェックイン（JST）")] == "08:30"


def test_no_admin_user_can_choose_another_time_zone(client, screens):
    client.force_login(screens.editor)
    page = fetch(client, reverse("wagtailadmin_account"))
    assert 'name="locale-current_time_zone"' not in page
