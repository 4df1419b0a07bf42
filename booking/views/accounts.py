"""My bookings, and the manage page a guest opens with a signed link (or an owner by reference),
with its two-step cancellation. Thin: the rules live in booking.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from booking.content import content
from booking.forms import AddresseeForm, ManageLinkRequestForm
from booking.models import Booking
from booking.services import (
    accounts,
    cancellation,
    date_changes,
    documents,
    link_requests,
    qr,
    receipts,
)
from core import links
from core.rate_limits import over_limit, too_many_requests

from .manage_access import opened_booking

BOOKINGS_PER_PAGE = 10


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


@never_cache
@require_GET
@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    """The signed-in user's bookings, upcoming first, ten to a page."""
    language = _language()
    page_obj = Paginator(accounts.my_bookings(request.user), BOOKINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    rows = []
    for booking in page_obj.object_list:
        status = cancellation.display_status(booking, now)
        rows.append(
            {
                "booking": booking,
                "offer_name": booking.offer.display_name(language),
                "status": status,
                "status_label": Booking.Status(status).label,
                "url": reverse("booking:manage", kwargs={"token": booking.reference}),
            }
        )
    context = {"page_obj": page_obj, "rows": rows}
    if not rows:
        context["browse"] = content().browse_urls(request)
    return render(request, "booking/my_bookings.html", context)


@never_cache
@require_GET
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Everything about one booking, with its cancellation terms, a way to cancel and, where the
    offer allows it, a way to change the dates."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    now = timezone.now()
    summary = accounts.booking_summary(booking, _language(), now)
    context = {"summary": summary, "token": token}
    if booking.offer.date_changes and booking.status == Booking.Status.CONFIRMED:
        context["can_change_dates"] = date_changes.can_change(booking, now)
        context["change_dates_until"] = date_changes.change_deadline(booking)
    context["documents"] = list(documents.visible_to_guest(booking))
    context["addressee_form"] = AddresseeForm(initial={"invoice_name": booking.trip.invoice_name})
    if booking.status == Booking.Status.CONFIRMED:
        context["receipt"] = receipts.receipt_for(booking, _language(), summary.lines)
        context["check_in_qr"] = qr.check_in_svg(
            booking,
            links.base_url(),
            _("Check-in QR code for booking %(reference)s") % {"reference": booking.reference},
        )
    return render(request, "booking/manage.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET: confirm (with the refund); POST: cancel; afterwards: the cancelled page."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    now = timezone.now()
    manage_path = reverse("booking:manage", kwargs={"token": token})
    if request.method == "POST":
        shown = _int_or_none(request.POST.get("refund_shown"))
        status_shown = request.POST.get("status_shown", booking.status)
        refund_now = cancellation.refund_amount(booking, now)
        if (
            booking.status != Booking.Status.CANCELLED
            and cancellation.can_cancel(booking, now)
            and ((shown is not None and refund_now < shown) or status_shown != booking.status)
        ):
            # The free period ran out, or the host accepted the request (now it is paid), while
            # the guest was reading: ask again with what cancelling costs now.
            summary = accounts.booking_summary(booking, _language(), now)
            context = {"summary": summary, "token": token, "refund_changed": True}
            return render(request, "booking/cancel_confirm.html", context)
        try:
            cancellation.cancel_by_guest(booking, now)
        except cancellation.CannotCancel as refused:
            messages.error(request, refused.message)
            return redirect(manage_path)
        return redirect(reverse("booking:cancel", kwargs={"token": token}))
    summary = accounts.booking_summary(booking, _language(), now)
    if booking.status == Booking.Status.CANCELLED:
        return render(request, "booking/cancelled.html", {"summary": summary, "token": token})
    if not summary.can_cancel:
        messages.info(request, _("This booking can no longer be cancelled."))
        return redirect(manage_path)
    return render(request, "booking/cancel_confirm.html", {"summary": summary, "token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest) -> HttpResponse:
    """Ask for new manage links by e-mail. The answer is the same whether or not the address has
    bookings; the links go to that address only."""
    if request.GET.get("sent"):
        return render(request, "booking/manage_link_request.html", {"sent": True})
    if over_limit(request, "manage_link"):
        return too_many_requests(request)
    form = ManageLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link_requests.request_links(form.cleaned_data["email"], _language())
        return redirect(reverse("booking:new_link") + "?sent=1")
    return render(request, "booking/manage_link_request.html", {"form": form})


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
