"""The booking rules for one slot at a moment: closed, started, lead time, same-day cut-off.

One function, `refusal`, decides; the hold (booking.services.holds) refuses with its message and
the availability calendar (booking.services.calendar) shows only the slots it lets through, so
the calendar never offers a day the hold then refuses. Search filters in SQL
(`availability.open_slots`); a test holds the two to the same answers.
"""

from datetime import datetime, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booking.models import Offer, Slot

from .jst import JST, today


def refusal(offer: Offer, slot: Slot, now: datetime) -> str | None:
    """Why `slot` of `offer` cannot be booked at `now` (a message for the guest), or None."""
    if slot.closed:
        return _("%(date)s is closed.") % {"date": date_format(slot.date, "DATE_FORMAT")}
    if slot.starts_at <= now:
        return _("That time has already started or passed.")
    if slot.starts_at - now < timedelta(hours=offer.lead_time_hours):
        return _("This must be booked at least %(hours)d hours ahead.") % {
            "hours": offer.lead_time_hours
        }
    cutoff = offer.same_day_cutoff
    if cutoff and slot.date == today(now) and now.astimezone(JST).time() >= cutoff:
        return _("Bookings for today closed at %(time)s.") % {"time": cutoff.strftime("%H:%M")}
    return None


def is_bookable(offer: Offer, slot: Slot, now: datetime) -> bool:
    """Whether the rules let `slot` be booked at `now` (capacity aside)."""
    return refusal(offer, slot, now) is None
