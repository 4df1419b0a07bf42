"""Days of the week named in the active language, the way a timetable writes them: "Mon–Fri",
"Sat, Sun" ("月〜金", "土・日"). Monday is 0, as in `date.weekday()`."""

from collections.abc import Iterable

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

EVERY_DAY = frozenset(range(7))


def weekday_span(days: Iterable[int]) -> str:
    """Weekdays as one short label: runs of three or more days as a range, others listed."""
    chosen = sorted(set(days) & EVERY_DAY)
    if set(chosen) == EVERY_DAY:
        return pgettext("weekdays", "Every day")
    runs: list[list[int]] = []
    for day in chosen:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            first, last = str(WEEKDAYS_ABBR[run[0]]), str(WEEKDAYS_ABBR[run[-1]])
            parts.append(_("%(first)s–%(last)s") % {"first": first, "last": last})
        else:
            parts.extend(str(WEEKDAYS_ABBR[day]) for day in run)
    return pgettext("weekday list separator", ", ").join(parts)
