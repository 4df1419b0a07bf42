"""Japan time: every booking day is a day in Asia/Tokyo, whatever the server's time zone."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import jpholiday
from django.utils import timezone

JST = ZoneInfo("Asia/Tokyo")


def at(day: date, moment: time) -> datetime:
    """The aware datetime of a wall-clock time on a Japanese day."""
    return datetime.combine(day, moment, tzinfo=JST)


def local_date(moment: datetime) -> date:
    """The Japanese calendar day of an aware datetime (a 00:30 JST session is on its JST day)."""
    return moment.astimezone(JST).date()


def today(now: datetime | None = None) -> date:
    """Today in Japan."""
    return local_date(now or timezone.now())


def days(start: date, count: int) -> list[date]:
    """`count` consecutive days from `start`."""
    return [start + timedelta(days=offset) for offset in range(count)]


def is_working_day(day: date) -> bool:
    """Whether offices work on a Japanese day: Monday to Friday and not a national holiday
    (祝日, 振替休日 or 国民の休日, from jpholiday)."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day)


def decision_clock(now: datetime | None) -> Callable[[], datetime]:
    """The time to decide by: `now` when a test pins it, else the clock read at each decision,
    so that no decision uses a time taken before a call to Stripe."""
    return (lambda: now) if now is not None else timezone.now
