"""Manage links expire a while after the booking ends, and a guest gets new ones by e-mail
(issue 14, 11): a leaked link stops working, the guest never loses their booking."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Booking
from booking.services import link_requests
from booking.services.jst import JST, today
from booking.services.manage_links import SALT, booking_from_token, manage_token, manage_url
from core import outgoing
from core.models import OutgoingEmail
from tests.booking.account_factories import make_booking
from tests.booking.factories import OfferFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_eager")]

GUEST = "hanako@example.jp"


@pytest.fixture(autouse=True)
def _site(home):
    return home


@pytest.fixture
def booking():
    """A session from 10:00 to 12:00 in ten days, booked by GUEST."""
    offer = OfferFactory(name="梅しごと体験", name_en="Ume picking")
    return make_booking(offer, guest_email=GUEST, starts=time(10, 0))


def session_end(booking: Booking) -> datetime:
    return datetime.combine(booking.service_date, time(12, 0), tzinfo=JST)


def new_link_url(language: str = "ja") -> str:
    with translation.override(language):
        return reverse("booking:new_link")


def send_queued() -> None:
    """What the worker does: send every pending message of the outbox."""
    for pk in OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).values_list(
        "pk", flat=True
    ):
        outgoing.send(pk)


def test_the_confirmation_link_works_until_thirty_days_after_the_session_then_offers_a_new_one(
    client, booking, settings
):
    settings.BOOKING_MANAGE_LINK_DAYS_AFTER_END = 30
    link = manage_url(booking)
    last_moment = session_end(booking) + timedelta(days=30) - timedelta(minutes=1)

    with time_machine.travel(last_moment, tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(last_moment + timedelta(minutes=2), tick=False):
        page = client.get(link)
        cancel = client.get(link + "cancel/")

    assert page.status_code == 410
    html = page.content.decode()
    assert booking.reference not in html and GUEST not in html
    assert f'action="{new_link_url()}"' in html and 'name="email"' in html
    assert cancel.status_code == 410


def test_a_link_of_the_first_form_without_a_date_expires_the_same_way(client, booking):
    old = signing.Signer(salt=SALT).sign_object([booking.pk, booking.reference])
    assert booking_from_token(old) == booking
    after = session_end(booking) + timedelta(days=31)
    assert booking_from_token(old, after) is None
    assert booking_from_token(manage_token(booking), after) is None


def test_tampered_or_foreign_tokens_open_nothing(client, booking):
    forged = signing.Signer(salt=SALT).sign_object([booking.pk, booking.reference, "soon"])
    other_salt = signing.Signer(salt="other").sign_object([booking.pk, booking.reference, 1])
    too_late = signing.Signer(salt=SALT).sign_object([booking.pk, booking.reference, 2**41])
    for token in (forged, other_salt, too_late, manage_token(booking)[:-2]):
        assert booking_from_token(token) is None
        with translation.override("ja"):
            path = reverse("booking:manage", kwargs={"token": token})
        assert client.get(path).status_code == 404


def test_the_owner_signed_in_still_opens_an_expired_link(client, booking):
    owner = UserFactory(email=GUEST)
    Booking.objects.filter(pk=booking.pk).update(user=owner)
    link = manage_url(booking)
    with time_machine.travel(session_end(booking) + timedelta(days=60), tick=False):
        client.force_login(owner)
        assert client.get(link).status_code == 200
        client.logout()
        assert client.get(link).status_code == 410


def test_a_guest_asks_for_new_links_and_gets_one_per_booking_to_that_address_only(
    client, booking, settings
):
    second = make_booking(booking.offer, guest_email=GUEST.upper(), day=today() + timedelta(days=3))
    someone_else = make_booking(booking.offer, guest_email="taro@example.jp")
    long_after = session_end(booking) + timedelta(days=90)

    with time_machine.travel(long_after, tick=False):
        response = client.post(new_link_url(), {"email": f" {GUEST} "})
        assert response.status_code == 302
        sent_page = client.get(response.url)
        send_queued()

    assert "メールをご確認ください" in sent_page.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [GUEST]
    body = message.body
    assert booking.reference in body and second.reference in body
    assert someone_else.reference not in body
    links = re.findall(r"https?://\S+/booking/manage/\S+/", body)
    assert len(links) == 2
    assert all(link.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/")) for link in links)
    path = re.sub(r"^https?://[^/]+", "", links[-1])

    renewed_days = settings.BOOKING_MANAGE_LINK_RENEWED_DAYS
    with time_machine.travel(long_after + timedelta(days=renewed_days) - timedelta(hours=1)):
        assert client.get(path).status_code == 200
    with time_machine.travel(long_after + timedelta(days=renewed_days, hours=1)):
        assert client.get(path).status_code == 410


def test_a_second_request_soon_after_sends_nothing_more_and_unknown_addresses_get_no_mail(
    client, booking
):
    first = client.post(new_link_url("en"), {"email": GUEST})
    again = client.post(new_link_url("en"), {"email": GUEST.upper()})
    unknown = client.post(new_link_url("en"), {"email": "nobody@example.jp"})
    send_queued()

    assert first.status_code == again.status_code == unknown.status_code == 302
    assert first.url == again.url == unknown.url  # the same answer whatever the address
    assert [m.to for m in mail.outbox] == [[GUEST]]
    assert "Links to your bookings" in mail.outbox[0].subject
    statuses = sorted(OutgoingEmail.objects.values_list("status", flat=True))
    assert statuses == sorted([OutgoingEmail.Status.SENT, OutgoingEmail.Status.NOTHING])

    later = timezone.now() + timedelta(minutes=link_requests.REQUEST_WINDOW_MINUTES + 1)
    with time_machine.travel(later):
        client.post(new_link_url("en"), {"email": GUEST})
        send_queued()
    assert len(mail.outbox) == 2


def test_a_wrong_address_gets_a_form_error_and_too_many_requests_a_429(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "manage_link": "2/h"}
    wrong = client.post(new_link_url("en"), {"email": "not an address"})
    assert wrong.status_code == 200
    assert "Enter a valid email address" in wrong.content.decode()
    client.post(new_link_url("en"), {"email": GUEST})
    over = client.post(new_link_url("en"), {"email": GUEST})
    assert over.status_code == 429
    assert OutgoingEmail.objects.count() == 1
