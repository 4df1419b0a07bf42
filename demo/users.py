"""Demo accounts: the superuser, an editor, one user per partner (with their groups) and a
visitor of the public site with a verified address."""

import os
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count
from wagtail.models import Locale, Page

from workation.services.partners import (
    PARTNER_PAGE_PERMISSIONS,
    ensure_editor_workflow,
    ensure_editors_group,
    grant_partner_access,
)

DEFAULT_PASSWORD = "wakayama-demo-2026"


def demo_password() -> str:
    """The password every demo account gets (DEMO_ADMIN_PASSWORD, or the default)."""
    return os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD


@dataclass(frozen=True)
class Login:
    """A demo account to print at the end."""

    role: str
    username: str
    path: str = "/admin/"
    sign_in_as: str = "user"


class AccountMaker:
    """Creates missing accounts; the password is hashed once and only if one is needed."""

    def __init__(self) -> None:
        self.password = demo_password()
        self._hash = ""
        self.created = 0

    def hashed(self) -> str:
        """The hashed password, computed on first use."""
        if not self._hash:
            self._hash = make_password(self.password)
        return self._hash

    def ensure(
        self, username: str, group: Group | None = None, superuser: bool = False
    ) -> AbstractBaseUser:
        """The user `username`, created with the demo password if missing, in `group`."""
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username,
                email=f"{username}@example.jp",
                is_staff=superuser,
                is_superuser=superuser,
                password=self.hashed(),
            )
            user.save()
            self.created += 1
        if group is not None:
            user.groups.add(group)
        return user


def granted_groups() -> dict[str, Group]:
    """Partner groups that already have page permissions in every language (one query)."""
    expected = len(PARTNER_PAGE_PERMISSIONS) * Locale.objects.count()
    groups = Group.objects.filter(name__startswith="Partner: ").annotate(
        page_permission_count=Count("page_permissions")
    )
    return {group.name: group for group in groups if group.page_permission_count >= expected}


@transaction.atomic
def ensure_accounts(partner_pages: list[tuple[Page, str]]) -> tuple[list[Login], int]:
    """Editors group and workflow, partner groups, and the users; returns logins to print."""
    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    maker = AccountMaker()
    maker.ensure("admin", superuser=True)
    maker.ensure("editor", group=editors)
    visitor = maker.ensure("visitor")
    EmailAddress.objects.get_or_create(
        user=visitor, email=visitor.email, defaults={"verified": True, "primary": True}
    )
    logins = [
        Login("Admin", "admin"),
        Login("Editor", "editor"),
        Login("Visitor (the public site)", visitor.email, "/ja/accounts/login/", "e-mail"),
    ]
    granted = granted_groups()
    for page, group_name in partner_pages:
        group = granted.get(group_name) or grant_partner_access(page, group_name)
        username = f"partner-{page.slug}"
        maker.ensure(username, group=group)
        logins.append(Login(f"Partner ({page.title})", username))
    return logins, maker.created
