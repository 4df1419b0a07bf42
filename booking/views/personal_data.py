"""A guest's own data: download it all as JSON, or delete the account (with the password, after
a page that says what is kept and why). Thin: the rules are booking.services.personal_data."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from booking.services import personal_data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


@never_cache
@require_GET
@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Everything stored about the signed-in guest, as a JSON file."""
    body = json.dumps(personal_data.export(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """GET: what deleting keeps and erases; POST (with the password): delete and sign out."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    upcoming = personal_data.upcoming(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            personal_data.delete_account(request.user)
        except personal_data.CannotDelete as refused:
            messages.error(request, refused.message)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "booking/delete_account.html",
        {"form": form, "upcoming": upcoming, "years": personal_data.REGISTER_YEARS},
        status=status,
    )
