"""Date changes: a confirmed booking moved to other dates of its offer, the difference given
back at once or paid on its own page, every refund against the payment that holds the money,
and nothing changed when the new places went or the page closed unpaid."""

from datetime import time, timedelta

import pytest
from django.test import Client

from booking.models import Booking, BookingEmail, BookingLine, DateChange, Payment, Refund
from booking.services import availability, date_changes, payments, reports
from booking.services.cancellation import cancel_by_guest
from booking.services.emails import build_message
from booking.services.holds import HoldItem, SoldOut, create_hold
from booking.services.jst import at, today
from booking.services.selection import stay_items
from booking.services.session_cancellation import cancel_session
from booking.services.sweeps import release_expired_holds
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.test_payments import pay_and_fulfil, to_payment_page

pytestmark = pytest.mark.django_db

PAGES = {"success_url": "https://example.jp/ok?session_id={CHECKOUT_SESSION_ID}"}
PAGES["cancel_url"] = "https://example.jp/back"


@pytest.fixture
def offer_days():
    """An experience that allows date changes: the booked day (5,500 yen), a cheaper day
    (4,400), a dearer day (7,700) and a day with one place left."""
    offer = OfferFactory(date_changes=True, free_cancellation_days=3, max_per_booking=6)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    first = today() + timedelta(days=10)
    booked = make_slot(offer, first, capacity=3)
    cheaper = make_slot(offer, first + timedelta(days=1), capacity=3, price_override=4400)
    dearer = make_slot(offer, first + timedelta(days=2), capacity=3, price_override=7700)
    tight = make_slot(offer, first + timedelta(days=3), capacity=1)
    return offer, adult, booked, cheaper, dearer, tight


@pytest.fixture
def paid(offer_days, fake_stripe, django_capture_on_commit_callbacks) -> Booking:
    """Two adults on the booked day, paid (11,000 yen)."""
    offer, adult, booked, *_ = offer_days
    booking, _ = to_payment_page(Client(), (offer, adult, None, booked))
    pay_and_fulfil(fake_stripe, booking, django_capture_on_commit_callbacks)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.total == 11000
    return booking


def two_adults(slot, adult) -> list[HoldItem]:
    return [HoldItem((slot.pk,), adult.pk, 2)]


def charged_back(refund: Refund) -> list[int]:
    """What the fake Stripe refunded on the refund's payment."""
    listed = payments.stripe_api.client().v1.refunds.list(
        params={"payment_intent": refund.payment.payment_intent_id}
    )
    return sorted(r["amount"] for r in listed.data)


def test_a_cheaper_day_moves_the_booking_at_once_and_refunds_the_difference(
    paid, offer_days, django_capture_on_commit_callbacks
):
    _offer, adult, booked, cheaper, *_ = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(cheaper, adult))
    assert change.difference == -2200
    assert availability.taken([cheaper.pk])[cheaper.pk] == 2  # held while the guest decides

    with django_capture_on_commit_callbacks(execute=True):
        date_changes.accept(change)

    paid.refresh_from_db()
    change.refresh_from_db()
    assert change.status == DateChange.Status.DONE and change.hold is None
    assert paid.total == 8800 and paid.service_date == cheaper.date
    assert list(paid.lines.values_list("slot_id", "quantity")) == [(cheaper.pk, 2)]
    assert availability.taken([booked.pk, cheaper.pk]) == {cheaper.pk: 2}
    assert Booking.objects.count() == 1  # the hold became the booking's lines
    refund = Refund.objects.get()
    assert (refund.reason, refund.amount, refund.status) == ("date_change", 2200, "succeeded")
    assert charged_back(refund) == [2200]
    kinds = set(BookingEmail.objects.filter(booking=paid).values_list("kind", flat=True))
    assert {"dates_changed", "partner_dates_changed"} <= kinds and "refund" not in kinds


def test_after_a_cheaper_move_a_cancellation_refunds_the_new_total_from_the_same_payment(
    paid, offer_days, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, cheaper, *_ = offer_days
    with django_capture_on_commit_callbacks(execute=True):
        date_changes.accept(date_changes.hold_new_dates(paid, two_adults(cheaper, adult)))
        paid.refresh_from_db()
        cancel_by_guest(paid, at(today(), time(9, 0)))

    cancelled = Refund.objects.get(reason=Refund.Reason.GUEST_CANCELLED)
    assert cancelled.amount == 8800
    assert charged_back(cancelled) == [2200, 8800]  # all of the 11,000 paid, once


def test_a_dearer_day_is_moved_to_once_the_difference_is_paid_on_its_own_page(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    with pytest.raises(date_changes.CannotChange):
        date_changes.accept(change)

    page = payments.start_date_change_checkout(change, **PAGES)
    assert (page.amount, page.booking, page.date_change) == (4400, paid, change)
    assert payments.start_date_change_checkout(change, **PAGES) == page  # one page at a time
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(page.checkout_session_id)
        again = payments.sync_checkout_session(page.checkout_session_id)

    paid.refresh_from_db()
    assert (outcome.effect, again.effect) == ("confirmed", "none")
    assert paid.total == 15400 and paid.service_date == dearer.date
    assert list(paid.lines.values_list("slot_id", flat=True)) == [dearer.pk]
    assert availability.taken([booked.pk, dearer.pk]) == {dearer.pk: 2}
    assert BookingEmail.objects.filter(date_change=change).count() == 2


def test_after_a_dearer_move_a_cancellation_refunds_each_payment_what_it_holds(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(page.checkout_session_id)
        paid.refresh_from_db()
        cancel_by_guest(paid, at(today(), time(9, 0)))

    refunds = {r.payment_id: r.amount for r in Refund.objects.all()}
    first = Payment.objects.get(booking=paid, date_change=None, status=Payment.Status.PAID)
    assert refunds == {page.pk: 4400, first.pk: 11000}


def test_a_stay_moves_by_a_night_over_its_own_nights(
    fake_stripe, django_capture_on_commit_callbacks
):
    inn = OfferFactory(kind="stay", unit="room_night", date_changes=True, free_cancellation_days=3)
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    first = today() + timedelta(days=10)
    make_nights(inn, first, 4, capacity=1)
    booking = create_hold(inn, stay_items(inn, first, 3, {room.pk: 1}))
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, confirmed_at=at(today(), time(9, 0))
    )

    change = date_changes.hold_new_dates(
        booking, stay_items(inn, first + timedelta(days=1), 3, {room.pk: 1})
    )
    date_changes.accept(change)

    booking.refresh_from_db()
    assert booking.service_date == first + timedelta(days=1)
    assert BookingLine.objects.filter(booking=booking).count() == 3


@pytest.mark.parametrize("why", ["not allowed", "too late", "same dates"])
def test_a_change_that_is_not_allowed_holds_nothing(paid, offer_days, why):
    offer, adult, booked, cheaper, *_ = offer_days
    target, when = cheaper, None
    if why == "not allowed":
        type(offer).objects.filter(pk=offer.pk).update(date_changes=False)
    elif why == "too late":
        when = at(paid.service_date - timedelta(days=1), time(9, 0))
    else:
        target = booked

    with pytest.raises(date_changes.CannotChange):
        date_changes.hold_new_dates(paid, two_adults(target, adult), now=when)

    assert not DateChange.objects.exists()
    assert availability.taken([booked.pk, cheaper.pk]) == {booked.pk: 2}


def test_a_day_with_too_few_places_is_refused_and_nothing_is_held(paid, offer_days):
    _offer, adult, booked, *_rest, tight = offer_days

    with pytest.raises(SoldOut):
        date_changes.hold_new_dates(paid, two_adults(tight, adult))

    assert availability.taken([booked.pk, tight.pk]) == {booked.pk: 2}


def test_a_difference_paid_after_the_new_places_went_is_refunded_and_the_dates_stay(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    later = change.hold.hold_expires_at + timedelta(minutes=1)
    create_hold(dearer.offer, [HoldItem((dearer.pk,), adult.pk, 3)], now=later)  # all of it
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = payments.sync_checkout_session(page.checkout_session_id, now=later)

    paid.refresh_from_db()
    change.refresh_from_db()
    assert outcome.effect == "refunded"
    assert change.status == DateChange.Status.LAPSED
    assert paid.total == 11000 and list(paid.lines.values_list("slot_id", flat=True)) == [booked.pk]
    refund = Refund.objects.get()
    assert (refund.payment, refund.amount, refund.reason) == (page, 4400, "late_payment")
    assert BookingEmail.objects.filter(date_change=change, kind="dates_not_changed").exists()


def test_a_difference_page_closed_unpaid_releases_the_new_dates(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)

    with django_capture_on_commit_callbacks(execute=True):
        payments.close_checkout(page)

    change.refresh_from_db()
    assert change.status == DateChange.Status.LAPSED
    assert dearer.pk not in availability.taken([dearer.pk])
    paid.refresh_from_db()
    assert paid.total == 11000


def test_asking_again_replaces_the_change_still_waiting_and_closes_its_page(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, cheaper, dearer, _tight = offer_days
    first = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(first, **PAGES)

    with django_capture_on_commit_callbacks(execute=True):
        second = date_changes.hold_new_dates(paid, two_adults(cheaper, adult))

    first.refresh_from_db()
    page.refresh_from_db()
    assert first.status == DateChange.Status.LAPSED
    assert page.status == Payment.Status.EXPIRED
    assert second.status == DateChange.Status.PENDING
    assert dearer.pk not in availability.taken([dearer.pk])


def test_the_report_counts_a_moved_booking_once_at_its_new_total(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, cheaper, *_ = offer_days
    with django_capture_on_commit_callbacks(execute=True):
        date_changes.accept(date_changes.hold_new_dates(paid, two_adults(cheaper, adult)))
    days = reports.Filters(today(), today() + timedelta(days=60))

    total = reports.report(days).total

    assert (total.bookings, total.revenue) == (1, 8800)  # not 11,000, nor 8,800 − 2,200


def test_choosing_the_same_new_day_again_does_not_count_the_earlier_choice(paid, offer_days):
    """Three places on the dearer day: the first choice holds two; choosing that day again
    (the guest went back) must not find only one left."""
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    first = date_changes.hold_new_dates(paid, two_adults(dearer, adult))

    second = date_changes.hold_new_dates(paid, two_adults(dearer, adult))

    first.refresh_from_db()
    assert first.status == DateChange.Status.LAPSED
    assert second.status == DateChange.Status.PENDING
    assert availability.taken([dearer.pk]) == {dearer.pk: 2}


def test_no_payment_page_for_a_difference_can_outlast_the_change_deadline(paid, offer_days):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    deadline = date_changes.change_deadline(paid)
    change = date_changes.hold_new_dates(
        paid, two_adults(dearer, adult), now=deadline - timedelta(minutes=10)
    )

    with pytest.raises(date_changes.CannotChange):
        payments.start_date_change_checkout(change, **PAGES, now=deadline - timedelta(minutes=5))

    assert not Payment.objects.filter(date_change=change).exists()


def test_after_a_dearer_move_the_cancellation_e_mail_tells_the_whole_refund(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(page.checkout_session_id)
        paid.refresh_from_db()
        cancel_by_guest(paid, at(today(), time(9, 0)))

    for kind in (BookingEmail.Kind.CANCELLATION, BookingEmail.Kind.REFUND):
        message = build_message(BookingEmail.objects.get(booking=paid, kind=kind))
        assert "15,400" in message.body and "11,000" not in message.body, kind


def test_calling_off_the_session_of_the_new_dates_lapses_the_change(paid, offer_days):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))

    called_off = cancel_session(dearer)

    change.refresh_from_db()
    assert called_off.cancelled == []  # the hold is not a booking of its own
    assert change.status == DateChange.Status.LAPSED
    assert dearer.pk not in availability.taken([dearer.pk])


def test_the_sweep_closes_the_difference_page_of_new_dates_that_ran_out(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    later = Booking.objects.get(pk=change.hold_id).hold_expires_at + timedelta(minutes=1)

    with django_capture_on_commit_callbacks(execute=True):
        release_expired_holds(later)

    page.refresh_from_db()
    change.refresh_from_db()
    assert page.status == Payment.Status.EXPIRED
    assert change.status == DateChange.Status.LAPSED


def test_a_second_difference_paid_for_a_change_made_already_is_told_as_a_second_payment(
    paid, offer_days, fake_stripe, django_capture_on_commit_callbacks
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, two_adults(dearer, adult))
    page = payments.start_date_change_checkout(change, **PAGES)
    fake_stripe.pay(page.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        payments.sync_checkout_session(page.checkout_session_id)
    second = Payment.objects.create(
        trip=paid.trip,
        booking=paid,
        date_change=change,
        checkout_session_id="cs_second_difference",
        checkout_url="https://checkout.example.jp/c/second",
        payment_intent_id=page.payment_intent_id,
        amount=4400,
        status=Payment.Status.PAID,
        expires_at=page.expires_at,
    )

    assert date_changes.refuse_paid(second, paid, page.expires_at) == "refunded"

    assert Refund.objects.get(payment=second).amount == 4400
    assert BookingEmail.objects.filter(booking=paid, kind="duplicate_payment").exists()
    assert not BookingEmail.objects.filter(date_change=change, kind="dates_not_changed").exists()
