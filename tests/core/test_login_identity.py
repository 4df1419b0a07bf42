"""One account, one lockout, whatever the spelling: the admin login takes a username or an
e-mail address in any letter case, the guests' login an address in any case, and django-axes
counts every spelling under the account's one identity, so a locked-out account stays locked
and a wrong-case success cannot clear the lock."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission

from core.sign_in import login_identity
from tests.core.test_login_security import (
    PASSWORD,
    admin_attempt,
    assert_locked_out,
    guest,
    guest_attempt,
    is_signed_in,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home):
    """The lockout page renders in the site's layout."""
    return home


def editor():
    """An editor whose verified address may sign in to the admin as well as the username."""
    user = UserFactory(username="editor", email="Editor@Example.jp", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_every_spelling_of_an_account_is_one_identity():
    editor()
    other = UserFactory(username="editor@example.jp", email="someone@example.jp")
    assert login_identity("editor") == "editor"
    assert login_identity("  EDITOR@example.JP ") == "editor"  # its address, any case
    # A username typed exactly wins over another account's address of the same letters.
    assert login_identity("editor@example.jp") == other.username
    assert login_identity("Nobody@Example.jp") == "nobody@example.jp"
    assert login_identity("   ") is None


def test_a_locked_out_editor_stays_locked_out_under_another_spelling(client):
    editor()
    for _ in range(5):
        admin_attempt(client, "editor@example.jp", "wrong-password")

    for spelling in ("Editor@Example.jp", "EDITOR@EXAMPLE.JP", "editor"):
        assert_locked_out(admin_attempt(client, spelling, PASSWORD))
    assert not is_signed_in(client)


def test_a_guest_locked_out_on_one_spelling_is_locked_out_on_every_other(client):
    guest("taro@example.jp")
    for _ in range(5):
        guest_attempt(client, "Taro@Example.JP", "wrong-password")

    assert_locked_out(guest_attempt(client, "taro@example.jp", PASSWORD))
    assert_locked_out(guest_attempt(client, "TARO@EXAMPLE.JP", PASSWORD))


def test_a_success_under_another_spelling_clears_the_failures_of_the_account(client):
    editor()
    for _ in range(4):
        admin_attempt(client, "editor", "wrong-password")
    assert admin_attempt(client, "EDITOR@example.jp", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert admin_attempt(client, "editor", "wrong-password").status_code == 200
    assert admin_attempt(client, "editor", PASSWORD).status_code == 302
