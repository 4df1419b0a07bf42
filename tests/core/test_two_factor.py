"""Two-factor authentication (allauth.mfa) for the back office: an editor turns on an
authenticator app from the admin's account page; from then on the admin login asks for its code
after the password, refuses a wrong one and signs in with the right one. Editors without it
still sign in with their password alone."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

PASSWORD = "kumano-kodo-2026"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _site(home):
    """allauth's pages render in the site's layout, which needs a site and its home page."""
    return home


def url(name: str, language: str = "ja") -> str:
    with translation.override(language):
        return reverse(name)


def code_now(secret: str, steps: int = 0) -> str:
    """The authenticator app's code, computed with allauth's own TOTP helpers."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + steps))


def wrong_code(secret: str) -> str:
    near = {code_now(secret, step) for step in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in near)


def editor(username: str = "editor"):
    user = UserFactory(username=username, password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def admin_login(client, username: str, password: str = PASSWORD):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password})


def is_signed_in_to_admin(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def turn_on_totp(client) -> str:
    """Go from the admin's account page to the activation form, confirm the password, scan
    (read the secret), and enter the code; returns the secret."""
    account = client.get(reverse("wagtailadmin_account"))
    assert soup(account).find("a", href=url("mfa_index")), "no link to two-factor settings"

    activate = url("mfa_activate_totp")
    response = client.get(activate)
    assert response.status_code == 302 and url("account_reauthenticate") in response.url
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 302 and response.url == activate

    form = client.get(activate)
    assert form.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in form.content.decode()  # shown for typing in, next to the QR code

    response = client.post(activate, {"code": code_now(secret)})
    assert response.status_code == 302
    return secret


def test_an_editor_turns_on_totp_and_the_admin_login_then_asks_for_the_code(client):
    user = editor()
    assert admin_login(client, "editor").status_code == 302
    secret = turn_on_totp(client)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.logout()

    response = admin_login(client, "editor")

    assert response.status_code == 302
    assert response.url == url("mfa_authenticate")
    assert not is_signed_in_to_admin(client)  # the password alone is not enough

    refused = client.post(url("mfa_authenticate"), {"code": wrong_code(secret)})
    assert refused.status_code == 200
    assert soup(refused).find("input", attrs={"name": "code"})
    assert not is_signed_in_to_admin(client)

    accepted = client.post(url("mfa_authenticate"), {"code": code_now(secret)})
    assert accepted.status_code == 302
    assert accepted.url == reverse("wagtailadmin_home")
    dashboard = client.get(accepted.url)
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user == user


def test_the_code_step_keeps_the_page_the_editor_was_going_to(client):
    user = editor()
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    target = reverse("wagtailadmin_account")

    response = client.post(
        f"{ADMIN_LOGIN}?next={target}", {"username": "editor", "password": PASSWORD}
    )
    assert response.url == url("mfa_authenticate")
    accepted = client.post(response.url, {"code": code_now(secret)})

    assert accepted.url == target
    assert client.get(target).status_code == 200


def test_a_wrong_password_never_reaches_the_code_step(client):
    user = editor()
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )

    response = admin_login(client, "editor", "wrong-password")

    assert response.status_code == 200
    assert client.get(url("mfa_authenticate")).status_code == 302  # back to the login
    assert not is_signed_in_to_admin(client)


def test_editors_without_two_factor_sign_in_with_their_password(client):
    editor("partner")

    response = admin_login(client, "partner")

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert is_signed_in_to_admin(client)


def test_an_editor_can_turn_it_off_again(client):
    user = editor()
    admin_login(client, "editor")
    turn_on_totp(client)

    response = client.post(url("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.logout()
    assert admin_login(client, "editor").url == reverse("wagtailadmin_home")
