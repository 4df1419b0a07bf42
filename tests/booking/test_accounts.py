"""Accounts and managing a booking: sign-up with e-mail verification, My bookings, guest
bookings that follow a verified address, signed manage links, and cancelling from the site."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from booking.models import Booking
from booking.services.jst import today
from booking.services.manage_links import booking_from_token, manage_token, manage_url
from tests.booking.account_factories import make_booking
from tests.booking.factories import OfferFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "umeboshi-Kumano-2026"


@pytest.fixture(autouse=True)
def _site(home):
    """Every page renders in the site's layout, which needs a site and its home page."""
    return home


@pytest.fixture
def offer():
    return OfferFactory(name="梅しごと体験", name_en="Ume picking")


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_up_and_confirm(client, email: str, language: str = "ja"):
    """Sign up through the forms, follow the link in the e-mail, and return the response."""
    response = client.post(
        url("account_signup", language),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page = client.get(link.group(1))
    assert page.status_code == 200
    return client.post(link.group(1))


# --- Sign-up, verification, log-in, My bookings -------------------------------------------------


def test_sign_up_sends_a_verification_e_mail_and_no_login_before_it_is_confirmed(client):
    response = client.post(
        url("account_signup"),
        {"email": "hanako@example.jp", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert "hanako@example.jp" in mail.outbox[0].to
    assert "/ja/accounts/confirm-email/" in mail.outbox[0].body
    assert response.redirect_chain[-1][0] == url("account_email_verification_sent")

    login = client.post(url("account_login"), {"login": "hanako@example.jp", "password": PASSWORD})
    assert login.status_code == 302
    assert login.url == url("account_email_verification_sent")
    assert client.get(url("booking:my_bookings")).status_code == 302


def test_confirmed_user_logs_in_and_sees_only_their_own_bookings(client, offer):
    sign_up_and_confirm(client, "hanako@example.jp")
    client.logout()

    response = client.post(
        url("account_login"), {"login": "hanako@example.jp", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == url("booking:my_bookings")

    user = response.wsgi_request.user
    mine = make_booking(offer, user=user)
    theirs = make_booking(offer, user=UserFactory())
    page = client.get(url("booking:my_bookings"))

    assert page.status_code == 200
    html = page.content.decode()
    assert mine.reference in html
    assert theirs.reference not in html
    assert "梅しごと体験" in html
    assert "¥11,000" in html


def test_my_bookings_asks_a_visitor_to_log_in_first(client):
    response = client.get(url("booking:my_bookings"))
    assert response.status_code == 302
    assert response.url.startswith(url("account_login"))
    assert "next=/ja/booking/mine/" in response.url


def test_my_bookings_lists_upcoming_first_soonest_first_then_past_latest_first(client, offer):
    user = UserFactory()
    later = make_booking(offer, user=user, day=today() + timedelta(days=30))
    sooner = make_booking(offer, user=user, day=today() + timedelta(days=3))
    long_ago = make_booking(offer, user=user, day=today() - timedelta(days=40))
    recently = make_booking(offer, user=user, day=today() - timedelta(days=2))
    abandoned = make_booking(offer, user=user, status=Booking.Status.HELD, hold_minutes=-5)
    client.force_login(user)

    html = client.get(url("booking:my_bookings", "en")).content.decode()

    order = [html.index(b.reference) for b in (sooner, later, recently, long_ago)]
    assert order == sorted(order)
    assert html.index("Upcoming") < order[0] and order[1] < html.index("Past") < order[2]
    assert abandoned.reference not in html


def test_my_bookings_in_english_uses_the_english_offer_name(client, offer, home_en):
    user = UserFactory()
    booking = make_booking(offer, user=user)
    client.force_login(user)

    html = client.get(url("booking:my_bookings", "en")).content.decode()

    assert "Ume picking" in html and "梅しごと体験" not in html
    assert f'href="/en/booking/manage/{booking.reference}/"' in html
    assert 'lang="en"' in html


def test_my_bookings_pages_ten_at_a_time_and_survives_a_bad_page_number(client, offer):
    user = UserFactory()
    bookings = [
        make_booking(offer, user=user, day=today() + timedelta(days=n + 1)) for n in range(12)
    ]
    client.force_login(user)

    first = client.get(url("booking:my_bookings")).content.decode()
    second = client.get(url("booking:my_bookings") + "?page=2").content.decode()
    odd = client.get(url("booking:my_bookings") + "?page=%E2%9C%93")

    assert bookings[0].reference in first and bookings[11].reference not in first
    assert bookings[11].reference in second
    assert odd.status_code == 200


def test_my_bookings_empty_state_points_to_search(client):
    client.force_login(UserFactory())
    html = client.get(url("booking:my_bookings", "en")).content.decode()
    assert "You have no bookings yet" in html
    assert "/en/search/" in html


# --- Guest bookings follow a verified e-mail address ---------------------------------------------


def test_guest_bookings_are_linked_on_confirmation_and_shown_in_my_bookings(client, offer):
    as_guest = make_booking(offer, guest_email="Hanako@Example.jp")
    someone_else = make_booking(offer, guest_email="taro@example.jp")
    owner = UserFactory()
    owned = make_booking(offer, user=owner, guest_email="hanako@example.jp")

    client.post(
        url("account_signup"),
        {"email": "hanako@example.jp", "password1": PASSWORD, "password2": PASSWORD},
    )
    as_guest.refresh_from_db()
    assert as_guest.user is None  # not before the address is verified

    link = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body)
    client.post(link.group(1))
    client.post(url("account_login"), {"login": "hanako@example.jp", "password": PASSWORD})

    as_guest.refresh_from_db()
    someone_else.refresh_from_db()
    owned.refresh_from_db()
    assert as_guest.user is not None and as_guest.user.email == "hanako@example.jp"
    assert someone_else.user is None
    assert owned.user == owner
    html = client.get(url("booking:my_bookings")).content.decode()
    assert as_guest.reference in html and owned.reference not in html


def test_a_guest_booking_made_later_with_a_verified_address_appears_at_the_next_login(
    client, offer
):
    sign_up_and_confirm(client, "hanako@example.jp")
    client.logout()
    later = make_booking(offer, guest_email="hanako@example.jp")

    client.post(url("account_login"), {"login": "hanako@example.jp", "password": PASSWORD})

    assert later.reference in client.get(url("booking:my_bookings")).content.decode()


# --- The manage page ----------------------------------------------------------------------------


def test_the_manage_link_opens_the_booking_without_logging_in(client, offer):
    booking = make_booking(offer, guest_email="guest@example.jp")

    response = client.get(manage_url(booking))

    assert response.status_code == 200
    html = response.content.decode()
    assert booking.reference in html
    assert "梅しごと体験" in html
    assert "¥11,000" in html  # total, tax included
    assert "¥1,000" in html  # of which 10% consumption tax
    assert "¥5,500" in html  # unit price
    assert "10:00" in html  # the session's time, in Japan time
    assert "no-store" in response.headers.get("Cache-Control", "")
    code = html.split('<svg xmlns="http://www.w3.org/2000/svg"', 1)[1].split("</svg>")[0]
    assert "<title>" in code and booking.reference in code  # the check-in QR code, labelled


def test_an_unconfirmed_booking_has_no_check_in_code(client, offer):
    booking = make_booking(offer, status=Booking.Status.AWAITING_PAYMENT)
    html = client.get(manage_url(booking)).content.decode()
    assert booking.reference in html and "<svg xmlns" not in html


def test_manage_urls_use_the_booking_language_and_can_be_absolute(rf, offer):
    booking = make_booking(offer, language="en")
    assert manage_url(booking).startswith("/en/booking/manage/")
    assert manage_url(booking, base_url="https://workation.example.jp/").startswith(
        "https://workation.example.jp/en/booking/manage/"
    )
    assert manage_url(booking, rf.get("/")).startswith("http://testserver/en/booking/manage/")
    assert booking_from_token(manage_token(booking)) == booking


def test_the_manage_page_in_both_languages(client, offer, home_en):
    booking = make_booking(offer)
    token = manage_token(booking)

    japanese = client.get(url("booking:manage", "ja", token=token)).content.decode()
    english = client.get(url("booking:manage", "en", token=token)).content.decode()

    assert '<html lang="ja">' in japanese and "梅しごと体験" in japanese
    assert '<html lang="en">' in english and "Ume picking" in english
    assert "Total (tax incl.)" in english and "3 days before" in english
    assert "Adult" in english


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "x" + token,  # payload changed
        lambda token: token.split(":")[0],  # signature cut off
        lambda token: token[:20],  # link cut short in an e-mail client
    ],
)
def test_a_tampered_manage_link_is_a_helpful_404(client, offer, tamper):
    booking = make_booking(offer)
    response = client.get(url("booking:manage", "en", token=tamper(manage_token(booking))))
    assert response.status_code == 404
    assert "confirmation e-mail" in response.content.decode()
    assert booking.reference not in response.content.decode()


def test_a_token_for_a_deleted_booking_or_another_salt_is_refused(offer):
    from django.core import signing

    booking = make_booking(offer)
    forged = signing.Signer(salt="something-else").sign_object([booking.pk, booking.reference])
    assert booking_from_token(forged) is None
    assert booking_from_token(signing.Signer().sign_object([booking.pk, booking.reference])) is None
    wrong_reference = signing.Signer(salt="booking.manage-link").sign_object([booking.pk, "X"])
    assert booking_from_token(wrong_reference) is None


def test_an_owner_opens_their_booking_by_reference_but_nobody_else_can(client, offer):
    owner, stranger = UserFactory(), UserFactory()
    booking = make_booking(offer, user=owner)
    by_reference = url("booking:manage", token=booking.reference)

    assert client.get(by_reference).status_code == 404
    client.force_login(stranger)
    assert client.get(by_reference).status_code == 404
    assert client.post(url("booking:cancel", token=booking.reference)).status_code == 404
    client.force_login(owner)
    assert client.get(by_reference).status_code == 200
    assert client.get(url("booking:manage", token=booking.reference.lower())).status_code == 200
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    "token",
    [
        "A" * 5000,
        "予約:テスト",
        "%F0%9F%98%80",
        "😀😀😀:😀",
        "::::",
        "W1siYSJdXQ:abc",
        "1",
        "ABCD-EFGH",
        "%00",
        "..",
    ],
)
def test_odd_tokens_never_cause_a_server_error(client, token):
    client.force_login(UserFactory())
    refused = (400, 404) if token == "%00" else (404,)  # NUL gets core.middleware's clear 400
    for path in (f"/ja/booking/manage/{token}/", f"/en/booking/manage/{token}/cancel/"):
        assert client.get(path).status_code in refused
        assert client.post(path, {"refund_shown": "x"}).status_code in (*refused, 405)


# --- Cancelling from the site -------------------------------------------------------------------


def test_a_guest_cancels_in_two_steps_and_sees_the_refund(client, offer):
    booking = make_booking(offer, day=today() + timedelta(days=20), language="en")
    token = manage_token(booking)

    manage_page = client.get(manage_url(booking)).content.decode()
    assert url("booking:cancel", "en", token=token) in manage_page
    assert "¥11,000" in manage_page

    confirm = client.get(url("booking:cancel", "en", token=token))
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # looking is not cancelling

    done = client.post(
        url("booking:cancel", "en", token=token), {"refund_shown": "11000"}, follow=True
    )

    assert done.status_code == 200
    html = done.content.decode()
    assert "cancelled" in html.lower()
    assert "¥11,000" in html
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED

    again = client.post(url("booking:cancel", token=token), {"refund_shown": "11000"}, follow=True)
    assert again.status_code == 200
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_late_cancellation_shows_the_reduced_refund_before_confirming(client, offer):
    booking = make_booking(offer, day=today() + timedelta(days=2))
    html = client.get(url("booking:cancel", token=manage_token(booking))).content.decode()
    assert "¥5,500" in html


def test_if_the_refund_dropped_while_reading_the_guest_is_asked_again(client, offer):
    booking = make_booking(offer, day=today() + timedelta(days=2))
    response = client.post(
        url("booking:cancel", token=manage_token(booking)), {"refund_shown": "11000"}
    )
    assert response.status_code == 200
    assert "¥5,500" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_started_booking_offers_no_cancel_button(client, offer):
    booking = make_booking(offer, day=today() - timedelta(days=1))
    token = manage_token(booking)
    html = client.get(url("booking:manage", token=token)).content.decode()
    assert url("booking:cancel", token=token) not in html

    response = client.post(url("booking:cancel", "en", token=token), follow=True)
    assert response.status_code == 200
    assert "can no longer be cancelled" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


# --- Account pages in the site's layout ---------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_use_the_site_layout_in_both_languages(client, name, home_en):
    for language in ("ja", "en"):
        response = client.get(url(name, language))
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert 'class="site-header"' in html and 'id="main"' in html


def test_login_errors_are_announced_and_linked_to_their_fields(client):
    response = client.post(url("account_login"), {"login": "not-an-address", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert '<label class="field__label" for="id_login">' in html
    assert re.search(r'aria-describedby="[^"]*id_password_error', html)
    assert 'aria-invalid="true"' in html


def test_a_bad_e_mail_confirmation_link_is_a_page_not_an_error(client):
    response = client.get("/en/accounts/confirm-email/not-a-key/")
    assert response.status_code in (200, 404)
    assert "not valid" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "account_logout", "booking:my_bookings"]
)
def test_signed_in_account_pages_render_in_the_site_layout(client, name):
    client.force_login(UserFactory())
    response = client.get(url(name, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "<form" not in html or 'class="form"' in html
