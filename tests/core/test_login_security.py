"""Sign-in security: login throttling (django-axes) on the admin login and on the guests' login,
and the password rules. Five wrong passwords for one account from one address lock that pair
for a while, even for the right password; a success clears the count; other accounts and other
addresses are not affected."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

PASSWORD = "kumano-kodo-2026"
ADMIN_LOGIN = "/admin/login/"
LOCKOUT_TEMPLATE = "axes/lockout.html"


@pytest.fixture(autouse=True)
def _site(home):
    """The lockout page renders in the site's layout, which needs a site and its home page."""
    return home


def account_login(language: str = "ja") -> str:
    with translation.override(language):
        return reverse("account_login")


def staff(username: str):
    user = UserFactory(username=username, password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def guest(email: str):
    """A guest account with a verified address (allauth signs in verified addresses only)."""
    user = UserFactory(username=email.split("@")[0], email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def admin_attempt(client, username: str, password: str, **extra):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password}, **extra)


def guest_attempt(client, email: str, password: str, language: str = "ja", **extra):
    return client.post(account_login(language), {"login": email, "password": password}, **extra)


def is_signed_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def assert_locked_out(response):
    assert response.status_code == 429
    assert LOCKOUT_TEMPLATE in [t.name for t in response.templates]


# --- The Wagtail admin login ------------------------------------------------------------------


def test_admin_login_locks_after_five_wrong_passwords_even_for_the_right_one(client):
    staff("editor")
    for _ in range(4):
        response = admin_attempt(client, "editor", "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    assert_locked_out(admin_attempt(client, "editor", "wrong-password"))

    response = admin_attempt(client, "editor", PASSWORD)

    assert_locked_out(response)
    page = soup(response)
    assert "15" in page.find(class_="lead").get_text()  # minutes to wait
    assert "Too many sign-in attempts" in page.find("main").find("p", lang="en").get_text()
    assert page.find("a", href=reverse("wagtailadmin_password_reset"))
    assert not is_signed_in(client)


def test_admin_login_success_clears_the_failures(client):
    staff("editor")
    for _ in range(4):
        admin_attempt(client, "editor", "wrong-password")
    assert admin_attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert admin_attempt(client, "editor", "wrong-password").status_code == 200
    response = admin_attempt(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_a_locked_account_does_not_lock_another_account_or_another_address(client):
    staff("editor")
    staff("partner")
    for _ in range(5):
        admin_attempt(client, "editor", "wrong-password")
    assert_locked_out(admin_attempt(client, "editor", PASSWORD))

    assert admin_attempt(client, "partner", PASSWORD).status_code == 302
    client.logout()
    elsewhere = admin_attempt(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302


def test_behind_a_proxy_each_forwarded_client_is_counted_apart(client, settings):
    """With AXES_IPWARE_PROXY_COUNT set, the address comes from X-Forwarded-For."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    staff("editor")
    for _ in range(5):
        admin_attempt(client, "editor", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.5")
    locked = admin_attempt(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert_locked_out(locked)

    other = admin_attempt(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert other.status_code == 302


# --- The guests' login (allauth) --------------------------------------------------------------


def test_guest_login_locks_after_five_wrong_passwords_even_for_the_right_one(client):
    guest("hanako@example.jp")
    for _ in range(4):
        response = guest_attempt(client, "hanako@example.jp", "wrong-password")
        assert response.status_code == 200
    assert_locked_out(guest_attempt(client, "hanako@example.jp", "wrong-password"))

    response = guest_attempt(client, "Hanako@Example.jp", PASSWORD)

    assert_locked_out(response)
    assert reverse("account_reset_password") in response.content.decode()
    assert client.get(reverse("booking:my_bookings")).status_code == 302  # not signed in


def test_guest_lockout_page_speaks_english_on_the_english_site(client):
    guest("hanako@example.jp")
    for _ in range(5):
        guest_attempt(client, "hanako@example.jp", "wrong-password", "en")

    response = guest_attempt(client, "hanako@example.jp", PASSWORD, "en")

    assert_locked_out(response)
    main = soup(response).find("main")
    assert "Too many sign-in attempts" in main.find("h1").get_text()
    assert "ログイン" in main.find("p", lang="ja").get_text()  # and a line in Japanese


def test_guest_login_success_clears_the_failures(client):
    guest("hanako@example.jp")
    for _ in range(4):
        guest_attempt(client, "hanako@example.jp", "wrong-password")
    assert guest_attempt(client, "hanako@example.jp", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert guest_attempt(client, "hanako@example.jp", "wrong-password").status_code == 200
    response = guest_attempt(client, "hanako@example.jp", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("booking:my_bookings")


def test_failures_on_one_login_page_count_on_the_other(client):
    """One account, one count: wrong passwords on the guests' page lock the admin login too."""
    user = guest("tanaka@example.jp")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for _ in range(5):
        guest_attempt(client, "tanaka@example.jp", "wrong-password")

    assert_locked_out(admin_attempt(client, "tanaka", PASSWORD))


def test_unknown_accounts_and_empty_forms_get_an_answer_not_an_error(client):
    for _ in range(6):
        assert admin_attempt(client, "", "").status_code == 200
        assert guest_attempt(client, "", "").status_code == 200
    for _ in range(6):
        response = guest_attempt(client, "nobody@example.jp", "wrong-password")
    assert_locked_out(response)


# --- Password rules ---------------------------------------------------------------------------


def test_sign_up_refuses_a_short_or_common_password_and_accepts_a_long_one(client):
    signup = reverse("account_signup")
    for weak in ("umeboshi-26", "password1234", "123456789012"):
        response = client.post(
            signup, {"email": "jiro@example.jp", "password1": weak, "password2": weak}
        )
        assert response.status_code == 200, weak
        assert not EmailAddress.objects.filter(email="jiro@example.jp").exists()

    response = client.post(
        signup, {"email": "jiro@example.jp", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="jiro@example.jp").exists()
