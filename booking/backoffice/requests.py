"""Booking requests (offers without instant booking): the host sees each request with its
deadline and accepts (the card is charged, the booking confirmed) or declines it with a message
for the guest. Partners see their own organisation's requests only; editors see all."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail import hooks

from booking.models import Booking
from booking.services import partner_scope, request_to_book
from booking.services.holds import HoldError

from .manifest import BackOfficeView, PartnerMenuItem

RECENT = 20


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the guest (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RequestsView(BackOfficeView):
    """Requests waiting for an answer, soonest deadline first, and the latest answered."""

    template_name = "booking/admin/requests.html"
    page_title = gettext_lazy("Booking requests")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = partner_scope.bookings_visible_to(self.request.user).select_related(
            "offer", "offer__organisation"
        )
        now = timezone.now()
        context["waiting"] = list(
            visible.filter(status=Booking.Status.REQUESTED, hold_expires_at__gt=now).order_by(
                "hold_expires_at"
            )
        )
        answered = Q(request_outcome__gt="") | Q(
            status=Booking.Status.CONFIRMED, payments__manual_capture=True
        )
        context["answered"] = list(
            visible.filter(answered).distinct().order_by("-updated_at")[:RECENT]
        )
        context["decline_form"] = DeclineForm()
        return context


class AnswerView(View):
    """POST only: accept or decline one request the user may see."""

    decision = ""

    def post(self, request, pk: int):
        booking = get_object_or_404(Booking.objects.select_related("offer"), pk=pk)
        if not partner_scope.can_see(request.user, booking):
            raise Http404
        try:
            if self.decision == "accept":
                self._accept(request, booking)
            else:
                self._decline(request, booking)
        except HoldError as refused:
            messages.error(request, refused.message)
        return HttpResponseRedirect(reverse("booking_requests:index"))

    def _accept(self, request, booking: Booking) -> None:
        if request_to_book.accept_request(booking) == "accepted":
            messages.success(
                request,
                _("%(reference)s accepted: the card was charged and the guest told.")
                % {"reference": booking.reference},
            )
        else:
            messages.warning(
                request,
                _(
                    "%(reference)s could not be confirmed: the places are no longer free or "
                    "the card can no longer be charged. The guest was told and is not charged."
                )
                % {"reference": booking.reference},
            )

    def _decline(self, request, booking: Booking) -> None:
        form = DeclineForm(request.POST)
        message = form.cleaned_data["message"] if form.is_valid() else ""
        if request_to_book.decline_request(booking, message):
            messages.success(
                request,
                _("%(reference)s declined: the card authorisation is released and the guest told.")
                % {"reference": booking.reference},
            )
        else:
            messages.error(request, _("This request has already been answered or has lapsed."))


@hooks.register("register_admin_urls")
def register_urls():
    urls = [
        path("", RequestsView.as_view(), name="index"),
        path("<int:pk>/accept/", AnswerView.as_view(decision="accept"), name="accept"),
        path("<int:pk>/decline/", AnswerView.as_view(decision="decline"), name="decline"),
    ]
    return [path("booking-requests/", (urls, "booking_requests", "booking_requests"))]


@hooks.register("register_admin_menu_item")
def requests_menu_item():
    return PartnerMenuItem(
        gettext_lazy("Booking requests"),
        reverse("booking_requests:index"),
        icon_name="help",
        order=205,
    )
