"""Checkout after the hold: guest details (and the guest register for stays), the final
confirmation screen the law asks for (特定商取引法), then "awaiting payment"."""

from django import forms
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from booking.forms import GuestDetailsForm, GuestRegisterForm, GuestRegisterFormSet
from booking.models import Booking, Payment
from booking.services import accounts, checkout, payments, stripe_api
from booking.services.cancellation import display_status
from booking.services.holds import HoldError
from booking.services.manage_links import manage_path
from booking.services.sale_terms import sale_terms
from core import links

from .held_bookings import booking_in_checkout, remember_booking

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


def _posted(data, form_class, prefix: str = "") -> dict:
    """A form's fields as posted, as initial values (a checkbox missing from the POST is off)."""
    values = {}
    for name, field in form_class.base_fields.items():
        key = f"{prefix}{name}"
        if isinstance(field, forms.BooleanField):
            values[name] = key in data and data.get(key) not in ("", "false", "0", "off")
        else:
            values[name] = data.get(key, "")[:1000]
    return values


def _posted_guests(data) -> list[dict]:
    """The guest register's entries as posted (at most MAX_GUESTS, at least one)."""
    count = min(max(_int_or(data.get("guests-TOTAL_FORMS"), 1), 1), MAX_GUESTS)
    return [_posted(data, GuestRegisterForm, f"guests-{number}-") for number in range(count)]


def _int_or(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _context(request: HttpRequest, booking: Booking, **extra) -> dict:
    language = _language()
    return {
        "booking": booking,
        "summary": accounts.booking_summary(booking, language, timezone.now()),
        "offer_name": booking.offer.display_name(language),
        "needs_register": checkout.needs_guest_register(booking),
        "sale": sale_terms(booking.offer, language),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, reference: str) -> HttpResponse:
    """Step 2: who is coming. The hold's countdown is shown; nothing is charged."""
    booking = booking_in_checkout(request, reference)
    if booking.trip.from_plan:  # an item of a trip is checked out with its trip
        return redirect("booking:trip_details", reference=booking.trip.reference)
    if not booking.hold_is_live() or booking.status != Booking.Status.HELD:
        if booking.status == Booking.Status.AWAITING_PAYMENT and booking.hold_is_live():
            return redirect("booking:confirm", reference=booking.reference)
        return _expired(request, booking)
    language = _language()
    needs_register = checkout.needs_guest_register(booking)
    action = request.POST.get("guests_action", "")
    if request.method == "POST" and needs_register and action:
        # "Add a guest" / "Remove": the same page again with everything typed kept (and no
        # errors yet: the guest has not finished), one guest more or fewer. Works without JS.
        form = GuestDetailsForm(initial=_posted(request.POST, GuestDetailsForm), language=language)
        entries = _posted_guests(request.POST)
        if action == "add":
            entries = (entries + [{"lives_in_japan": True}])[:MAX_GUESTS]
        elif action.startswith("remove-") and len(entries) > 1:
            index = _int_or(action.removeprefix("remove-"), -1)
            entries = [entry for number, entry in enumerate(entries) if number != index]
        guests = GuestRegisterFormSet(prefix="guests", initial=entries)
        status = 200
    elif request.method == "POST":
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
    if booking.trip.from_plan:
        return redirect("booking:trip_confirm", reference=booking.trip.reference)
    if not booking.hold_is_live():
        return _expired(request, booking)
    if not checkout.details_complete(booking):
        return redirect("booking:details", reference=booking.reference)
    if request.method == "POST":
        try:
            checkout.submit_for_payment(booking)
            payment = payments.start_checkout(
                booking,
                success_url=_absolute(request, "booking:paid", booking)
                + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=_absolute(request, "booking:confirm", booking),
                description=checkout.line_description(booking),
            )
        except payments.PaymentUnavailable as refused:
            context = _context(request, booking, payment_error=refused.message)
            response = render(request, "booking/checkout_confirm.html", context, status=503)
            response._csp_update = {"form-action": [stripe_api.checkout_origin()]}
            return response
        except HoldError as refused:
            return _expired(request, booking, refused.message)
        return redirect(payment.checkout_url)
    response = render(request, "booking/checkout_confirm.html", _context(request, booking))
    # This page's form ends at Stripe's payment page: its Content-Security-Policy allows that.
    response._csp_update = {"form-action": [stripe_api.checkout_origin()]}
    return response


def _absolute(request: HttpRequest, name: str, booking: Booking) -> str:
    """Where Stripe sends the guest back: on the configured base URL, whatever host the
    request came in by (a proxy's internal name must never reach Stripe)."""
    return links.absolute_url(reverse(name, kwargs={"reference": booking.reference}))


@never_cache
@require_http_methods(["GET"])
def status(request: HttpRequest, reference: str) -> HttpResponse:
    """Where the booking stands now: awaiting payment (with the way back to the payment page),
    confirming after the guest paid, confirmed, expired…; the page polls while confirming."""
    booking = booking_in_checkout(request, reference)
    open_payment = booking.payments.filter(
        status=Payment.Status.OPEN, expires_at__gt=timezone.now(), date_change__isnull=True
    ).first()
    return render(
        request,
        "booking/checkout_status.html",
        _context(
            request,
            booking,
            open_payment=open_payment,
            confirming=request.GET.get("from") == "payment",
            manage_url=manage_path(booking),
        ),
    )


@never_cache
@require_http_methods(["GET"])
def status_json(request: HttpRequest, reference: str) -> JsonResponse:
    """The booking's status for the page that waits for the payment to be confirmed."""
    booking = booking_in_checkout(request, reference)
    state = display_status(booking, timezone.now())
    return JsonResponse({"status": state, "label": str(Booking.Status(state).label)})


@never_cache
@require_http_methods(["GET"])
def paid(request: HttpRequest, reference: str) -> HttpResponse:
    """Stripe sends the guest back here after paying. The same fulfilment as the webhook runs at
    once (whichever comes first confirms; the other finds it done), then the status page shows
    "confirming…" until the booking is confirmed. The session id proves this browser paid."""
    session_id = request.GET.get("session_id", "")[:255]
    payment = (
        Payment.objects.select_related("booking")
        .filter(checkout_session_id=session_id, booking__reference=str(reference)[:12])
        .first()
    )
    if payment is None:
        raise Http404
    try:
        payments.sync_checkout_session(session_id)
    except (stripe_api.StripeError, OperationalError):
        pass  # Stripe unreachable or the slots busy: the webhook task will confirm it
    response = redirect(
        reverse("booking:status", kwargs={"reference": payment.booking.reference}) + "?from=payment"
    )
    remember_booking(request, response, payment.booking)
    return response
