"""Search, as a visitor on a phone uses it: the results come first and the filters fold into one
bar that says how many are on; Wi-Fi is searched by its measured download speed (an old "Fast
Wi-Fi" link still works); office cards show the measured speeds and when they were measured;
every result's price says what it is for."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking.models import Offer, PriceCategory
from tests.factories import AmenityFactory, block
from tests.html import soup, visible_text
from tests.trees import build_tree, image_with_renditions
from tests.workation.search_factories import desk_day, listed_offer, nights, slot, soon
from workation.models import Amenity
from workation.search.filters import LEGACY_FAST_WIFI_MBPS

pytestmark = pytest.mark.django_db

URL = "/ja/search/"


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home)


def office(tree, title: str, down: int | None, up: int | None = None, **kwargs) -> Offer:
    """A bookable desk at an office with this measured Wi-Fi (None: never measured)."""
    offer = listed_offer(
        tree,
        Offer.Kind.DESK,
        page_kwargs={
            "title": title,
            "wifi_down_mbps": down,
            "wifi_up_mbps": up,
            "wifi_measured_on": dt.date(2026, 10, 3) if down is not None else None,
        },
        **kwargs,
    )
    slot(offer, soon(5))
    return offer


def titles(response) -> list[str]:
    assert response.status_code == 200
    return sorted(a.get_text(strip=True) for a in soup(response).select(".card__title a"))


# --- Wi-Fi by measured speed ---------------------------------------------------------------------


def test_a_minimum_wifi_speed_keeps_places_measured_that_fast_and_leaves_out_unmeasured_ones(
    tree, client
):
    office(tree, "光回線オフィス", 940, 870)
    office(tree, "港のラウンジ", 120, 80)
    office(tree, "未測定のオフィス", None)
    stay = listed_offer(tree, Offer.Kind.STAY, page_kwargs={"title": "海辺の宿"})
    slot(stay, soon(5))

    assert titles(client.get(URL, {"wifi_min": 100})) == ["光回線オフィス", "港のラウンジ"]
    assert titles(client.get(URL, {"wifi_min": 300})) == ["光回線オフィス"]
    assert titles(client.get(URL, {"wifi_min": ""})) == [
        "光回線オフィス",
        "未測定のオフィス",
        "海辺の宿",
        "港のラウンジ",
    ]


def test_the_speed_is_a_labelled_choice_and_the_fast_wifi_checkbox_is_gone(tree, client):
    AmenityFactory(name="高速Wi-Fi", icon="wifi")
    AmenityFactory(name="駐車場", icon="parking")

    form = soup(client.get(URL)).select_one("form.search-form")

    select = form.select_one('select[name="wifi_min"]')
    assert (
        form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
        == "Wi-Fiの速度（下り）"
    )
    options = [(o["value"], o.get_text(strip=True)) for o in select.find_all("option")]
    assert options == [
        ("", "指定なし"),
        ("30", "30 Mbps以上"),
        ("50", "50 Mbps以上"),
        ("100", "100 Mbps以上"),
        ("300", "300 Mbps以上"),
    ]
    amenities = [label.get_text(strip=True) for label in form.select(".choice")]
    assert "駐車場" in amenities and "高速Wi-Fi" not in amenities


def test_an_old_fast_wifi_link_goes_to_the_minimum_speed_keeping_its_other_filters(
    tree, client, locale_en
):
    wifi = AmenityFactory(name="高速Wi-Fi", icon="wifi")
    wifi_en = AmenityFactory(
        name="Fast Wi-Fi", icon="wifi", locale=locale_en, translation_key=wifi.translation_key
    )
    parking = AmenityFactory(name="駐車場", icon="parking")
    fast = office(tree, "光回線オフィス", 940, amenities=[wifi, parking])
    office(tree, "未測定のオフィス", None, amenities=[wifi, parking])
    office(tree, "遅い回線のオフィス", 20, amenities=[wifi, parking])

    response = client.get(URL, {"amenities": [wifi.pk, parking.pk], "kind": "desk"})

    assert response.status_code == 301
    assert response["Location"] == (
        f"{URL}?amenities={parking.pk}&kind=desk&wifi_min={LEGACY_FAST_WIFI_MBPS}"
    )
    assert titles(client.get(response["Location"])) == [fast.page.title]
    english = client.get("/en/search/", {"amenities": wifi_en.pk}, follow=True)
    assert english.redirect_chain == [(f"/en/search/?wifi_min={LEGACY_FAST_WIFI_MBPS}", 301)]
    assert titles(english) == [fast.page.title]
    chosen = client.get(URL, {"amenities": wifi.pk, "wifi_min": 300})
    assert chosen["Location"] == f"{URL}?wifi_min=300"  # a speed the link asks for is kept
    assert Amenity.objects.filter(icon="wifi").count() == 2  # nothing was deleted


@pytest.mark.parametrize("value", ["75", "fast", "9" * 40])
def test_a_speed_that_is_not_offered_is_explained_not_a_server_error(tree, client, value):
    office(tree, "光回線オフィス", 940)

    response = client.get("/en/search/", {"wifi_min": value})

    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary").get_text(" ")
    assert "Wi-Fi download speed" in summary and "Select a valid choice" in summary
    assert titles(response) == []


# --- what the cards show -------------------------------------------------------------------------


def test_office_cards_show_the_measured_speeds_and_month_in_the_pages_language(
    tree, client, home_en, translate_page
):
    offer = office(tree, "港のラウンジ", 120, 80)
    office(tree, "未測定のオフィス", None)

    ja = client.get(URL, {"kind": "desk"})
    cards = {
        card.select_one(".card__title").get_text(strip=True): card
        for card in soup(ja).select(".card")
    }

    wifi = cards["港のラウンジ"].select_one(".card__wifi")
    assert (
        " ".join(wifi.get_text(" ").split())
        == "↓ 下り 120 Mbps ↑ 上り 80 Mbps （ 2026年10月 測定）"
    )
    assert wifi.time["datetime"] == "2026-10"
    assert [s.get_text() for s in wifi.select('span[aria-hidden="true"]')] == ["↓", "↑"]
    assert cards["未測定のオフィス"].select_one(".card__wifi") is None

    translate_page(tree.partner_index, title="Partners", slug="partners-en")
    translate_page(offer.page.get_parent().specific, title="Partner", slug="partner-en")
    translate_page(offer.page.specific, title="Harbour lounge", slug="harbour-lounge-en")
    en = client.get("/en/search/", {"kind": "desk", "wifi_min": 100})
    text = visible_text(en).replace(" )", ")")  # the text joins the <time> with a space
    assert "↓ Download 120 Mbps ↑ Upload 80 Mbps (measured October 2026)" in text


def test_the_offices_listing_cards_show_the_measured_wifi_too(tree, client):
    response = client.get(tree.offices.url)

    card = soup(response).select_one(".card__wifi")
    assert card is not None
    assert "940 Mbps" in card.get_text() and "870 Mbps" in card.get_text()  # the factory's line


def test_each_result_says_what_its_price_is_for(tree, client):
    room = listed_offer(
        tree,
        Offer.Kind.STAY,
        page_kwargs={
            "title": "海辺の宿",
            "room_types": [
                block(
                    "room",
                    {"name": "和室", "capacity": 2, "beds": "", "price_from": 9900},
                )
            ],
        },
        name="和室",
        price=9900,
    )
    nights(room, soon(5), 1)
    desk = listed_offer(tree, Offer.Kind.DESK, page_kwargs={"title": "白浜デスク"}, price=2200)
    PriceCategory.objects.create(offer=desk, code="half", name="半日", price=1320, sort_order=1)
    desk_day(desk, soon(5))
    tour = listed_offer(tree, page_kwargs={"title": "みかん狩り"}, price=3300)
    slot(tour, soon(5))

    response = client.get(URL)

    prices = {
        card.select_one(".card__title").get_text(strip=True): " ".join(
            card.select_one(".card__price").get_text(" ").split()
        )
        for card in soup(response).select(".card")
    }
    assert prices == {
        "海辺の宿": "¥9,900〜（税込） 1室1泊あたり（2名まで）",
        "白浜デスク": "¥1,320〜（税込） 1席半日あたり",
        "みかん狩り": "¥3,300〜（税込） 1人1回あたり",
    }


# --- results first, filters folded ---------------------------------------------------------------


def test_the_results_come_first_with_the_filters_folded_into_one_bar(tree, client):
    office(tree, "光回線オフィス", 940)

    page = soup(client.get(URL))

    details = page.select_one("details.search-filters")
    assert details is not None and not details.has_attr("open")
    assert details.select_one("summary").get_text(" ", strip=True) == "絞り込み"  # none on
    assert details.select_one("form.search-form") is not None
    results = page.select_one("#results-heading")
    assert results.find_previous("details") is details  # the bar, then the results
    assert results.find_next(class_="card") is not None


def test_the_bar_counts_the_filters_on(tree, client):
    parking = AmenityFactory(name="駐車場", icon="parking")
    quiet = AmenityFactory(name="静かな席", icon="quiet")
    params = {
        "kind": "desk",
        "date_from": soon(3).isoformat(),
        "date_to": soon(6).isoformat(),
        "people": 2,
        "amenities": [parking.pk, quiet.pk],
        "wifi_min": 50,
        "sort": "price",
    }

    summary = soup(client.get(URL, params)).select_one("details.search-filters summary")

    # kind, the dates (once), people, two amenities and the speed; the order is no filter
    assert summary.select_one(".search-filters__count").get_text(strip=True) == "6件を指定中"
    english = soup(client.get("/en/search/", {"wifi_min": 50})).select_one("summary")
    assert english.get_text(" ", strip=True) == "Filters 1 active"


def test_a_search_with_an_error_opens_the_filters_to_show_it(tree, client):
    details = soup(client.get(URL, {"people": "abc"})).select_one("details.search-filters")

    assert details.has_attr("open")
    assert details.select_one(".error-summary") is not None


def test_a_results_page_with_a_speed_filter_costs_the_same_queries_however_many_match(tree, client):
    params = {"wifi_min": 100, "date_from": soon(3).isoformat(), "date_to": soon(6).isoformat()}

    def add(count: int) -> None:
        for index in range(count):
            offer = office(tree, f"オフィス{index}", 500, 400)
            offer.page.listing_image = image_with_renditions()
            offer.page.save_revision().publish()
            stay = listed_offer(tree, Offer.Kind.STAY)
            nights(stay, soon(3), 3)  # no measured Wi-Fi: not a result

    def warm() -> tuple[int, int]:
        assert client.get(URL, params).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, params)
        return len(soup(response).select(".card__wifi")), len(captured.captured_queries)

    add(1)
    few_cards, few = warm()
    add(5)
    many_cards, many = warm()

    assert (few_cards, many_cards) == (1, 6)
    assert many == few
