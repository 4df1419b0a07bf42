"""The offer page and the checkout steps, through HTTP, in both languages: choose → hold →
details (and the guest register for stays) → final confirmation → awaiting payment."""

import re
from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Booking, Offer
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


@pytest.fixture
def experience():
    offer = OfferFactory(min_per_booking=1, max_per_booking=6)
    adult = PriceCategoryFactory(
        offer=offer, code="adult", name="大人", name_en="Adult", price=5500
    )
    child = PriceCategoryFactory(
        offer=offer, code="child", name="子ども", name_en="Child", price=3300
    )
    day = today() + timedelta(days=10)
    slot = make_slot(offer, day, capacity=4)
    return offer, adult, child, slot


def hold_through_the_page(client: Client, offer: Offer, slot, adult, child, language="ja"):
    return client.post(
        url("hold", language, pk=offer.pk),
        {
            "date": slot.date.isoformat(),
            "slot": slot.pk,
            f"qty_{adult.pk}": 2,
            f"qty_{child.pk}": 1,
        },
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_offer_page_shows_the_month_prices_and_the_times_of_a_chosen_day(
    client, experience, language
):
    offer, adult, child, slot = experience
    response = client.get(
        url("offer", language, pk=offer.pk),
        {"month": slot.date.strftime("%Y-%m"), "date": slot.date.isoformat()},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    assert "¥5,500" in html and "¥3,300" in html
    assert "10:00–12:00" in html
    assert f'value="{slot.pk}"' in html
    assert offer.display_name(language) in html


def test_a_guest_goes_from_hold_to_awaiting_payment_and_nothing_is_confirmed(
    client, experience, fake_stripe
):
    offer, adult, child, slot = experience

    response = hold_through_the_page(client, offer, slot, adult, child)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("details", reference=booking.reference)
    assert booking.status == Booking.Status.HELD and booking.total == 2 * 5500 + 3300

    details = client.get(response["Location"])
    assert details.status_code == 200
    assert booking.reference in details.content.decode()
    response = client.post(
        response["Location"],
        {
            "guest_name": "山田 太郎",
            "guest_name_kana": "ヤマダ タロウ",
            "guest_email": "taro@example.jp",
            "guest_phone": "090-1234-5678",
        },
    )
    assert response["Location"] == url("confirm", reference=booking.reference)

    final = client.get(response["Location"]).content.decode()
    assert "¥14,300" in final  # the total
    assert "¥1,300" in final  # the 10% consumption tax inside it
    assert offer.organisation.name in final
    response = client.post(url("confirm", reference=booking.reference))
    booking.refresh_from_db()
    assert response["Location"] == booking.payments.get().checkout_url  # the payment page
    assert booking.status == Booking.Status.AWAITING_PAYMENT
    status = client.get(url("status", reference=booking.reference))
    assert status.status_code == 200
    assert booking.payments.get().checkout_url in status.content.decode()  # the way back to it


def test_another_browser_cannot_open_someone_elses_checkout(client, experience):
    offer, adult, child, slot = experience
    hold_through_the_page(client, offer, slot, adult, child)
    reference = Booking.objects.get().reference
    stranger = Client()
    for name in ("details", "confirm", "status"):
        assert stranger.get(url(name, reference=reference)).status_code == 404


def test_more_than_is_free_is_refused_on_the_page_with_409_and_no_booking(client, experience):
    offer, adult, child, slot = experience
    response = client.post(
        url("hold", "en", pk=offer.pk),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 5},
    )
    assert response.status_code == 409
    assert "Only 4 left" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_confirmation_screen_needs_details_first(client, experience):
    offer, adult, child, slot = experience
    hold_through_the_page(client, offer, slot, adult, child)
    reference = Booking.objects.get().reference
    response = client.post(url("confirm", reference=reference))
    assert response["Location"] == url("details", reference=reference)
    assert Booking.objects.get().status == Booking.Status.HELD


def test_an_expired_hold_says_so_and_offers_to_choose_again(client, experience):
    offer, adult, child, slot = experience
    hold_through_the_page(client, offer, slot, adult, child)
    Booking.objects.update(hold_expires_at=timezone.now() - timedelta(seconds=1))
    reference = Booking.objects.get().reference
    response = client.get(url("details", reference=reference))
    assert response.status_code == 410
    assert url("offer", pk=offer.pk) in response.content.decode()
    assert client.post(url("confirm", reference=reference)).status_code == 410


@pytest.mark.parametrize(
    "params",
    [
        {"month": "abc"},
        {"month": "2026-13"},
        {"month": "99999-1"},
        {"date": "2026-13-45"},
        {"date": "9" * 500},
        {"month": "1900-01", "date": "1900-01-01"},
    ],
)
def test_odd_query_strings_never_break_the_offer_page(client, experience, params):
    offer, *_ = experience
    assert client.get(url("offer", pk=offer.pk), params).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"slot": "x"},
        {"slot": "999999", "date": "2030-01-01"},
        {"date": "nonsense", "slot": "1", "qty_1": "-3"},
        {"qty_1": "9" * 100},
    ],
)
def test_bad_hold_requests_get_a_clear_error_and_write_nothing(client, experience, data):
    offer, *_ = experience
    response = client.post(url("hold", pk=offer.pk), data)
    assert response.status_code in (400, 409)
    assert not Booking.objects.exists()


def test_a_stay_asks_for_the_guest_register_and_a_foreign_guest_needs_a_passport(client):
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, max_per_booking=3)
    room = PriceCategoryFactory(offer=offer, code="room", name="和室", price=16000)
    first = today() + timedelta(days=30)
    make_nights(offer, first, 3, capacity=2)
    response = client.post(
        url("hold", "en", pk=offer.pk),
        {"check_in": first.isoformat(), "nights": 3, f"qty_{room.pk}": 1},
    )
    booking = Booking.objects.get()
    assert booking.lines.count() == 3
    details = url("details", "en", reference=booking.reference)
    assert response["Location"] == details
    base = {
        "guest_name": "Alex Smith",
        "guest_email": "alex@example.com",
        "guest_phone": "+44 20 7946 0000",
        "guests-TOTAL_FORMS": "1",
        "guests-INITIAL_FORMS": "0",
        "guests-MIN_NUM_FORMS": "1",
        "guests-MAX_NUM_FORMS": "20",
        "guests-0-name": "Alex Smith",
        "guests-0-address": "1 High Street, London",
        "guests-0-phone": "+44 20 7946 0000",
    }
    refused = client.post(details, base)
    assert refused.status_code == 400
    assert "Required for guests without an address in Japan" in refused.content.decode()
    accepted = client.post(
        details,
        {**base, "guests-0-nationality": "United Kingdom", "guests-0-passport_number": "123456789"},
    )
    assert accepted.status_code == 302
    guest = booking.guests.get()
    assert (guest.nationality, guest.passport_number, guest.lives_in_japan) == (
        "United Kingdom",
        "123456789",
        False,
    )


def test_a_full_day_desk_through_the_page_takes_both_halves(client):
    offer = OfferFactory(kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY, max_per_booking=4)
    PriceCategoryFactory(offer=offer, code="day", price=2200)
    PriceCategoryFactory(offer=offer, code="half", price=1320)
    day = today() + timedelta(days=3)
    make_slot(offer, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
    make_slot(offer, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")
    response = client.post(
        url("hold", pk=offer.pk),
        {"first_day": day.isoformat(), "day_count": 1, "part": "day", "desks": 1},
    )
    assert response.status_code == 302
    assert Booking.objects.get().total == 2200
    again = client.post(
        url("hold", pk=offer.pk),
        {"first_day": day.isoformat(), "day_count": 1, "part": "pm", "desks": 1},
    )
    assert again.status_code == 409


def test_the_day_feed_reports_free_places_so_the_page_can_react(client, experience):
    offer, adult, child, slot = experience
    create_hold(offer, [HoldItem((slot.pk,), adult.pk, 3)])
    data = client.get(url("availability", pk=offer.pk), {"date": slot.date.isoformat()}).json()
    assert data["slots"] == [{"id": slot.pk, "free": 1}]
    assert client.get(url("availability", pk=offer.pk), {"date": "bad"}).status_code == 404


def test_the_offer_page_runs_the_same_queries_however_many_slots_and_bookings(client, experience):
    offer, adult, child, slot = experience

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                url("offer", pk=offer.pk),
                {"month": slot.date.strftime("%Y-%m"), "date": slot.date.isoformat()},
            )
        assert response.status_code == 200
        return len(queries)

    count()  # the first visit fills the caches (site, menus)
    before = count()
    for offset in range(1, 15):
        extra = make_slot(
            offer,
            slot.date + timedelta(days=offset % 7),
            capacity=9,
            starts=time(8 + offset % 8, 0),
            ends=time(17, 0),
        )
        create_hold(offer, [HoldItem((extra.pk,), adult.pk, 1)])
    assert count() == before


def test_a_time_that_filled_while_the_guest_chose_is_refused_as_sold_out_not_a_form_error(
    client, experience
):
    offer, adult, child, slot = experience
    create_hold(offer, [HoldItem((slot.pk,), adult.pk, 4)])  # someone else takes the rest
    response = client.post(
        url("hold", "en", pk=offer.pk),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 1},
    )
    assert response.status_code == 409
    assert "fully booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_the_browser_that_held_keeps_access_through_a_signed_cookie_not_a_session(
    client, experience
):
    from django.contrib.sessions.models import Session

    offer, adult, child, slot = experience
    hold_through_the_page(client, offer, slot, adult, child)
    reference = Booking.objects.get().reference

    assert not Session.objects.exists()  # taking a hold writes only the hold
    assert client.get(url("details", reference=reference)).status_code == 200
    client.cookies["booking_refs"] = f"{reference}:forged-signature"
    assert client.get(url("details", reference=reference)).status_code == 404


def test_adding_and_removing_guests_keeps_everything_typed_without_javascript(client):
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, max_per_booking=3)
    room = PriceCategoryFactory(offer=offer, code="room", name="和室", price=16000)
    first = today() + timedelta(days=30)
    make_nights(offer, first, 1, capacity=2)
    client.post(
        url("hold", "en", pk=offer.pk),
        {"check_in": first.isoformat(), "nights": 1, f"qty_{room.pk}": 1},
    )
    booking = Booking.objects.get()
    details = url("details", "en", reference=booking.reference)
    typed = {
        "guest_name": "Alex Smith",
        "guest_email": "alex@example.com",
        "guests-TOTAL_FORMS": "1",
        "guests-INITIAL_FORMS": "0",
        "guests-0-name": "Alex Smith",
        "guests-0-nationality": "United Kingdom",  # lives_in_japan unticked: not posted
    }

    added = client.post(details, {**typed, "guests_action": "add"})

    assert added.status_code == 200
    html = added.content.decode()
    assert 'value="alex@example.com"' in html and 'value="United Kingdom"' in html
    assert 'name="guests-1-name"' in html and 'name="guests-2-name"' not in html
    first_box = re.search(r'<input[^>]*name="guests-0-lives_in_japan"[^>]*>', html)[0]
    second_box = re.search(r'<input[^>]*name="guests-1-lives_in_japan"[^>]*>', html)[0]
    assert "checked" not in first_box and "checked" in second_box
    assert "field__error" not in html  # nothing is checked before the guest is done
    booking.refresh_from_db()
    assert booking.guest_email == "" and not booking.guests.exists()

    two = {**typed, "guests-TOTAL_FORMS": "2", "guests-1-name": "佐藤 花子"}
    removed = client.post(details, {**two, "guests_action": "remove-0"}).content.decode()
    assert 'value="佐藤 花子"' in removed and 'value="United Kingdom"' not in removed
    assert 'name="guests-1-name"' not in removed and 'value="alex@example.com"' in removed
