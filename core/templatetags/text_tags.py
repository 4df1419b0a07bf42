"""Counts and lists as words in templates: a number of people, items joined into one line."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def people(value: Any) -> str:
    """A count of people ("5名" / "5 people")."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


@register.simple_tag
def attrs_join(items: Iterable[Any], sep: str = ", ") -> str:
    """Join the string forms of items (e.g. languages) with a separator."""
    return sep.join(str(item) for item in items or [])
