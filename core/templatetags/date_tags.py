"""Dates and times in templates, written the current language's way: dates, month names,
times of day and durations."""

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import formats
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime

from core.templatetags.language_tags import current_language

register = template.Library()

DATE_FORMATS = {"ja": "Y年n月j日", "en": "j F Y"}
SHORT_DATE_FORMATS = {"ja": "n月j日", "en": "j M"}
DATETIME_FORMATS = {"ja": "Y年n月j日 H:i", "en": "j F Y, H:i"}


@register.filter
def local_date(value: date | datetime | None, style: str = "long") -> str:
    """A date (or aware datetime, shown in Asia/Tokyo) in the current language's usual format."""
    if not value:
        return ""
    if isinstance(value, datetime) and is_aware(value):
        value = localtime(value)
    table = {"long": DATE_FORMATS, "short": SHORT_DATE_FORMATS, "datetime": DATETIME_FORMATS}
    fmt = table.get(style, DATE_FORMATS).get(current_language(), DATE_FORMATS["en"])
    return date_format(value, fmt)


@register.filter
def duration(minutes: Any) -> str:
    """Minutes as "1時間15分" in Japanese or "1 h 15 min" in English."""
    try:
        total = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, mins = divmod(total, 60)
    if current_language() == "ja":
        return (f"{hours}時間" if hours else "") + (f"{mins}分" if mins or not hours else "")
    parts = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    return " ".join(parts)


@register.filter
def month_name(month: Any) -> str:
    """The name of a month number (1–12) in the current language."""
    try:
        number = int(month)
    except (TypeError, ValueError):
        return ""
    if not 1 <= number <= 12:
        return ""
    if current_language() == "ja":
        return f"{number}月"
    return formats.date_format(date(2000, number, 1), "F")


@register.filter
def time_hm(value: Any) -> str:
    """A time as 24-hour HH:MM."""
    return value.strftime("%H:%M") if value else ""
