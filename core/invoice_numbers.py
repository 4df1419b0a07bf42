"""Qualified-invoice registration numbers (適格請求書発行事業者登録番号): "T" and 13 digits, of
which the first is the check digit of the other twelve, computed as for corporate numbers
(法人番号): weights 1 and 2 alternately from the rightmost digit, then 9 minus the sum modulo 9."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FORM = re.compile(r"^T\d{13}$")


def check_digit(base: str) -> int:
    """The check digit of twelve digits."""
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def validate_invoice_number(value: str) -> None:
    """Refuse anything but T, a check digit and the twelve digits it was computed from."""
    if not FORM.match(value or ""):
        raise ValidationError(
            _("Enter the qualified-invoice registration number: T followed by 13 digits."),
            code="invalid",
        )
    if int(value[1]) != check_digit(value[2:]):
        raise ValidationError(
            _(
                "This registration number does not exist: its first digit does not match the "
                "others. Please copy it again from the notice of registration."
            ),
            code="check_digit",
        )
