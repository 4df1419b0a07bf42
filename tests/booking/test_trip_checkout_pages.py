"""A trip's checkout through HTTP against the local fake Stripe, in both languages: the plan is
held all or none → one set of details (the guest register when a stay is in it) → the final
screen naming every seller and the whole-trip refund rule → one payment page with a line per
item → paid: every item confirmed, each with its own manage link, and the plan gone."""

import re
from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from booking.models import Booking, Offer, Payment, Refund, Trip, TripPlan
from booking.services import stripe_api, trip_plans
from booking.services.cancellation import cancellation_terms
from booking.services.holds import HoldItem
from booking.services.jst import today
from booking.services.manage_links import booking_from_token
from booking.services.selection import desk_items, session_items, stay_items
from booking.views.trip_plan import remember_plan
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)

pytestmark = pytest.mark.django_db

GUEST = {
    "guest_name": "山田 太郎",
    "guest_name_kana": "ヤマダ タロウ",
    "guest_email": "taro@example.jp",
    "guest_phone": "090-1234-5678",
}
REGISTER = {
    "guests-TOTAL_FORMS": "1",
    "guests-INITIAL_FORMS": "0",
    "guests-MIN_NUM_FORMS": "1",
    "guests-MAX_NUM_FORMS": "20",
    "guests-0-name": "山田 太郎",
    "guests-0-address": "和歌山県白浜町1-1",
    "guests-0-phone": "090-1234-5678",
    "guests-0-lives_in_japan": "on",
}
MANAGE_LINK = re.compile(r'href="/(ja|en)/booking/manage/([^/"]+)/"')
RULE = {
    "ja": "仮押さえの期限が過ぎてからお支払いが完了し、いずれかの項目がご用意できなくなっていた"
    "場合は、旅程全体を全額返金します。",
    "en": "If payment arrives after your hold ended and any item can no longer be had, the "
    "whole trip is refunded in full.",
}


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


@dataclass
class Week:
    """Three nights at an inn, a desk on two of the days, a farm session: three sellers."""

    items: list[tuple[Offer, list[HoldItem]]]

    @property
    def offers(self) -> list[Offer]:
        return [offer for offer, _items in self.items]


@pytest.fixture
def week() -> Week:
    first = today() + timedelta(days=14)
    inn = OfferFactory(
        organisation=PartnerOrganisationFactory(
            name="白浜の宿", name_en="Shirahama Inn", phone="0739-11-1111"
        ),
        name="海辺の宿",
        name_en="Seaside inn",
        kind=Offer.Kind.STAY,
        unit=Offer.Unit.ROOM_NIGHT,
        free_cancellation_days=7,
    )
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    make_nights(inn, first, 3, capacity=1)
    office = OfferFactory(
        organisation=PartnerOrganisationFactory(
            name="南紀オフィス", name_en="Nanki Office", phone="0739-22-2222"
        ),
        name="コワーキング白浜",
        name_en="Shirahama co-working",
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
    )
    PriceCategoryFactory(offer=office, code="day", price=2200)
    for offset in (1, 2):
        day = first + timedelta(days=offset)
        make_slot(office, day, capacity=1, starts=time(9, 0), ends=time(13, 0), part="am")
        make_slot(office, day, capacity=1, starts=time(13, 0), ends=time(18, 0), part="pm")
    farm = OfferFactory(
        organisation=PartnerOrganisationFactory(
            name="紀州ファーム", name_en="Kishu Farm", phone="0739-33-3333"
        ),
        name="梅しごと体験",
        name_en="Ume picking",
        free_cancellation_days=3,
    )
    adult = PriceCategoryFactory(offer=farm, code="adult", price=5500)
    session = make_slot(farm, first + timedelta(days=3), capacity=4)
    return Week(
        [
            (inn, stay_items(inn, first, 3, {room.pk: 1})),
            (office, desk_items(office, first + timedelta(days=1), 2, "day", 1)),
            (farm, session_items(farm, session.pk, {adult.pk: 2})),
        ]
    )


def give_plan(client: Client, items: list[tuple[Offer, list[HoldItem]]], user=None) -> TripPlan:
    """A plan of these items for the browser (its signed cookie) or for a signed-in user."""
    plan = trip_plans.new_plan("ja", user=user)
    for offer, hold_items in items:
        trip_plans.add_item(plan, offer, hold_items, timezone.now())
    if user is None:
        response = HttpResponse()
        remember_plan(HttpRequest(), response, plan)
        client.cookies[trip_plans.COOKIE] = response.cookies[trip_plans.COOKIE].value
    return plan


def check_out(client: Client, language: str = "ja") -> Trip:
    response = client.post(url("trip_checkout", language))
    trip = Trip.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == url("trip_details", language, reference=trip.reference)
    return trip


def to_final_screen(client: Client, week: Week, language: str = "ja") -> Trip:
    """Plan, checkout, details: the browser is on the final confirmation screen."""
    give_plan(client, week.items)
    trip = check_out(client, language)
    response = client.post(
        url("trip_details", language, reference=trip.reference),
        {**GUEST, **REGISTER, "invoice_name": "株式会社テスト"},
    )
    assert response["Location"] == url("trip_confirm", language, reference=trip.reference)
    return trip


def bookings_of(trip: Trip) -> list[Booking]:
    return list(trip.bookings.select_related("offer").order_by("pk"))


def test_checkout_holds_every_item_of_the_plan_and_asks_who_is_coming(client, week):
    give_plan(client, week.items)

    trip = check_out(client)

    bookings = bookings_of(trip)
    assert [b.offer for b in bookings] == week.offers
    assert {b.status for b in bookings} == {Booking.Status.HELD}
    assert [b.total for b in bookings] == [36000, 4400, 11000]
    page = client.get(url("trip_details", reference=trip.reference))
    html = page.content.decode()
    assert page.status_code == 200
    for booking in bookings:
        assert booking.reference in html and booking.offer.name in html
    assert "白浜の宿" in html and "南紀オフィス" in html and "紀州ファーム" in html
    assert "¥51,400" in html
    assert 'name="invoice_name"' in html
    assert 'aria-current="step"' in html and "hold-timer" in html


def test_details_with_errors_answer_400_and_keep_everything_typed(client, week):
    give_plan(client, week.items)
    trip = check_out(client, "en")

    response = client.post(
        url("trip_details", "en", reference=trip.reference),
        {**GUEST, **REGISTER, "guest_phone": "", "invoice_name": "Acme KK"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Acme KK"' in html and 'value="taro@example.jp"' in html
    assert 'value="和歌山県白浜町1-1"' in html  # the register as typed
    assert "field__error" in html and "Error:" in html
    assert set(trip.bookings.values_list("guest_email", flat=True)) == {""}
    trip.refresh_from_db()
    assert trip.invoice_name == ""


def test_a_stay_in_the_trip_needs_the_guest_register_and_only_the_stay_keeps_it(client, week):
    give_plan(client, week.items)
    trip = check_out(client)
    details = url("trip_details", reference=trip.reference)
    assert 'name="guests-0-name"' in client.get(details).content.decode()

    without = client.post(details, GUEST)
    assert without.status_code == 400
    added = client.post(details, {**GUEST, **REGISTER, "guests_action": "add"})
    assert added.status_code == 200 and 'name="guests-1-name"' in added.content.decode()

    accepted = client.post(details, {**GUEST, **REGISTER})

    assert accepted["Location"] == url("trip_confirm", reference=trip.reference)
    assert [b.guests.count() for b in bookings_of(trip)] == [1, 0, 0]


def test_a_trip_without_a_stay_asks_for_no_guest_register(client, week):
    give_plan(client, week.items[1:])
    trip = check_out(client)
    details = url("trip_details", reference=trip.reference)

    assert 'name="guests-0-name"' not in client.get(details).content.decode()
    response = client.post(details, GUEST)
    assert response["Location"] == url("trip_confirm", reference=trip.reference)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_final_screen_names_every_seller_its_terms_and_the_whole_trip_rule(
    client, week, language
):
    trip = to_final_screen(client, week, language)

    response = client.get(url("trip_confirm", language, reference=trip.reference))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{language}"' in html
    for offer in week.offers:
        organisation = offer.organisation
        assert escape(offer.display_name(language)) in html
        assert escape(organisation.display_name(language)) in html
        assert escape(organisation.display_address(language)) in html
        assert organisation.invoice_registration_number in html
        assert organisation.phone in html
        assert escape(cancellation_terms(offer, language)) in html
    assert html.count(escape(cancellation_terms(week.offers[0], language))) == 1
    assert "¥36,000" in html and "¥4,400" in html and "¥11,000" in html
    assert "¥51,400" in html  # the total
    assert "¥4,672" in html  # its consumption tax: 3,272 + 400 + 1,000
    assert escape(RULE[language]) in html
    assert "株式会社テスト" in html
    assert url("trip_details", language, reference=trip.reference) in html


def test_accepting_the_final_screen_opens_one_payment_page_with_a_line_per_item(
    client, week, fake_stripe
):
    trip = to_final_screen(client, week)

    response = client.post(url("trip_confirm", reference=trip.reference))

    payment = Payment.objects.get(trip=trip)
    assert response.status_code == 302 and response["Location"] == payment.checkout_url
    session = (
        stripe_api.client()
        .v1.checkout.sessions.retrieve(
            payment.checkout_session_id, params={"expand": ["line_items"]}
        )
        .to_dict()
    )
    lines = session["line_items"]["data"]
    bookings = bookings_of(trip)
    assert [line["amount_total"] for line in lines] == [36000, 4400, 11000]
    assert [line["quantity"] for line in lines] == [1, 1, 1]
    for line, booking in zip(lines, bookings, strict=True):
        assert booking.reference in line["description"]
    assert session["amount_total"] == payment.amount == 51400
    assert {b.status for b in bookings} == {Booking.Status.AWAITING_PAYMENT}
    status = client.get(url("trip_status", reference=trip.reference)).content.decode()
    assert payment.checkout_url in status  # the way back to the payment page


def test_while_the_payment_is_confirmed_the_trip_page_reloads_for_a_minute_then_stops(
    client, week, fake_stripe
):
    trip = to_final_screen(client, week, "en")
    client.post(url("trip_confirm", "en", reference=trip.reference))
    status = url("trip_status", "en", reference=trip.reference)

    waiting = client.get(status, {"from": "payment"}).content.decode()
    later = client.get(status, {"from": "payment", "check": "12"}).content.decode()

    assert 'http-equiv="refresh" content="5;url=?from=payment&amp;check=1"' in waiting
    assert "We are confirming your payment" in waiting and 'role="status"' in waiting
    assert 'http-equiv="refresh"' not in later
    assert "taking longer than usual" in later and 'href="?from=payment"' in later


@pytest.mark.usefixtures("celery_eager")
def test_paying_confirms_every_item_and_the_trip_page_links_each_to_its_own_page(
    client, week, fake_stripe, django_capture_on_commit_callbacks
):
    trip = to_final_screen(client, week)
    plan = TripPlan.objects.get(trip=trip)
    client.post(url("trip_confirm", reference=trip.reference))
    payment = Payment.objects.get(trip=trip)
    fake_stripe.pay(payment.checkout_session_id)

    with django_capture_on_commit_callbacks(execute=True):
        back = client.get(
            url("trip_paid", reference=trip.reference),
            {"session_id": payment.checkout_session_id},
        )

    bookings = bookings_of(trip)
    assert back["Location"] == url("trip_status", reference=trip.reference) + "?from=payment"
    assert {b.status for b in bookings} == {Booking.Status.CONFIRMED}
    assert not TripPlan.objects.filter(pk=plan.pk).exists()  # the plan is booked
    page = client.get(back["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "旅程のご予約が確定しました" in html
    assert 'http-equiv="refresh"' not in html
    assert html.count("この項目を変更・キャンセルする") == 3
    opened = [booking_from_token(token) for _lang, token in MANAGE_LINK.findall(html)]
    assert opened == bookings
    assert [m.to for m in mail.outbox].count(["taro@example.jp"]) == 1  # one trip e-mail


def test_another_browser_gets_404_for_every_page_of_the_trip(client, week, fake_stripe):
    trip = to_final_screen(client, week)
    client.post(url("trip_confirm", reference=trip.reference))
    session_id = Payment.objects.get(trip=trip).checkout_session_id
    stranger = Client()

    for name in ("trip_details", "trip_confirm", "trip_status"):
        assert stranger.get(url(name, reference=trip.reference)).status_code == 404
    assert stranger.post(url("trip_confirm", reference=trip.reference)).status_code == 404
    assert (
        stranger.get(url("trip_paid", reference=trip.reference), {"session_id": "cs_other"})
    ).status_code == 404
    assert Payment.objects.get(trip=trip).checkout_session_id == session_id


def test_a_signed_in_visitor_finds_the_trip_on_another_device(week, django_user_model):
    user = django_user_model.objects.create_user("hanako", "hanako@example.jp", "pw")
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    give_plan(laptop, week.items, user=user)

    trip = check_out(laptop)

    assert trip.user == user
    assert phone.get(url("trip_details", reference=trip.reference)).status_code == 200
    assert Client().get(url("trip_details", reference=trip.reference)).status_code == 404


def test_an_expired_hold_shows_the_expired_page_with_410(client, week):
    give_plan(client, week.items)
    trip = check_out(client)
    Booking.objects.filter(trip=trip).update(hold_expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(url("trip_details", reference=trip.reference))

    html = response.content.decode()
    assert response.status_code == 410
    assert "仮押さえの期限が切れました" in html
    assert url("trip_plan") in html
    for offer in week.offers:
        assert offer.name in html
    assert client.post(url("trip_confirm", reference=trip.reference)).status_code == 410
    assert client.get(url("trip_confirm", reference=trip.reference)).status_code == 410


def paid_trip(client, week, fake_stripe, capture) -> Trip:
    """The week's trip checked out and paid from this browser."""
    trip = to_final_screen(client, week)
    client.post(url("trip_confirm", reference=trip.reference))
    payment = Payment.objects.get(trip=trip)
    fake_stripe.pay(payment.checkout_session_id)
    with capture(execute=True):
        client.get(
            url("trip_paid", reference=trip.reference),
            {"session_id": payment.checkout_session_id},
        )
    return trip


@pytest.mark.usefixtures("celery_eager")
def test_cancelling_the_whole_trip_refunds_each_item_under_its_own_terms(
    client, week, fake_stripe, django_capture_on_commit_callbacks
):
    trip = paid_trip(client, week, fake_stripe, django_capture_on_commit_callbacks)
    status = client.get(url("trip_status", "en", reference=trip.reference))
    assert url("trip_cancel", "en", reference=trip.reference) in status.content.decode()

    page = client.get(url("trip_cancel", "en", reference=trip.reference))
    html = page.content.decode()
    total = sum(b.total for b in bookings_of(trip))
    assert page.status_code == 200 and f"¥{total:,}" in html
    assert all(b.reference in html for b in bookings_of(trip))
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url("trip_cancel", "en", reference=trip.reference), {"refund_shown": total}
        )

    assert done["Location"] == url("trip_status", "en", reference=trip.reference)
    assert {b.status for b in bookings_of(trip)} == {Booking.Status.CANCELLED}
    refunds = Refund.objects.filter(payment__trip=trip)
    assert sorted(r.amount for r in refunds) == sorted(b.total for b in bookings_of(trip))
    assert {r.status for r in refunds} == {Refund.Status.SUCCEEDED}
    after = client.get(done["Location"])
    assert f"¥{total:,} will be refunded" in after.content.decode()
    # Nothing is left to cancel: the page says so instead of offering it again.
    again = client.get(url("trip_cancel", "en", reference=trip.reference))
    assert again.status_code == 302 and Refund.objects.filter(payment__trip=trip).count() == 3


@pytest.mark.usefixtures("celery_eager")
def test_a_refund_lower_than_the_one_shown_asks_again_and_cancels_nothing(
    client, week, fake_stripe, django_capture_on_commit_callbacks
):
    trip = paid_trip(client, week, fake_stripe, django_capture_on_commit_callbacks)
    total = sum(b.total for b in bookings_of(trip))

    answer = client.post(
        url("trip_cancel", "en", reference=trip.reference), {"refund_shown": total + 1}
    )

    assert answer.status_code == 200
    assert "the refund is now lower" in answer.content.decode()
    assert {b.status for b in bookings_of(trip)} == {Booking.Status.CONFIRMED}
    assert not Refund.objects.exists()
    stranger = Client()
    assert stranger.get(url("trip_cancel", reference=trip.reference)).status_code == 404
    assert stranger.post(url("trip_cancel", reference=trip.reference)).status_code == 404
