"""What a guest reads about a booking on the site (issue 15, 8 and 9): a stay shows its check-in
and check-out with their times, the paid booking's page carries the receipt, and the page the
guest lands on after paying links to it."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, BookingLine, Offer
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from booking.services.manage_links import booking_from_token, manage_url
from tests.booking.account_factories import make_booking
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home, home_en):
    return home


@pytest.fixture
def seller():
    return PartnerOrganisationFactory(
        name="海辺の宿 白良荘",
        address="和歌山県西牟婁郡白浜町3",
        invoice_registration_number="T9234567890123",
    )


def stay_booking(seller, language: str = "ja", user=None) -> Booking:
    """Two nights from the 12th day ahead (in 15:00, out 10:00 on the 14th), confirmed."""
    offer = OfferFactory(
        organisation=seller, name="海辺の宿", name_en="Seaside inn", kind=Offer.Kind.STAY
    )
    category = PriceCategoryFactory(offer=offer, price=15000)
    nights = make_nights(offer, today() + timedelta(days=12), 2)
    booking = create_hold(
        offer,
        [HoldItem(slot_ids=(night.pk,), category_id=category.pk, quantity=1) for night in nights],
        language=language,
        user=user,
    )
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, guest_name="和歌山 花子", confirmed_at=booking.created_at
    )
    booking.refresh_from_db()
    return booking


def test_a_stay_shows_its_check_in_and_check_out_with_times_in_both_languages(client, seller):
    first = today() + timedelta(days=12)
    japanese = client.get(manage_url(stay_booking(seller))).content.decode()
    assert "チェックイン" in japanese and "チェックアウト" in japanese
    assert f"{first.year}年{first.month}月{first.day}日" in japanese and "15:00" in japanese
    last = first + timedelta(days=2)
    assert f"{last.month}月{last.day}日" in japanese and "10:00" in japanese
    assert "（2泊）" in japanese

    english = client.get(manage_url(stay_booking(seller, "en"))).content.decode()
    assert "Check-in" in english and "Check-out" in english and "(2 nights)" in english


def test_a_session_shows_when_it_starts_and_ends(client):
    booking = make_booking(starts=time(10, 0))
    html = client.get(manage_url(booking)).content.decode()
    assert "10:00–12:00" in html


def test_the_paid_bookings_page_carries_the_receipt_and_an_unpaid_one_does_not(client, seller):
    booking = stay_booking(seller)
    html = client.get(manage_url(booking)).content.decode()
    assert "領収書" in html
    assert "T9234567890123" in html and "海辺の宿 白良荘" in html
    assert "¥30,000" in html and "¥2,727" in html  # the total and the 10% tax contained in it

    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.AWAITING_PAYMENT, confirmed_at=None
    )
    assert "領収書" not in client.get(manage_url(booking)).content.decode()


def test_after_paying_the_guest_gets_a_link_to_the_booking_and_its_receipt(client, seller):
    guest = UserFactory(email="hanako@example.jp")
    booking = stay_booking(seller, user=guest)
    client.force_login(guest)
    with translation.override("ja"):
        status = reverse("booking:status", kwargs={"reference": booking.reference})

    html = client.get(status).content.decode()

    link = html.split("予約の詳細と領収書を見る")[0].rsplit('href="', 1)[1].split('"')[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert booking_from_token(token) == booking
    client.logout()
    assert "領収書" in client.get(link).content.decode()
    assert BookingLine.objects.filter(booking=booking).count() == 2
