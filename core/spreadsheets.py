"""Cells for CSV files that people open in a spreadsheet: text that a spreadsheet would take for
a formula (a guest's note "=HYPERLINK(…)", a name starting with "+") is kept as text by a leading
apostrophe, so exported guest data never runs as a formula on the host's computer."""

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin, list_to_str

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value for a CSV cell: empty for None, formula-like text defused, the rest unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


# For Wagtail's list exports (SpreadsheetExportMixin.custom_value_preprocess): text in CSV files,
# and lists (a form's checkboxes) once joined into text.
CSV_TEXT_PREPROCESS = {
    str: {SpreadsheetExportMixin.FORMAT_CSV: safe_cell},
    list: {
        SpreadsheetExportMixin.FORMAT_CSV: lambda value: safe_cell(list_to_str(value)),
        SpreadsheetExportMixin.FORMAT_XLSX: list_to_str,
    },
}
