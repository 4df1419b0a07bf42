"""Money in templates: amounts of yen as visitors read them ("¥3,300")."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def yen(value: Any) -> str:
    """An integer amount of yen as "¥3,300"; empty for None."""
    if value is None or value == "":
        return ""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return f"¥{amount:,}"
