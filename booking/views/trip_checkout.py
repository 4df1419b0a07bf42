"""A trip's checkout: hold the plan all or none, one set of guest details for every item, the
final confirmation screen listing each item with its seller (特定商取引法), one payment page
with a line per item, and the trip's page afterwards."""

from django.contrib import messages
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from booking.forms import GuestRegisterFormSet, TripDetailsForm
from booking.models import Booking, Payment, Trip
from booking.services import accounts, payments, stripe_api, trip_checkout, trips
from booking.services.cancellation import display_status
from booking.services.holds import HoldError, ItemRefused
from booking.services.manage_links import manage_path
from booking.services.sale_terms import sale_terms
from core import links
from core.rate_limits import over_limit, too_many_requests

from .checkout import MAX_GUESTS, _int_or, _posted, _posted_guests
from .held_bookings import remember_reference, trip_in_checkout
from .trip_plan import current_plan, remember_plan, render_plan


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


def _items(bookings: list[Booking], language: str) -> list[dict]:
    """What the trip's pages show of each item: its summary, seller and sale terms."""
    now = timezone.now()
    summaries = accounts.booking_summaries(bookings, language, now)
    return [
        {
            "booking": booking,
            "summary": summary,
            "offer_name": booking.offer.display_name(language),
            "sale": sale_terms(booking.offer, language),
            "status": display_status(booking, now),
        }
        for booking, summary in zip(bookings, summaries, strict=True)
    ]


def _context(trip: Trip, bookings: list[Booking], **extra) -> dict:
    language = _language()
    total = sum(booking.total for booking in bookings)
    return {
        "trip": trip,
        "bookings": bookings,
        "items": _items(bookings, language),
        "total": total,
        "tax": sum(booking.tax for booking in bookings),
        "needs_register": trip_checkout.trip_needs_register(bookings),
        "hold_expires_at": min((b.hold_expires_at for b in bookings), default=None),
        **extra,
    }


def _expired(request: HttpRequest, trip: Trip, bookings: list[Booking], message: str = ""):
    context = _context(trip, bookings, message=message)
    return render(request, "booking/trip_expired.html", context, status=410)


def _paid(bookings: list[Booking]) -> bool:
    """Whether the trip went through payment (its items are confirmed, or were)."""
    return any(booking.confirmed_at is not None for booking in bookings)


def _all(bookings: list[Booking], status: str) -> bool:
    now = timezone.now()
    return bool(bookings) and all(
        booking.status == status and booking.hold_is_live(now) for booking in bookings
    )


@never_cache
@require_POST
def checkout(request: HttpRequest) -> HttpResponse:
    """Hold every item of the visitor's plan as one trip, all or none, then ask who is coming.
    An item that no longer fits is shown on the plan with the reason; nothing is held then."""
    if over_limit(request, "hold"):
        return too_many_requests(request)
    plan = current_plan(request)
    if plan is None or not plan.items.exists():
        return redirect("booking:trip_plan")
    items = list(plan.items.all())
    try:
        held = trips.check_out_plan(plan, user=request.user, language=_language())
    except trips.CheckoutInProgress as busy:  # paying already, or a second click
        response = redirect("booking:trip_details", reference=busy.trip.reference)
        remember_reference(request, response, busy.trip.reference)
        return response
    except ItemRefused as refused:
        item = items[refused.index] if refused.index < len(items) else None
        return render_plan(
            request,
            plan,
            refused_item_id=item.pk if item else None,
            error=refused.message,
            status=refused.status,
        )
    except HoldError as refused:
        return render_plan(request, plan, error=refused.message, status=refused.status)
    response = redirect("booking:trip_details", reference=held.trip.reference)
    remember_reference(request, response, held.trip.reference)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, reference: str) -> HttpResponse:
    """Who is coming: the lead guest for every item, a company name for the receipts, and the
    guest register when the trip has a stay. Nothing is charged."""
    trip = trip_in_checkout(request, reference)
    bookings = trip_checkout.trip_bookings(trip)
    if _paid(bookings):
        return redirect("booking:trip_status", reference=trip.reference)
    if not _all(bookings, Booking.Status.HELD):
        if _all(bookings, Booking.Status.AWAITING_PAYMENT):
            return redirect("booking:trip_confirm", reference=trip.reference)
        return _expired(request, trip, bookings)
    language = _language()
    needs_register = trip_checkout.trip_needs_register(bookings)
    action = request.POST.get("guests_action", "")
    status = 200
    if request.method == "POST" and needs_register and action:
        form = TripDetailsForm(initial=_posted(request.POST, TripDetailsForm), language=language)
        entries = _posted_guests(request.POST)
        if action == "add":
            entries = (entries + [{"lives_in_japan": True}])[:MAX_GUESTS]
        elif action.startswith("remove-") and len(entries) > 1:
            index = _int_or(action.removeprefix("remove-"), -1)
            entries = [entry for number, entry in enumerate(entries) if number != index]
        guests = GuestRegisterFormSet(prefix="guests", initial=entries)
    elif request.method == "POST":
        form = TripDetailsForm(request.POST, language=language)
        guests = GuestRegisterFormSet(request.POST, prefix="guests") if needs_register else None
        if form.is_valid() and (guests is None or guests.is_valid()):
            entries = [g for g in (guests.cleaned_data if guests else []) if g]
            details_data = dict(form.cleaned_data)
            invoice_name = details_data.pop("invoice_name", "")
            try:
                trip_checkout.save_trip_details(
                    trip, details_data, entries, invoice_name=invoice_name
                )
            except HoldError as refused:
                return _expired(request, trip, bookings, refused.message)
            return redirect("booking:trip_confirm", reference=trip.reference)
        status = 400
    else:
        first = bookings[0]
        user = request.user
        form = TripDetailsForm(
            initial={
                "guest_name": first.guest_name,
                "guest_name_kana": first.guest_name_kana,
                "guest_email": first.guest_email or (user.email if user.is_authenticated else ""),
                "guest_phone": first.guest_phone,
                "guest_notes": first.guest_notes,
                "invoice_name": trip.invoice_name,
            },
            language=language,
        )
        guests = None
        if needs_register:
            stay = next(b for b in bookings if trip_checkout.needs_guest_register(b))
            existing = list(
                stay.guests.values(
                    "name", "address", "phone", "lives_in_japan", "nationality", "passport_number"
                )
            )
            wanted = max(stay.lines.values_list("quantity", flat=True), default=1)
            count = max(min(max(wanted, 1), MAX_GUESTS), len(existing))
            guests = GuestRegisterFormSet(
                prefix="guests", initial=existing + [{}] * (count - len(existing))
            )
    context = _context(
        trip, bookings, form=form, guests=guests, plan_changed=_plan_changed(request, trip)
    )
    return render(request, "booking/trip_details.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, reference: str) -> HttpResponse:
    """The final confirmation screen: every item with its seller, dates, price and cancellation
    terms, the total, how and when payment is taken; accepting it opens one payment page."""
    trip = trip_in_checkout(request, reference)
    bookings = trip_checkout.trip_bookings(trip)
    if _paid(bookings):
        return redirect("booking:trip_status", reference=trip.reference)
    now = timezone.now()
    if not bookings or not all(booking.hold_is_live(now) for booking in bookings):
        return _expired(request, trip, bookings)
    if not trip_checkout.trip_details_complete(bookings):
        return redirect("booking:trip_details", reference=trip.reference)
    if request.method == "POST":
        try:
            bookings = trip_checkout.submit_trip_for_payment(trip)
            payment = payments.start_trip_checkout(
                trip,
                success_url=_absolute("booking:trip_paid", trip)
                + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=_absolute("booking:trip_confirm", trip),
            )
        except payments.PaymentUnavailable as refused:
            context = _context(
                trip,
                bookings,
                payment_error=refused.message,
                plan_changed=_plan_changed(request, trip),
            )
            response = render(request, "booking/trip_confirm.html", context, status=503)
            response._csp_update = {"form-action": [stripe_api.checkout_origin()]}
            return response
        except HoldError as refused:
            return _expired(request, trip, bookings, refused.message)
        return redirect(payment.checkout_url)
    context = _context(trip, bookings, plan_changed=_plan_changed(request, trip))
    response = render(request, "booking/trip_confirm.html", context)
    # This page's form ends at Stripe's payment page: its Content-Security-Policy allows that.
    response._csp_update = {"form-action": [stripe_api.checkout_origin()]}
    return response


def _absolute(name: str, trip: Trip) -> str:
    """Where Stripe sends the guest back, on the configured base URL."""
    return links.absolute_url(reverse(name, kwargs={"reference": trip.reference}))


@never_cache
@require_POST
def start_over(request: HttpRequest, reference: str) -> HttpResponse:
    """Let go of the trip at checkout (its places and payment page) so that the visitor's plan,
    changed since, can be checked out as it is now; a trip paid meanwhile is shown instead."""
    trip = trip_in_checkout(request, reference)
    plan = current_plan(request)
    if plan is None or plan.trip_id != trip.pk:
        return redirect("booking:trip_plan")
    try:
        trips.start_over(plan, timezone.now())
    except trips.CheckoutInProgress:
        return redirect("booking:trip_status", reference=trip.reference)
    messages.success(
        request,
        _(
            "The earlier checkout was stopped and its places released. Check your trip and go "
            "to checkout again."
        ),
    )
    return redirect("booking:trip_plan")


def _plan_changed(request: HttpRequest, trip: Trip) -> bool:
    """Whether the visitor's plan, which this trip was checked out from, has changed since."""
    plan = current_plan(request)
    return plan is not None and plan.trip_id == trip.pk and trips.plan_changed_since(plan, trip)


@never_cache
@require_GET
def paid(request: HttpRequest, reference: str) -> HttpResponse:
    """Stripe sends the guest back here after paying: the same fulfilment as the webhook runs at
    once, then the trip's page shows where every item stands."""
    session_id = request.GET.get("session_id", "")[:255]
    payment = (
        Payment.objects.select_related("trip")
        .filter(
            checkout_session_id=session_id,
            trip__reference=str(reference)[:12],
            trip__from_plan=True,
        )
        .first()
    )
    if payment is None:
        raise Http404
    try:
        payments.sync_checkout_session(session_id)
    except (stripe_api.StripeError, OperationalError):
        pass  # Stripe unreachable or the slots busy: the webhook task will confirm it
    response = redirect(
        reverse("booking:trip_status", kwargs={"reference": payment.trip.reference})
        + "?from=payment"
    )
    remember_reference(request, response, payment.trip.reference)
    return response


@never_cache
@require_GET
def status(request: HttpRequest, reference: str) -> HttpResponse:
    """The trip's page: every item with its status and its own manage link (to cancel that
    item alone), the way back to an open payment page, or "confirming…" after paying."""
    trip = trip_in_checkout(request, reference)
    bookings = trip_checkout.trip_bookings(trip)
    open_payment = trip.payments.filter(
        status=Payment.Status.OPEN, expires_at__gt=timezone.now(), booking__isnull=True
    ).first()
    context = _context(
        trip,
        bookings,
        open_payment=open_payment,
        confirming=request.GET.get("from") == "payment",
        manage_urls={
            booking.pk: manage_path(booking)
            for booking in bookings
            if booking.status == Booking.Status.CONFIRMED
        },
    )
    response = render(request, "booking/trip_status.html", context)
    if _paid(bookings):  # the plan went with the payment: the header stops counting it
        remember_plan(request, response, current_plan(request))
    return response
