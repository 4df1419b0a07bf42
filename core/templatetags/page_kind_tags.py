"""Page types in templates: a page's model name for CSS classes and its translated label for
cards."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def page_kind(page: Any) -> str:
    """The model name of a page ("officepage"), for CSS classes and labels."""
    return page._meta.model_name if page is not None else ""


@register.filter
def kind_label(page: Any) -> str:
    """The short translated label of a page's type that cards show (the page model's
    `card_label`), or ''."""
    return str(getattr(page, "card_label", "") or "")
