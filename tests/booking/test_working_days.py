"""Working days in Japan (`jst.is_working_day`): Monday to Friday, less national holidays."""

from datetime import date

import pytest

from booking.services.jst import is_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2027, 1, 8), True),  # Friday
        (date(2027, 1, 9), False),  # Saturday
        (date(2027, 1, 10), False),  # Sunday
        (date(2027, 1, 11), False),  # Monday, 成人の日
        (date(2027, 1, 12), True),  # Tuesday
        (date(2027, 2, 11), False),  # Thursday, 建国記念の日
        (date(2026, 5, 6), False),  # Wednesday, 振替休日 for 憲法記念日 on a Sunday
        (date(2027, 3, 22), False),  # Monday, 振替休日 for 春分の日 on a Sunday
        (date(2026, 9, 22), False),  # Tuesday, 国民の休日 between 敬老の日 and 秋分の日
        (date(2026, 9, 24), True),  # Thursday after them
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_a_national_holiday(day, working):
    assert is_working_day(day) is working
