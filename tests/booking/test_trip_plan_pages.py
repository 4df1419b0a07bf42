"""The trip plan on the site (issue 16): "Add to trip" on an offer's page, the plan by day with
its sellers and totals, removing an item, an anonymous plan kept by its cookie and joined to
the account at sign-in, and the header's link to it, in Japanese and English."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Offer, TripPlan, TripPlanItem
from booking.services import trip_plans
from booking.services.holds import create_hold
from booking.views.trip_plan import COUNT_COOKIE, render_plan
from tests.booking.trip_plan_factories import WEEK_TOTAL, make_week
from tests.factories import (
    ExperiencePageFactory,
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StayPageFactory,
    UserFactory,
)
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home, home_en):
    return home


@pytest.fixture
def week(home):
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    return make_week(
        pages={
            Offer.Kind.STAY: StayPageFactory(parent=partner),
            Offer.Kind.DESK: OfficePageFactory(parent=partner),
            Offer.Kind.EXPERIENCE: ExperiencePageFactory(parent=partner),
        }
    )


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def stay_form(week) -> dict:
    first = week.first.isoformat()
    return {"date": first, "check_in": first, "nights": 3, f"qty_{week.room.pk}": 1}


def desk_form(week) -> dict:
    return {
        "first_day": (week.first + timedelta(days=1)).isoformat(),
        "day_count": 2,
        "part": "day",
        "desks": 1,
    }


def experience_form(week, adults: int = 2) -> dict:
    return {
        "date": week.saturday.isoformat(),
        "slot": week.session.pk,
        f"qty_{week.adult.pk}": adults,
    }


def add(client, offer, form, language: str = "ja"):
    return client.post(url("booking:add_to_trip", language, pk=offer.pk), form)


def add_week(client, week, language: str = "ja") -> None:
    for offer, form in (
        (week.farm, experience_form(week)),
        (week.office, desk_form(week)),
        (week.inn, stay_form(week)),
    ):
        response = add(client, offer, form, language)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == url("booking:trip_plan", language)


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


# --- adding from the offer's page ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_stay_desks_and_an_experience_are_added_from_their_pages_and_listed_by_day(
    client, week, language
):
    add_week(client, week, language)

    page = client.get(url("booking:trip_plan", language))

    assert page.status_code == 200
    html, words = page.content.decode(), text(page)
    days = [h.get_text(" ", strip=True) for h in soup(page).select(".trip-day__title")]
    assert len(days) == 3
    names = [h.get_text(strip=True) for h in soup(page).select(".trip-item__name")]
    if language == "ja":
        assert "旅程に追加しました。" in words
        assert names == ["海辺の和室", "フリーデスク", "梅しごと体験"]
        assert all(seller in words for seller in ("白良荘", "白浜ワークス", "紀州ファーム"))
        assert days[0].startswith(f"{week.first.year}年{week.first.month}月{week.first.day}日")
        assert "（3泊）" in words and "（2日間）" in words
        assert "うち消費税" in words and "キャンセル" in words
    else:
        assert "Added to your trip." in words
        assert names == ["Seaside room", "Hot desk", "Ume picking"]
        assert all(s in words for s in ("Shirara-so", "Shirahama Works", "Kishu Farm"))
        assert "(3 nights)" in words and "(2 days)" in words
        assert "of which consumption tax (10% on ¥53,600)" in words
    assert f"¥{WEEK_TOTAL:,}" in html and "¥4,872" in html
    checkout = soup(page).find("form", action=url("booking:trip_checkout", language))
    assert checkout is not None and checkout.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert TripPlanItem.objects.count() == 3


def test_the_offer_page_has_an_add_to_trip_button_only_for_instant_booking(client, week):
    page = soup(client.get(url("booking:offer", pk=week.inn.pk, language="en")))
    button = page.find("button", formaction=url("booking:add_to_trip", "en", pk=week.inn.pk))
    assert button is not None and button.get_text(strip=True) == "Add to trip"
    assert page.find("button", formaction=True).find_parent("form")["method"] == "post"

    Offer.objects.filter(pk=week.inn.pk).update(instant_booking=False)
    page = soup(client.get(url("booking:offer", pk=week.inn.pk)))
    assert page.find("button", formaction=True) is None
    assert "旅程に追加" not in page.get_text()


def test_a_closed_date_is_refused_on_the_offer_page_and_nothing_is_added(client, week):
    week.session.closed = True
    week.session.save()

    response = add(client, week.farm, experience_form(week), "en")

    assert response.status_code == 400
    assert "is closed" in soup(response).select_one("#error-summary").get_text()
    assert not TripPlanItem.objects.exists() and not TripPlan.objects.exists()
    assert COUNT_COOKIE not in response.cookies


def test_a_missing_night_is_refused_in_japanese(client, week):
    form = stay_form(week) | {"nights": 5}  # the inn opens three nights only

    response = add(client, week.inn, form)

    assert response.status_code == 400
    assert "泊の客室は販売していません" in soup(response).select_one("#error-summary").get_text()
    assert not TripPlanItem.objects.exists()


def test_a_form_without_a_quantity_shows_its_error(client, week):
    response = add(client, week.farm, experience_form(week, adults=0), "en")
    assert response.status_code == 400
    assert "Choose how many." in response.content.decode()
    assert not TripPlanItem.objects.exists()


def test_a_request_to_book_offer_is_refused_and_says_why(client, week):
    Offer.objects.filter(pk=week.farm.pk).update(instant_booking=False)

    japanese = add(client, week.farm, experience_form(week))
    english = add(client, week.farm, experience_form(week), "en")

    assert japanese.status_code == english.status_code == 400
    assert "単独でリクエスト" in japanese.content.decode()
    assert "on its own" in english.content.decode()
    assert not TripPlan.objects.exists()


def test_an_unknown_or_inactive_offer_is_not_found(client, week):
    Offer.objects.filter(pk=week.farm.pk).update(active=False)
    assert add(client, week.farm, experience_form(week)).status_code == 404
    assert client.post(url("booking:add_to_trip", pk=999999), {}).status_code == 404
    assert client.get(url("booking:add_to_trip", pk=week.farm.pk)).status_code == 405


# --- the plan page ------------------------------------------------------------------------------


def test_an_item_is_removed_with_its_button_and_a_second_click_changes_nothing(client, week):
    add_week(client, week)
    page = soup(client.get(url("booking:trip_plan")))
    stay = TripPlanItem.objects.get(offer=week.inn)
    form = page.find("form", action=url("booking:trip_plan_remove", item_id=stay.pk))
    assert form["method"] == "post" and form.button["type"] == "submit"

    removed = client.post(form["action"], follow=True)
    again = client.post(form["action"])

    assert "旅程から削除しました。" in text(removed)
    assert "海辺の和室" not in text(removed)
    assert again.status_code == 302
    assert list(TripPlanItem.objects.values_list("offer", flat=True)) == [
        week.office.pk,
        week.farm.pk,
    ]


def test_another_visitor_can_neither_see_nor_remove_my_items(client, week):
    add_week(client, week)
    item = TripPlanItem.objects.first()
    stranger = Client()

    assert "旅程はまだ空です。" in text(stranger.get(url("booking:trip_plan")))
    stranger.post(url("booking:trip_plan_remove", item_id=item.pk))

    assert TripPlanItem.objects.filter(pk=item.pk).exists()


def test_the_empty_plan_says_where_to_find_offers_and_has_no_checkout(client):
    page = client.get(url("booking:trip_plan", "en"))

    assert page.status_code == 200
    assert "Your trip is empty." in text(page)
    assert soup(page).find("a", href=url("workation:search", "en")) is not None
    assert soup(page).find("form", action=url("booking:trip_checkout", "en")) is None
    assert "no-store" in page["Cache-Control"]


def test_the_anonymous_plan_is_kept_by_a_signed_http_only_cookie(client, week, settings):
    add_week(client, week)
    cookie = client.cookies[trip_plans.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.cookies[COUNT_COOKIE].value == "3"
    assert len(soup(client.get(url("booking:trip_plan"))).select(".trip-item")) == 3

    forged = Client()
    forged.cookies[trip_plans.COOKIE] = TripPlan.objects.get().token  # unsigned
    page = forged.get(url("booking:trip_plan"))
    assert page.status_code == 200 and "旅程はまだ空です。" in text(page)


def test_the_refused_item_is_marked_with_the_error_and_a_way_back_to_its_dates(week):
    plan = trip_plans.new_plan("en")
    now = timezone.now()
    trip_plans.add_item(plan, week.inn, week.stay(), now)
    refused = trip_plans.add_item(plan, week.farm, week.experience(), now)
    request = RequestFactory().post("/en/trip/checkout/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)

    with translation.override("en"):
        response = render_plan(
            request,
            plan,
            refused_item_id=refused.pk,
            error="Only 1 left on that day.",
            status=409,
        )

    assert response.status_code == 409
    page = soup(response)
    marked = page.select(".trip-item--unavailable")
    assert [item["id"] for item in marked] == [f"item-{refused.pk}"]
    assert "No longer available" in marked[0].get_text()
    assert "Only 1 left on that day." in marked[0].get_text()
    back = marked[0].find("a", string="Choose another date")
    assert back["href"].startswith(url("booking:offer", "en", pk=week.farm.pk))
    assert "Only 1 left on that day." in page.select_one("#error-summary").get_text()


def test_an_item_taken_since_shows_as_no_longer_available(client, week):
    add_week(client, week)
    create_hold(week.office, week.desks())

    page = soup(client.get(url("booking:trip_plan", "en")))

    marked = page.select(".trip-item--unavailable")
    assert len(marked) == 1 and "Hot desk" in marked[0].get_text()
    assert "Some items are no longer available" in page.get_text()


# --- signing in ---------------------------------------------------------------------------------


def test_signing_in_joins_the_anonymous_plan_to_the_accounts(client, week):
    user = UserFactory(email="hanako@example.jp")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    mine = trip_plans.plan_for_user(user)
    trip_plans.add_item(mine, week.inn, week.stay(), timezone.now())
    add(client, week.inn, stay_form(week))  # the same stay again, and a desk
    add(client, week.office, desk_form(week))
    anonymous = TripPlan.objects.get(user=None)

    login = client.post(
        url("account_login"), {"login": "hanako@example.jp", "password": "pass-word-123"}
    )

    assert login.status_code == 302
    assert not TripPlan.objects.filter(pk=anonymous.pk).exists()
    assert [item.offer for item in mine.items.all()] == [week.inn, week.office]
    page = client.get(url("booking:trip_plan"))
    assert len(soup(page).select(".trip-item")) == 2
    assert trip_plans.COOKIE in page.cookies and page.cookies[trip_plans.COOKIE].value == ""


def test_a_signed_in_visitors_trip_is_the_accounts_on_every_device(client, week):
    user = UserFactory()
    client.force_login(user)
    add(client, week.farm, experience_form(week))
    other_device = Client()
    other_device.force_login(user)

    page = other_device.get(url("booking:trip_plan"))

    assert len(soup(page).select(".trip-item")) == 1
    assert TripPlan.objects.get().user == user


# --- the header -----------------------------------------------------------------------------------


def test_the_header_links_to_the_trip_with_its_count_for_a_signed_in_visitor(client, week):
    user = UserFactory()
    client.force_login(user)
    link = soup(client.get("/ja/")).find("a", href=url("booking:trip_plan"))
    assert link.get_text(" ", strip=True) == "旅程"

    add(client, week.farm, experience_form(week))
    add(client, week.inn, stay_form(week))

    link = soup(client.get("/en/")).find("a", href=url("booking:trip_plan", "en"))
    assert " ".join(link.get_text(" ").split()) == "Trip Items: 2"


def test_an_anonymous_visitors_header_asks_nothing_of_the_database_about_the_trip(client, week):
    add(client, week.farm, experience_form(week))

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/ja/")

    assert not [q["sql"] for q in captured.captured_queries if "tripplan" in q["sql"]]
    header = soup(page).find("header", class_="site-header")
    placeholder = header.find(attrs={"data-trip-count": True})
    assert placeholder is not None and placeholder["data-label"] == "項目数："
    assert header.find("script", src=lambda src: src and src.endswith("js/trip.js"))
    assert client.cookies[COUNT_COOKIE].value == "1"


def test_a_burst_of_additions_is_refused_like_a_burst_of_holds(client, week, settings):
    settings.RATE_LIMITS = {"hold": "2/m"}

    answers = [add(client, week.farm, experience_form(week, n)).status_code for n in (1, 2, 3)]

    assert answers == [302, 302, 429]
    assert TripPlanItem.objects.count() == 2


def test_one_step_adds_a_desk_for_every_weekday_of_the_stay(client, week):
    assert add(client, week.inn, stay_form(week)).status_code == 302

    response = client.post(url("booking:trip_weekday_desks", "en", pk=week.office.pk))

    assert response.status_code == 302 and response.url == url("booking:trip_plan", "en")
    plan = TripPlan.objects.get()
    desk = plan.items.get(offer=week.office)
    assert len(desk.parts) == 2  # Tuesday and Wednesday: Monday has no desk
    page = client.get(response.url)
    assert "A desk added for each of the 2 weekdays of your stay." in text(page)


def test_a_desk_every_weekday_without_a_stay_says_why(client, week):
    assert add(client, week.farm, experience_form(week)).status_code == 302

    response = client.post(url("booking:trip_weekday_desks", "en", pk=week.office.pk))

    assert response.status_code == 400
    assert "Add a stay first" in text(response)
    assert not TripPlan.objects.get().items.filter(offer=week.office).exists()
