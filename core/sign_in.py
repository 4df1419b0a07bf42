"""Signing in to the back office: the Wagtail admin login asks for the second factor of an
account that has one (allauth.mfa), and login throttling (django-axes) counts the failures of
both login pages under one name per account."""

from allauth.account import app_settings as account_settings
from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db.models import Case, Q, Value, When
from django.http import HttpRequest, HttpResponse
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.views.account import LoginView


class AdminLoginForm(LoginForm):
    """Wagtail's login form, signing in the account the typed name stands for
    (`login_identity`): its username, or its e-mail address in any letter case however the
    address is stored. The field keeps what was typed, so an error never shows the username."""

    def clean(self) -> dict:
        typed = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if typed is not None and password:
            identity = login_identity(typed) or typed
            self.user_cache = authenticate(self.request, username=identity, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class AdminLoginView(LoginView):
    """Wagtail's admin login. An account with an authenticator app is handed to allauth's login
    steps after the password, which ask for the code before signing in; others sign in as usual.
    """

    def get_form_class(self) -> type[AdminLoginForm]:
        return AdminLoginForm

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


def login_identity(typed: str) -> str | None:
    """The one name under which every spelling of an account's login is counted: the account's
    username when `typed` is its username, or its e-mail address in any letter case; otherwise
    `typed` case-folded (no account answers to it, so its spellings share one count too)."""
    text = typed.strip()
    if not text:
        return None
    user_model = get_user_model()
    field = user_model.USERNAME_FIELD
    exact_username_first = Case(When(**{field: text}, then=Value(0)), default=Value(1))
    account = (
        user_model._default_manager.filter(Q(**{field: text}) | Q(email__iexact=text))
        .order_by(exact_username_first, "pk")
        .values_list(field, flat=True)
        .first()
    )
    return account or text.casefold()


def attempted_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a login attempt is for, for django-axes: the admin sends a username or an
    e-mail address, allauth an e-mail address; each is mapped to one identity
    (`login_identity`), so a lockout holds whatever the spelling and a success clears it."""
    given = credentials if credentials is not None else getattr(request, "POST", {})
    typed = given.get("username") or given.get("email") or given.get("login") or ""
    return login_identity(str(typed))
