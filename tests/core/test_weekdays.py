"""Days of the week are named the way a timetable writes them, in the active language."""

import pytest
from django.utils import translation

from core.weekdays import weekday_span


@pytest.mark.parametrize(
    "days, english, japanese",
    [
        ([0, 1, 2, 3, 4], "Mon–Fri", "月〜金"),
        ([5, 6], "Sat, Sun", "土・日"),
        ([0, 2, 3, 4, 6], "Mon, Wed–Fri, Sun", "月・水〜金・日"),
        (range(7), "Every day", "毎日"),
        ([], "", ""),
    ],
)
def test_runs_of_three_days_or_more_are_ranges_and_the_rest_are_listed(days, english, japanese):
    with translation.override("en"):
        assert weekday_span(days) == english
    with translation.override("ja"):
        assert weekday_span(days) == japanese
