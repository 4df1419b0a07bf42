"""Template tags of the visitor search: the compact search form on area pages."""

from typing import Any

from django import template
from django.urls import reverse
from wagtail.models import Locale

from booking.models import Offer
from workation.search.filters import OfferFilter

register = template.Library()


@register.inclusion_tag("workation/search/form.html", takes_context=True)
def area_search_form(context: dict[str, Any], area: Any) -> dict[str, Any]:
    """A compact search form (what, when, how many) that searches offers in `area`; no query."""
    filterset = OfferFilter(
        queryset=Offer.objects.none(), locale=Locale(pk=area.locale_id), request=None
    )
    return {
        "form": filterset.form,
        "action": reverse("workation:search"),
        "area": area,
        "heading_id": f"area-search-{area.pk}",
        "request": context.get("request"),
    }
