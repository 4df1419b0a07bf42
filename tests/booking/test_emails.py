"""Booking e-mails: each kind goes to the right person in the right language with the reference,
the offer, the dates, the amounts and the manage link; the confirmation carries a qualified
invoice receipt and a calendar file; the host's e-mails never carry the guest register."""

import re
from datetime import UTC, date, datetime, time, timedelta
from email.mime.base import MIMEBase

import pytest
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from icalendar import Calendar

from booking.models import Booking, BookingEmail, GuestRegisterEntry, Offer, Refund
from booking.services.emails import build_message, message_language, recipients
from booking.services.holds import HoldItem, create_hold
from booking.services.ics import booking_ics
from booking.services.jst import at, today
from booking.services.manage_links import booking_from_token
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)
from tests.booking.payment_factories import BookingEmailFactory, PaymentFactory, RefundFactory

pytestmark = pytest.mark.django_db

Kind = BookingEmail.Kind
GUEST_KINDS = [
    Kind.CONFIRMATION,
    Kind.CANCELLATION,
    Kind.REFUND,
    Kind.REMINDER,
    Kind.LATE_PAYMENT,
]
PARTNER_KINDS = [Kind.PARTNER_NEW_BOOKING, Kind.PARTNER_CANCELLATION]
MANAGE_LINK = re.compile(r"http://testserver/(ja|en)/booking/manage/([^/\s\"<]+)/")
PASSPORT = "TZ9876543"
FOREIGN_ADDRESS = "221B Baker Street, London"


def service_day() -> date:
    """The day of the booked sessions and nights: twenty days after today (read when asked,
    so the tests hold under any clock)."""
    return today() + timedelta(days=20)


@pytest.fixture
def organisation():
    return PartnerOrganisationFactory(
        name="紀州ファーム",
        name_en="Kishu Farm",
        email="farm@example.jp",
        invoice_registration_number="T9234567890123",
    )


@pytest.fixture
def experience(organisation):
    """An experience at ¥6,050 a person, one session 10:00–12:00 on the service day."""
    offer = OfferFactory(organisation=organisation, name="梅しごと体験", name_en="Ume picking")
    category = PriceCategoryFactory(offer=offer, code="adult", price=6050)
    slot = make_slot(offer, service_day(), starts=time(10, 0), ends=time(12, 0))
    return offer, [HoldItem(slot_ids=(slot.pk,), category_id=category.pk, quantity=2)]


@pytest.fixture
def stay(organisation):
    """Two nights in a room at ¥15,000 a night from the service day (in 15:00, out 10:00)."""
    offer = OfferFactory(
        organisation=organisation,
        name="海辺の宿",
        name_en="Seaside inn",
        kind=Offer.Kind.STAY,
        unit=Offer.Unit.ROOM_NIGHT,
    )
    category = PriceCategoryFactory(
        offer=offer, code="room", name="和室", name_en="Room", price=15000
    )
    nights = make_nights(offer, service_day(), 2)
    return offer, [
        HoldItem(slot_ids=(night.pk,), category_id=category.pk, quantity=1) for night in nights
    ]


@pytest.fixture
def desk_day(organisation):
    """A full desk day at ¥3,000: the morning (09:00–13:00) and the afternoon (13:00–18:00)."""
    offer = OfferFactory(
        organisation=organisation,
        name="コワーキング白浜",
        name_en="Shirahama co-working",
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
    )
    category = PriceCategoryFactory(offer=offer, code="day", name="1日", name_en="Day", price=3000)
    morning = make_slot(offer, service_day(), starts=time(9, 0), ends=time(13, 0), part="am")
    afternoon = make_slot(offer, service_day(), starts=time(13, 0), ends=time(18, 0), part="pm")
    return offer, [
        HoldItem(slot_ids=(morning.pk, afternoon.pk), category_id=category.pk, quantity=1)
    ]


def book(
    offer_and_items: tuple[Offer, list[HoldItem]], *, language: str = "ja", **fields
) -> Booking:
    """A hold made the ordinary way, then confirmed (or set to `fields`) directly."""
    offer, items = offer_and_items
    booking = create_hold(offer, items, language=language)
    values = {
        "status": Booking.Status.CONFIRMED,
        "confirmed_at": at(today(), time(9, 30)),
        "guest_name": "和歌山 花子",
        "guest_name_kana": "ワカヤマ ハナコ",
        "guest_email": "hanako@example.jp",
        "guest_phone": "090-0000-0000",
        **fields,
    }
    for name, value in values.items():
        setattr(booking, name, value)
    booking.save()
    return booking


def cancel(booking: Booking, refund: int = 0, **refund_fields) -> Booking:
    """Cancel the booking five days ahead, with a Refund row of `refund` yen if any."""
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = at(service_day() - timedelta(days=5), time(8, 0))
    booking.save()
    if refund:
        RefundFactory(booking=booking, amount=refund, **refund_fields)
    return booking


def message(booking: Booking, kind: str) -> EmailMultiAlternatives:
    """The message for a new outbox row of `kind`."""
    return build_message(BookingEmailFactory(booking=booking, kind=kind))


def html_of(msg: EmailMultiAlternatives) -> str:
    """The message's one HTML alternative."""
    [(html, mimetype)] = msg.alternatives
    assert mimetype == "text/html"
    return html


def opened_booking(text: str, language: str) -> Booking | None:
    """The booking that the first manage link in `text` opens (checking its language)."""
    match = MANAGE_LINK.search(text)
    assert match, text
    assert match.group(1) == language
    return booking_from_token(match.group(2))


def calendar_of(msg: EmailMultiAlternatives, booking: Booking) -> Calendar:
    """The message's one file attachment (beside the inline check-in QR code), checked to be the
    booking's calendar file, parsed."""
    [attachment] = [a for a in msg.attachments if not isinstance(a, MIMEBase)]
    assert attachment.filename == f"booking-{booking.reference}.ics"
    assert attachment.mimetype == "text/calendar"
    return Calendar.from_ical(attachment.content)


def long_date(day: date, language: str) -> str:
    """A day as the e-mails write it in full."""
    if language == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%B')} {day.year}"


# --- Every kind ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("kind", GUEST_KINDS)
def test_every_guest_e_mail_in_the_booking_s_language(experience, kind, language):
    booking = book(experience, language=language)
    if kind in (Kind.CANCELLATION, Kind.REFUND):
        cancel(booking, refund=12100, status=Refund.Status.SUCCEEDED, refunded_at=timezone.now())
    msg = message(booking, kind)
    html = html_of(msg)

    assert msg.to == ["hanako@example.jp"]
    assert msg.from_email == settings.DEFAULT_FROM_EMAIL
    assert msg.reply_to == ["farm@example.jp"]
    site_name = settings.WAGTAIL_SITE_NAME if language == "ja" else "Wakayama Workation"
    assert msg.subject.startswith(site_name)
    assert booking.reference in msg.subject and "\n" not in msg.subject
    name = "梅しごと体験" if language == "ja" else "Ume picking"
    other_name = "Ume picking" if language == "ja" else "梅しごと体験"
    for body in (msg.body, html):
        assert booking.reference in body
        assert name in body and other_name not in body
        assert long_date(service_day(), language) in body and "10:00" in body
        assert opened_booking(body, language) == booking
    assert f'<html lang="{language}">' in html
    assert ("様" in msg.body) == (language == "ja")


@pytest.mark.parametrize("kind", PARTNER_KINDS)
def test_host_e_mails_go_to_the_organisation_in_japanese_without_a_manage_link(experience, kind):
    booking = book(experience, language="en", guest_notes="Vegetarian, please.")
    if kind == Kind.PARTNER_CANCELLATION:
        cancel(booking, refund=12100)
    email = BookingEmailFactory(booking=booking, kind=kind)
    msg = build_message(email)
    html = html_of(msg)

    assert recipients(email) == ["farm@example.jp"] == msg.to
    assert message_language(email) == "ja"
    assert msg.reply_to == ["hanako@example.jp"]
    assert msg.subject.startswith(settings.WAGTAIL_SITE_NAME)
    assert booking.reference in msg.subject and "\n" not in msg.subject
    assert '<html lang="ja">' in html
    for body in (msg.body, html):
        assert "紀州ファーム" in body and "梅しごと体験" in body
        assert "和歌山 花子" in body
        assert long_date(service_day(), "ja") in body and "10:00" in body
        assert "/booking/manage/" not in body
        assert "¥12,100" in body


def test_guest_language_falls_back_to_the_site_default(experience):
    booking = book(experience, language="fr")
    email = BookingEmailFactory(booking=booking, kind=Kind.CONFIRMATION)
    assert message_language(email) == "ja"
    assert "ご予約を確定いたしました" in build_message(email).body


def test_a_guest_without_an_address_has_no_recipient(experience):
    booking = book(experience, guest_email="")
    assert recipients(BookingEmailFactory(booking=booking, kind=Kind.REMINDER)) == []


def test_links_use_the_base_url_given(experience):
    booking = book(experience)
    msg = build_message(
        BookingEmailFactory(booking=booking, kind=Kind.CONFIRMATION),
        base_url="https://workation.example.jp/",
    )
    assert "https://workation.example.jp/ja/booking/manage/" in msg.body
    assert "http://testserver" not in msg.body


def test_text_is_not_escaped_and_html_is(experience):
    booking = book(experience, language="en", guest_name="Pat O'Brien & <Co>")
    msg = message(booking, Kind.CONFIRMATION)
    assert "Pat O'Brien & <Co>" in msg.body
    html = html_of(msg)
    assert "Pat O&#x27;Brien &amp; &lt;Co&gt;" in html and "<Co>" not in html


# --- Confirmation: receipt and calendar ---------------------------------------------------------


def test_confirmation_receipt_is_a_qualified_invoice_in_japanese(experience):
    booking = book(experience)
    msg = message(booking, Kind.CONFIRMATION)

    assert booking.total == 12100 and booking.tax == 1100
    for body in (msg.body, html_of(msg)):
        assert "領収書" in body and "適格簡易請求書" in body
        assert re.search(r"登録番号\s*：T9234567890123", body)
        assert re.search(r"発行者\s*：紀州ファーム", body)
        assert "発行日" in body and long_date(today(), "ja") in body
        assert "¥12,100" in body and "¥1,100" in body
        assert "(10%対象)" in body
        assert "和歌山 花子 様" in body


def test_confirmation_receipt_in_english_names_the_seller_in_both_languages(desk_day):
    booking = book(desk_day, language="en")
    msg = message(booking, Kind.CONFIRMATION)

    assert booking.total == 3000 and booking.tax == 272
    for body in (msg.body, html_of(msg)):
        assert "receipt" in body.lower()
        assert "紀州ファーム (Kishu Farm)" in body
        assert "T9234567890123" in body
        assert "¥3,000" in body and "¥272" in body
        assert "10%" in body


def test_a_seller_without_a_registration_number_issues_a_plain_receipt(experience):
    offer, _items = experience
    offer.organisation.invoice_registration_number = ""
    offer.organisation.save()
    msg = message(book(experience), Kind.CONFIRMATION)
    assert "領収書" in msg.body
    assert "適格" not in msg.body and "登録番号" not in msg.body


def test_the_receipt_is_dated_in_japan_time(experience):
    # 23:30 UTC is already the next day in Japan.
    confirmed = datetime.combine(service_day() - timedelta(days=10), time(23, 30), tzinfo=UTC)
    msg = message(book(experience, confirmed_at=confirmed), Kind.CONFIRMATION)
    assert f"発行日　：{long_date(service_day() - timedelta(days=9), 'ja')}" in msg.body


def test_confirmation_calendar_for_an_experience_session(experience):
    booking = book(experience, language="en")
    calendar = calendar_of(message(booking, Kind.CONFIRMATION), booking)

    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    [event] = calendar.events
    assert event.start == at(service_day(), time(10, 0)) and event.end == at(
        service_day(), time(12, 0)
    )
    assert str(event["UID"]) == f"{booking.reference}-1@workation"
    assert event["DTSTAMP"]
    assert str(event["SUMMARY"]) == "Ume picking"
    # No venue on the page: the seller's address, in Latin letters for an English guest.
    assert str(event["LOCATION"]) == "Wakayama-ken Nishimuro-gun Shirahama-cho 1-1"
    assert booking.reference in str(event["DESCRIPTION"])
    assert booking_from_token(MANAGE_LINK.search(str(event["URL"])).group(2)) == booking


def test_a_two_night_stay_is_one_event_from_check_in_to_check_out(stay):
    booking = book(stay)
    calendar = calendar_of(message(booking, Kind.CONFIRMATION), booking)

    [event] = calendar.events
    assert event.start == at(service_day(), time(15, 0))
    assert event.end == at(service_day() + timedelta(days=2), time(10, 0))
    assert str(event["SUMMARY"]) == "海辺の宿"
    body = message(booking, Kind.REMINDER).body
    assert "チェックイン" in body and long_date(service_day() + timedelta(days=2), "ja") in body
    assert "（2泊）" in body


def test_a_desk_day_is_one_event_with_its_two_halves_merged(desk_day):
    booking = book(desk_day)
    [event] = Calendar.from_ical(booking_ics(booking, "ja")).events
    assert event.start == at(service_day(), time(9, 0)) and event.end == at(
        service_day(), time(18, 0)
    )
    assert event.start.tzinfo is not None


def test_desk_days_and_sessions_make_one_event_each(organisation, experience):
    offer = OfferFactory(organisation=organisation, kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    category = PriceCategoryFactory(offer=offer, price=3000)
    items = []
    for day in (service_day(), service_day() + timedelta(days=1)):
        morning = make_slot(offer, day, starts=time(9, 0), ends=time(13, 0), part="am")
        afternoon = make_slot(offer, day, starts=time(13, 0), ends=time(18, 0), part="pm")
        items.append(HoldItem((morning.pk, afternoon.pk), category.pk, 1))
    booking = book((offer, items))
    events = Calendar.from_ical(booking_ics(booking, "ja")).events
    assert [(e.start, e.end) for e in events] == [
        (at(service_day(), time(9, 0)), at(service_day(), time(18, 0))),
        (
            at(service_day() + timedelta(days=1), time(9, 0)),
            at(service_day() + timedelta(days=1), time(18, 0)),
        ),
    ]
    assert len({str(e["UID"]) for e in events}) == 2

    sessions, [item] = experience
    category = sessions.price_categories.get()
    next_session = make_slot(sessions, service_day(), starts=time(12, 0), ends=time(14, 0))
    booking = book((sessions, [item, HoldItem((next_session.pk,), category.pk, 2)]))
    events = Calendar.from_ical(booking_ics(booking, "en")).events
    assert [(e.start, e.end) for e in events] == [
        (at(service_day(), time(10, 0)), at(service_day(), time(12, 0))),
        (at(service_day(), time(12, 0)), at(service_day(), time(14, 0))),
    ]


# --- Host's new booking -------------------------------------------------------------------------


def test_new_booking_for_the_host_has_who_what_when_how_many_and_notes(experience):
    booking = book(experience, guest_notes="アレルギー：そば")
    msg = message(booking, Kind.PARTNER_NEW_BOOKING)
    for body in (msg.body, html_of(msg)):
        assert "山田 花子 様" in body  # the organisation's contact person
        assert "ワカヤマ ハナコ" in body and "hanako@example.jp" in body
        assert "090-0000-0000" in body
        assert "大人 2名" in body
        assert "アレルギー：そば" in body
    assert msg.attachments == []


def test_the_host_is_told_the_register_is_kept_but_never_sent_passports_or_addresses(stay):
    booking = book(stay, language="en")
    GuestRegisterEntry.objects.create(
        booking=booking,
        name="John Smith",
        address=FOREIGN_ADDRESS,
        phone="+44 20 0000 0000",
        lives_in_japan=False,
        nationality="UK",
        passport_number=PASSPORT,
    )
    msg = message(booking, Kind.PARTNER_NEW_BOOKING)
    for body in (msg.body, html_of(msg)):
        assert "宿泊者名簿（1名分）" in body and "記録済み" in body
        assert PASSPORT not in body
        assert FOREIGN_ADDRESS not in body
        assert "和室 1室" in body
    assert "英語" in msg.body


# --- Cancellation, refund, reminder, late payment -----------------------------------------------


def test_cancellation_states_the_refund_that_follows(experience):
    booking = cancel(book(experience, language="en"), refund=6050)
    msg = message(booking, Kind.CANCELLATION)
    for body in (msg.body, html_of(msg)):
        assert "¥6,050" in body and "refunded to the card" in body


def test_cancellation_by_the_host_apologises(experience):
    booking = cancel(book(experience), refund=12100, reason=Refund.Reason.PARTNER_CANCELLED)
    body = message(booking, Kind.CANCELLATION).body
    assert "主催者の都合により" in body and "¥12,100" in body


def test_cancellation_of_an_unpaid_booking_owes_nothing(experience):
    booking = cancel(book(experience, status=Booking.Status.AWAITING_PAYMENT, confirmed_at=None))
    body = message(booking, Kind.CANCELLATION).body
    assert "代金は発生しておりません" in body and "返金いたします" not in body


def test_a_late_cancellation_without_refund_says_so(experience):
    booking = cancel(book(experience, language="en"))
    body = message(booking, Kind.CANCELLATION).body
    assert "no refund is due" in body


def test_refund_states_the_amount_the_day_and_that_it_takes_time(experience):
    refunded = at(service_day() - timedelta(days=4), time(11, 0))
    booking = cancel(book(experience), refund=6050)
    Refund.objects.filter(booking=booking).update(
        status=Refund.Status.SUCCEEDED, refunded_at=refunded
    )
    msg = message(booking, Kind.REFUND)
    for body in (msg.body, html_of(msg)):
        assert "返金額" in body and "¥6,050" in body
        assert long_date(refunded.date(), "ja") in body
        assert "数日から数週間" in body


def test_reminder_has_where_the_page_and_the_calendar(home, organisation):
    offer = OfferFactory(organisation=organisation, page=home, name="梅しごと体験")
    category = PriceCategoryFactory(offer=offer, price=6050)
    slot = make_slot(offer, service_day())
    booking = book((offer, [HoldItem((slot.pk,), category.pk, 1)]), language="en")
    msg = message(booking, Kind.REMINDER)
    for body in (msg.body, html_of(msg)):
        assert "http://testserver/ja/" in body  # the offer's page, with its meeting point
        assert "Wakayama-ken Nishimuro-gun Shirahama-cho 1-1" in body  # romanised
        assert organisation.address not in body and organisation.phone in body
    assert len(calendar_of(msg, booking).events) == 1


def test_late_payment_apologises_and_refunds_everything(experience):
    booking = book(experience, language="en", status=Booking.Status.EXPIRED, confirmed_at=None)
    PaymentFactory(booking=booking)
    msg = message(booking, Kind.LATE_PAYMENT)
    for body in (msg.body, html_of(msg)):
        assert "¥12,100" in body
        assert "sorry" in body.lower()
        assert f"/en/booking/offers/{booking.offer_id}/" in body  # book again
    assert "nothing to pay" in msg.body
    assert msg.attachments == []

    RefundFactory(booking=booking, amount=12100, reason=Refund.Reason.LATE_PAYMENT)
    assert "¥12,100" in message_again(booking, Kind.LATE_PAYMENT).body


def message_again(booking: Booking, kind: str) -> EmailMultiAlternatives:
    """The message for an outbox row that exists already (the factory's would clash)."""
    return build_message(BookingEmail.objects.get(booking=booking, kind=kind))
