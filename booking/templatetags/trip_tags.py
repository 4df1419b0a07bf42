"""The trip link in the site header: how many items the visitor's trip plan holds."""

from django import template
from django.http import HttpRequest

from booking.models import TripPlanItem

register = template.Library()


@register.simple_tag(takes_context=True)
def trip_item_count(context: template.Context) -> int | None:
    """Items in the signed-in visitor's plan (one query, once per request); None for an
    anonymous visitor, whose page may come from the page cache: static/js/trip.js shows their
    count from the cookie the trip pages keep."""
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return None
    if not hasattr(request, "_trip_item_count"):
        request._trip_item_count = TripPlanItem.objects.filter(plan__user=user).count()
    return request._trip_item_count
