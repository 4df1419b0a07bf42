"""Guests' personal data: the guest register and contact details go after three years (a beat
job), a guest downloads everything kept about them, and deletes the account unless a booking is
still to come; what the law makes us keep stays."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, GuestRegisterEntry
from booking.services import personal_data
from booking.services.jst import today
from booking.tasks import purge_expired_personal_data
from tests.booking.account_factories import make_booking
from tests.booking.factories import OfferFactory

pytestmark = pytest.mark.django_db


def url(name: str) -> str:
    with translation.override("ja"):
        return reverse(f"booking:{name}")


def register(booking: Booking, name: str = "John Smith") -> GuestRegisterEntry:
    return GuestRegisterEntry.objects.create(
        booking=booking,
        name=name,
        address="London",
        phone="+44 20 0000",
        lives_in_japan=False,
        nationality="UK",
        passport_number="P7654321",
    )


def with_contacts(booking: Booking) -> Booking:
    booking.guest_phone, booking.guest_notes, booking.guest_name_kana = "090", "note", "カナ"
    booking.save()
    return booking


@pytest.fixture
def guest(django_user_model):
    return django_user_model.objects.create_user("guest", "guest@example.jp", "secret-pw-12")


def test_the_cutoff_is_three_years_back_even_from_a_leap_day():
    assert personal_data.retention_cutoff(date(2026, 11, 29)) == date(2023, 11, 29)
    assert personal_data.retention_cutoff(date(2028, 2, 29)) == date(2025, 2, 28)


def test_the_job_deletes_registers_and_contacts_older_than_three_years_only(celery_eager):
    offer = OfferFactory()
    old = with_contacts(make_booking(offer, day=today() - timedelta(days=3 * 366 + 2)))
    recent = with_contacts(make_booking(offer, day=today() - timedelta(days=400)))
    register(old), register(recent)
    assert purge_expired_personal_data.delay().get() == 1
    old.refresh_from_db(), recent.refresh_from_db()
    assert not old.guests.exists() and recent.guests.count() == 1
    assert (old.guest_email, old.guest_phone, old.guest_notes, old.guest_name_kana) == ("",) * 4
    assert (old.guest_name, old.total, old.status) == ("和歌山 花子", 11000, "confirmed")
    assert recent.guest_phone == "090"
    assert personal_data.purge_expired_personal_data() == 0  # nothing left to do


def test_a_guest_downloads_everything_kept_about_them(client, guest):
    mine = make_booking(user=guest)
    register(mine)
    make_booking(guest_email="someone@example.jp")  # not theirs
    client.force_login(guest)
    response = client.get(url("my_data"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "guest@example.jp"
    assert [b["reference"] for b in data["bookings"]] == [mine.reference]
    assert data["bookings"][0]["guest_register"][0]["passport_number"] == "P7654321"
    assert data["bookings"][0]["lines"][0]["quantity"] == 2


def test_the_download_and_deletion_need_a_signed_in_guest(client):
    for name in ("my_data", "delete_account"):
        response = client.get(url(name))
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_account_with_a_booking_to_come_is_not_deleted(client, guest):
    coming = make_booking(user=guest, day=today() + timedelta(days=5))
    client.force_login(guest)
    page = client.get(url("delete_account"))
    assert coming.reference in page.content.decode()
    client.post(url("delete_account"), {"password": "secret-pw-12"})
    guest.refresh_from_db()
    assert Booking.objects.get(pk=coming.pk).user == guest


def test_deleting_an_account_keeps_the_records_the_law_needs(client, guest, django_user_model):
    past_stay = with_contacts(make_booking(user=guest, day=today() - timedelta(days=30)))
    register(past_stay)
    client.force_login(guest)
    wrong = client.post(url("delete_account"), {"password": "nope"})
    assert wrong.status_code == 400 and django_user_model.objects.filter(pk=guest.pk).exists()
    done = client.post(url("delete_account"), {"password": "secret-pw-12"})
    assert done.status_code == 302
    assert not django_user_model.objects.filter(pk=guest.pk).exists()
    past_stay.refresh_from_db()
    assert past_stay.user is None and past_stay.guest_phone == "" and past_stay.guest_notes == ""
    assert past_stay.guest_email == ""
    assert past_stay.guest_name == "和歌山 花子" and past_stay.total == 11000
    assert past_stay.guests.count() == 1  # the register stays its three years
    assert client.get(url("my_bookings")).status_code == 302  # signed out


def test_a_back_office_account_cannot_delete_itself_here(client, django_user_model):
    staff = django_user_model.objects.create_user("ed", "ed@example.jp", "pw-123456", is_staff=True)
    client.force_login(staff)
    client.post(url("delete_account"), {"password": "pw-123456"})
    assert django_user_model.objects.filter(pk=staff.pk).exists()
