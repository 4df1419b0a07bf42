"""The back office's figures: the report and the dashboard panel agree with a brute-force count
of every row of generated data, cost the same queries however many bookings there are, and show
a partner only its own organisation's figures; the report is for editors only."""

import csv
import io
import random
from collections import defaultdict
from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booking.models import (
    Booking,
    BookingLine,
    GuestRegisterEntry,
    Offer,
    Payment,
    PriceCategory,
    Refund,
    Slot,
)
from booking.services import reports
from booking.services.jst import at, today
from booking.services.references import new_reference
from tests.booking.factories import OfferFactory, PartnerOrganisationFactory, TripFactory
from tests.factories import (
    AreaIndexPageFactory,
    AreaPageFactory,
    ExperiencePageFactory,
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StayPageFactory,
)
from tests.html import soup

pytestmark = pytest.mark.django_db

REPORT = "booking_reports"
PAID = (Booking.Status.CONFIRMED, Booking.Status.CANCELLED)
PAGES = {
    Offer.Kind.DESK: OfficePageFactory,
    Offer.Kind.STAY: StayPageFactory,
    Offer.Kind.EXPERIENCE: ExperiencePageFactory,
}


# --- generated data --------------------------------------------------------------------------


def offers_in(home, organisations) -> list[Offer]:
    """Two areas with an offer of each kind (desks by the day in one, by the half-day in the
    other), and an experience whose page has no area; organisations take turns owning them."""
    area_index = AreaIndexPageFactory(parent=home)
    areas = [AreaPageFactory(parent=area_index, title=title) for title in ("白浜", "高野山")]
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    owners = iter(organisations * 10)
    made = []
    for index, area in enumerate(areas):
        for kind in (Offer.Kind.DESK, Offer.Kind.STAY, Offer.Kind.EXPERIENCE):
            unit = {
                Offer.Kind.DESK: Offer.Unit.DESK_DAY if index == 0 else Offer.Unit.DESK_HALF_DAY,
                Offer.Kind.STAY: Offer.Unit.ROOM_NIGHT,
                Offer.Kind.EXPERIENCE: Offer.Unit.PERSON_SESSION,
            }[kind]
            page = PAGES[kind](parent=partner, area=area)
            made.append(OfferFactory(page=page, kind=kind, unit=unit, organisation=next(owners)))
    nowhere = ExperiencePageFactory(parent=partner, area=None)
    made.append(OfferFactory(page=nowhere, kind=Offer.Kind.EXPERIENCE, organisation=next(owners)))
    for offer in made:
        PriceCategory.objects.create(offer=offer, code="adult", name="大人", price=6000)
        PriceCategory.objects.create(offer=offer, code="child", name="子ども", price=3000)
    return made


def slots_for(offers: list[Offer], first: date, days: int, rng: random.Random) -> None:
    """Slots every other day (desks: a morning and an afternoon), some closed."""
    rows = []
    for offer in offers:
        for offset in range(0, days, 2):
            day = first + timedelta(days=offset)
            parts = [("am", time(9), time(13)), ("pm", time(13), time(18))]
            if offer.kind != Offer.Kind.DESK:
                parts = [("", time(15), time(23))]
            for part, starts, ends in parts:
                rows.append(
                    Slot(
                        offer=offer,
                        date=day,
                        part=part,
                        starts_at=at(day, starts),
                        ends_at=at(day, ends),
                        capacity=rng.randint(4, 12),
                        closed=rng.random() < 0.1,
                    )
                )
    Slot.objects.bulk_create(rows)


_sessions = iter(range(1, 10**9))


def pay(booking: Booking, amount: int) -> Payment:
    return Payment.objects.create(
        trip=booking.trip,
        booking=booking,
        checkout_session_id=f"cs_test_{next(_sessions)}",
        checkout_url="https://checkout.example/",
        amount=amount,
        expires_at=timezone.now() + timedelta(minutes=30),
        status=Payment.Status.PAID,
    )


def refund(booking: Booking, amount: int, reason: str, status: str) -> Refund:
    return Refund.objects.create(
        payment=pay(booking, booking.total or amount),
        booking=booking,
        amount=amount,
        reason=reason,
        status=status,
    )


STATUSES = [Booking.Status.CONFIRMED] * 5 + [
    Booking.Status.CANCELLED,
    Booking.Status.CANCELLED,
    Booking.Status.HELD,
    Booking.Status.AWAITING_PAYMENT,
    Booking.Status.EXPIRED,
]


def add_bookings(offers: list[Offer], count: int, rng: random.Random) -> None:
    """`count` bookings in every state on random slots, with refunds and guest registers."""
    slots = defaultdict(list)
    for slot in Slot.objects.filter(offer__in=offers).order_by("date", "part"):
        slots[slot.offer_id].append(slot)
    categories = {c.offer_id: c for c in PriceCategory.objects.filter(code="adult")}
    children = {c.offer_id: c for c in PriceCategory.objects.filter(code="child")}
    now = timezone.now()
    for _ in range(count):
        offer = rng.choice(offers)
        own = slots[offer.pk]
        first = rng.randrange(len(own) - 6)
        if offer.unit == Offer.Unit.DESK_DAY:
            start = first - first % 2  # a morning
            taken = own[start : start + 2]
        elif offer.kind == Offer.Kind.STAY:
            taken = own[first : first + rng.randint(1, 3)]
        else:
            taken = [own[first]]
        quantity = rng.randint(1, 3)
        status = rng.choice(STATUSES)
        paid = status == Booking.Status.CONFIRMED or (
            status == Booking.Status.CANCELLED and rng.random() < 0.7
        )
        lines = [(slot, categories[offer.pk], quantity) for slot in taken]
        if offer.kind == Offer.Kind.EXPERIENCE and rng.random() < 0.5:
            lines.append((taken[0], children[offer.pk], rng.randint(1, 2)))
        total = sum(q * 1000 * rng.randint(2, 6) for _s, _c, q in lines)
        booking = Booking.objects.create(
            trip=TripFactory(),
            reference=new_reference(),
            offer=offer,
            status=status,
            hold_expires_at=now + timedelta(minutes=rng.choice([-60, 30])),
            service_date=min(slot.date for slot in taken),
            total=total,
            confirmed_at=now if paid else None,
            cancelled_at=now if status == Booking.Status.CANCELLED else None,
        )
        BookingLine.objects.bulk_create(
            BookingLine(booking=booking, slot=s, price_category=c, quantity=q, unit_price=1000)
            for s, c, q in lines
        )
        if offer.kind == Offer.Kind.STAY:
            GuestRegisterEntry.objects.bulk_create(
                GuestRegisterEntry(booking=booking, name=f"客{i}", address="和歌山", phone="0")
                for i in range(rng.randint(0, 3))
            )
        if status == Booking.Status.CANCELLED and paid and rng.random() < 0.8:
            amount = rng.choice([total, total // 2, total * 3 // 10]) or 1
            state = rng.choice(list(Refund.Status.values))
            refund(booking, amount, Refund.Reason.GUEST_CANCELLED, state)
        if status in (Booking.Status.EXPIRED, Booking.Status.CONFIRMED) and rng.random() < 0.1:
            refund(booking, total or 1000, Refund.Reason.LATE_PAYMENT, Refund.Status.SUCCEEDED)


@pytest.fixture
def data(home):
    """Three organisations, seven offers over two areas, three months of slots from a month
    ago, and bookings in every state (seeded, so a failure can be replayed)."""
    rng = random.Random(20240601)
    organisations = [PartnerOrganisationFactory(name=n) for n in ("A農園", "B漁船", "C宿")]
    offers = offers_in(home, organisations)
    first = today() - timedelta(days=31)
    slots_for(offers, first, 92, rng)
    add_bookings(offers, 120, rng)
    return SimpleNamespace(
        organisations=organisations,
        offers=offers,
        rng=rng,
        first=first,
        last=first + timedelta(days=91),
    )


# --- the brute-force count -------------------------------------------------------------------


def brute_force(filters: reports.Filters, by_month: bool = True) -> dict:
    """Every figure of every group, counted row by row in Python from the definitions."""
    offers = {o.pk: o for o in Offer.objects.select_related("page")}
    area = {pk: getattr(o.page.specific, "area_id", None) for pk, o in offers.items()}
    wanted_areas = None
    if filters.area is not None:
        wanted_areas = {filters.area.pk}

    def included(offer_id: int, day: date) -> bool:
        offer = offers[offer_id]
        return (
            filters.start <= day <= filters.end
            and (filters.organisations is None or offer.organisation_id in filters.organisations)
            and (not filters.kind or offer.kind == filters.kind)
            and (wanted_areas is None or area[offer_id] in wanted_areas)
        )

    def key(offer_id: int, day: date):
        bucket = day.replace(day=1) if by_month else day
        return bucket, area[offer_id], offers[offer_id].kind

    sums = defaultdict(lambda: defaultdict(int))
    for booking in Booking.objects.prefetch_related("lines", "refunds", "guests"):
        if not included(booking.offer_id, booking.service_date):
            continue
        figures = sums[key(booking.offer_id, booking.service_date)]
        offer = offers[booking.offer_id]
        if booking.status == Booking.Status.CONFIRMED:
            figures["bookings"] += 1
            if offer.kind == Offer.Kind.STAY:
                figures["guests"] += len(booking.guests.all())
            else:
                per_unit = 2 if offer.unit == Offer.Unit.DESK_DAY else 1
                figures["guests"] += sum(line.quantity for line in booking.lines.all()) // per_unit
        if booking.status in PAID and booking.confirmed_at is not None:
            figures["revenue"] += booking.total
            figures["revenue"] -= sum(
                r.amount for r in booking.refunds.all() if r.reason != Refund.Reason.LATE_PAYMENT
            )
    for slot in Slot.objects.prefetch_related("lines__booking"):
        if slot.closed or not included(slot.offer_id, slot.date):
            continue
        figures = sums[key(slot.offer_id, slot.date)]
        figures["capacity"] += slot.capacity
        figures["booked_units"] += sum(
            line.quantity
            for line in slot.lines.all()
            if line.booking.status == Booking.Status.CONFIRMED
        )
    found = {k: reports.Figures(**v) for k, v in sums.items()}
    return {k: v for k, v in found.items() if v != reports.Figures()}


def as_dict(report: reports.Report) -> dict:
    return {(row.month, row.area_id, row.kind): row.figures for row in report.rows}


# --- the report agrees with the count --------------------------------------------------------


def test_the_report_equals_a_brute_force_count_of_every_row(data):
    filters = reports.Filters(data.first, data.last)
    report = reports.report(filters)
    expected = brute_force(filters)
    assert as_dict(report) == expected
    assert len(expected) >= 12  # three months × two areas (and none) × three kinds, mostly
    assert report.total.bookings == sum(f.bookings for f in expected.values()) > 20
    assert report.total.revenue == sum(f.revenue for f in expected.values())


def test_the_report_agrees_under_every_filter(data):
    area = data.offers[0].page.specific.area
    middle = data.first + timedelta(days=20)
    for filters in [
        reports.Filters(middle, middle + timedelta(days=40)),
        reports.Filters(data.first, data.last, kind=Offer.Kind.STAY),
        reports.Filters(data.first, data.last, area=area),
        reports.Filters(data.first, data.last, organisations={data.organisations[1].pk}),
        reports.Filters(data.first, data.last, organisations=set()),
    ]:
        assert as_dict(reports.report(filters)) == brute_force(filters), filters
    only_stays = reports.report(reports.Filters(data.first, data.last, kind=Offer.Kind.STAY))
    assert {row.kind for row in only_stays.rows} == {Offer.Kind.STAY}
    assert not reports.report(reports.Filters(data.first, data.last, organisations=set())).rows


def test_rows_are_named_by_area_with_pages_without_an_area_last(data):
    report = reports.report(reports.Filters(data.first, data.last))
    names = [name for name, _ in report.by_area()]
    assert names == ["白浜", "高野山", "地域なし"] or names == ["白浜", "高野山", "No area"]
    assert [m for m, _ in report.by_month()] == reports.months(data.first, data.last)


def test_the_dashboard_equals_the_count_for_today_and_the_next_seven_days(data):
    first = today()
    for scope in (None, {data.organisations[0].pk}):
        groups = brute_force(
            reports.Filters(first, first + timedelta(days=7), scope), by_month=False
        )
        figures = reports.dashboard(scope)
        on_today = reports.total_of(f for (day, _, _), f in groups.items() if day == first)
        after = reports.total_of(f for (day, _, _), f in groups.items() if day > first)
        assert figures.today_figures == on_today
        assert figures.week_figures == after
        assert (figures.week_start, figures.week_end) == (
            first + timedelta(days=1),
            first + timedelta(days=7),
        )
    assert reports.dashboard(None).week_figures.capacity > 0


# --- the definitions, on small cases ---------------------------------------------------------


@pytest.fixture
def small(home):
    organisation = PartnerOrganisationFactory()
    offers = {}
    for kind, unit in [
        (Offer.Kind.DESK, Offer.Unit.DESK_DAY),
        (Offer.Kind.STAY, Offer.Unit.ROOM_NIGHT),
        (Offer.Kind.EXPERIENCE, Offer.Unit.PERSON_SESSION),
    ]:
        offers[kind] = OfferFactory(organisation=organisation, kind=kind, unit=unit)
        PriceCategory.objects.create(offer=offers[kind], code="a", name="大人", price=1000)
    return offers


def booked(offer: Offer, slots: list[Slot], quantity: int, total: int, status: str) -> Booking:
    booking = Booking.objects.create(
        trip=TripFactory(),
        reference=new_reference(),
        offer=offer,
        status=status,
        hold_expires_at=timezone.now(),
        service_date=slots[0].date,
        total=total,
        confirmed_at=timezone.now() if status in PAID else None,
    )
    category = offer.price_categories.first()
    for slot in slots:
        BookingLine.objects.create(
            booking=booking, slot=slot, price_category=category, quantity=quantity, unit_price=1
        )
    return booking


def one_day(offer: Offer, day: date, parts=("",), capacity: int = 10) -> list[Slot]:
    return [
        Slot.objects.create(
            offer=offer,
            date=day,
            part=part,
            starts_at=at(day, time(9 + 4 * i)),
            ends_at=at(day, time(12 + 4 * i)),
            capacity=capacity,
        )
        for i, part in enumerate(parts)
    ]


def test_a_cancelled_booking_keeps_what_was_not_refunded_and_late_payments_count_neither_way(
    small,
):
    day = today() + timedelta(days=3)
    experience = small[Offer.Kind.EXPERIENCE]
    slots = one_day(experience, day)
    kept = booked(experience, slots, 2, 10000, Booking.Status.CONFIRMED)
    refund(kept, 10000, Refund.Reason.LATE_PAYMENT, Refund.Status.SUCCEEDED)  # a second payment
    half = booked(experience, slots, 1, 8000, Booking.Status.CANCELLED)
    refund(half, 4000, Refund.Reason.GUEST_CANCELLED, Refund.Status.PENDING)
    whole = booked(experience, slots, 1, 5000, Booking.Status.CANCELLED)
    refund(whole, 5000, Refund.Reason.PARTNER_CANCELLED, Refund.Status.SUCCEEDED)
    booked(experience, slots, 3, 9000, Booking.Status.EXPIRED)
    figures = reports.report(reports.Filters(day, day)).total
    assert figures.revenue == 10000 + 4000
    assert figures.bookings == 1
    assert (figures.booked_units, figures.capacity, figures.occupancy) == (2, 10, 20.0)


def test_a_desk_day_is_one_guest_a_stay_counts_its_register_and_closed_slots_do_not_count(small):
    day = today() + timedelta(days=4)
    desk_slots = one_day(small[Offer.Kind.DESK], day, parts=("am", "pm"), capacity=4)
    booked(small[Offer.Kind.DESK], desk_slots, 3, 6000, Booking.Status.CONFIRMED)
    stay = small[Offer.Kind.STAY]
    nights = one_day(stay, day, capacity=2) + one_day(stay, day + timedelta(days=1), capacity=2)
    two_rooms = booked(stay, nights, 2, 40000, Booking.Status.CONFIRMED)
    for name in ("紀州 一郎", "紀州 花子", "紀州 次郎"):
        GuestRegisterEntry.objects.create(booking=two_rooms, name=name, address="和歌山", phone="0")
    closed = one_day(small[Offer.Kind.EXPERIENCE], day, capacity=8)
    booked(small[Offer.Kind.EXPERIENCE], closed, 5, 5000, Booking.Status.CONFIRMED)
    Slot.objects.filter(pk=closed[0].pk).update(closed=True)

    report = reports.report(reports.Filters(day, day + timedelta(days=1)))
    by_kind = {row.kind: row.figures for row in report.rows}
    assert by_kind[Offer.Kind.DESK].guests == 3
    assert (by_kind[Offer.Kind.DESK].booked_units, by_kind[Offer.Kind.DESK].capacity) == (6, 8)
    assert by_kind[Offer.Kind.STAY].guests == 3
    assert by_kind[Offer.Kind.STAY].occupancy == 100.0
    assert by_kind[Offer.Kind.EXPERIENCE].guests == 5  # the booking stands; its slot closed
    assert by_kind[Offer.Kind.EXPERIENCE].capacity == 0
    assert by_kind[Offer.Kind.EXPERIENCE].occupancy is None


# --- the admin: who sees what ----------------------------------------------------------------


def admin_user(django_user_model, name: str, *groups: Group):
    user = django_user_model.objects.create_user(name, f"{name}@example.jp", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*groups)
    return user


@pytest.fixture
def users(django_user_model, data):
    group = Group.objects.create(name="Partner: A農園")
    organisation = data.organisations[0]
    organisation.group = group
    organisation.save()
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="booking"))
    return SimpleNamespace(
        partner=admin_user(django_user_model, "partner", group),
        editor=admin_user(django_user_model, "editor", editors),
        stranger=admin_user(django_user_model, "stranger"),
    )


def panel_figures(response) -> list[str] | None:
    panel = soup(response).find(id="booking-figures-section")
    if panel is None:
        return None
    return [cell.get_text(strip=True) for cell in panel.select("td[data-figure]")]


def shown(figures: reports.Figures) -> list[str]:
    occupancy = "—" if figures.occupancy is None else f"{figures.occupancy:.1f}%"
    return [f"{figures.bookings:,}", f"{figures.guests:,}", occupancy, f"¥{figures.revenue:,}"]


def expected_panel(scope) -> list[str]:
    figures = reports.dashboard(scope)
    today_cells, week_cells = shown(figures.today_figures), shown(figures.week_figures)
    return [cell for pair in zip(today_cells, week_cells, strict=True) for cell in pair]


def test_a_partner_sees_only_its_own_figures_on_the_admin_home(client, users, data):
    client.force_login(users.partner)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    own = expected_panel({data.organisations[0].pk})
    assert panel_figures(response) == own
    assert own != expected_panel(None)  # the seeded data tells them apart
    assert reverse(REPORT) not in response.content.decode()
    assert "booking-report" not in response.content.decode()  # no menu item either


def test_an_editor_sees_every_organisations_figures_and_the_report_in_the_menu(client, users):
    client.force_login(users.editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert panel_figures(response) == expected_panel(None)
    assert "booking-report" in response.content.decode()


def test_someone_of_no_organisation_gets_no_panel(client, users):
    client.force_login(users.stranger)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert panel_figures(response) is None


def test_the_report_is_refused_to_partners_and_strangers_and_sends_anonymous_to_log_in(
    client, users
):
    for user in (users.partner, users.stranger):
        client.force_login(user)
        for query in ({}, {"format": "csv"}):
            response = client.get(reverse(REPORT), query)
            assert response.status_code == 403
            assert "text/csv" not in response["Content-Type"]
    client.logout()
    response = client.get(reverse(REPORT))
    assert response.status_code == 302 and "login" in response["Location"]


# --- the report page -------------------------------------------------------------------------


def period(data) -> dict[str, str]:
    return {"date_from": data.first.isoformat(), "date_to": data.last.isoformat()}


def table_cells(response) -> list[list[str]]:
    table = soup(response).find("table", class_="report-table")
    return [
        [cell.get_text(strip=True) for cell in row.find_all(["td", "th"])]
        for row in table.select("tbody tr, tfoot tr")
    ]


def plain(cell: str) -> str:
    return cell.replace(",", "").replace("¥", "").replace("%", "").replace("—", "")


def test_the_page_shows_the_table_and_charts_and_the_csv_has_the_same_rows(client, users, data):
    client.force_login(users.editor)
    response = client.get(reverse(REPORT), period(data))
    assert response.status_code == 200
    html = response.content.decode()
    charts = soup(response).find_all("svg", role="img")
    assert len(charts) == 3
    assert all(chart.find("title") and chart.get("aria-label") for chart in charts)
    assert "<script src" not in html.split('id="main"')[1].split("</main>")[0]

    export = client.get(reverse(REPORT), {**period(data), "format": "csv"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    report = reports.report(reports.Filters(data.first, data.last))
    assert len(rows) == 1 + len(report.rows) + 1  # headings, rows, totals
    assert [[plain(cell) for cell in row] for row in table_cells(response)] == rows[1:]
    assert rows[-1][3] == str(report.total.bookings)
    assert rows[-1][-1] == str(report.total.revenue)
    by_row = {(r[0], r[1], r[2]): r for r in rows[1:-1]}
    for row in report.rows:
        values = by_row[(row.month.strftime("%Y-%m"), row.area, row.kind_label)]
        assert values[3:5] == [str(row.figures.bookings), str(row.figures.guests)]


def test_filters_narrow_the_table(client, users, data):
    client.force_login(users.editor)
    response = client.get(reverse(REPORT), {**period(data), "kind": Offer.Kind.DESK})
    rows = table_cells(response)[:-1]
    desks = reports.report(reports.Filters(data.first, data.last, kind=Offer.Kind.DESK))
    assert len({row[2] for row in rows}) == 1
    assert (
        len(rows)
        == len(desks.rows)
        < len(reports.report(reports.Filters(data.first, data.last)).rows)
    )


def test_bad_filters_get_a_clear_message_not_an_error(client, users, data):
    client.force_login(users.editor)
    for query in (
        {"date_from": "yesterday", "date_to": "2025-13-40"},
        {"date_from": "2025-06-30", "date_to": "2025-06-01"},
        {"date_from": "2000-01-01", "date_to": "2025-01-01"},
        {**period(data), "area": "999999"},
        {**period(data), "kind": "spaceship"},
    ):
        response = client.get(reverse(REPORT), query)
        assert response.status_code == 400, query
        assert soup(response).select(".error-message, .help-critical"), query
        assert client.get(reverse(REPORT), {**query, "format": "csv"}).status_code == 400


def test_the_report_defaults_to_the_last_twelve_months(client, users):
    client.force_login(users.editor)
    response = client.get(reverse(REPORT))
    assert response.status_code == 200
    months = soup(response).find(id="chart-revenue-by-month").find_all("rect")
    assert len(months) == 12


# --- a bounded number of queries -------------------------------------------------------------


def queries(client, url, params=None) -> int:
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured.captured_queries)


def test_the_report_and_the_dashboard_cost_the_same_queries_with_three_times_the_bookings(
    client, users, data
):
    client.force_login(users.editor)
    home, report = reverse("wagtailadmin_home"), reverse(REPORT)
    before = (
        queries(client, home),
        queries(client, report, period(data)),
        queries(client, report, {**period(data), "format": "csv"}),
    )
    assert Booking.objects.count() == 120
    add_bookings(data.offers, 240, data.rng)
    after = (
        queries(client, home),
        queries(client, report, period(data)),
        queries(client, report, {**period(data), "format": "csv"}),
    )
    assert after == before
    with CaptureQueriesContext(connection) as captured:
        reports.report(reports.Filters(data.first, data.last))
    assert len(captured.captured_queries) <= 7
