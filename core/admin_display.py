"""Values on our admin screens as editors read them: every moment in Japan time (the TIME_ZONE
setting), on a detail page and in a CSV or XLSX export, whose headings say so; an export in the
language of the editor who asked for it."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

EMPTY = "-"
CSV_TIME_FORMAT = "%Y-%m-%d %H:%M"


def japan_time(value: datetime) -> datetime:
    """An aware moment in Japan time, whatever time zone is active (a naive one is returned
    as it is)."""
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, timezone.get_default_timezone())


def japan_time_heading(heading: str) -> str:
    """A column heading that says its times are Japan time."""
    return _("%(heading)s (JST)") % {"heading": heading}


def _csv_time(value: datetime) -> str:
    return japan_time(value).strftime(CSV_TIME_FORMAT)


def _xlsx_time(value: datetime) -> datetime:
    return japan_time(value).replace(tzinfo=None)  # a spreadsheet cell holds no time zone


# Wagtail's own preprocessing with moments in Japan time: CSV "2025-03-02 08:30", XLSX a date
# cell of that wall-clock time (Wagtail writes UTC in both).
JAPAN_TIME_PREPROCESS = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    datetime: {
        SpreadsheetExportMixin.FORMAT_CSV: _csv_time,
        SpreadsheetExportMixin.FORMAT_XLSX: _xlsx_time,
    },
}


def _in_language(lines: Iterator[str], language: str) -> Iterator[str]:
    """Each line made with `language` active."""
    while True:
        with translation.override(language):
            line = next(lines, None)
        if line is None:
            return
        yield line


class JapanTimeExportMixin:
    """For a view with Wagtail's spreadsheet export (an IndexView, a form's submissions):
    moments in Japan time, "(JST)" after the heading of each date-and-time column, and the CSV
    file, which Wagtail streams after the view has returned, in the editor's language.

    A view that sets its own `custom_value_preprocess` starts from JAPAN_TIME_PREPROCESS."""

    custom_value_preprocess = JAPAN_TIME_PREPROCESS

    def get_heading(self, queryset: QuerySet, field: str) -> str:
        heading = super().get_heading(queryset, field)
        try:
            model_field = queryset.model._meta.get_field(field)
        except FieldDoesNotExist:
            return heading
        if isinstance(model_field, models.DateTimeField):
            return japan_time_heading(heading)
        return heading

    def stream_csv(self, queryset: QuerySet) -> Iterator[str]:
        return _in_language(super().stream_csv(queryset), translation.get_language())


class JapanTimeInspectMixin:
    """For an InspectView: moments in Japan time (Wagtail formats them as stored, in UTC) and
    a dash for an empty value."""

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return japan_time(value)
        return EMPTY if value is None or value == "" else value
