"""Search: visitors find what they can book for their dates and group, in their language.

Each filter narrows the results a visitor sees; availability is part of the search (a full slot,
a closed slot, a stay missing a night are not offered; an expired hold blocks no one); the order,
the pages and the filters survive every link; bad input gives a message, never a server error;
a results page costs the same number of queries however many offers match; and a property test
holds the SQL to a brute-force count.
"""

from datetime import time, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from booking.models import Booking, Offer, Slot
from booking.services.availability import Window
from booking.services.jst import today
from tests.factories import AmenityFactory, ExperienceCategoryFactory, LanguageFactory
from tests.html import soup, visible_text
from tests.trees import build_tree, image_with_renditions
from tests.workation.search_factories import (
    area_page,
    book,
    desk_day,
    listed_offer,
    nights,
    slot,
    soon,
)
from workation.search import queries as search

pytestmark = pytest.mark.django_db

URL = "/ja/search/"


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home)


def titles(response) -> list[str]:
    """The result cards' titles, in the order shown."""
    assert response.status_code == 200
    return [a.get_text(strip=True) for a in soup(response).select(".card__title a")]


def results(client, **params) -> list[str]:
    return titles(client.get(URL, params))


def titled(offer: Offer) -> str:
    return offer.page.title


def bookable(tree, kind=Offer.Kind.EXPERIENCE, day=None, capacity=5, **kwargs) -> Offer:
    """An offer of the kind with room on `day` (a night for stays, both halves for desks)."""
    offer = listed_offer(tree, kind, **kwargs)
    day = day or soon(5)
    if offer.unit == Offer.Unit.DESK_DAY:
        desk_day(offer, day, capacity)
    else:
        slot(offer, day, capacity)
    return offer


# --- each filter -------------------------------------------------------------------------------


def test_the_search_page_lists_bookable_offers_with_price_next_date_and_places_left(tree, client):
    offer = bookable(tree, price=5500, capacity=4, page_kwargs={"title": "梅干しづくり"})
    book(Slot.objects.get(offer=offer), 1)

    response = client.get(URL)

    assert titles(response) == ["梅干しづくり"]
    text = visible_text(response)
    assert "¥5,500" in text
    assert "空き3" in text  # "3 places free" on /ja/
    assert f"{soon(5).month}月{soon(5).day}日" in text
    assert "予約できるプラン：1件" in text  # "1 offer available"


def test_kind_shows_only_desks_stays_or_experiences(tree, client):
    desk = bookable(tree, Offer.Kind.DESK)
    stay = bookable(tree, Offer.Kind.STAY)
    experience = bookable(tree, Offer.Kind.EXPERIENCE)

    assert results(client, kind="stay") == [titled(stay)]
    assert results(client, kind="desk") == [titled(desk)]
    assert results(client, kind="experience") == [titled(experience)]
    assert len(results(client)) == 3


def test_area_by_slug_or_id_shows_only_that_areas_offers(tree, client):
    koya = area_page(tree, title="高野山", slug="koyasan")
    here = bookable(tree)
    there = bookable(tree, area=koya)

    assert results(client, area="koyasan") == [titled(there)]
    assert results(client, area=str(koya.pk)) == [titled(there)]
    assert results(client, area="shirahama") == [titled(here)]


def test_category_shows_only_experiences_of_that_category(tree, client):
    fishing = ExperienceCategoryFactory(name="釣り", slug="fishing")
    farming = ExperienceCategoryFactory(name="農業", slug="farming")
    caught = bookable(tree, category=fishing)
    bookable(tree, category=farming)
    bookable(tree, Offer.Kind.STAY)

    assert results(client, category="fishing") == [titled(caught)]


def test_one_date_shows_offers_free_that_day(tree, client):
    that_day = bookable(tree, day=soon(4))
    bookable(tree, day=soon(6))

    assert results(client, date=soon(4).isoformat()) == [titled(that_day)]
    assert results(client, date_from=soon(4).isoformat()) == [titled(that_day)]


def test_a_date_range_shows_desks_and_experiences_free_on_any_day_in_it(tree, client):
    early = bookable(tree, day=soon(3))
    late = bookable(tree, Offer.Kind.DESK, day=soon(6))
    bookable(tree, day=soon(9))

    found = results(client, date_from=soon(3).isoformat(), date_to=soon(6).isoformat())

    assert sorted(found) == sorted([titled(early), titled(late)])


def test_people_shows_only_offers_with_that_many_places_free(tree, client):
    roomy = bookable(tree, capacity=6)
    small = bookable(tree, capacity=6)
    book(Slot.objects.get(offer=small), 4)

    assert sorted(results(client, people=2)) == sorted([titled(roomy), titled(small)])
    assert results(client, people=3) == [titled(roomy)]
    assert results(client, people=7) == []


def test_people_beyond_an_offers_booking_limits_are_not_offered(tree, client):
    private_tour = bookable(tree, capacity=10, min_per_booking=4)
    small_group = bookable(tree, capacity=10, max_per_booking=3)

    assert results(client, people=2) == [titled(small_group)]
    assert results(client, people=5) == [titled(private_tour)]


def test_rooms_count_for_stays(tree, client):
    stay = listed_offer(tree, Offer.Kind.STAY)
    nights(stay, soon(5), 1, capacity=2)

    assert results(client, kind="stay", rooms=2) == [titled(stay)]
    assert results(client, kind="stay", rooms=3) == []


def test_price_ceiling_compares_the_lowest_price(tree, client):
    cheap = bookable(tree, price=3000)
    bookable(tree, price=8000)
    several = bookable(tree, prices=(9000, 4500))

    assert sorted(results(client, price_max=5000)) == sorted([titled(cheap), titled(several)])
    assert results(client, price_max=3000) == [titled(cheap)]


def test_amenities_show_places_with_every_one_chosen(tree, client):
    wifi = AmenityFactory(name="高速Wi-Fi")
    parking = AmenityFactory(name="駐車場")
    both = bookable(tree, Offer.Kind.DESK, amenities=[wifi, parking])
    bookable(tree, Offer.Kind.DESK, amenities=[wifi])

    assert results(client, amenities=[wifi.pk, parking.pk]) == [titled(both)]
    assert len(results(client, amenities=[wifi.pk])) == 2


def test_host_language_shows_places_whose_host_speaks_it(tree, client):
    english = LanguageFactory(code="en", name="English")
    japanese = LanguageFactory(code="ja", name="日本語")
    spoken = bookable(tree, languages=[english, japanese])
    bookable(tree, languages=[japanese])

    assert results(client, language="en") == [titled(spoken)]


# --- availability -------------------------------------------------------------------------------


def test_a_full_slot_is_not_offered(tree, client):
    offer = bookable(tree, capacity=2)
    book(Slot.objects.get(offer=offer), 2)

    assert results(client) == []
    assert "この条件で空きのあるプランはありません。" in visible_text(client.get(URL))


def test_a_live_hold_takes_its_places_and_an_expired_one_does_not(tree, client):
    held = bookable(tree, capacity=2)
    expired = bookable(tree, capacity=2)
    book(Slot.objects.get(offer=held), 2, status=Booking.Status.HELD)
    book(
        Slot.objects.get(offer=expired),
        2,
        status=Booking.Status.AWAITING_PAYMENT,
        expires=timezone.now() - timedelta(minutes=1),
    )

    assert results(client, people=2) == [titled(expired)]


def test_cancelled_bookings_give_their_places_back(tree, client):
    offer = bookable(tree, capacity=2)
    book(Slot.objects.get(offer=offer), 2, status=Booking.Status.CANCELLED)

    assert results(client, people=2) == [titled(offer)]


def test_a_closed_or_started_slot_is_not_offered(tree, client):
    closed = listed_offer(tree)
    slot(closed, soon(5), 5, closed=True)
    started = listed_offer(tree)
    slot(started, today(), 5, starts=time(0, 0), ends=time(0, 1))

    assert results(client) == []


def test_lead_time_and_same_day_cut_off_hide_slots_too_close_to_book(tree, client):
    needs_notice = listed_offer(tree, lead_time_hours=24 * 30)
    slot(needs_notice, soon(3))
    in_time = listed_offer(tree, lead_time_hours=24)
    slot(in_time, soon(3))
    closes_early = listed_offer(tree, same_day_cutoff=time(0, 0))
    slot(closes_early, today(), starts=time(23, 59), ends=time(23, 59, 30))

    assert results(client) == [titled(in_time)]


def test_a_stay_needs_a_free_room_every_night_from_check_in_to_check_out(tree, client):
    every_night = listed_offer(tree, Offer.Kind.STAY)
    nights(every_night, soon(3), 3, capacity=1)
    one_full = listed_offer(tree, Offer.Kind.STAY)
    booked = nights(one_full, soon(3), 3, capacity=1)
    book(booked[1], 1)
    one_missing = listed_offer(tree, Offer.Kind.STAY)
    nights(one_missing, soon(3), 1, capacity=1)
    nights(one_missing, soon(5), 1, capacity=1)

    stays = results(client, date_from=soon(3).isoformat(), date_to=soon(6).isoformat())

    assert stays == [titled(every_night)]
    text = visible_text(client.get(URL, {"date_from": soon(3), "date_to": soon(6)}))
    assert "3泊" in text  # "3 nights"
    # The check-out day needs no night: two nights fit the one with the third night booked.
    assert sorted(results(client, date_from=soon(3), date_to=soon(4))) == sorted(
        [titled(every_night), titled(one_full), titled(one_missing)]
    )


def test_a_desk_sold_by_the_day_needs_its_morning_and_afternoon(tree, client):
    whole = listed_offer(tree, Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    desk_day(whole, soon(4), 1)
    half_gone = listed_offer(tree, Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    _, afternoon = desk_day(half_gone, soon(4), 1)
    book(afternoon, 1)
    half_day = listed_offer(tree, Offer.Kind.DESK, unit=Offer.Unit.DESK_HALF_DAY)
    _, afternoon = desk_day(half_day, soon(4), 1)
    book(afternoon, 1)

    found = results(client, date=soon(4).isoformat())

    assert sorted(found) == sorted([titled(whole), titled(half_day)])


def test_offers_not_on_sale_or_on_unpublished_or_private_pages_are_not_listed(tree, client):
    bookable(tree, active=False)
    draft = bookable(tree)
    draft.page.unpublish()
    private = bookable(tree)
    PageViewRestriction.objects.create(
        page=private.page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    shown = bookable(tree)

    assert results(client) == [titled(shown)]


# --- order and pages ---------------------------------------------------------------------------


def test_sorting_by_price_or_by_the_soonest_date(tree, client):
    later_cheap = bookable(tree, day=soon(8), price=2000)
    sooner_dear = bookable(tree, day=soon(2), price=9000)
    middle = bookable(tree, day=soon(5), price=5000)

    assert results(client) == [titled(sooner_dear), titled(middle), titled(later_cheap)]
    assert results(client, sort="price") == [
        titled(later_cheap),
        titled(middle),
        titled(sooner_dear),
    ]
    assert results(client, sort="-price") == [
        titled(sooner_dear),
        titled(middle),
        titled(later_cheap),
    ]


def test_sort_links_keep_the_filters(tree, client):
    bookable(tree)

    response = client.get(URL, {"kind": "experience", "people": 2})

    links = [a["href"] for a in soup(response).select('nav[aria-label="並べ替え"] a')]
    assert links and all("kind=experience" in link and "people=2" in link for link in links)


def test_results_come_twelve_a_page_and_the_next_page_keeps_the_filters(tree, client):
    for index in range(13):
        bookable(tree, price=1000 + index)
    bookable(tree, Offer.Kind.STAY)

    first = client.get(URL, {"kind": "experience", "sort": "price"})

    assert len(titles(first)) == 12
    assert "予約できるプラン：13件" in visible_text(first)
    next_link = soup(first).select_one('a[rel="next"]')["href"]
    assert "kind=experience" in next_link and "sort=price" in next_link and "page=2" in next_link
    second = client.get(URL + next_link)
    assert len(titles(second)) == 1
    assert "¥1,012" in visible_text(second)


def test_a_page_number_out_of_range_or_not_a_number_shows_a_page_of_results(tree, client):
    bookable(tree)

    assert len(results(client, page=999)) == 1
    assert len(results(client, page="abc")) == 1


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date": "2026-13-45"}, "Enter a valid date."),
        ({"date_from": "yesterday"}, "Enter a valid date."),
        ({"people": "-1"}, "greater than or equal to 1."),
        ({"people": "abc"}, "Enter a whole number."),
        ({"people": "9" * 40}, "less than or equal to 50."),
        ({"rooms": "0"}, "greater than or equal to 1."),
        ({"price_max": "1e99"}, "Enter a whole number."),
        ({"area": "atlantis"}, "Select a valid choice."),
        ({"area": "9" * 40}, "Select a valid choice."),
        ({"category": "no-such"}, "Select a valid choice."),
        ({"amenities": ["x"]}, "Select a valid choice."),
        ({"amenities": ["9" * 40]}, "Select a valid choice."),
        ({"language": "tlh"}, "Select a valid choice."),
        ({"kind": "spaceship"}, "Select a valid choice."),
        ({"sort": "random"}, "Select a valid choice."),
        ({"date": "2020-01-01"}, "Choose a day from today on."),
        ({"date": "2999-01-01"}, "Dates can be searched up to a year ahead."),
        ({"date_to": "not-a-date"}, "Enter a valid date."),
        ({"date_to": "DAY+2"}, "Choose the first day too."),
        ({"date_from": "DAY+2", "date_to": "DAY"}, "The last day is before the first."),
        ({"date": "DAY", "date_from": "DAY"}, "Choose one date or a range, not both."),
        ({"date_from": "DAY", "date_to": "DAY+200"}, "Choose a range of at most 92 days."),
        (
            {"kind": "stay", "date_from": "DAY", "date_to": "DAY"},
            "Check-out must be at least one day after check-in.",
        ),
    ],
)
def test_bad_input_shows_a_message_and_never_a_server_error(tree, client, params, message):
    bookable(tree)
    day = soon(5)
    params = {
        key: value.replace("DAY+200", (day + timedelta(days=200)).isoformat())
        .replace("DAY+2", (day + timedelta(days=2)).isoformat())
        .replace("DAY", day.isoformat())
        if isinstance(value, str)
        else value
        for key, value in params.items()
    }

    response = client.get("/en/search/", params)

    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary")
    assert summary is not None, visible_text(response)
    assert message in summary.get_text(" ")
    assert titles(response) == []


def test_a_nul_character_in_a_choice_is_refused_without_a_server_error(tree, client):
    response = client.get(URL, {"area": "sea\x00side", "amenities": ["1\x00"]})

    # A site-wide middleware may refuse NUL outright (400); otherwise the form explains it.
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert soup(response).select_one(".error-summary") is not None
        assert titles(response) == []


def test_bad_input_in_japanese_is_explained_in_japanese(tree, client):
    response = client.get(URL, {"people": "abc", "date": "2026-13-45"})

    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary").get_text()
    assert "整数を入力してください。" in summary
    assert "日付を正しく入力してください。" in summary


# --- languages, search engines, the area page --------------------------------------------------


def test_english_visitors_see_the_english_page_and_pick_the_english_area(
    tree, client, home_en, translate_page
):
    offer = bookable(tree, page_kwargs={"title": "みかん狩り体験"})
    untranslated = bookable(tree, page_kwargs={"title": "梅しごと"})
    translate_page(tree.area_index, title="Areas")
    area_en = translate_page(tree.area, title="Shirahama", slug="shirahama-en")
    translate_page(tree.partner_index, title="Partners")
    translate_page(offer.page.get_parent().specific, title="Partner")
    translate_page(offer.page.specific, title="Mikan picking")

    response = client.get("/en/search/", {"area": area_en.slug})

    assert sorted(titles(response)) == ["Mikan picking", titled(untranslated)]
    assert soup(response).find("html")["lang"] == "en"
    card = soup(response).select_one(".card__title a")
    assert card["href"].startswith("/en/") or card.get_text() == titled(untranslated)


def test_search_results_are_not_indexed_by_search_engines(tree, client):
    bookable(tree)

    response = client.get(URL, {"kind": "experience"})

    robots = soup(response).find("meta", attrs={"name": "robots"})
    assert robots is not None and "noindex" in robots["content"]


def test_the_empty_state_suggests_wider_dates(tree, client):
    bookable(tree, day=soon(20))

    response = client.get(URL, {"date": soon(5).isoformat(), "people": 2})

    empty = soup(response).select_one(".empty-state")
    assert empty is not None
    widen = empty.find("a", string=lambda s: s and "日程を広げる" in s)  # "Widen the dates"
    assert widen is not None and "date" not in widen["href"] and "people=2" in widen["href"]
    assert results(client, people=2) == results(client, **{"people": 2})


def test_the_form_works_without_script_and_labels_every_field(tree, client):
    response = client.get(URL)
    form = soup(response).select_one("form.search-form")

    assert form["method"] == "get" and form["action"] == URL
    assert form.select("fieldset > legend")
    for field in form.select("input:not([type=hidden]), select"):
        assert form.select_one(f'label[for="{field["id"]}"]') is not None, field
    assert form.select_one('button[type="submit"]') is not None


def test_the_area_search_form_searches_that_area_and_costs_no_query(tree, rf):
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load search_tags %}{% area_search_form area %}")
    with translation.override("ja"), CaptureQueriesContext(connection) as ctx:
        html = template.render(Context({"area": tree.area, "request": rf.get("/ja/")}))

    assert len(ctx.captured_queries) == 0
    assert 'action="/ja/search/"' in html
    assert 'name="area" value="shirahama"' in html
    assert 'name="date_from"' in html and 'name="people"' in html


# --- query count -------------------------------------------------------------------------------


def _warm_queries(client, params) -> CaptureQueriesContext:
    assert client.get(URL, params).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    ctx.cards = len(titles(response))
    ctx.pictures = len(soup(response).select(".card picture"))
    return ctx


def test_a_results_page_costs_the_same_queries_however_many_offers_match(tree, client):
    params = {"date_from": soon(3).isoformat(), "date_to": soon(6).isoformat(), "people": 1}

    def add(count):
        for _ in range(count):
            for kind in (Offer.Kind.DESK, Offer.Kind.EXPERIENCE, Offer.Kind.STAY):
                offer = listed_offer(
                    tree, kind, page_kwargs={"listing_image": image_with_renditions()}
                )
                if kind == Offer.Kind.STAY:
                    nights(offer, soon(3), 3)
                else:
                    slot(offer, soon(4))

    add(1)
    few = _warm_queries(client, params)
    add(4)
    many = _warm_queries(client, params)

    assert (few.cards, many.cards) == (3, 12)
    assert (few.pictures, many.pictures) == (3, 12)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 14, "\n".join(q["sql"] for q in many.captured_queries)


# --- the SQL against a brute-force count --------------------------------------------------------

DAYS = 5
STATUSES = [status.value for status in Booking.Status]
slot_data = st.tuples(
    st.integers(min_value=0, max_value=4),  # capacity
    st.booleans(),  # closed
    st.lists(  # bookings: status, hold expiry in minutes from now, quantity
        st.tuples(
            st.sampled_from(STATUSES),
            st.sampled_from([-30, 30]),
            st.integers(min_value=1, max_value=3),
        ),
        max_size=3,
    ),
)
offer_days = st.lists(st.one_of(st.none(), slot_data), min_size=DAYS, max_size=DAYS)
search_criteria = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["", "desk", "stay", "experience"]),
        "first": st.one_of(st.none(), st.integers(min_value=1, max_value=DAYS)),
        "length": st.integers(min_value=0, max_value=3),
        "people": st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
        "rooms": st.one_of(st.none(), st.integers(min_value=1, max_value=3)),
    }
)


def brute_force(offers, made, criteria, now) -> set[int]:
    """The offers a visitor could book, counted slot by slot in Python."""

    def free(slot_obj) -> int:
        taken = sum(
            line.quantity
            for line in slot_obj.lines.select_related("booking")
            if line.booking.status == "confirmed"
            or (line.booking.status in ("held", "awaiting_payment", "requested"))
            and line.booking.hold_expires_at > now
        )
        return slot_obj.capacity - taken

    found = set()
    for offer in offers:
        if criteria.kind and offer.kind != criteria.kind:
            continue
        asked = criteria.rooms if offer.kind == "stay" else criteria.people
        if asked and not offer.min_per_booking <= asked <= offer.max_per_booking:
            continue
        need = asked or max(offer.min_per_booking, 1)
        window = Window.of(criteria.demand, now)
        days = [
            window.start + timedelta(days=i) for i in range((window.end - window.start).days + 1)
        ]

        def day_ok(day, offer=offer, need=need) -> bool:
            slots = [s for s in made[offer.pk] if s.date == day]
            ok = [s for s in slots if not s.closed and s.starts_at > now and free(s) >= need]
            if offer.unit == Offer.Unit.DESK_DAY:
                return {s.part for s in ok} >= {"am", "pm"}
            return bool(ok)

        if offer.kind == "stay" and window.nights > 1:
            if all(day_ok(window.start + timedelta(days=i)) for i in range(window.nights)):
                found.add(offer.pk)
        elif any(day_ok(day) for day in days):
            found.add(offer.pk)
    return found


def test_search_finds_exactly_what_a_brute_force_count_finds(tree):
    kinds = [
        (Offer.Kind.DESK, Offer.Unit.DESK_DAY, 1),
        (Offer.Kind.DESK, Offer.Unit.DESK_HALF_DAY, 1),
        (Offer.Kind.EXPERIENCE, Offer.Unit.PERSON_SESSION, 2),
        (Offer.Kind.STAY, Offer.Unit.ROOM_NIGHT, 1),
    ]
    offers = [
        listed_offer(tree, kind, unit=unit, min_per_booking=minimum, max_per_booking=3)
        for kind, unit, minimum in kinds
    ]

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        plan=st.lists(offer_days, min_size=len(offers), max_size=len(offers)), ask=search_criteria
    )
    def check(plan, ask):
        now = timezone.now()
        with transaction.atomic():
            made = {offer.pk: [] for offer in offers}
            for offer, days in zip(offers, plan, strict=True):
                for index, data in enumerate(days):
                    if data is None:
                        continue
                    capacity, closed, bookings = data
                    day = soon(index + 1)
                    if offer.unit == Offer.Unit.DESK_DAY or offer.unit == Offer.Unit.DESK_HALF_DAY:
                        new = list(desk_day(offer, day, capacity))
                        new[0].closed = closed
                        new[0].save()
                    else:
                        new = [slot(offer, day, capacity, closed=closed)]
                    for status, minutes, quantity in bookings:
                        book(
                            new[-1],
                            quantity,
                            status=status,
                            expires=now + timedelta(minutes=minutes),
                        )
                    made[offer.pk].extend(new)
            first = soon(ask["first"]) if ask["first"] else None
            criteria = search.Criteria(
                kind=ask["kind"],
                date_from=first,
                date_to=first + timedelta(days=ask["length"]) if first else None,
                people=ask["people"],
                rooms=ask["rooms"],
            )

            found = set(search.search(criteria, now).values_list("pk", flat=True))

            assert found == brute_force(offers, made, criteria, now)
            transaction.set_rollback(True)

    check()
