"""The trip plan (the cart): add an offer's dates from its page, see the plan by day, remove an
item, and go on to the one checkout (booking.views.trip_checkout). Thin: the rules live in
booking.services.trip_plans.

A signed-in visitor's plan belongs to the account (every device); an anonymous visitor's is
named by its token in a signed cookie, so adding an item writes no session row, and it joins the
account's plan at sign-in (booking.signals). A second, unsigned cookie carries only the number
of items, so that the header of a page served from the page cache can show it (static/js/trip.js).
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from booking.content import content
from booking.models import Offer, TripPlan
from booking.services import trip_plans, trips
from booking.services.holds import HoldError
from core.rate_limits import over_limit, too_many_requests

from .offers import posted_hold_form, render_offer

COUNT_COOKIE = "trip_items"


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


def current_plan(request: HttpRequest, create: bool = False) -> TripPlan | None:
    """The visitor's plan: the account's when signed in, else the one this browser's cookie
    names; with `create`, a new one when there is none (call `remember_plan` on the response)."""
    if request.user.is_authenticated:
        if create:
            return trip_plans.plan_for_user(request.user, _language())
        return TripPlan.objects.filter(user=request.user).first()
    plan = trip_plans.anonymous_plan(request)
    if plan is None and create:
        plan = trip_plans.new_plan(_language())
    return plan


def remember_plan(
    request: HttpRequest, response: HttpResponse, plan: TripPlan | None, count: int | None = None
) -> None:
    """Let this browser find its anonymous plan again, and keep the number of items for the
    header (read only when not given). A signed-in visitor's plan needs no cookie: both go."""
    if plan is None or plan.user_id is not None:
        _forget_plan(request, response)
        return
    options = {
        "max_age": trip_plans.COOKIE_MAX_AGE,
        "secure": settings.SESSION_COOKIE_SECURE,
        "samesite": "Lax",
    }
    response.set_signed_cookie(
        trip_plans.COOKIE, plan.token, salt=trip_plans.COOKIE_SALT, httponly=True, **options
    )
    count = plan.items.count() if count is None else count
    response.set_cookie(COUNT_COOKIE, str(count), httponly=False, **options)


def _forget_plan(request: HttpRequest, response: HttpResponse) -> None:
    for name in (trip_plans.COOKIE, COUNT_COOKIE):
        if name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")


def render_plan(
    request: HttpRequest,
    plan: TripPlan | None,
    *,
    refused_item_id: int | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The plan's page: its items by day with sellers, prices and cancellation terms, the
    totals, the checkout button; `refused_item_id` and `error` mark the item checkout could not
    hold (shown as no longer available, with a way back to its dates)."""
    language = _language()
    now = timezone.now()
    summary = trip_plans.plan_summary(plan, language, now)
    refused = next((item for item in summary.items if item.pk == refused_item_id), None)
    underway = trips.checkout_underway(plan, now)
    context = {
        "underway": underway,
        "plan_changed": underway is not None and trips.plan_changed_since(plan, underway),
        "plan": plan,
        "summary": summary,
        "refused_item_id": refused.pk if refused else None,
        "error": error,
        "suggestions": trip_plans.suggestions(plan, language, now) if summary.items else [],
        "has_stay": any(item.is_stay for item in summary.items),
        "browse": content().browse_urls(request) if not summary.items else {},
        "max_items": trip_plans.MAX_ITEMS,
    }
    response = render(request, "booking/trip_plan.html", context, status=status)
    remember_plan(request, response, plan, count=summary.count)
    return response


@never_cache
@require_GET
def plan_page(request: HttpRequest) -> HttpResponse:
    """The visitor's trip plan (an empty page that says where to find offers when none)."""
    return render_plan(request, current_plan(request))


@never_cache
@require_POST
def add_to_trip(request: HttpRequest, pk: int) -> HttpResponse:
    """Put what the offer's booking form chose into the visitor's trip (nothing is held), then
    show the trip, or go back to `next` when it is a page of this site (the search results); a
    refusal shows the offer's page again with the reason."""
    if over_limit(request, "hold"):
        return too_many_requests(request)
    offer = get_object_or_404(Offer.objects.filter(active=True), pk=pk)
    language = _language()
    now = timezone.now()
    form, _categories = posted_hold_form(request, offer, language, now)
    if not form.is_valid():
        return render_offer(request, offer, form=form, status=400)
    try:
        with transaction.atomic():  # a plan made for a refused item goes with it
            plan = current_plan(request, create=True)
            trip_plans.add_item(plan, offer, form.items(), now)
    except HoldError as refused:
        return render_offer(request, offer, form=form, error=refused.message, status=refused.status)
    messages.success(request, _("Added to your trip."))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = redirect(back if safe else "booking:trip_plan")
    remember_plan(request, response, plan)
    return response


@never_cache
@require_POST
def remove_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """Take an item out of the visitor's trip (a second click finds it gone and changes
    nothing)."""
    plan = current_plan(request)
    if plan is not None and trip_plans.remove_item(plan, item_id):
        messages.success(request, _("Removed from your trip."))
    response = redirect("booking:trip_plan")
    remember_plan(request, response, plan)
    return response


@never_cache
@require_POST
def add_weekday_desks(request: HttpRequest, pk: int) -> HttpResponse:
    """One step for "a desk every weekday of my stay": a full day at this office on each
    working day of the plan's stays (the days it is closed are left out)."""
    if over_limit(request, "hold"):
        return too_many_requests(request)
    offer = get_object_or_404(Offer.objects.filter(active=True, kind=Offer.Kind.DESK), pk=pk)
    plan = current_plan(request)
    if plan is None:
        return redirect("booking:trip_plan")
    try:
        item = trip_plans.add_weekday_desks(plan, offer, timezone.now())
    except HoldError as refused:
        return render_plan(request, plan, error=refused.message, status=refused.status)
    days = len({part["slots"][0] for part in item.parts})
    messages.success(
        request,
        ngettext(
            "A desk added for %(count)d weekday of your stay.",
            "A desk added for each of the %(count)d weekdays of your stay.",
            days,
        )
        % {"count": days},
    )
    response = redirect("booking:trip_plan")
    remember_plan(request, response, plan)
    return response
