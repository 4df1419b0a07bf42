"""Qualified-invoice registration numbers (issue 15, 21): the form T + 13 digits and the
corporate-number check digit, checked on real published numbers and on near misses."""

import pytest
from django.core.exceptions import ValidationError

from core.invoice_numbers import check_digit, validate_invoice_number

# The National Tax Agency's own corporate number, and Toyota Motor's: published, so real.
REAL = ["T7000012050002", "T1180301018771"]


@pytest.mark.parametrize("number", REAL)
def test_published_numbers_pass(number):
    assert check_digit(number[2:]) == int(number[1])
    validate_invoice_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("T1234567890123", "check_digit"),
        ("T7000012050003", "check_digit"),  # one digit off
        ("T1700012050002", "check_digit"),  # two digits swapped
        ("7000012050002", "invalid"),  # no T
        ("T700001205000", "invalid"),  # 12 digits
        ("T70000120500021", "invalid"),
        ("", "invalid"),
    ],
)
def test_near_misses_are_refused_with_the_reason(number, code):
    with pytest.raises(ValidationError) as refused:
        validate_invoice_number(number)
    assert refused.value.code == code
