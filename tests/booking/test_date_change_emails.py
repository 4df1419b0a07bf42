"""The e-mails of a date change: the guest is told the new and old dates and what the difference
did, in the booking's language, with a calendar file that moves the confirmation's events; the
host is told in Japanese; a difference paid too late is refunded and the guest told the dates
stayed; each change sends its own message."""

from datetime import time, timedelta
from email.mime.base import MIMEBase

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Booking, BookingEmail, DateChange, Offer
from booking.services import date_changes, payments
from booking.services.emails import build_message
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import at, today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.payment_factories import BookingEmailFactory
from tests.booking.test_date_changes import PAGES, two_adults
from tests.booking.test_emails import calendar_of, html_of, long_date
from tests.booking.test_payments import pay_and_fulfil, to_payment_page

pytestmark = pytest.mark.django_db

GUEST = "taro@example.jp"


def offer_days():
    """An experience that allows date changes (its seller at farm@example.jp): the booked day
    (5,500 yen a person), a cheaper day (4,400), a dearer day (7,700)."""
    offer = OfferFactory(
        date_changes=True,
        free_cancellation_days=3,
        max_per_booking=6,
        organisation__email="farm@example.jp",
    )
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    first = today() + timedelta(days=10)
    booked = make_slot(offer, first, capacity=3)
    cheaper = make_slot(offer, first + timedelta(days=1), capacity=3, price_override=4400)
    dearer = make_slot(offer, first + timedelta(days=2), capacity=3, price_override=7700)
    return offer, adult, booked, cheaper, dearer


def paid_booking(days, fake_stripe, capture, language: str = "ja") -> Booking:
    """Two adults on the booked day, paid (11,000 yen), in `language`; its confirmation sent."""
    offer, adult, booked, *_ = days
    booking, _ = to_payment_page(Client(), (offer, adult, None, booked))
    if language != "ja":
        Booking.objects.filter(pk=booking.pk).update(language=language)
    pay_and_fulfil(fake_stripe, booking, capture)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.language == language
    return booking


def sent_to(address: str) -> list[EmailMultiAlternatives]:
    return [msg for msg in mail.outbox if msg.to == [address]]


def event_of(msg: EmailMultiAlternatives, booking: Booking):
    [event] = calendar_of(msg, booking).events
    return event


def confirmation_uid(booking: Booking) -> str:
    """The UID of the event in the confirmation's calendar file (the first guest message)."""
    [confirmation] = sent_to(GUEST)
    return str(event_of(confirmation, booking)["UID"])


def pay_difference(change: DateChange, fake_stripe, capture, now=None) -> str:
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with capture(execute=True):
        return payments.sync_checkout_session(page.checkout_session_id, now=now).effect


def test_a_cheaper_move_tells_the_guest_the_new_dates_and_the_refund_and_moves_the_calendar(
    fake_stripe, django_capture_on_commit_callbacks
):
    days = offer_days()
    _offer, adult, booked, cheaper, _dearer = days
    booking = paid_booking(days, fake_stripe, django_capture_on_commit_callbacks)
    uid = confirmation_uid(booking)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        date_changes.accept(date_changes.hold_new_dates(booking, two_adults(cheaper, adult)))

    [guest] = sent_to(GUEST)
    assert booking.reference in guest.subject and "日程変更" in guest.subject
    assert guest.reply_to == ["farm@example.jp"]
    for body in (guest.body, html_of(guest)):
        assert long_date(cheaper.date, "ja") in body and long_date(booked.date, "ja") in body
        assert "¥2,200" in body and "返金いたします" in body
        assert "¥8,800" in body  # the new total, with the lines
        assert "/ja/booking/manage/" in body
    event = event_of(guest, booking)
    assert str(event["UID"]) == uid
    assert event.start == at(cheaper.date, time(10, 0))
    assert int(event["SEQUENCE"]) == 1
    assert any(isinstance(part, MIMEBase) for part in guest.attachments)  # the check-in code


def test_the_host_is_told_in_japanese_at_the_organisation_s_address(
    fake_stripe, django_capture_on_commit_callbacks
):
    days = offer_days()
    _offer, adult, booked, cheaper, _dearer = days
    booking = paid_booking(days, fake_stripe, django_capture_on_commit_callbacks, "en")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        date_changes.accept(date_changes.hold_new_dates(booking, two_adults(cheaper, adult)))

    [host] = sent_to("farm@example.jp")
    assert booking.reference in host.subject and "日程が変更されました" in host.subject
    assert host.reply_to == [GUEST]
    for body in (host.body, html_of(host)):
        assert long_date(cheaper.date, "ja") in body and long_date(booked.date, "ja") in body
        assert "山田 太郎" in body and "2名" in body
        assert "¥11,000 → " in body and "¥8,800" in body
        assert "/booking/manage/" not in body
    assert not [a for a in host.attachments if not isinstance(a, MIMEBase)]


def test_a_dearer_move_in_english_names_the_difference_paid_and_when(
    fake_stripe, django_capture_on_commit_callbacks
):
    days = offer_days()
    _offer, adult, booked, _cheaper, dearer = days
    booking = paid_booking(days, fake_stripe, django_capture_on_commit_callbacks, "en")
    uid = confirmation_uid(booking)
    mail.outbox.clear()

    change = date_changes.hold_new_dates(booking, two_adults(dearer, adult))
    effect = pay_difference(change, fake_stripe, django_capture_on_commit_callbacks)

    assert effect == "confirmed"
    [guest] = sent_to(GUEST)
    assert booking.reference in guest.subject and guest.subject.startswith("Wakayama Workation")
    for body in (guest.body, html_of(guest)):
        assert long_date(dearer.date, "en") in body and long_date(booked.date, "en") in body
        assert "¥4,400 more" in body or "<strong>¥4,400</strong> more" in body
        assert f"You paid the difference on {long_date(today(), 'en')}" in body
        assert "¥15,400" in body
        assert "/en/booking/manage/" in body
        assert "様" not in body
    event = event_of(guest, booking)
    assert str(event["UID"]) == uid and event.start == at(dearer.date, time(10, 0))
    [host] = sent_to("farm@example.jp")
    assert "差額 ¥4,400 は、お客様がお支払い済みです" in host.body


def test_a_difference_paid_too_late_is_refunded_and_the_guest_told_the_dates_stayed(
    fake_stripe, django_capture_on_commit_callbacks
):
    days = offer_days()
    _offer, adult, booked, _cheaper, dearer = days
    booking = paid_booking(days, fake_stripe, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    change = date_changes.hold_new_dates(booking, two_adults(dearer, adult))
    later = change.hold.hold_expires_at + timedelta(minutes=1)
    create_hold(dearer.offer, [HoldItem((dearer.pk,), adult.pk, 3)], now=later)  # all of it

    effect = pay_difference(change, fake_stripe, django_capture_on_commit_callbacks, now=later)

    assert effect == "refunded"
    [guest] = sent_to(GUEST)
    assert not sent_to("farm@example.jp")
    assert booking.reference in guest.subject and "変更できませんでした" in guest.subject
    for body in (guest.body, html_of(guest)):
        assert f"変更前の日程（{long_date(booked.date, 'ja')}" in body
        assert long_date(dearer.date, "ja") in body
        assert "¥4,400" in body and "全額" in body
        assert "/ja/booking/manage/" in body
    assert not [a for a in guest.attachments if not isinstance(a, MIMEBase)]  # no calendar


def test_each_change_of_a_booking_sends_its_own_message(
    fake_stripe, django_capture_on_commit_callbacks
):
    days = offer_days()
    offer, adult, booked, cheaper, _dearer = days
    same_price = make_slot(offer, cheaper.date + timedelta(days=4), capacity=3, price_override=4400)
    booking = paid_booking(days, fake_stripe, django_capture_on_commit_callbacks)
    uid = confirmation_uid(booking)
    mail.outbox.clear()

    for slot in (cheaper, same_price):
        with django_capture_on_commit_callbacks(execute=True):
            date_changes.accept(date_changes.hold_new_dates(booking, two_adults(slot, adult)))

    first, second = sent_to(GUEST)
    assert long_date(cheaper.date, "ja") in first.body and "¥2,200" in first.body
    assert long_date(same_price.date, "ja") in second.body
    assert long_date(booked.date, "ja") not in second.body  # moved from the cheaper day
    assert "合計金額（¥8,800）は変わりません" in second.body
    events = [event_of(msg, booking) for msg in (first, second)]
    assert [str(e["UID"]) for e in events] == [uid, uid]
    assert [int(e["SEQUENCE"]) for e in events] == [1, 2]
    assert events[1].start == at(same_price.date, time(10, 0))
    assert BookingEmail.objects.filter(booking=booking, kind="dates_changed").count() == 2


def moved_stay(nights: int) -> Booking:
    """A confirmed stay of `nights` nights, moved a night later (the change recorded as done)."""
    inn = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, date_changes=True)
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    first = today() + timedelta(days=10)
    slots = make_nights(inn, first, nights)
    booking = create_hold(inn, [HoldItem((slot.pk,), room.pk, 1) for slot in slots])
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, confirmed_at=timezone.now(), guest_email=GUEST
    )
    DateChange.objects.create(
        booking=booking,
        status=DateChange.Status.DONE,
        done_at=timezone.now(),
        old_first_day=first - timedelta(days=1),
        old_last_day=first + timedelta(days=nights - 2),
        new_first_day=first,
        new_last_day=first + timedelta(days=nights - 1),
        old_total=booking.total,
        new_total=booking.total,
    )
    return Booking.objects.get(pk=booking.pk)


@pytest.mark.parametrize("kind", ["dates_changed", "partner_dates_changed"])
def test_the_messages_take_as_many_queries_for_one_night_as_for_five(kind):
    def queries(booking: Booking) -> int:
        email = BookingEmailFactory(
            booking=booking, kind=kind, date_change=booking.date_changes.get()
        )
        with CaptureQueriesContext(connection) as captured:
            msg = build_message(email)
        assert "チェックアウト" in msg.body
        return len(captured)

    assert queries(moved_stay(1)) == queries(moved_stay(5))
