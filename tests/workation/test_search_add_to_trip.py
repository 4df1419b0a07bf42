""" "Add to trip" from the search results (issue 16): a stay or a desk found for searched dates
goes into the trip in one step and the visitor comes back to the results with a message; an
experience (it needs a time) links to its booking form on the card's date; a request-to-book
offer offers nothing; `next` is followed only to this site; and the buttons add no query per
result."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from booking.models import Offer, PriceCategory, Slot, TripPlanItem
from booking.views.trip_plan import COUNT_COOKIE
from tests.html import soup, visible_text
from tests.workation.search_factories import desk_day, listed_offer, nights, slot, soon

pytestmark = pytest.mark.django_db

URL = "/ja/search/"
PLAN_URL = "/ja/trip/"


def card_of(response, offer: Offer):
    """The result card whose title is the offer's page."""
    assert response.status_code == 200
    for card in soup(response).select("article.card"):
        if card.select_one(".card__title a").get_text(strip=True) == offer.page.title:
            return card
    raise AssertionError(f"no card for {offer.page.title}")


def form_data(form) -> dict[str, str]:
    return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


def add_from_card(client, offer: Offer, search_url: str, **overrides):
    """Press the card's "Add to trip" as a browser would: its form's fields, to its action."""
    form = card_of(client.get(search_url), offer).select_one("form.card__add")
    assert form is not None and form["method"] == "post"
    return client.post(form["action"], {**form_data(form), **overrides})


def planned(offer: Offer) -> TripPlanItem:
    (item,) = TripPlanItem.objects.filter(offer=offer)
    return item


def test_a_stay_found_for_dates_and_two_rooms_goes_into_the_trip_and_back_to_the_results(tree):
    client = Client(enforce_csrf_checks=True)  # the card's form carries the page's token
    inn = listed_offer(tree, Offer.Kind.STAY, prices=(9000, 7000), page_kwargs={"title": "白良荘"})
    nights(inn, soon(3), 3, capacity=3)
    search_url = (
        f"{URL}?kind=stay&date_from={soon(3).isoformat()}&date_to={soon(5).isoformat()}&rooms=2"
    )

    button = card_of(client.get(search_url), inn).select_one("form.card__add button")
    assert button["type"] == "submit"
    assert button.get_text(" ", strip=True).startswith("旅程に追加")
    assert "白良荘" in button.select_one(".visually-hidden").get_text()
    response = add_from_card(client, inn, search_url)

    assert response.status_code == 302 and response.url == search_url
    assert response.cookies[COUNT_COOKIE].value == "1"
    item = planned(inn)
    cheaper = PriceCategory.objects.get(offer=inn, price=7000)
    two_nights = list(
        Slot.objects.filter(offer=inn, date__in=[soon(3), soon(4)]).values_list("pk", flat=True)
    )
    assert item.parts == [
        {"slots": [pk], "category": cheaper.pk, "quantity": 2} for pk in sorted(two_nights)
    ]
    assert (item.first_day, item.last_day) == (soon(3), soon(4))
    back = client.get(response.url)
    notices = soup(back).select_one(".notices")
    assert notices is not None and "旅程に追加しました。" in notices.get_text()


def test_a_desk_found_for_a_span_adds_those_full_days_for_the_people_searched(tree, client):
    office = listed_offer(tree, Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    for day in (soon(4), soon(5), soon(6)):
        desk_day(office, day)
    search_url = (
        f"{URL}?kind=desk&date_from={soon(4).isoformat()}&date_to={soon(5).isoformat()}&people=2"
    )

    response = add_from_card(client, office, search_url)

    assert response.status_code == 302 and response.url == search_url
    item = planned(office)
    assert (item.first_day, item.last_day) == (soon(4), soon(5))
    assert [part["quantity"] for part in item.parts] == [2, 2]
    halves = [
        sorted(Slot.objects.filter(offer=office, date=day).values_list("pk", flat=True))
        for day in (soon(4), soon(5))
    ]
    assert [sorted(part["slots"]) for part in item.parts] == halves
    assert "旅程に追加しました。" in visible_text(client.get(search_url))


def test_a_desk_found_for_one_date_adds_one_day_for_one_person(tree, client):
    office = listed_offer(tree, Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    desk_day(office, soon(4))
    desk_day(office, soon(5))

    response = add_from_card(client, office, f"{URL}?date={soon(4).isoformat()}")

    assert response.status_code == 302
    item = planned(office)
    assert (item.first_day, item.last_day) == (soon(4), soon(4))
    assert [part["quantity"] for part in item.parts] == [1]


def test_an_experience_links_to_its_booking_form_on_the_cards_date(tree, client):
    farm = listed_offer(tree, Offer.Kind.EXPERIENCE, page_kwargs={"title": "梅しごと体験"})
    slot(farm, soon(5))

    card = card_of(client.get(URL, {"date_from": soon(4), "date_to": soon(6)}), farm)

    assert card.select_one("form") is None
    link = card.select_one(".card__actions a")
    assert link["href"] == f"/ja/booking/offers/{farm.pk}/?date={soon(5).isoformat()}#book"
    assert link.get_text(" ", strip=True).startswith("時間を選んで旅程に追加")
    assert "梅しごと体験" in link.select_one(".visually-hidden").get_text()
    assert client.get(link["href"].split("#")[0]).status_code == 200


def test_a_stay_without_searched_dates_links_to_choosing_dates(tree, client):
    inn = listed_offer(tree, Offer.Kind.STAY)
    nights(inn, soon(3), 2)

    card = card_of(client.get(URL, {"kind": "stay"}), inn)

    assert card.select_one("form") is None
    link = card.select_one(".card__actions a")
    assert link["href"] == f"/ja/booking/offers/{inn.pk}/?date={soon(3).isoformat()}#book"
    assert link.get_text(" ", strip=True).startswith("日程を選んで旅程に追加")


def test_a_request_to_book_offer_shows_no_add_to_trip(tree, client):
    inn = listed_offer(tree, Offer.Kind.STAY, instant_booking=False)
    nights(inn, soon(3), 2)

    response = client.get(URL, {"date_from": soon(3), "date_to": soon(5)})

    card = card_of(response, inn)
    assert card.select_one(".card__actions") is None
    assert "旅程に追加" not in card.get_text()
    assert "add-to-trip" not in str(card)


def test_an_external_next_falls_back_to_the_plan_page(tree, client):
    inn = listed_offer(tree, Offer.Kind.STAY)
    nights(inn, soon(3), 2)
    search_url = f"{URL}?date_from={soon(3).isoformat()}&date_to={soon(5).isoformat()}"

    response = add_from_card(client, inn, search_url, next="https://evil.example/ja/search/")

    assert response.status_code == 302 and response.url == PLAN_URL
    assert planned(inn).first_day == soon(3)


def test_a_refusal_still_shows_the_offer_page_with_the_reason(tree, client):
    inn = listed_offer(tree, Offer.Kind.STAY)
    nights(inn, soon(3), 2)
    search_url = f"{URL}?date_from={soon(3).isoformat()}&date_to={soon(5).isoformat()}"
    form = card_of(client.get(search_url), inn).select_one("form.card__add")
    Offer.objects.filter(pk=inn.pk).update(instant_booking=False)  # the host changed it since

    response = client.post(form["action"], form_data(form))

    assert response.status_code == 400
    assert not TripPlanItem.objects.exists()
    assert "旅程に入れられません" in visible_text(response)
    assert soup(response).select_one("#book") is not None


def _queries(client, params) -> tuple[int, int]:
    assert client.get(URL, params).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    return len(soup(response).select(".card__actions")), len(ctx.captured_queries)


def test_the_add_to_trip_buttons_cost_no_query_per_result(tree, client):
    params = {"date_from": soon(3).isoformat(), "date_to": soon(5).isoformat(), "rooms": 1}

    def add(count: int) -> None:
        for index in range(count):
            # the kinds whose card has a form (each page model present costs its own query)
            kind = (Offer.Kind.STAY, Offer.Kind.DESK)[index % 2]
            offer = listed_offer(tree, kind, prices=(8000, 6000))
            if kind == Offer.Kind.STAY:
                nights(offer, soon(3), 2)
            else:
                desk_day(offer, soon(3) + timedelta(days=1))

    add(2)
    few_cards, few = _queries(client, params)
    add(4)
    many_cards, many = _queries(client, params)

    assert (few_cards, many_cards) == (2, 6)
    assert many == few
    forms = soup(client.get(URL, params)).select("form.card__add")
    assert len(forms) == 6
