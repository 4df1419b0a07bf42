"""The offer's booking page: availability calendar, prices, the form that takes a hold, and a
small JSON feed of a day's free places so the page can react when a slot fills."""

from datetime import date, datetime

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from booking.forms import HoldForm, SessionHoldForm, hold_form_class, parse_iso_date
from booking.models import Offer, PriceCategory
from booking.services import calendar
from booking.services.cancellation import cancellation_terms
from booking.services.holds import HoldError, create_hold, hold_duration
from booking.services.jst import today
from booking.services.price_labels import guests_per_room, offer_price_label
from core.rate_limits import over_limit, too_many_requests

from .held_bookings import remember_booking

MONTHS_AHEAD = 12


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


def _offer_or_404(pk: int, *, with_page: bool = True) -> Offer:
    """The active offer; its page and seller read in the same query when the view shows them
    (a hold reads neither unless it is refused and the form is shown again)."""
    offers = Offer.objects.filter(active=True)
    if with_page:
        offers = offers.select_related("page", "organisation")
    return get_object_or_404(offers, pk=pk)


def _localized_page(offer: Offer, language: str) -> Page:
    """The offer's page in the visitor's language (the offer points at the Japanese one)."""
    page = (
        Page.objects.filter(
            translation_key=offer.page.translation_key, locale__language_code=language
        )
        .live()
        .first()
    )
    return page or offer.page


def _month_shown(request: HttpRequest, selected: date | None, first: date) -> date:
    """The first day of the month to show: ?month=YYYY-MM, else the selected day's, else now."""
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        shown = date(year, month, 1)
    except ValueError:
        shown = (selected or first).replace(day=1)
    return min(max(shown, first.replace(day=1)), _add_months(first, MONTHS_AHEAD))


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def posted_hold_form(
    request: HttpRequest, offer: Offer, language: str, now: datetime
) -> tuple[HoldForm, list[PriceCategory]]:
    """The offer's booking form bound to the POST, and the offer's price categories: what the
    hold and "Add to trip" both read."""
    selected = parse_iso_date(request.POST.get("date"))
    return _build_form(offer, language, selected, now, data=request.POST)


def _build_form(offer: Offer, language: str, selected: date | None, now, data=None):
    form_class = hold_form_class(offer)
    categories = list(offer.price_categories.all())
    kwargs = {"data": data}
    if form_class is SessionHoldForm and data is not None:
        # Every slot of the day is a valid choice: a full, closed or past one is refused by
        # create_hold with its own message (409 "fully booked"), not as a form error; and
        # counting what is free here would only repeat the count the hold makes under lock.
        ids = calendar.day_slot_ids(offer, selected) if selected else []
        kwargs["slot_choices"] = [(pk, str(pk)) for pk in ids]
    elif form_class is SessionHoldForm:
        choices = calendar.day_choices(offer, selected, now) if selected else []
        kwargs["slot_choices"] = [(choice.slot.pk, choice.label) for choice in choices]
    else:
        kwargs["initial"] = {"check_in": selected, "first_day": selected}
    return form_class(offer, categories, language, **kwargs), categories


def render_offer(
    request: HttpRequest, offer: Offer, *, form=None, error: str = "", status: int = 200
) -> HttpResponse:
    """The offer's page, with the booking form as posted and the error that refused it (the
    hold and "Add to trip" show it again this way)."""
    language = _language()
    now = timezone.now()
    first = today(now)
    selected = parse_iso_date(request.POST.get("date") or request.GET.get("date"))
    if selected is not None and not (first <= selected <= _add_months(first, MONTHS_AHEAD)):
        selected = None
    shown = _month_shown(request, selected, first)
    if form is None:
        form, categories = _build_form(offer, language, selected, now)
    else:
        categories = form.categories
    guests = guests_per_room([offer]).get(offer.pk)
    context = {
        "offer": offer,
        "offer_name": offer.display_name(language),
        "page": None,
        "offer_page": _localized_page(offer, language),
        "categories": [
            (
                category,
                category.display_name(language),
                offer_price_label(offer, language, category_code=category.code, guests=guests),
            )
            for category in categories
        ],
        "weeks": calendar.month(offer, shown.year, shown.month, now),
        "month": shown,
        "previous_month": _add_months(shown, -1) if shown > first.replace(day=1) else None,
        "next_month": _add_months(shown, 1) if shown < _add_months(first, MONTHS_AHEAD) else None,
        "next_available": calendar.next_available(offer, now),
        "selected": selected,
        "day_choices": calendar.day_choices(offer, selected, now) if selected else [],
        "form": form,
        "error": error,
        "today": first,
        "weekday_names": [WEEKDAYS_ABBR[number] for number in range(7)],
        "hold_minutes": int(hold_duration().total_seconds() // 60),
        "terms": cancellation_terms(offer, language),
    }
    return render(request, "booking/offer.html", context, status=status)


@never_cache
@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Availability, prices and the booking form of one offer."""
    return render_offer(request, _offer_or_404(pk))


@never_cache
@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a hold on what the guest chose, then go to the guest-details step."""
    if over_limit(request, "hold"):
        return too_many_requests(request)
    offer = _offer_or_404(pk, with_page=False)
    language = _language()
    now = timezone.now()
    form, categories = posted_hold_form(request, offer, language, now)
    if not form.is_valid():
        return render_offer(request, offer, form=form, status=400)
    try:
        booking = create_hold(
            offer,
            form.items(),
            user=request.user,
            language=language,
            now=now,
            categories=categories,
        )
    except HoldError as refused:
        return render_offer(request, offer, form=form, error=refused.message, status=refused.status)
    response = redirect("booking:details", reference=booking.reference)
    remember_booking(request, response, booking)
    return response


@never_cache
@require_GET
def availability(request: HttpRequest, pk: int) -> JsonResponse:
    """A day's slots and free places, for the page to update itself while the guest decides."""
    offer = _offer_or_404(pk, with_page=False)
    day = parse_iso_date(request.GET.get("date"))
    if day is None:
        raise Http404
    choices = calendar.day_choices(offer, day)
    return JsonResponse(
        {
            "date": day.isoformat(),
            "slots": [
                {"id": choice.slot.pk, "free": 0 if choice.slot.closed else choice.free}
                for choice in choices
            ],
        }
    )
