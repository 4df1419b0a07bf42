"""Accepting an invitation to a partner organisation: the set-password link of the invitation
e-mail, then into the Wagtail admin. Django's password-reset confirmation does the work (one-time
token, token kept out of the address bar, the password validators) with invitation tokens of
their own. An account with two-factor authentication is not signed in here: it goes to the
admin login, which asks for the code."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from booking.services.invitation_tokens import invitation_tokens


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
