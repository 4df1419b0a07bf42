"""The guest's pages to move a confirmed booking to other dates, from its manage page: the offer's
own form to choose them, the comparison, accepting a cheaper move at once or paying a dearer one
at the fake Stripe; refusals shown with their status; and the partner's switch that allows it."""

from datetime import time, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, DateChange, Offer, Payment, Refund
from booking.services import date_changes, payments
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import at, today
from booking.services.manage_links import manage_token
from booking.services.selection import stay_items
from core import links
from tests.booking import backoffice_world
from tests.booking.backoffice_world import make_world
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.test_payments import pay_and_fulfil, to_payment_page
from tests.factories import UserFactory
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer_days():
    """An experience that allows date changes: the booked day (5,500 yen a person), a cheaper
    day (4,400), a dearer day (7,700) and a day with one place left."""
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


@pytest.fixture
def token(paid) -> str:
    """The paid booking's manage token, made once (a token names the second it was made in)."""
    return manage_token(paid)


def page(name: str, token: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs={"token": token, **kwargs})


def choose(client: Client, token: str, slot, adult, language: str = "ja", adults: int = 2):
    """Post the change-dates form for `adults` on `slot`."""
    return client.post(
        page("change_dates", token, language),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": adults},
    )


def test_the_manage_page_offers_to_change_dates_only_when_the_offer_allows_it_in_time(
    client, paid, token
):
    manage = page("manage", token)
    change = page("change_dates", token)

    html = client.get(manage).content.decode()
    deadline = paid.service_date - timedelta(days=3)
    assert f'href="{change}"' in html
    until = f"{deadline.year}年{deadline.month}月{deadline.day}日 00:00（日本時間）まで"
    assert until + "日程を変更できます" in html

    with time_machine.travel(at(paid.service_date - timedelta(days=2), time(9, 0)), tick=False):
        late = client.get(manage).content.decode()
        refused = client.get(change)
    assert f'href="{change}"' not in late
    assert "オンラインでは変更できなくなりました" in late
    assert refused.status_code == 302 and refused["Location"] == manage

    Offer.objects.filter(pk=paid.offer_id).update(date_changes=False)
    plain = client.get(manage).content.decode()
    assert f'href="{change}"' not in plain and "オンラインでは変更できなくなりました" not in plain


def test_the_form_is_the_offers_own_with_the_booked_quantities(client, paid, token, offer_days):
    _offer, adult, _booked, cheaper, *_ = offer_days

    response = client.get(page("change_dates", token) + f"?date={cheaper.date.isoformat()}")

    assert response.status_code == 200
    form = soup(response).find("form", class_="booking-form")
    assert form["action"] == page("change_dates", token)
    assert form.find("input", attrs={"name": "slot", "value": str(cheaper.pk)}) is not None
    assert form.find("input", attrs={"name": f"qty_{adult.pk}"})["value"] == "2"
    assert form.find("label", attrs={"for": f"id_qty_{adult.pk}"}) is not None
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    ("language", "moved", "refunded"),
    [
        ("ja", "日程を変更しました", "¥2,200をお支払いのカードに返金します"),
        ("en", "Your dates are changed", "¥2,200 will be refunded to your card"),
    ],
)
def test_a_cheaper_day_chosen_on_the_page_moves_the_booking_at_once(
    client, paid, token, offer_days, language, moved, refunded
):
    _offer, adult, _booked, cheaper, *_ = offer_days

    chosen = choose(client, token, cheaper, adult, language)
    change = DateChange.objects.get(booking=paid)
    confirm = page("change_dates_confirm", token, language, change=change.pk)
    assert chosen.status_code == 302 and chosen["Location"] == confirm
    shown = visible_text(client.get(confirm))
    assert "¥11,000" in shown and "¥8,800" in shown and refunded in shown

    done = client.post(confirm, follow=True)

    assert done.redirect_chain[-1][0] == page("manage", token, language)
    assert moved in visible_text(done) and refunded in visible_text(done)
    paid.refresh_from_db()
    assert (paid.service_date, paid.total) == (cheaper.date, 8800)
    assert Refund.objects.get(booking=paid).amount == 2200


def test_a_dearer_day_is_paid_at_stripe_and_the_return_moves_the_booking(
    client, paid, token, offer_days, fake_stripe
):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    choose(client, token, dearer, adult)
    change = DateChange.objects.get(booking=paid)
    confirm = page("change_dates_confirm", token, change=change.pk)
    assert "¥4,400" in visible_text(client.get(confirm))

    to_stripe = client.post(confirm)

    payment = Payment.objects.get(date_change=change)
    assert to_stripe.status_code == 302 and to_stripe["Location"] == payment.checkout_url
    session = payments.stripe_api.retrieve_checkout_session(payment.checkout_session_id)
    back = page("change_dates_paid", token, change=change.pk)
    assert session["success_url"].startswith(links.absolute_url(back) + "?session_id=")
    assert session["cancel_url"] == links.absolute_url(confirm)
    fake_stripe.pay(payment.checkout_session_id)

    returned = client.get(back, {"session_id": payment.checkout_session_id}, follow=True)

    assert returned.redirect_chain[-1][0] == page("manage", token)
    assert "日程を変更しました" in visible_text(returned)
    paid.refresh_from_db()
    change.refresh_from_db()
    assert change.status == DateChange.Status.DONE
    assert (paid.service_date, paid.total) == (dearer.date, 15400)


def test_the_paid_return_needs_the_changes_own_payment_session(client, paid, token, offer_days):
    _offer, adult, _booked, _cheaper, dearer, _tight = offer_days
    change = date_changes.hold_new_dates(paid, [HoldItem((dearer.pk,), adult.pk, 2)])
    first_payment = Payment.objects.get(booking=paid, date_change=None)

    back = page("change_dates_paid", token, change=change.pk)
    for session_id in ("", "cs_guessed", first_payment.checkout_session_id):
        assert client.get(back, {"session_id": session_id}).status_code == 404


def test_a_day_with_too_few_places_is_shown_again_with_409_and_the_reason(
    client, paid, token, offer_days
):
    _offer, adult, _booked, *_rest, tight = offer_days

    response = choose(client, token, tight, adult)

    assert response.status_code == 409
    alert = soup(response).find(id="error-summary")
    assert alert is not None and alert["role"] == "alert" and alert.get_text(strip=True)
    form = soup(response).find("form", class_="booking-form")
    assert form.find("input", attrs={"name": f"qty_{adult.pk}"})["value"] == "2"
    assert not DateChange.objects.exists()


def test_another_persons_booking_is_not_found(client, paid, token, offer_days):
    _offer, adult, _booked, cheaper, *_ = offer_days
    change = date_changes.hold_new_dates(paid, [HoldItem((cheaper.pk,), adult.pk, 2)])
    client.force_login(UserFactory())
    theirs = {"token": paid.reference}
    with translation.override("ja"):
        urls = [
            reverse("booking:change_dates", kwargs=theirs),
            reverse("booking:change_dates_confirm", kwargs={**theirs, "change": change.pk}),
        ]

    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert [client.post(url).status_code for url in urls] == [404, 404]
    for other in (change.pk + 1, 10**20):  # no such change of this booking
        assert client.get(page("change_dates_confirm", token, change=other)).status_code == 404
        assert client.get(page("change_dates_paid", token, change=other)).status_code == 404
    change.refresh_from_db()
    assert change.status == DateChange.Status.PENDING


def test_a_change_that_lapsed_is_gone_with_a_way_to_choose_again(client, paid, token, offer_days):
    _offer, adult, _booked, cheaper, dearer, _tight = offer_days
    first = date_changes.hold_new_dates(paid, [HoldItem((dearer.pk,), adult.pk, 2)])
    date_changes.hold_new_dates(paid, [HoldItem((cheaper.pk,), adult.pk, 2)])  # replaces it
    confirm = page("change_dates_confirm", token, change=first.pk)

    shown, posted = client.get(confirm), client.post(confirm)

    assert (shown.status_code, posted.status_code) == (410, 410)
    assert f'href="{page("change_dates", token)}"' in shown.content.decode()
    paid.refresh_from_db()
    assert (
        paid.service_date == offer_days[2].date
        and not Payment.objects.filter(date_change=first).exists()
    )


def test_a_hold_run_out_before_accepting_is_gone_too(client, paid, token, offer_days):
    _offer, adult, _booked, cheaper, *_ = offer_days
    change = date_changes.hold_new_dates(paid, [HoldItem((cheaper.pk,), adult.pk, 2)])

    with time_machine.travel(change.hold.hold_expires_at + timedelta(minutes=1), tick=False):
        response = client.post(page("change_dates_confirm", token, change=change.pk))

    assert response.status_code == 410
    paid.refresh_from_db()
    assert paid.total == 11000


def test_a_partner_switches_date_changes_on_in_the_offer_form(client, home, django_user_model):
    world = make_world(home, django_user_model)
    client.force_login(world.users["a"])
    page_a = world.page_of(world.org_a)
    data = backoffice_world.offer_form(
        world.org_a, page_a, today() + timedelta(days=1), 14, "56", date_changes="on"
    )

    response = client.post(reverse("offers:add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    offer = Offer.objects.get(name="朝の梅林ガイド")
    assert offer.date_changes is True
    edit = soup(client.get(reverse("offers:edit", args=[offer.pk])))
    assert edit.find("input", attrs={"name": "date_changes"}).has_attr("checked")


def test_a_stay_moves_by_a_night_with_the_stay_form_filled_in_as_booked(client):
    inn = OfferFactory(kind="stay", unit="room_night", date_changes=True, free_cancellation_days=3)
    room = PriceCategoryFactory(offer=inn, code="room", price=12000)
    first = today() + timedelta(days=10)
    make_nights(inn, first, 4, capacity=1)
    booking = create_hold(inn, stay_items(inn, first, 3, {room.pk: 1}))
    Booking.objects.filter(pk=booking.pk).update(
        status=Booking.Status.CONFIRMED, confirmed_at=at(today(), time(9, 0))
    )
    link = manage_token(booking)

    form = soup(client.get(page("change_dates", link))).find("form", class_="booking-form")
    assert form.find("input", attrs={"name": "nights"})["value"] == "3"
    assert form.find("input", attrs={"name": f"qty_{room.pk}"})["value"] == "1"
    later = first + timedelta(days=1)
    chosen = client.post(
        page("change_dates", link),
        {"check_in": later.isoformat(), "nights": 3, f"qty_{room.pk}": 1},
    )
    assert chosen.status_code == 302, visible_text(chosen)
    shown = visible_text(client.get(chosen["Location"]))
    assert "料金は変わりません" in shown and "チェックイン" in shown
    done = client.post(chosen["Location"], follow=True)

    booking.refresh_from_db()
    assert booking.service_date == later
    assert "日程を変更しました" in visible_text(done) and "チェックアウト" in visible_text(done)
