"""Checkout after the hold: guest details (and the guest register for stays), the final
confirmation screen the law asks for (特定商取引法), then "awaiting payment"."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from booking.forms import GuestDetailsForm, GuestRegisterFormSet
from booking.models import Booking
from booking.services import accounts, checkout
from booking.services.cancellation import cancellation_terms
from booking.services.holds import HoldError

from .session import booking_in_checkout

MAX_GUESTS = 20


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


def _expired(request: HttpRequest, booking: Booking, message: str = "") -> HttpResponse:
    return render(
        request,
        "booking/checkout_expired.html",
        {
            "booking": booking,
            "offer_name": booking.offer.display_name(_language()),
            "message": message,
        },
        status=410,
    )


def _guest_count(request: HttpRequest, booking: Booking) -> int:
    """How many register entries to show: ?guests=N, else the booked rooms, within 1..20."""
    default = max(booking.lines.values_list("quantity", flat=True), default=1)
    try:
        wanted = int(request.GET.get("guests", default))
    except ValueError:
        wanted = default
    return min(max(wanted, 1), MAX_GUESTS)


def _context(request: HttpRequest, booking: Booking, **extra) -> dict:
    language = _language()
    return {
        "booking": booking,
        "summary": accounts.booking_summary(booking, language, timezone.now()),
        "offer_name": booking.offer.display_name(language),
        "needs_register": checkout.needs_guest_register(booking),
        "terms": cancellation_terms(booking.offer, language),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 2: who is coming. The hold's countdown is shown; nothing is charged."""
    booking = booking_in_checkout(request, reference)
    if not booking.hold_is_live() or booking.status != Booking.Status.HELD:
        if booking.status == Booking.Status.AWAITING_PAYMENT and booking.hold_is_live():
            return redirect("booking:confirm", reference=booking.reference)
        return _expired(request, booking)
    language = _language()
    needs_register = checkout.needs_guest_register(booking)
    if request.method == "POST":
        form = GuestDetailsForm(request.POST, language=language)
        guests = GuestRegisterFormSet(request.POST, prefix="guests") if needs_register else None
        if form.is_valid() and (guests is None or guests.is_valid()):
            entries = [g for g in (guests.cleaned_data if guests else []) if g]
            try:
                checkout.save_guest_details(booking, form.cleaned_data, entries)
            except HoldError as refused:
                return _expired(request, booking, refused.message)
            return redirect("booking:confirm", reference=booking.reference)
        status = 400
    else:
        user = request.user
        form = GuestDetailsForm(
            initial={
                "guest_name": booking.guest_name,
                "guest_name_kana": booking.guest_name_kana,
                "guest_email": booking.guest_email or (user.email if user.is_authenticated else ""),
                "guest_phone": booking.guest_phone,
                "guest_notes": booking.guest_notes,
            },
            language=language,
        )
        existing = list(
            booking.guests.values(
                "name", "address", "phone", "lives_in_japan", "nationality", "passport_number"
            )
        )
        count = max(_guest_count(request, booking), len(existing))
        guests = (
            GuestRegisterFormSet(prefix="guests", initial=existing + [{}] * (count - len(existing)))
            if needs_register
            else None
        )
        status = 200
    return render(
        request,
        "booking/checkout_details.html",
        _context(request, booking, form=form, guests=guests),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 3: the final confirmation screen: what, when, how much, when payment is taken, and
    the cancellation terms; accepting it leaves the booking awaiting payment."""
    booking = booking_in_checkout(request, reference)
    if not booking.hold_is_live():
        return _expired(request, booking)
    if not checkout.details_complete(booking):
        return redirect("booking:details", reference=booking.reference)
    if request.method == "POST":
        try:
            checkout.submit_for_payment(booking)
        except HoldError as refused:
            return _expired(request, booking, refused.message)
        return redirect("booking:status", reference=booking.reference)
    return render(request, "booking/checkout_confirm.html", _context(request, booking))


@never_cache
@require_http_methods(["GET"])
def status(request: HttpRequest, reference: str) -> HttpResponse:
    """Where the booking stands now (awaiting payment, confirmed, expired…)."""
    booking = booking_in_checkout(request, reference)
    return render(request, "booking/checkout_status.html", _context(request, booking))
