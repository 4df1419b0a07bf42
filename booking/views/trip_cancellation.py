"""Cancelling a whole trip: the confirmation lists each item with the refund its own policy
gives now; accepting it cancels every item that can still be cancelled, together."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from booking.services import trip_checkout, trips
from booking.services.cancellation import CannotCancel, cancellation_terms, is_paid
from core.templatetags.money_tags import yen

from .held_bookings import trip_in_checkout


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    """GET: every item that can still be cancelled, with its refund now; POST: cancel them."""
    trip = trip_in_checkout(request, reference)
    bookings = trip_checkout.trip_bookings(trip)
    now = timezone.now()
    items = trips.cancellable_items(bookings, now)
    refund = sum(amount for _booking, amount in items)
    if not items:
        messages.info(request, _("Nothing in this trip can be cancelled any more."))
        return redirect("booking:trip_status", reference=trip.reference)
    if request.method == "POST":
        try:
            shown = int(request.POST.get("refund_shown", ""))
        except ValueError:
            shown = None
        if shown is None or refund < shown:
            # A free-cancellation period ended while the page was open: ask again.
            return _confirm_page(request, trip, items, refund, changed=shown is not None)
        try:
            done = trips.cancel_trip(trip, now)
        except CannotCancel as refused:
            messages.error(request, refused.message)
            return redirect("booking:trip_status", reference=trip.reference)
        if done.refund_total:
            messages.success(
                request,
                _("Your trip is cancelled. %(amount)s will be refunded to your card.")
                % {"amount": yen(done.refund_total)},
            )
        else:
            messages.success(request, _("Your trip is cancelled."))
        return redirect("booking:trip_status", reference=trip.reference)
    return _confirm_page(request, trip, items, refund)


def _confirm_page(request, trip, items, refund: int, *, changed: bool = False) -> HttpResponse:
    language = _language()
    rows = [
        {
            "booking": booking,
            "offer_name": booking.offer.display_name(language),
            "terms": cancellation_terms(booking.offer, language),
            "refund": amount,
            "paid": is_paid(booking),
        }
        for booking, amount in items
    ]
    context = {"trip": trip, "rows": rows, "refund": refund, "refund_changed": changed}
    return render(request, "booking/trip_cancel.html", context)
