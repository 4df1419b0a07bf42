"""Price labels say what a price is for, the way a booking really charges it: a stay per room
(for how many guests) or per bed for each night, an experience per person, a desk per day or per
half-day. The same words on the offer page, the place page's booking panel and price, its room
table and the cards, in Japanese and English."""

from datetime import time, timedelta

import pytest
from django.utils import translation

from booking.models import Offer
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from booking.services.price_labels import price_label
from booking.services.selection import desk_items
from tests.booking.factories import (
    OfferFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)
from tests.factories import (
    ExperiencePageFactory,
    ListingIndexPageFactory,
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StayPageFactory,
    block,
    desk,
)
from tests.html import soup, visible_text
from workation.models import ListingIndexPage

pytestmark = pytest.mark.django_db


def weekday_ahead(days: int = 10):
    """A Monday to Thursday at least `days` ahead (no weekend price, nights within the week)."""
    day = today() + timedelta(days=days)
    while day.weekday() > 3:
        day += timedelta(days=1)
    return day


def room(name: str, capacity: int, price: int, priced_per: str = "room") -> dict:
    return block(
        "room",
        {
            "name": name,
            "capacity": capacity,
            "beds": "布団",
            "price_from": price,
            "priced_per": priced_per,
            "description": "",
        },
    )


@pytest.fixture
def partner(home, site_settings):
    return PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))


@pytest.fixture
def inn(partner):
    """A guesthouse with a room for three and a shared room sold by the bed, each on sale."""
    page = StayPageFactory(
        parent=partner,
        title="港のゲストハウス",
        room_types=[room("和室", 3, 12000), room("ドミトリー", 6, 3300, priced_per="bed")],
    )
    whole = OfferFactory(
        page=page, kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, name="和室", name_en="Room"
    )
    PriceCategoryFactory(offer=whole, code="room", name="1室", name_en="Room", price=12000)
    beds = OfferFactory(
        page=page, kind=Offer.Kind.STAY, unit=Offer.Unit.BED_NIGHT, name="ドミトリー", name_en=""
    )
    PriceCategoryFactory(offer=beds, code="bed", name="1ベッド", name_en="Bed", price=3300)
    return page, whole, beds


# --- the words, in both languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "guests", "ja", "en"),
    [
        (Offer.Unit.PERSON_SESSION, None, "1人1回あたり", "per person per session"),
        (Offer.Unit.ROOM_NIGHT, None, "1室1泊あたり", "per room per night"),
        (
            Offer.Unit.ROOM_NIGHT,
            3,
            "1室1泊あたり（3名まで）",
            "per room per night, for up to 3 guests",
        ),
        (Offer.Unit.ROOM_NIGHT, 1, "1室1泊あたり（1名まで）", "per room per night, for 1 guest"),
        (Offer.Unit.BED_NIGHT, None, "1ベッド1泊あたり", "per bed per night"),
        (Offer.Unit.DESK_DAY, None, "1席1日あたり", "per desk per day"),
        (Offer.Unit.DESK_HALF_DAY, None, "1席半日あたり", "per desk per half-day"),
    ],
)
def test_each_unit_has_its_label_in_japanese_and_english(unit, guests, ja, en):
    assert price_label(unit, "ja", guests=guests) == ja
    assert price_label(unit, "en", guests=guests) == en
    with translation.override("en"):
        assert price_label(unit, guests=guests) == en  # the active language by default


# --- the label goes with what a booking charges ---------------------------------------------------


def offer_page(client, offer: Offer, language: str = "ja"):
    response = client.get(f"/{language}/booking/offers/{offer.pk}/")
    assert response.status_code == 200
    return response


def price_lines(response) -> dict[str, str]:
    """The offer page's price list: each category's name → its price and label."""
    prices = soup(response).select_one(".price-list")
    return {
        row.dt.get_text(" ", strip=True): " ".join(row.dd.get_text(" ").split())
        for row in prices.find_all("div")
    }


def test_a_desks_day_and_half_day_prices_carry_their_own_unit_as_booked(client, partner):
    office = OfficePageFactory(parent=partner, desk_types=[desk(price_day=2200, half=1320)])
    offer = OfferFactory(page=office, kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=offer, code="day", name="1日利用", name_en="Full day", price=2200)
    PriceCategoryFactory(offer=offer, code="half", name="半日利用", name_en="Half day", price=1320)
    day = weekday_ahead()
    make_slot(offer, day, part="am", starts=time(9, 0), ends=time(13, 0))
    make_slot(offer, day, part="pm", starts=time(13, 0), ends=time(18, 0))

    full = create_hold(offer, desk_items(offer, day, 1, "day", 1))
    half = create_hold(offer, desk_items(offer, day, 1, "am", 1))

    assert (full.total, half.total) == (2200, 1320)
    assert price_lines(offer_page(client, offer)) == {
        "1日利用": "¥2,200 1席1日あたり",
        "半日利用": "¥1,320 1席半日あたり",
    }
    assert price_lines(offer_page(client, offer, "en")) == {
        "Full day": "¥2,200 per desk per day",
        "Half day": "¥1,320 per desk per half-day",
    }


def test_a_room_is_charged_per_room_each_night_and_says_for_how_many(client, inn):
    page, whole, _ = inn
    nights = make_nights(whole, weekday_ahead(), 2, capacity=2)
    category = whole.price_categories.get()

    booking = create_hold(whole, [HoldItem((night.pk,), category.pk, 1) for night in nights])

    assert booking.total == 2 * 12000  # one room, two nights, whatever the guests
    assert price_lines(offer_page(client, whole)) == {"1室": "¥12,000 1室1泊あたり（3名まで）"}
    assert price_lines(offer_page(client, whole, "en")) == {
        "Room": "¥12,000 per room per night, for up to 3 guests"
    }


def test_a_shared_room_is_charged_per_bed_and_asks_for_beds(client, inn):
    _, _, beds = inn

    response = offer_page(client, beds, "en")

    assert price_lines(response) == {"Bed": "¥3,300 per bed per night"}
    legend = soup(response).select_one(".quantities legend").get_text(strip=True)
    assert legend == "Beds"
    assert price_lines(offer_page(client, beds)) == {"1ベッド": "¥3,300 1ベッド1泊あたり"}


def test_an_experience_is_charged_per_person(client, partner):
    page = ExperiencePageFactory(parent=partner, price_from=3300)
    offer = OfferFactory(page=page)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=3300)
    session = make_slot(offer, weekday_ahead())

    booking = create_hold(offer, [HoldItem((session.pk,), adult.pk, 2)])

    assert booking.total == 2 * 3300
    assert price_lines(offer_page(client, offer)) == {"大人": "¥3,300 1人1回あたり"}
    text = visible_text(client.get(page.url))
    assert text.count("¥3,300 〜 （税込） 1人1回あたり") == 2  # the booking panel, the price


# --- the place pages -----------------------------------------------------------------------------


def book_panel(response) -> list[str]:
    return [
        " ".join(line.get_text(" ").split())
        for line in soup(response).select(".book-panel .price-line")
    ]


def test_a_stay_page_labels_each_room_and_bed_price_in_both_languages(
    client, inn, home_en, translate_page
):
    page, _, _ = inn
    translate_page(page.get_parent().get_parent().specific, title="Partners", slug="partners-en")
    translate_page(page.get_parent().specific, title="Port works", slug="port-works-en")
    english = translate_page(page, title="Port guesthouse", slug="port-guesthouse-en")

    ja = client.get(page.url)
    en = client.get(english.url)

    assert book_panel(ja) == [
        "¥3,300 〜 （税込） 1ベッド1泊あたり",
        "¥12,000 〜 （税込） 1室1泊あたり（3名まで）",
    ]
    assert book_panel(en) == [
        "From ¥3,300 (tax incl.) per bed per night",
        "From ¥12,000 (tax incl.) per room per night, for up to 3 guests",
    ]
    rows = [" ".join(row.get_text(" ").split()) for row in soup(ja).select("tbody tr")]
    assert any("和室" in row and "¥12,000 1室1泊あたり（3名まで）" in row for row in rows)
    assert any("ドミトリー" in row and "¥3,300 1ベッド1泊あたり" in row for row in rows)
    # The page's "from" price is its cheapest room type: a bed in the shared room.
    assert "From ¥3,300 (tax incl.) per bed per night" in visible_text(en)


def test_a_desk_offer_from_its_half_day_price_is_labelled_per_half_day(client, partner):
    office = OfficePageFactory(parent=partner)
    offer = OfferFactory(page=office, kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=offer, code="day", price=2200, sort_order=0)
    PriceCategoryFactory(offer=offer, code="half", price=1320, sort_order=1)

    assert book_panel(client.get(office.url)) == ["¥1,320 〜 （税込） 1席半日あたり"]


# --- cards -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "make", "label"),
    [
        (
            ListingIndexPage.Kind.STAY,
            lambda parent: StayPageFactory(parent=parent, room_types=[room("和室", 2, 9900)]),
            "¥9,900〜 1室1泊あたり（2名まで）",
        ),
        (
            ListingIndexPage.Kind.STAY,
            lambda parent: StayPageFactory(
                parent=parent,
                room_types=[room("個室", 2, 6600), room("ドミトリー", 6, 3300, "bed")],
            ),
            "¥3,300〜 1ベッド1泊あたり",
        ),
        (
            ListingIndexPage.Kind.OFFICE,
            lambda parent: OfficePageFactory(parent=parent, desk_types=[desk(price_day=1650)]),
            "¥1,650〜 1席1日あたり",
        ),
        (
            ListingIndexPage.Kind.EXPERIENCE,
            lambda parent: ExperiencePageFactory(parent=parent, price_from=5500),
            "¥5,500〜 1人1回あたり",
        ),
    ],
)
def test_cards_label_their_from_price_by_what_it_is_for(client, home, partner, kind, make, label):
    make(partner)
    index = ListingIndexPageFactory(parent=home, slug=f"list-{kind}", kind=kind)

    response = client.get(index.url)

    prices = [" ".join(li.get_text(" ").split()) for li in soup(response).select(".card__price")]
    assert prices == [label]
