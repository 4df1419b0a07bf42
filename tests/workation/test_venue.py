"""Where the guest must go (issue 15, 2): the calendar file and the e-mails name the venue of
the offer's page (an experience's meeting point and address, in the booking's language, with its
coordinates and a map link), not the seller's head office."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from icalendar import Calendar

from booking.models import BookingEmail
from booking.services.emails import build_message
from booking.services.holds import HoldItem, create_hold
from booking.services.ics import booking_ics
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.booking.payment_factories import BookingEmailFactory
from tests.factories import ExperiencePageFactory

pytestmark = pytest.mark.django_db

HEAD_OFFICE = "和歌山県田辺市本社1-1"


@pytest.fixture
def farm(home, home_en, translate_page):
    """A mikan-picking experience page with its meeting point, address and coordinates, its
    English translation, and an offer of a seller whose office is elsewhere."""
    page = ExperiencePageFactory(
        parent=home,
        title="みかん狩り体験",
        meeting_point="農園の入口の看板前",
        address="和歌山県有田郡有田川町1-2",
        latitude=Decimal("34.052100"),
        longitude=Decimal("135.234500"),
    )
    translate_page(
        page,
        title="Mikan picking",
        meeting_point="By the sign at the farm gate",
        address="1-2 Aridagawa, Arida District",
    )
    offer = OfferFactory(page=page, name="みかん狩り", name_en="Mikan picking")
    offer.organisation.address = HEAD_OFFICE
    offer.organisation.save()
    category = PriceCategoryFactory(offer=offer, price=2500)
    slot = make_slot(offer, today() + timedelta(days=12), starts=time(10, 0), ends=time(12, 0))
    return offer, [HoldItem(slot_ids=(slot.pk,), category_id=category.pk, quantity=1)]


def booked(farm, language: str):
    offer, items = farm
    booking = create_hold(offer, items, language=language)
    booking.status = booking.Status.CONFIRMED
    booking.guest_email = "guest@example.jp"
    booking.save()
    return booking


def test_the_calendar_event_is_at_the_meeting_point_with_coordinates_and_a_map(farm):
    booking = booked(farm, "en")
    [event] = Calendar.from_ical(booking_ics(booking, "en")).events

    location = str(event["LOCATION"])
    assert location == "By the sign at the farm gate / 1-2 Aridagawa, Arida District"
    assert HEAD_OFFICE not in location
    assert event["GEO"].latitude == pytest.approx(34.0521)
    assert event["GEO"].longitude == pytest.approx(135.2345)
    assert "Map: https://www.google.com/maps/search/?api=1&query=34.052100,135.234500" in str(
        event["DESCRIPTION"]
    )

    [japanese] = Calendar.from_ical(booking_ics(booking, "ja")).events
    assert str(japanese["LOCATION"]) == "農園の入口の看板前 / 和歌山県有田郡有田川町1-2"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ja",
            [
                "場所　　：農園の入口の看板前　和歌山県有田郡有田川町1-2",
                "集合場所：農園の入口の看板前",
            ],
        ),
        (
            "en",
            ["Where: By the sign at the farm gate, 1-2 Aridagawa", "Meeting point: By the sign"],
        ),
    ],
)
def test_the_confirmation_and_the_reminder_say_where_to_go(farm, language, expected):
    booking = booked(farm, language)
    confirmation = build_message(
        BookingEmailFactory(booking=booking, kind=BookingEmail.Kind.CONFIRMATION)
    )
    reminder = build_message(BookingEmailFactory(booking=booking, kind=BookingEmail.Kind.REMINDER))

    assert expected[0] in confirmation.body
    assert expected[1] in reminder.body
    for message in (confirmation, reminder):
        html = message.alternatives[0][0]
        assert "https://www.google.com/maps/search/?api=1&amp;query=34.052100,135.234500" in html
    assert HEAD_OFFICE not in reminder.body  # (the receipt names the seller's address, rightly)


def test_an_address_left_in_japanese_on_the_english_page_is_romanised_for_english_guests(
    home, home_en, translate_page
):
    from booking.content import content

    page = ExperiencePageFactory(parent=home, title="梅干し作り", address="和歌山県日高郡みなべ町1")
    translate_page(page, title="Umeboshi workshop")  # the translator kept the Japanese address

    english = content().venue_of(page.pk, "en")
    japanese = content().venue_of(page.pk, "ja")

    assert japanese.address == "和歌山県日高郡みなべ町1"
    assert english.address.isascii() and "Minabe" in english.address
