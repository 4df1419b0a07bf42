"""What trips add to the editors' report: trips, bookings and partners per trip, and the nights,
desk days and experiences they hold together, counted by hand on a few trips from three
sellers; scoped like every other figure, at a fixed number of queries, and shown on the report
screen (and in its trips CSV) in both languages."""

import csv
import io
from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from booking.models import Booking, Offer
from booking.services import reports
from booking.services.holds import HoldRequest, create_hold
from booking.services.jst import today
from booking.services.selection import desk_items, session_items, stay_items
from booking.services.trips import hold_trip
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)
from tests.factories import (
    AreaIndexPageFactory,
    AreaPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StayPageFactory,
)
from tests.html import soup

pytestmark = pytest.mark.django_db

REPORT = "booking_reports"
DAYS = 10


@pytest.fixture
def week():
    """An inn (A), a co-working office selling full days (B) and a farm (C), open every day of
    the ten from a fortnight ahead, with room for every trip the tests make."""
    first = today() + timedelta(days=14)
    inn = OfferFactory(
        kind=Offer.Kind.STAY,
        unit=Offer.Unit.ROOM_NIGHT,
        organisation=PartnerOrganisationFactory(name="A宿"),
    )
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    make_nights(inn, first, DAYS, capacity=30)
    office = OfferFactory(
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
        organisation=PartnerOrganisationFactory(name="Bオフィス"),
    )
    PriceCategoryFactory(offer=office, code="day", price=2200)
    farm = OfferFactory(organisation=PartnerOrganisationFactory(name="C農園"))
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    sessions = {}
    for offset in range(DAYS):
        day = first + timedelta(days=offset)
        make_slot(office, day, capacity=30, starts=time(9, 0), ends=time(13, 0), part="am")
        make_slot(office, day, capacity=30, starts=time(13, 0), ends=time(18, 0), part="pm")
        sessions[offset] = make_slot(farm, day, capacity=60).pk
    return SimpleNamespace(
        first=first,
        last=first + timedelta(days=DAYS - 1),
        inn=inn,
        office=office,
        farm=farm,
        stay=lambda offset, nights, rooms: HoldRequest(
            inn, stay_items(inn, first + timedelta(days=offset), nights, {room.pk: rooms})
        ),
        desks=lambda offset, days, desks: HoldRequest(
            office, desk_items(office, first + timedelta(days=offset), days, "day", desks)
        ),
        session=lambda offset, people: HoldRequest(
            farm, session_items(farm, sessions[offset], {adult.pk: people})
        ),
    )


def set_status(bookings: list[Booking], status: str) -> None:
    """Move bookings on as payment (and a cancellation) would; confirmed_at marks them paid."""
    Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
        status=status, confirmed_at=timezone.now()
    )


@pytest.fixture
def trips(week):
    """Three trips with confirmed bookings, one with none, and bookings made alone:

    - T1: 3 nights × 1 room (day 0), desks 2 days × 1 (day 1), farm × 2 people (day 3);
    - T2: 1 night × 2 rooms (day 5) confirmed; farm × 3 (day 7) cancelled;
    - T3: desks (day 4) and farm (day 3), never paid (expired);
    - T4: desks 1 day × 2 (day 6), farm × 1 and farm × 1 again (day 7), two bookings of C;
    - alone: farm × 4 (day 7) and 2 nights × 1 room (day 1), confirmed, in no trip."""
    t1 = hold_trip([week.stay(0, 3, 1), week.desks(1, 2, 1), week.session(3, 2)]).bookings
    t2 = hold_trip([week.stay(5, 1, 2), week.session(7, 3)]).bookings
    t3 = hold_trip([week.desks(4, 1, 1), week.session(3, 1)]).bookings
    t4 = hold_trip([week.desks(6, 1, 2), week.session(7, 1), week.session(7, 1)]).bookings
    alone = [
        create_hold(week.farm, week.session(7, 4).items),
        create_hold(week.inn, week.stay(1, 2, 1).items),
    ]
    set_status([*t1, t2[0], *t4, *alone], Booking.Status.CONFIRMED)
    set_status([t2[1]], Booking.Status.CANCELLED)
    set_status(t3, Booking.Status.EXPIRED)
    return SimpleNamespace(t1=t1, t2=t2, t3=t3, t4=t4, alone=alone)


def figures(week, start: int = 0, end: int = DAYS - 1, **scope) -> reports.TripFigures:
    first, last = (week.first + timedelta(days=offset) for offset in (start, end))
    return reports.trip_figures(reports.Filters(first, last, **scope))


def as_tuple(found: reports.TripFigures) -> tuple:
    return (
        found.trips,
        found.items,
        found.items_per_trip,
        found.partners_per_trip,
        found.multi_partner_trips,
        found.nights,
        found.desk_days,
        found.experiences,
    )


# --- the figures, counted by hand ------------------------------------------------------------


def test_every_trip_figure_over_the_whole_period_matches_a_hand_count(week, trips):
    found = figures(week)

    assert found.trips == 3  # T1, T2, T4: T3 was never paid, bookings made alone are no trip
    assert found.items == 3 + 1 + 3  # T2's cancelled farm booking is not an item
    assert found.items_per_trip == 2.3  # 7 / 3
    assert found.trip_partners == 3 + 1 + 2  # T4's two farm bookings are one partner
    assert found.partners_per_trip == 2.0
    assert found.multi_partner_trips == 2  # T1 and T4
    assert found.nights == 3 * 1 + 1 * 2  # the lone stay's two nights are not a trip's
    assert found.desk_days == 2 * 1 + 1 * 2  # a full day's two half-day lines are one day
    assert found.experiences == 2 + 1 + 1  # T2's cancelled 3 and the lone 4 do not count


def test_a_trip_counts_in_a_period_with_only_its_bookings_that_start_in_it(week, trips):
    # Days 3–9: T1 only by its farm booking (its stay and desks start on days 0 and 1).
    assert as_tuple(figures(week, 3, 9)) == (3, 5, 1.7, 1.3, 1, 2, 2, 4)
    # Days 0–2: T1's stay and desks; its farm day is after.
    assert as_tuple(figures(week, 0, 2)) == (1, 2, 2.0, 2.0, 1, 3, 2, 0)
    # Consecutive periods add up, except trips, which count in each.
    whole, before, after = figures(week), figures(week, 0, 2), figures(week, 3, 9)
    assert whole.items == before.items + after.items
    assert whole.nights + whole.desk_days + whole.experiences == (
        before.nights + before.desk_days + before.experiences
    ) + (after.nights + after.desk_days + after.experiences)
    assert before.trips + after.trips == whole.trips + 1  # T1 is in both


def test_a_period_without_trips_has_no_averages(week, trips):
    beyond = figures(week, DAYS, DAYS + 20)
    assert beyond == reports.TripFigures()
    assert (beyond.items_per_trip, beyond.partners_per_trip) == (None, None)


def test_an_organisations_scope_counts_only_its_own_bookings_of_each_trip(week, trips):
    inn, office, farm = (o.organisation_id for o in (week.inn, week.office, week.farm))

    assert as_tuple(figures(week, organisations={inn})) == (2, 2, 1.0, 1.0, 0, 5, 0, 0)
    assert as_tuple(figures(week, organisations={farm})) == (2, 3, 1.5, 1.0, 0, 0, 0, 4)
    # Inn and office together: T1 is the one trip where both sell.
    assert as_tuple(figures(week, organisations={inn, office})) == (3, 4, 1.3, 1.3, 1, 5, 4, 0)
    assert figures(week, organisations=set()) == reports.TripFigures()


def test_a_kind_counts_only_the_trips_bookings_of_that_kind(week, trips):
    assert as_tuple(figures(week, kind=Offer.Kind.DESK)) == (2, 2, 1.0, 1.0, 0, 0, 4, 0)
    assert as_tuple(figures(week, kind=Offer.Kind.STAY)) == (2, 2, 1.0, 1.0, 0, 5, 0, 0)


def test_an_area_counts_only_the_trips_bookings_of_offers_in_it(
    home, week, trips, django_assert_num_queries
):
    area = AreaPageFactory(parent=AreaIndexPageFactory(parent=home), title="白浜")
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    Offer.objects.filter(pk=week.inn.pk).update(page=StayPageFactory(parent=partner, area=area))
    with django_assert_num_queries(2):
        in_area = figures(week, area=area)
    assert as_tuple(in_area) == (2, 2, 1.0, 1.0, 0, 5, 0, 0)  # T1's and T2's stays


def test_a_trip_whose_bookings_are_all_cancelled_after_payment_no_longer_counts(week, trips):
    set_status(trips.t4, Booking.Status.CANCELLED)
    found = figures(week)
    assert (found.trips, found.items, found.multi_partner_trips) == (2, 4, 1)
    assert (found.desk_days, found.experiences) == (2, 2)


# --- a fixed number of queries ---------------------------------------------------------------


def paid_trip(week, offset: int) -> None:
    held = hold_trip([week.stay(offset, 2, 1), week.desks(offset, 2, 1), week.session(offset, 2)])
    set_status(held.bookings, Booking.Status.CONFIRMED)


def test_the_trip_figures_cost_two_queries_with_one_trip_or_five(week, django_assert_num_queries):
    filters = [
        reports.Filters(week.first, week.last),
        reports.Filters(week.first, week.last, organisations={week.inn.organisation_id}),
        reports.Filters(week.first, week.last, kind=Offer.Kind.DESK),
    ]
    paid_trip(week, 0)
    for scope in filters:
        with django_assert_num_queries(2):
            one = reports.trip_figures(scope)
    for offset in range(1, 5):
        paid_trip(week, offset)
    for scope in filters:
        with django_assert_num_queries(2):
            five = reports.trip_figures(scope)
    assert (one.trips, five.trips) == (1, 5)  # the last scope: desks
    assert reports.trip_figures(filters[0]).items == 15


# --- the report screen -----------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.jp", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    return user


def read_in(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def period(start: date, end: date) -> dict[str, str]:
    return {"date_from": start.isoformat(), "date_to": end.isoformat()}


def trip_section(response) -> dict[str, str]:
    section = soup(response).find(id="trip-figures")
    assert section is not None
    return {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in section.select("tr")
        if row.td is not None and row.td.has_attr("data-trip-figure")
    }


def test_the_report_screen_shows_the_trip_figures_in_english(client, home, editor, week, trips):
    read_in(editor, "en")
    client.force_login(editor)
    response = client.get(reverse(REPORT), period(week.first, week.last))
    assert response.status_code == 200
    section = soup(response).find(id="trip-figures")
    assert section.find("h2").get_text(strip=True) == "Trips"
    assert trip_section(response) == {
        "Number of trips": "3",
        "Bookings in trips": "7",
        "Bookings per trip": "2.3",
        "Partners per trip": "2.0",
        "Trips with several partners": "2",
        "Stay nights (rooms × nights)": "5",
        "Desk days (people × days)": "4",
        "Experiences (people × sessions)": "4",
    }


def test_the_report_screen_shows_the_trip_figures_in_japanese(client, home, editor, week, trips):
    read_in(editor, "ja")
    client.force_login(editor)
    response = client.get(reverse(REPORT), period(week.first, week.last))
    section = soup(response).find(id="trip-figures")
    assert section.find("h2").get_text(strip=True) == "旅程"
    shown = trip_section(response)
    assert shown["旅程数"] == "3"
    assert shown["1旅程あたりの事業者数"] == "2.0"
    assert shown["宿泊（室数×泊数）"] == "5"
    assert "この期間に条件に合う旅程はありません。" not in section.get_text()


def test_a_period_without_trips_says_so_in_both_languages(client, home, editor, week, trips):
    client.force_login(editor)
    beyond = period(week.last + timedelta(days=1), week.last + timedelta(days=30))
    for language, message in (
        ("en", "No trips in this period match these filters."),
        ("ja", "この期間に条件に合う旅程はありません。"),
    ):
        read_in(editor, language)
        response = client.get(reverse(REPORT), beyond)
        assert response.status_code == 200
        section = soup(response).find(id="trip-figures")
        assert message in section.get_text()
        assert trip_section(response) == {}
        assert "trips-csv" not in str(section)


def test_the_trips_csv_has_the_filters_and_every_figure(client, home, editor, week, trips):
    read_in(editor, "en")
    client.force_login(editor)
    page = client.get(reverse(REPORT), {**period(week.first, week.last), "kind": "desk"})
    link = soup(page).find(id="trip-figures").find("a", href=lambda h: "trips-csv" in h)
    export = client.get(link["href"])
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.startswith("\ufeff".encode())
    headings, values = csv.reader(io.StringIO(export.content.decode("utf-8-sig")))
    assert dict(zip(headings, values, strict=True)) == {
        "From": week.first.isoformat(),
        "Until": week.last.isoformat(),
        "Area": "All areas",
        "Kind": "Co-working desk",
        "Number of trips": "2",
        "Bookings in trips": "2",
        "Bookings per trip": "1.0",
        "Partners per trip": "1.0",
        "Trips with several partners": "0",
        "Stay nights (rooms × nights)": "0",
        "Desk days (people × days)": "4",
        "Experiences (people × sessions)": "0",
    }


def test_the_trips_csv_is_for_editors_only_and_refuses_bad_filters(
    client, home, editor, django_user_model, week
):
    stranger = django_user_model.objects.create_user("stranger", "s@example.jp", "pw")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    query = {**period(week.first, week.last), "format": "trips-csv"}
    refused = client.get(reverse(REPORT), query)
    assert refused.status_code == 403 and "text/csv" not in refused["Content-Type"]
    client.force_login(editor)
    bad = client.get(reverse(REPORT), {**query, "date_to": "2000-01-01"})
    assert bad.status_code == 400 and "text/csv" not in bad["Content-Type"]


def test_the_report_screen_costs_the_same_queries_with_one_trip_or_five(client, home, editor, week):
    client.force_login(editor)
    query = period(week.first, week.last)

    def counted() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(REPORT), query).status_code == 200
        return len(captured.captured_queries)

    paid_trip(week, 0)
    client.get(reverse(REPORT), query)  # warm: the session, content types
    one = counted()
    for offset in range(1, 5):
        paid_trip(week, offset)
    assert counted() == one
    assert reports.trip_figures(reports.Filters(week.first, week.last)).trips == 5
