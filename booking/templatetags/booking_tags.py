"""Template tags of the booking engine for the public site: the search form on area pages."""

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Locale

from booking.filters import OfferFilter
from booking.models import Offer

register = template.Library()


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.filter
def offer_name(offer: Offer) -> str:
    """The offer's name in the current language (its English name in English, when set)."""
    return offer.display_name(_language()) if offer is not None else ""


@register.inclusion_tag("booking/includes/search_form.html", takes_context=True)
def area_search_form(context: dict[str, Any], area: Any) -> dict[str, Any]:
    """A compact search form (what, when, how many) that searches offers in `area`; no query."""
    filterset = OfferFilter(
        queryset=Offer.objects.none(), locale=Locale(pk=area.locale_id), request=None
    )
    return {
        "form": filterset.form,
        "action": reverse("booking:search"),
        "area": area,
        "heading_id": f"area-search-{area.pk}",
        "request": context.get("request"),
    }
