"""The schedule's days as seven checkboxes named in the user's language (Monday … Sunday), kept
in the model as the digit string it always was ("01234" = Monday to Friday)."""

from django import forms
from django.utils.dates import WEEKDAYS

DIGITS = "0123456"


class WeekdaysWidget(forms.CheckboxSelectMultiple):
    """Checkboxes for the days a schedule runs; posts and shows the model's digit string."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[(str(day), WEEKDAYS[day]) for day in range(7)])

    def build_attrs(self, base_attrs, extra_attrs=None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("maxlength", None)  # the model field's length, meaningless on a checkbox
        return attrs

    def format_value(self, value) -> list[str]:
        if isinstance(value, str):
            return [digit for digit in value if digit in DIGITS]
        return super().format_value(value)

    def value_from_datadict(self, data, files, name) -> str:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return "".join(sorted({digit for value in values for digit in str(value)}))

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False  # no box ticked is an answer (and an error), not a missing field
