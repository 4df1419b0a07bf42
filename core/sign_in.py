"""Signing in to the back office: the Wagtail admin login asks for the second factor of an
account that has one (allauth.mfa), and login throttling (django-axes) counts the failures of
both login pages under one name per account."""

from allauth.account import app_settings as account_settings
from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from wagtail.admin.views.account import LoginView


class AdminLoginView(LoginView):
    """Wagtail's admin login. An account with an authenticator app is handed to allauth's login
    steps after the password, which ask for the code before signing in; others sign in as usual.
    """

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            return super().form_valid(form)
        remember = form.cleaned_data.get("remember")
        self.request.session.set_expiry(settings.SESSION_COOKIE_AGE if remember else 0)
        # Editors' addresses are not verified through allauth: the admin asks for none.
        return perform_login(
            self.request,
            user,
            email_verification=account_settings.EmailVerificationMethod.NONE,
            redirect_url=self.get_success_url(),
        )


def attempted_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a login attempt is for: the admin sends a username, allauth an e-mail address
    (mapped to its account's username, so that a successful login clears the failures)."""
    given = credentials if credentials is not None else getattr(request, "POST", {})
    username = given.get("username")
    if username:
        return str(username).strip()
    email = str(given.get("email") or given.get("login") or "").strip()
    if not email:
        return None
    user_model = get_user_model()
    account = (
        user_model._default_manager.filter(email__iexact=email)
        .order_by("pk")
        .values_list(user_model.USERNAME_FIELD, flat=True)
        .first()
    )
    return account or email.lower()
