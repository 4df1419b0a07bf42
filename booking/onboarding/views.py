"""Becoming a partner on the public side: the "list your business" application and its thank-you
page, then the invitation e-mail's set-password link into the Wagtail admin. Thin: the rules live
in booking.onboarding.applications.

Accepting an invitation uses Django's password-reset confirmation (one-time token, token kept out
of the address bar, the password validators) with invitation tokens of their own. An account with
two-factor authentication is not signed in there: it goes to the admin login, which asks for the
code."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from booking.onboarding import REVIEW_WORKING_DAYS, applications
from booking.onboarding.applications import invitation_tokens
from booking.onboarding.forms import PartnerApplicationForm
from core.rate_limits import count, over_limit, too_many_requests


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form; a valid one is stored (bots' quietly dropped) and thanked."""
    if over_limit(request, "application", count_it=False):
        return too_many_requests(request)
    form = PartnerApplicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            if not form.is_spam:
                applications.submit(
                    form.save(commit=False),
                    translation.get_language(),
                    key=form.cleaned_data["submission_key"],
                )
                count(request, "application")
            return redirect("booking:apply_done")
        return render(request, "booking/apply.html", {"form": form}, status=400)
    return render(request, "booking/apply.html", {"form": form})


@require_GET
def apply_done(request: HttpRequest) -> HttpResponse:
    """What happens next, and when, once the application is in."""
    return render(request, "booking/apply_done.html", {"review_days": REVIEW_WORKING_DAYS})


class InvitationView(PasswordResetConfirmView):
    """Set a password from the invitation link and sign in; a used, expired or mangled link
    gets a page that says so (404)."""

    template_name = "booking/invitation.html"
    token_generator = invitation_tokens
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("wagtailadmin_home")

    def get_user(self, uidb64):
        """The invited account, unless it has been deactivated since."""
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        if is_mfa_enabled(self.user):
            form.save()
            del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
            messages.success(
                self.request, _("Your password is set. Sign in with it and your code.")
            )
            return redirect(reverse("wagtailadmin_login"))
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Welcome!"))
        return response

    def render_to_response(self, context, **response_kwargs):
        if not context.get("validlink"):
            response_kwargs["status"] = 404
        return super().render_to_response(context, **response_kwargs)


invitation = InvitationView.as_view()
