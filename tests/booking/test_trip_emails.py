"""A trip's e-mails: one confirmation to the guest in the trip's language listing every item with
its seller, manage link and receipt, with one calendar file holding every event; each host its
own new-booking e-mail; and, for a payment that came too late, the whole refund."""

import re
from datetime import time, timedelta
from email.mime.base import MIMEBase

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from booking.models import Booking, BookingEmail, Offer, Payment, Refund, Trip
from booking.services import payments, trip_checkout, trips
from booking.services.emails import build_message
from booking.services.holds import HoldRequest, create_hold
from booking.services.ics import booking_ics
from booking.services.jst import at, today
from booking.services.manage_links import booking_from_token
from booking.services.selection import desk_items, session_items, stay_items
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)
from tests.booking.payment_factories import BookingEmailFactory, PaymentFactory

pytestmark = pytest.mark.django_db

Kind = BookingEmail.Kind
GUEST = {
    "guest_name": "和歌山 花子",
    "guest_name_kana": "ワカヤマ ハナコ",
    "guest_email": "hanako@example.jp",
    "guest_phone": "090-0000-0000",
}
REGISTER = [{"name": "和歌山 花子", "address": "和歌山県白浜町1-1", "phone": "090-0000-0000"}]
MANAGE_LINK = re.compile(r"http://testserver/(ja|en)/booking/manage/([^/\s\"<]+)/")
SELLERS = [
    ("白浜の宿", "Shirahama Inn", "inn@example.jp"),
    ("南紀オフィス", "Nanki Office", "office@example.jp"),
    ("紀州ファーム", "Kishu Farm", "farm@example.jp"),
]


def first_day():
    return today() + timedelta(days=14)


@pytest.fixture
def week() -> list[HoldRequest]:
    """Three nights at an inn (¥36,000), a desk on two days (¥4,400), a farm session for two
    (¥11,000): three sellers."""
    inn_org, office_org, farm_org = (
        PartnerOrganisationFactory(name=name, name_en=name_en, email=email)
        for name, name_en, email in SELLERS
    )
    inn = OfferFactory(
        organisation=inn_org,
        name="海辺の宿",
        name_en="Seaside inn",
        kind=Offer.Kind.STAY,
        unit=Offer.Unit.ROOM_NIGHT,
    )
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    make_nights(inn, first_day(), 3, capacity=1)
    office = OfferFactory(
        organisation=office_org,
        name="コワーキング白浜",
        name_en="Shirahama co-working",
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
    )
    PriceCategoryFactory(offer=office, code="day", price=2200)
    for offset in (1, 2):
        day = first_day() + timedelta(days=offset)
        make_slot(office, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
        make_slot(office, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")
    farm = OfferFactory(organisation=farm_org, name="梅しごと体験", name_en="Ume picking")
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    session = make_slot(farm, first_day() + timedelta(days=3), capacity=4)
    return [
        HoldRequest(inn, stay_items(inn, first_day(), 3, {room.pk: 1})),
        HoldRequest(office, desk_items(office, first_day() + timedelta(days=1), 2, "day", 1)),
        HoldRequest(farm, session_items(farm, session.pk, {adult.pk: 2})),
    ]


def held_trip(requests: list[HoldRequest], language: str = "ja", invoice_name: str = "") -> Trip:
    held = trips.hold_trip(requests, language=language)
    trip_checkout.save_trip_details(held.trip, GUEST, REGISTER, invoice_name=invoice_name)
    return held.trip


def confirmed_trip(requests: list[HoldRequest], language: str = "ja", **kwargs) -> Trip:
    trip = held_trip(requests, language, **kwargs)
    trip.bookings.update(status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    return trip


def bookings_of(trip: Trip) -> list[Booking]:
    return list(trip.bookings.select_related("offer", "offer__organisation").order_by("pk"))


def trip_message(trip: Trip, kind: str = Kind.TRIP_CONFIRMATION):
    return build_message(BookingEmailFactory(booking=bookings_of(trip)[0], kind=kind))


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def files_of(message) -> list:
    """The message's file attachments (the inline check-in codes are MIME parts)."""
    return [a for a in message.attachments if not isinstance(a, MIMEBase)]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_trip_confirmation_is_one_e_mail_listing_every_item_with_its_seller_and_link(
    week, language
):
    trip = confirmed_trip(week, language, invoice_name="株式会社テスト")
    bookings = bookings_of(trip)

    message = trip_message(trip)

    html = html_of(message)
    assert message.to == ["hanako@example.jp"]
    assert message.reply_to == []  # several sellers: each item names its own contact
    site_name = settings.WAGTAIL_SITE_NAME if language == "ja" else "Wakayama Workation"
    assert message.subject.startswith(site_name) and trip.reference in message.subject
    assert f'<html lang="{language}">' in html
    for body in (message.body, html):
        assert "¥51,400" in body  # the trip's total
        for booking in bookings:
            assert booking.reference in body
            assert booking.offer.display_name(language) in body
            assert booking.offer.organisation.display_name(language) in body
            assert booking.offer.organisation.email in body
        links = MANAGE_LINK.findall(body)
        assert {lang for lang, _token in links} == {language}
        assert {booking_from_token(token) for _lang, token in links} == set(bookings)
    received = "上記の金額を正に領収いたしました" if language == "ja" else "Received with thanks"
    assert message.body.count(received) == 3  # a receipt per item, from its own seller
    assert message.body.count("株式会社テスト") == 3  # made out to the company
    assert ("様" in message.body) == (language == "ja")


def test_the_trip_confirmation_carries_one_calendar_file_with_every_event(week):
    trip = confirmed_trip(week, "en")
    bookings = bookings_of(trip)

    message = trip_message(trip)

    [attachment] = files_of(message)
    assert attachment.filename == f"trip-{trip.reference}.ics"
    assert attachment.mimetype == "text/calendar"
    events = Calendar.from_ical(attachment.content).events
    assert [(str(e["SUMMARY"]), e.start, e.end) for e in events] == [
        ("Seaside inn", at(first_day(), time(15, 0)), at(first_day() + timedelta(3), time(10, 0))),
        (
            "Shirahama co-working",
            at(first_day() + timedelta(1), time(9, 0)),
            at(first_day() + timedelta(1), time(18, 0)),
        ),
        (
            "Shirahama co-working",
            at(first_day() + timedelta(2), time(9, 0)),
            at(first_day() + timedelta(2), time(18, 0)),
        ),
        (
            "Ume picking",
            at(first_day() + timedelta(3), time(10, 0)),
            at(first_day() + timedelta(3), time(12, 0)),
        ),
    ]
    # The same events as each booking's own file: a calendar given both keeps one of each.
    own = {
        str(event["UID"])
        for booking in bookings
        for event in Calendar.from_ical(booking_ics(booking, "en")).events
    }
    assert {str(event["UID"]) for event in events} == own and len(own) == 4
    codes = [a for a in message.attachments if isinstance(a, MIMEBase)]
    assert sorted(code["Content-ID"] for code in codes) == sorted(
        f"<check-in-qr-{booking.reference}>" for booking in bookings
    )
    for booking in bookings:
        assert f'src="cid:check-in-qr-{booking.reference}"' in html_of(message)


@pytest.mark.usefixtures("celery_eager")
def test_paying_for_a_trip_sends_the_guest_one_e_mail_and_each_host_its_own(
    week, fake_stripe, django_capture_on_commit_callbacks
):
    trip = held_trip(week)
    bookings = trip_checkout.submit_trip_for_payment(trip)
    payment = payments.start_trip_checkout(
        trip,
        success_url="http://testserver/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://testserver/confirm/",
    )
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)

    to_guest = [m for m in mail.outbox if m.to == ["hanako@example.jp"]]
    assert len(to_guest) == 1 and trip.reference in to_guest[0].subject
    assert len(files_of(to_guest[0])) == 1
    for booking, (_name, _name_en, email) in zip(bookings, SELLERS, strict=True):
        [to_host] = [m for m in mail.outbox if m.to == [email]]
        assert booking.reference in to_host.subject
        assert "/booking/manage/" not in to_host.body
    assert len(mail.outbox) == 4
    assert set(BookingEmail.objects.values_list("status", flat=True)) == {BookingEmail.Status.SENT}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_late_payment_e_mail_gives_the_whole_refund_and_each_item_s_share(week, language):
    trip = held_trip(week, language)
    bookings = bookings_of(trip)
    Booking.objects.filter(trip=trip).update(status=Booking.Status.EXPIRED)
    payment = PaymentFactory(booking=None, trip=trip, amount=51400)
    for booking in bookings:
        Refund.objects.create(
            payment=payment,
            booking=booking,
            amount=booking.total,
            reason=Refund.Reason.LATE_PAYMENT,
        )

    message = trip_message(trip, Kind.TRIP_LATE_PAYMENT)

    html = html_of(message)
    assert message.to == ["hanako@example.jp"] and trip.reference in message.subject
    assert files_of(message) == []
    for body in (message.body, html):
        assert "¥51,400" in body
        assert "¥36,000" in body and "¥4,400" in body and "¥11,000" in body
        assert f"http://testserver/{language}/trip/" in body  # the plan, to choose again
        for booking in bookings:
            assert booking.offer.display_name(language) in body
    apology = "申し訳" if language == "ja" else "sorry"
    assert apology in message.body


@pytest.mark.usefixtures("celery_eager")
def test_a_late_payment_refunded_through_stripe_tells_the_guest_the_total_once(
    week, fake_stripe, django_capture_on_commit_callbacks
):
    trip = held_trip(week, "en")
    trip_checkout.submit_trip_for_payment(trip)
    payment = payments.start_trip_checkout(
        trip,
        success_url="http://testserver/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://testserver/confirm/",
    )
    Booking.objects.filter(trip=trip).update(hold_expires_at=timezone.now() - timedelta(minutes=1))
    create_hold(week[1].offer, week[1].items)  # someone else takes the desk meanwhile
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)

    [to_guest] = [m for m in mail.outbox if m.to == ["hanako@example.jp"]]
    assert "We could not confirm your trip" in to_guest.subject
    assert "¥51,400" in to_guest.body and "refunded in full" in to_guest.body
    assert Payment.objects.get(pk=payment.pk).refunds.count() == 3


def test_the_trip_e_mail_costs_a_fixed_number_of_queries_per_item():
    """Each item adds the same queries (its summary and links); none grow with the pairs."""
    farm_page_sellers = [PartnerOrganisationFactory() for _ in range(4)]
    requests = []
    for organisation in farm_page_sellers:
        offer = OfferFactory(organisation=organisation)
        category = PriceCategoryFactory(offer=offer, price=5500)
        slot = make_slot(offer, first_day())
        requests.append(HoldRequest(offer, session_items(offer, slot.pk, {category.pk: 1})))

    def queries(count: int) -> int:
        trip = confirmed_trip(requests[:count])
        email = BookingEmailFactory(booking=bookings_of(trip)[0], kind=Kind.TRIP_CONFIRMATION)
        with CaptureQueriesContext(connection) as captured:
            build_message(email)
        Booking.objects.filter(trip=trip).update(status=Booking.Status.CANCELLED)
        return len(captured)

    one, two, three, four = (queries(count) for count in (1, 2, 3, 4))
    assert two - one == three - two == four - three
    assert two - one <= 12
