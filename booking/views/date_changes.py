"""Moving a confirmed booking to other dates, from its manage page: choose the new dates with the
offer's own booking form, compare old and new, then accept (or pay the difference). Thin: the
rules live in booking.services.date_changes."""

from datetime import date, timedelta

from django.contrib import messages
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from booking.forms import HoldForm, parse_iso_date
from booking.models import Booking, DateChange, Offer, Payment
from booking.services import accounts, calendar, date_changes, payments, stripe_api
from booking.services.holds import Busy, HoldError, hold_duration
from booking.services.jst import today
from core import links
from core.rate_limits import over_limit, too_many_requests
from core.templatetags.date_tags import local_date
from core.templatetags.money_tags import yen

from .manage_access import not_found_page, opened_booking
from .offers import MONTHS_AHEAD, _add_months, _build_form, _month_shown, posted_hold_form

# The slots' locks could not be had in time (many guests at once): nothing changed.
BUSY = _lazy("Many people are booking this right now. Please try again.")


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


def _manage(token: str) -> HttpResponse:
    return redirect(reverse("booking:manage", kwargs={"token": token}))


def _days_text(offer: Offer, first: date, last: date) -> str:
    """A change's days in words: one day, a span of days, or a stay's check-in and check-out."""
    if offer.kind == Offer.Kind.STAY:
        return _("check-in %(first)s, check-out %(last)s") % {
            "first": local_date(first),
            "last": local_date(last + timedelta(days=1)),
        }
    if first == last:
        return local_date(first)
    return _("%(first)s to %(last)s") % {"first": local_date(first), "last": local_date(last)}


def _moved_message(change: DateChange, offer: Offer) -> str:
    moved = _("Your dates are changed: your booking is now on %(dates)s.") % {
        "dates": _days_text(offer, change.new_first_day, change.new_last_day)
    }
    if change.difference < 0:
        moved += " " + _("%(amount)s will be refunded to your card.") % {
            "amount": yen(-change.difference)
        }
    return moved


def _current_choice(booking: Booking) -> dict:
    """The booking form's fields as the booking stands (quantities, nights or days, part), so
    the guest changes only what moves."""
    initial: dict = {}
    parts = set()
    for category, quantity, part in booking.lines.values_list(
        "price_category_id", "quantity", "slot__part"
    ):
        initial[f"qty_{category}"] = max(initial.get(f"qty_{category}", 0), quantity)
        initial["desks"] = max(initial.get("desks", 0), quantity)
        parts.add(part or "day")
    span = (date_changes.last_day(booking) - booking.service_date).days + 1
    initial["nights"] = initial["day_count"] = max(span, 1)
    if len(parts) == 1:
        initial["part"] = parts.pop()
    return initial


def _render_choose(
    request: HttpRequest,
    booking: Booking,
    token: str,
    *,
    form: HoldForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The page to choose the new dates: the offer's calendar and booking form, the current
    dates and the rule."""
    language = _language()
    now = timezone.now()
    first = today(now)
    offer = booking.offer
    selected = parse_iso_date(request.POST.get("date") or request.GET.get("date"))
    if selected is not None and not (first <= selected <= _add_months(first, MONTHS_AHEAD)):
        selected = None
    shown = _month_shown(request, selected or booking.service_date, first)
    if form is None:
        form, _categories = _build_form(offer, language, selected, now)
        form.initial.update(_current_choice(booking))
    context = {
        "summary": accounts.booking_summary(booking, language, now),
        "token": token,
        "offer": offer,
        "offer_name": offer.display_name(language),
        "deadline": date_changes.change_deadline(booking),
        "weeks": calendar.month(offer, shown.year, shown.month, now),
        "month": shown,
        "previous_month": _add_months(shown, -1) if shown > first.replace(day=1) else None,
        "next_month": _add_months(shown, 1) if shown < _add_months(first, MONTHS_AHEAD) else None,
        "selected": selected,
        "day_choices": calendar.day_choices(offer, selected, now) if selected else [],
        "form": form,
        "error": error,
        "weekday_names": [WEEKDAYS_ABBR[number] for number in range(7)],
        "hold_minutes": int(hold_duration().total_seconds() // 60),
    }
    return render(request, "booking/change_dates.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the offer's booking form to choose new dates; POST: hold them, then compare."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    now = timezone.now()
    if not date_changes.can_change(booking, now):
        messages.info(request, _("This booking's dates cannot be changed online."))
        return _manage(token)
    if request.method == "GET":
        return _render_choose(request, booking, token)
    if over_limit(request, "hold"):
        return too_many_requests(request)
    form, _categories = posted_hold_form(request, booking.offer, _language(), now)
    if not form.is_valid():
        return _render_choose(request, booking, token, form=form, status=400)
    try:
        change = date_changes.hold_new_dates(booking, form.items(), now=now)
    except HoldError as refused:
        return _render_choose(
            request, booking, token, form=form, error=refused.message, status=refused.status
        )
    return redirect(
        reverse("booking:change_dates_confirm", kwargs={"token": token, "change": change.pk})
    )


def _render_confirm(
    request: HttpRequest,
    booking: Booking,
    token: str,
    change: DateChange,
    *,
    live: bool = True,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """Old and new dates and totals, what the difference means, the hold's countdown and the
    terms that keep applying; the button to accept while the change is `live`."""
    language = _language()
    now = timezone.now()
    context = {
        "summary": accounts.booking_summary(booking, language, now),
        "new": accounts.booking_summary(change.hold, language, now) if live else None,
        "change": change,
        "refund": -change.difference,
        "token": token,
        "live": live,
        "error": error,
    }
    response = render(request, "booking/change_dates_confirm.html", context, status=status)
    if live and change.difference > 0:  # the form ends at Stripe's payment page
        response._csp_update = {"form-action": [stripe_api.checkout_origin()]}
    return response


def _gone(request: HttpRequest, token: str) -> HttpResponse:
    """410: the change no longer waits (made already, or its hold ran out)."""
    return render(request, "booking/change_dates_gone.html", {"token": token}, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str, change: int) -> HttpResponse:
    """GET: compare the old and new dates; POST: accept (the difference goes back to the card)
    or, when the new dates cost more, go to the payment page for the difference."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    if not booking.date_changes.filter(pk=change).exists():
        return not_found_page(request)
    now = timezone.now()
    pending = date_changes.pending_change(booking, change, now)
    if pending is None:
        return _gone(request, token)
    if request.method == "GET":
        return _render_confirm(request, booking, token, pending)
    try:
        if pending.difference <= 0:
            date_changes.accept(pending)  # its time is read under the locks
        else:
            payment = payments.start_date_change_checkout(
                pending,
                success_url=_absolute("booking:change_dates_paid", token, pending)
                + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=_absolute("booking:change_dates_confirm", token, pending),
            )
            return redirect(payment.checkout_url)
    except (HoldError, OperationalError) as failed:
        refused = failed if isinstance(failed, HoldError) else Busy(BUSY)
        still = date_changes.pending_change(booking, change, timezone.now())
        return _render_confirm(
            request,
            booking,
            token,
            still or pending,
            live=still is not None,
            error=refused.message,
            status=refused.status,
        )
    messages.success(request, _moved_message(pending, booking.offer))
    return _manage(token)


def _absolute(name: str, token: str, change: DateChange) -> str:
    """Where Stripe sends the guest back: on the configured base URL (never the request's host)."""
    return links.absolute_url(reverse(name, kwargs={"token": token, "change": change.pk}))


@never_cache
@require_GET
def paid(request: HttpRequest, token: str, change: int) -> HttpResponse:
    """Stripe sends the guest back here after paying the difference: the payment is applied at
    once (the webhook finds it done) and the manage page says what became of the change."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    found = booking.date_changes.filter(pk=change).first()
    session_id = request.GET.get("session_id", "")[:255]
    if (
        found is None
        or not Payment.objects.filter(checkout_session_id=session_id, date_change=found).exists()
    ):
        raise Http404
    try:
        payments.sync_checkout_session(session_id)
    except (stripe_api.StripeError, OperationalError):
        pass  # Stripe unreachable or the slots busy: the webhook task will apply it
    found.refresh_from_db()
    if found.status == DateChange.Status.DONE:
        messages.success(request, _moved_message(found, booking.offer))
    elif found.status == DateChange.Status.LAPSED:
        messages.warning(
            request,
            _(
                "The dates were not changed: the new dates could no longer be booked. "
                "The difference you paid is refunded to your card."
            ),
        )
    else:
        messages.info(
            request,
            _(
                "We are confirming your payment. Your new dates show here once it is "
                "confirmed, and we will e-mail you."
            ),
        )
    return _manage(token)
