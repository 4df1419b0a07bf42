"""A partner's desk schedule must keep to the office's opening hours (issue 15, 14): the Offers
form refuses a schedule that sells desks on a closed day or outside the hours, says why on the
field to correct in the partner's language, and saves nothing; within the hours it is saved and
its slots made."""

from datetime import timedelta

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from booking.models import Offer, Schedule
from booking.services.jst import today
from tests.booking import backoffice_world
from tests.booking.backoffice_world import make_world
from tests.booking.factories import ScheduleFactory
from tests.booking.office_factories import desk_offer, hours_row, office_with_hours

pytestmark = pytest.mark.django_db

MESSAGES = {
    "en": (
        "The office is closed on Sun (see its opening hours): no desks then.",
        "On Sat the office opens at 10:00: desks cannot start earlier.",
    ),
    "ja": (
        "日はオフィスの休業日です（営業時間を参照）。この日はデスクを販売できません。",
        "土のオフィスの開館は10:00です。デスクをそれより早く始めることはできません。",
    ),
}


@pytest.fixture
def world(home, django_user_model):
    return make_world(home, django_user_model)


@pytest.fixture
def office(world):
    """Organisation A's office: weekdays 9–21, Saturdays 10–18, closed on Sundays."""
    return office_with_hours(
        world.org_a.page,
        hours_row("01234", "09:00", "21:00"),
        hours_row("5", "10:00", "18:00"),
        hours_row("6", None, None),
    )


def desk_form(world, office, weekdays: str, start: str, end: str, **changes) -> dict:
    """The POST of a new desk offer on `office` with one schedule for two weeks from tomorrow."""
    data = backoffice_world.offer_form(
        world.org_a, office, today() + timedelta(days=1), 14, weekdays
    )
    data.update(
        {
            "name": "フリーデスク",
            "kind": "desk",
            "unit": "desk_day",
            "price_categories-0-code": "day",
            "schedules-0-start_time": start,
            "schedules-0-end_time": end,
            "schedules-0-half_day_split": "13:00",
            **changes,
        }
    )
    return data


def signed_in(client, world, language: str):
    user = world.users["a"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_desk_schedule_outside_the_opening_hours_is_refused_with_the_reason(
    client, world, office, language
):
    signed_in(client, world, language)
    response = client.post(
        reverse("offers:add"), desk_form(world, office, "0123456", "09:00", "21:00")
    )

    assert response.status_code == 200
    html = response.content.decode()
    closed, opens_later = MESSAGES[language]
    assert closed in html and opens_later in html
    assert not Offer.objects.filter(name="フリーデスク").exists()
    assert not Schedule.objects.filter(offer__page=office).exists()


def test_a_desk_schedule_within_the_opening_hours_is_saved_and_its_slots_made(
    client, world, office
):
    signed_in(client, world, "ja")
    response = client.post(
        reverse("offers:add"), desk_form(world, office, "01234", "09:00", "21:00")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Offer.objects.get(name="フリーデスク")
    assert offer.slots.count() == 2 * 10  # ten weekdays in two weeks, a morning and an afternoon
    assert not offer.slots.filter(date__week_day__in=(1, 7)).exists(), "no weekend slot"


def test_editing_an_offer_whose_schedule_reaches_outside_the_hours_changes_nothing(
    client, world, office
):
    offer = desk_offer(office, organisation=world.org_a)
    schedule = ScheduleFactory(offer=offer, start_date=today(), weekdays="5", start_time="08:00")
    data = desk_form(world, office, "5", "08:00", "18:00", name="新しい名前")
    data.update(
        {
            **backoffice_world.management("price_categories", 1, initial=1),
            "price_categories-0-id": offer.price_categories.get().pk,
            **backoffice_world.management("schedules", 1, initial=1),
            "schedules-0-id": schedule.pk,
            "schedules-0-start_date": today().isoformat(),
            "schedules-0-end_date": "",
        }
    )
    signed_in(client, world, "en")
    response = client.post(reverse("offers:edit", args=[offer.pk]), data)

    assert response.status_code == 200
    assert "On Sat the office opens at 10:00: desks cannot start earlier." in (
        response.content.decode()
    )
    assert Offer.objects.get(pk=offer.pk).name == "フリーデスク"
    assert Schedule.objects.get(pk=schedule.pk).start_time.hour == 8


def test_a_schedule_that_has_ended_is_not_held_to_the_hours(client, world, office):
    offer = desk_offer(office, organisation=world.org_a)
    ended = today() - timedelta(days=30)
    schedule = ScheduleFactory(
        offer=offer, start_date=ended, end_date=ended, weekdays="6", start_time="08:00"
    )
    data = desk_form(world, office, "6", "08:00", "18:00", name="新しい名前")
    data.update(
        {
            **backoffice_world.management("price_categories", 1, initial=1),
            "price_categories-0-id": offer.price_categories.get().pk,
            **backoffice_world.management("schedules", 1, initial=1),
            "schedules-0-id": schedule.pk,
            "schedules-0-start_date": ended.isoformat(),
            "schedules-0-end_date": ended.isoformat(),
        }
    )
    signed_in(client, world, "en")
    response = client.post(reverse("offers:edit", args=[offer.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Offer.objects.get(pk=offer.pk).name == "新しい名前"
