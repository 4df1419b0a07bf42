"""Template tags of the booking engine for the public site."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from booking.models import Offer

register = template.Library()


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.filter
def offer_name(offer: Offer) -> str:
    """The offer's name in the current language (its English name in English, when set)."""
    return offer.display_name(_language()) if offer is not None else ""
