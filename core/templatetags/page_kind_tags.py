"""Page types in templates: a page's model name for CSS classes and its translated label for
cards."""

from typing import Any

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def page_kind(page: Any) -> str:
    """The model name of a page ("officepage"), for CSS classes and labels."""
    return page._meta.model_name if page is not None else ""


@register.filter
def kind_label(page: Any) -> str:
    """A short translated label for a page's type, shown on cards."""
    labels = {
        "areapage": gettext("Area"),
        "officepage": gettext("Co-working"),
        "experiencepage": gettext("Experience"),
        "staypage": gettext("Stay"),
        "partnerpage": gettext("Partner"),
        "modelplanpage": gettext("Model plan"),
    }
    if page is None:
        return ""
    if page._meta.model_name == "storypage":
        return page.get_kind_display()
    return labels.get(page._meta.model_name, "")
