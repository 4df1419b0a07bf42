"""Cancelling a whole trip tells the guest once: one e-mail for the trip listing every item
cancelled with the refund its own policy gave, the total and the items kept (already started),
and no per-item cancellation or refund e-mail; each host still gets its own. Cancelling one item
alone is unchanged."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Booking, BookingEmail, Refund, Trip
from booking.services import payments, trip_checkout, trips
from booking.services.cancellation import cancel_by_guest
from booking.services.emails import build_message
from booking.services.holds import HoldRequest
from booking.services.jst import at
from booking.services.selection import session_items
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_slot,
)
from tests.booking.payment_factories import PaymentFactory
from tests.booking.trip_plan_factories import Week, first_monday, make_week

pytestmark = pytest.mark.django_db

Kind = BookingEmail.Kind
GUEST_EMAIL = "hanako@example.jp"
GUEST = {
    "guest_name": "和歌山 花子",
    "guest_name_kana": "ワカヤマ ハナコ",
    "guest_email": GUEST_EMAIL,
    "guest_phone": "090-0000-0000",
}
REGISTER = [{"name": "和歌山 花子", "address": "和歌山県白浜町1-1", "phone": "090-0000-0000"}]
WEEKDAYS = {"ja": "月火水木金土日", "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def week_with_policies() -> Week:
    """The week's three sellers, each with a policy of its own. Cancelled on the Saturday before
    the week, the inn (7 days free, then 50 %) gives back ¥18,000 of ¥36,000, the desks (1 day
    free) all of ¥4,400, the farm (7 days free, then nothing) ¥0 of ¥13,200."""
    week = make_week()
    for offer, days, percent in ((week.inn, 7, 50), (week.office, 1, 50), (week.farm, 7, 0)):
        offer.free_cancellation_days = days
        offer.late_cancellation_refund_percent = percent
        offer.save()
    return week


def saturday_before(week: Week):
    return at(week.first - timedelta(days=2), time(12, 0))


def paid_trip(week: Week, fake_stripe, capture, language: str = "ja") -> tuple[Trip, list]:
    """The week held as one trip and paid on the fake Stripe page; the confirmation e-mails
    are sent, then cleared from the test outbox."""
    held = trips.hold_trip(
        [
            HoldRequest(week.inn, week.stay()),
            HoldRequest(week.office, week.desks()),
            HoldRequest(week.farm, week.experience()),
        ],
        language=language,
    )
    trip_checkout.save_trip_details(held.trip, GUEST, REGISTER)
    trip_checkout.submit_trip_for_payment(held.trip)
    payment = payments.start_trip_checkout(
        held.trip,
        success_url="http://testserver/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://testserver/confirm/",
    )
    fake_stripe.pay(payment.checkout_session_id)
    with capture(execute=True):
        payments.sync_checkout_session(payment.checkout_session_id)
    mail.outbox.clear()
    bookings = list(held.trip.bookings.select_related("offer__organisation").order_by("pk"))
    assert {b.status for b in bookings} == {Booking.Status.CONFIRMED}
    return held.trip, bookings


def guest_mail() -> list:
    return [m for m in mail.outbox if m.to == [GUEST_EMAIL]]


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def day_text(day: date, language: str) -> str:
    """A day as the e-mail writes it (a template's "Y年n月j日(D)" or "D j F Y")."""
    weekday = WEEKDAYS[language][day.weekday()]
    if language == "ja":
        return f"{day.year}年{day.month}月{day.day}日({weekday})"
    return f"{weekday} {day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.mark.usefixtures("celery_eager")
def test_cancelling_a_paid_trip_sends_the_guest_one_e_mail_and_each_host_its_own(
    fake_stripe, django_capture_on_commit_callbacks
):
    week = week_with_policies()
    trip, bookings = paid_trip(week, fake_stripe, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        done = trips.cancel_trip(trip, saturday_before(week))

    assert done.cancelled == bookings and done.kept == []
    assert done.refund_total == 18000 + 4400
    queued = list(
        BookingEmail.objects.filter(booking__trip=trip)
        .exclude(kind__in=(Kind.TRIP_CONFIRMATION, Kind.PARTNER_NEW_BOOKING))
        .values_list("booking_id", "kind")
    )
    assert sorted(queued) == sorted(
        [(bookings[0].pk, Kind.TRIP_CANCELLATION)]
        + [(booking.pk, Kind.PARTNER_CANCELLATION) for booking in bookings]
    )
    # The refunds went through Stripe, each under its own policy, with no e-mail of their own.
    refunds = {r.booking_id: r for r in Refund.objects.filter(payment__trip=trip)}
    assert {pk: r.amount for pk, r in refunds.items()} == {
        bookings[0].pk: 18000,
        bookings[1].pk: 4400,
    }
    assert {(r.reason, r.status) for r in refunds.values()} == {
        (Refund.Reason.TRIP_CANCELLED, Refund.Status.SUCCEEDED)
    }
    charge = fake_stripe.events("charge.refunded")[-1]["data"]["object"]
    assert charge["amount_refunded"] == 22400
    assert not BookingEmail.objects.filter(kind__in=(Kind.CANCELLATION, Kind.REFUND)).exists()
    [to_guest] = guest_mail()
    assert trip.reference in to_guest.subject
    for booking in bookings:
        [to_host] = [m for m in mail.outbox if m.to == [booking.offer.organisation.email]]
        assert booking.reference in to_host.subject
    assert len(mail.outbox) == 4
    assert set(BookingEmail.objects.values_list("status", flat=True)) == {BookingEmail.Status.SENT}


@pytest.mark.usefixtures("celery_eager")
@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_trip_cancellation_e_mail_lists_every_item_with_its_refund_and_the_total(
    fake_stripe, django_capture_on_commit_callbacks, language
):
    week = week_with_policies()
    trip, bookings = paid_trip(week, fake_stripe, django_capture_on_commit_callbacks, language)

    with django_capture_on_commit_callbacks(execute=True):
        trips.cancel_trip(trip, saturday_before(week))

    [message] = guest_mail()
    html = html_of(message)
    assert f'<html lang="{language}">' in html
    statement = "ご利用明細に反映されるまで" if language == "ja" else "to appear on your statement"
    no_refund = (
        "キャンセル規定により返金はございません"
        if language == "ja"
        else "no refund under its cancellation policy"
    )
    refunds = [["¥18,000"], ["¥4,400"], ["¥0", no_refund]]
    for body in (message.body, html):
        assert trip.reference in body
        assert "¥22,400" in body  # the total
        assert statement in body
        assert f"http://testserver/{language}/trip/{trip.reference}/" in body
        assert f"http://testserver/{language}/booking/manage/" in body
        # Each item in order, with its seller, dates and the refund its own policy gave.
        position = 0
        for booking, refund in zip(bookings, refunds, strict=True):
            for text in (
                booking.reference,
                booking.offer.display_name(language),
                booking.offer.organisation.display_name(language),
                *refund,
            ):
                assert text in body[position:], text
            position = body.index(booking.reference, position)
    until = " 〜 " if language == "ja" else " – "
    check_out = week.first + timedelta(days=3)
    for body in (message.body, html):
        assert day_text(week.first, language) + until + day_text(check_out, language) in body
        assert day_text(week.saturday, language) in body
    kept = "キャンセルできなかった" if language == "ja" else "KEPT"
    assert kept not in message.body


@pytest.mark.usefixtures("celery_eager")
@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_item_that_has_started_is_listed_as_kept(
    fake_stripe, django_capture_on_commit_callbacks, language
):
    week = week_with_policies()
    trip, (inn, desk, farm) = paid_trip(
        week, fake_stripe, django_capture_on_commit_callbacks, language
    )
    checked_in = at(week.first, time(16, 0))  # the first night has begun

    with django_capture_on_commit_callbacks(execute=True):
        done = trips.cancel_trip(trip, checked_in)

    assert done.kept == [inn] and done.cancelled == [desk, farm]
    assert Booking.objects.get(pk=inn.pk).status == Booking.Status.CONFIRMED
    assert BookingEmail.objects.filter(booking=desk, kind=Kind.TRIP_CANCELLATION).exists()
    [message] = guest_mail()
    kept = "キャンセルできなかったご予約" if language == "ja" else "KEPT (ALREADY STARTED)"
    cancelled, kept_part = message.body.split(kept)
    assert desk.reference in cancelled and farm.reference in cancelled
    assert inn.reference in kept_part and inn.reference not in cancelled
    assert inn.offer.display_name(language) in kept_part
    assert "¥2,200" in cancelled  # the desks, half after their free day
    total = "返金額の合計　：¥2,200" if language == "ja" else "Total refund: ¥2,200"
    assert total in message.body
    html_kept = "キャンセルできなかったご予約" if language == "ja" else "Kept (already started)"
    assert inn.reference in html_of(message).split(html_kept)[1]


@pytest.mark.usefixtures("celery_eager")
def test_cancelling_the_trip_twice_sends_nothing_more(
    fake_stripe, django_capture_on_commit_callbacks
):
    week = week_with_policies()
    trip, _bookings = paid_trip(week, fake_stripe, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        trips.cancel_trip(trip, saturday_before(week))
    sent, rows = len(mail.outbox), BookingEmail.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = trips.cancel_trip(trip, saturday_before(week) + timedelta(hours=1))

    assert again.cancelled == [] and again.refund_total == 0
    assert callbacks == []
    assert len(mail.outbox) == sent == 4
    assert BookingEmail.objects.count() == rows
    assert Refund.objects.filter(payment__trip=trip).count() == 2


@pytest.mark.usefixtures("celery_eager")
def test_cancelling_one_item_of_a_trip_still_sends_its_cancellation_and_refund(
    fake_stripe, django_capture_on_commit_callbacks
):
    week = week_with_policies()
    trip, (_inn, desk, _farm) = paid_trip(week, fake_stripe, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_guest(desk, saturday_before(week))

    refund = Refund.objects.get(booking=desk)
    assert refund.reason == Refund.Reason.GUEST_CANCELLED and refund.amount == 4400
    assert refund.status == Refund.Status.SUCCEEDED
    kinds = set(
        BookingEmail.objects.filter(booking=desk)
        .exclude(kind=Kind.PARTNER_NEW_BOOKING)
        .values_list("kind", flat=True)
    )
    assert kinds == {Kind.CANCELLATION, Kind.PARTNER_CANCELLATION, Kind.REFUND}
    assert not BookingEmail.objects.filter(kind=Kind.TRIP_CANCELLATION).exists()
    to_guest = guest_mail()
    assert len(to_guest) == 2
    assert all(desk.reference in m.subject for m in to_guest)


def cancellation_email_of(items: int) -> BookingEmail:
    """A paid trip of `items` experiences from as many sellers, cancelled whole; its guest
    e-mail as the mailer loads it."""
    requests = []
    for _ in range(items):
        offer = OfferFactory(organisation=PartnerOrganisationFactory())
        category = PriceCategoryFactory(offer=offer, price=5500)
        slot = make_slot(offer, first_monday())
        requests.append(HoldRequest(offer, session_items(offer, slot.pk, {category.pk: 1})))
    trip = trips.hold_trip(requests).trip
    trip_checkout.save_trip_details(trip, GUEST, REGISTER)
    trip.bookings.update(status=Booking.Status.CONFIRMED, confirmed_at=timezone.now())
    PaymentFactory(booking=None, trip=trip, amount=5500 * items)
    trips.cancel_trip(trip, timezone.now())
    return BookingEmail.objects.select_related(
        "booking", "booking__offer", "booking__offer__organisation"
    ).get(booking__trip=trip, kind=Kind.TRIP_CANCELLATION)


def test_the_trip_cancellation_e_mail_costs_the_same_queries_for_any_number_of_items(
    django_capture_on_commit_callbacks,
):
    counts, messages = [], []
    for items in (2, 4):
        with django_capture_on_commit_callbacks():
            email = cancellation_email_of(items)
        with CaptureQueriesContext(connection) as captured:
            messages.append(build_message(email))
        counts.append(len(captured))

    assert counts[0] == counts[1]
    assert messages[1].body.count("¥5,500") == 4 and "¥22,000" in messages[1].body
