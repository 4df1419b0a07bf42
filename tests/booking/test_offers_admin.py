"""The Offers screen: a partner creates and edits its own offers (with prices, schedules and
closed dates in one form) and never sees another organisation's; its slot calendar, the slot page
(capacity never below what is booked, closing) and one-off sessions."""

import re
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booking.models import Offer, Slot
from booking.services.jst import today
from tests.booking import backoffice_world
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import make_world, management
from tests.booking.factories import make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_user_model):
    return make_world(home, django_user_model)


def offer_form(organisation, page, **changes) -> dict:
    """The POST of a new experience offer with a weekend schedule for two weeks from tomorrow."""
    tomorrow = today() + timedelta(days=1)
    return backoffice_world.offer_form(organisation, page, tomorrow, 14, "56", **changes)


def test_a_partner_creates_an_offer_and_its_slots_are_made(client, world):
    client.force_login(world.users["a"])
    page = world.page_of(world.org_a)
    response = client.post(reverse("offers:add"), offer_form(world.org_a, page))
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Offer.objects.get(name="朝の梅林ガイド")
    assert offer.organisation == world.org_a
    assert list(offer.price_categories.values_list("price", flat=True)) == [4000]
    slots = list(offer.slots.order_by("date"))
    # Two weeks of Saturdays and Sundays (weekdays 5 and 6).
    assert len(slots) == 4
    assert all(slot.date.weekday() in (5, 6) and slot.capacity == 6 for slot in slots)


def test_a_partner_cannot_create_an_offer_for_another_organisation_or_page(client, world):
    client.force_login(world.users["a"])
    theirs = world.page_of(world.org_b)
    for data in (
        offer_form(world.org_b, theirs),
        offer_form(world.org_a, theirs),
    ):
        response = client.post(reverse("offers:add"), data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode() or "正しく選択" in (
            response.content.decode()
        )
    assert not Offer.objects.filter(name="朝の梅林ガイド").exists()


def test_an_editor_cannot_attach_an_offer_to_another_organisations_page(client, world):
    client.force_login(world.users["editor"])
    response = client.post(
        reverse("offers:add"), offer_form(world.org_a, world.page_of(world.org_b))
    )
    assert response.status_code == 200
    assert not Offer.objects.filter(name="朝の梅林ガイド").exists()


def test_the_list_holds_only_the_partners_offers_and_a_guess_is_a_404(client, world):
    client.force_login(world.users["b"])
    html = client.get(reverse("offers:index")).content.decode()
    assert world.offer_b.name in html and world.offer_a.name not in html
    for name in ("offers:edit", "offers:calendar"):
        assert client.get(reverse(name, args=[world.offer_a.pk])).status_code == 404
    slot = make_slot(world.offer_a, today() + timedelta(days=3))
    for name in ("offers:slot", "offers:cancel_session"):
        assert client.get(reverse(name, args=[slot.pk])).status_code == 404
        assert client.post(reverse(name, args=[slot.pk]), {"action": "close"}).status_code == 404
    assert not Slot.objects.get(pk=slot.pk).closed


def test_nobody_outside_an_organisation_gets_in_and_nobody_deletes_an_offer(client, world):
    client.force_login(world.users["stranger"])
    assert client.get(reverse("offers:index")).status_code in (302, 403)
    assert client.get(reverse("offers:calendar", args=[world.offer_a.pk])).status_code == 404
    client.force_login(world.users["editor"])
    assert client.post(reverse("offers:delete", args=[world.offer_a.pk])).status_code in (302, 403)
    assert Offer.objects.filter(pk=world.offer_a.pk).exists()


def test_a_booked_price_cannot_be_deleted(client, world):
    booking = make_booking(world.offer_a)
    category = booking.lines.get().price_category
    client.force_login(world.users["a"])
    data = offer_form(world.org_a, world.offer_a.page, name=world.offer_a.name)
    data.update(management("price_categories", 2, initial=1))
    data.update(
        {
            "price_categories-0-id": category.pk,
            "price_categories-0-code": category.code,
            "price_categories-0-DELETE": "on",
            "price_categories-1-code": "child",
            "price_categories-1-name": "子ども",
            "price_categories-1-price": "2000",
            "price_categories-1-sort_order": "1",
        }
    )
    response = client.post(reverse("offers:edit", args=[world.offer_a.pk]), data)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode() or "削除できません" in (
        response.content.decode()
    )
    assert world.offer_a.price_categories.filter(pk=category.pk).exists()


def test_the_calendar_shows_booked_of_capacity_with_a_constant_number_of_queries(client, world):
    day = today() + timedelta(days=2)
    make_booking(world.offer_a, day=day, quantity=3, capacity=8)
    client.force_login(world.users["a"])
    url = reverse("offers:calendar", args=[world.offer_a.pk])
    month = {"month": f"{day:%Y-%m}"}
    response = client.get(url, month)
    assert response.status_code == 200
    assert "3/8" in response.content.decode()
    with CaptureQueriesContext(connection) as few:
        client.get(url, month)
    for offset in range(1, 12):
        make_slot(world.offer_a, day.replace(day=1) + timedelta(days=offset), starts=time(14, 0))
    with CaptureQueriesContext(connection) as many:
        client.get(url, month)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_bad_month_falls_back_to_this_month(client, world):
    client.force_login(world.users["a"])
    url = reverse("offers:calendar", args=[world.offer_a.pk])
    for month in ("2026-13", "abc", "2026-02-30", "-", "9999-12", "1-1", "0-0"):
        assert client.get(url, {"month": month}).status_code == 200


def test_capacity_never_goes_below_what_is_booked(client, world):
    booking = make_booking(world.offer_a, quantity=3, capacity=5)
    slot = booking.lines.get().slot
    client.force_login(world.users["a"])
    url = reverse("offers:slot", args=[slot.pk])
    refused = client.post(url, {"action": "capacity", "capacity": "2"})
    assert refused.status_code == 200
    assert "3" in refused.content.decode()
    assert Slot.objects.get(pk=slot.pk).capacity == 5
    assert client.post(url, {"action": "capacity", "capacity": "3"}).status_code == 302
    assert Slot.objects.get(pk=slot.pk).capacity == 3
    assert client.post(url, {"action": "capacity", "capacity": "-1"}).status_code == 200
    assert client.post(url, {"action": "capacity", "capacity": "x"}).status_code == 200
    assert Slot.objects.get(pk=slot.pk).capacity == 3


def test_closing_and_reopening_a_slot(client, world):
    slot = make_slot(world.offer_a, today() + timedelta(days=4))
    client.force_login(world.users["a"])
    url = reverse("offers:slot", args=[slot.pk])
    client.post(url, {"action": "close"})
    assert Slot.objects.get(pk=slot.pk).closed
    client.post(url, {"action": "open"})
    assert not Slot.objects.get(pk=slot.pk).closed


def test_a_one_off_session_is_added_once_and_never_in_the_past(client, world):
    client.force_login(world.users["a"])
    url = reverse("offers:calendar", args=[world.offer_a.pk])
    day = today() + timedelta(days=20)
    data = {"date": day.isoformat(), "start_time": "15:00", "end_time": "17:00", "capacity": "4"}
    assert client.post(url, data).status_code == 302
    slot = Slot.objects.get(offer=world.offer_a, date=day)
    assert (slot.capacity, slot.schedule_id) == (4, None)
    again = client.post(url, data)
    assert again.status_code == 200 and Slot.objects.filter(offer=world.offer_a).count() == 1
    past = client.post(url, {**data, "date": (today() - timedelta(days=1)).isoformat()})
    assert past.status_code == 200
    backwards = client.post(url, {**data, "start_time": "17:00", "end_time": "15:00"})
    assert backwards.status_code == 200
    assert Slot.objects.filter(offer=world.offer_a).count() == 1


def test_the_offers_list_costs_the_same_queries_however_many_offers(client, world):
    client.force_login(world.users["a"])
    client.get(reverse("offers:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("offers:index"))
    for _ in range(6):
        Offer.objects.create(
            organisation=world.org_a,
            page=world.offer_a.page,
            name="追加の体験",
            kind=Offer.Kind.EXPERIENCE,
            unit=Offer.Unit.PERSON_SESSION,
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("offers:index")).content.decode()
    assert html.count("追加の体験") >= 6  # each row shows it (and names it in its menu)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_one_off_desk_day_splits_inside_itself_and_needs_two_hours(world):
    from booking.services import slot_changes

    desk = Offer.objects.create(
        organisation=world.org_a,
        page=world.offer_a.page,
        name="フリーデスク",
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
    )
    day = today() + timedelta(days=5)
    with pytest.raises(slot_changes.SlotChangeRefused):
        slot_changes.add_session(desk, day, time(9, 30), time(10, 30), 3)
    morning, afternoon = slot_changes.add_session(desk, day, time(14, 0), time(18, 0), 3)
    assert morning.starts_at < morning.ends_at == afternoon.starts_at < afternoon.ends_at
    assert (morning.part, afternoon.part) == ("am", "pm")
    assert afternoon.starts_at.hour == 16


def test_a_stale_or_crafted_form_gets_a_message_not_a_500(client, world):
    """A POST that leaves out the existing price (as a stale form would) and adds one with the
    same code breaks the unique code rule: the form comes back, nothing changes."""
    category = world.offer_a.price_categories.get()
    client.force_login(world.users["a"])
    data = offer_form(world.org_a, world.offer_a.page, name="変更後の名前")
    data["price_categories-0-code"] = category.code
    response = client.post(reverse("offers:edit", args=[world.offer_a.pk]), data)
    assert response.status_code == 200
    assert Offer.objects.get(pk=world.offer_a.pk).name == world.offer_a.name
    assert list(world.offer_a.price_categories.values_list("pk", flat=True)) == [category.pk]


def test_schedule_days_are_named_checkboxes_in_the_users_language(client, world):
    client.force_login(world.users["a"])
    page = world.page_of(world.org_a)
    client.post(reverse("offers:add"), offer_form(world.org_a, page))
    offer = Offer.objects.get(name="朝の梅林ガイド")
    assert offer.schedules.get().weekdays == "56"

    html = client.get(reverse("offers:edit", args=[offer.pk])).content.decode()
    assert 'type="checkbox" name="schedules-0-weekdays"' in html
    assert "月曜日" in html and "日曜日" in html
    boxes = {
        tag.split('value="')[1][0]: "checked" in tag
        for tag in re.findall(r"<input[^>]*name=\"schedules-0-weekdays\"[^>]*>", html)
    }
    assert boxes == {str(day): day in (5, 6) for day in range(7)}
    assert "maxlength" not in re.search(r"<input[^>]*schedules-0-weekdays_0[^>]*>", html)[0]
    assert 'value="56"' not in html and 'value="0123456"' not in html

    no_days = offer_form(world.org_a, page, name="日のない体験")
    no_days["schedules-0-weekdays"] = []
    response = client.post(reverse("offers:add"), no_days)
    assert response.status_code == 200
    assert not Offer.objects.filter(name="日のない体験").exists()
