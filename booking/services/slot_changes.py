"""What a partner changes on its calendar: a slot's capacity, closing and reopening it, and a
one-off session on a day no schedule covers. Each change is made under the slot's row lock, the
same lock a hold takes, so a capacity never drops below what is booked even while guests book."""

from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booking.models import Offer, Schedule, Slot

from . import availability, opening_hours
from .jst import today
from .slots import slots_for_day


class SlotChangeRefused(Exception):
    """The change would break a rule; `message` says which, for the partner."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def set_capacity(slot: Slot, capacity: int, now: datetime | None = None) -> Slot:
    """Change a slot's capacity, never below the places already taken (confirmed or held)."""
    now = now or timezone.now()
    if capacity < 0:
        raise SlotChangeRefused(_("The capacity cannot be negative."))
    with transaction.atomic():
        locked = Slot.objects.select_for_update().get(pk=slot.pk)
        booked = availability.taken([locked.pk], now).get(locked.pk, 0)
        if capacity < booked:
            raise SlotChangeRefused(
                ngettext(
                    "%(count)d place is already booked: the capacity cannot go below %(count)d.",
                    "%(count)d places are already booked: the capacity cannot go below %(count)d.",
                    booked,
                )
                % {"count": booked}
            )
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
    slot.capacity = capacity
    return slot


def set_closed(slot: Slot, closed: bool) -> Slot:
    """Close a slot to new bookings (those already made stay), or open it again."""
    with transaction.atomic():
        locked = Slot.objects.select_for_update().get(pk=slot.pk)
        if locked.closed != closed:
            locked.closed = closed
            locked.save(update_fields=["closed"])
    slot.closed = closed
    return slot


def add_session(
    offer: Offer, day: date, start: time, end: time, capacity: int, now: datetime | None = None
) -> list[Slot]:
    """Open a one-off session (a night, or a desk day's two halves) on `day`: the slots a
    schedule with these times would make, saved without a schedule. A desk day lies within its
    office's opening hours that day."""
    if day < today(now):
        raise SlotChangeRefused(_("That day has passed."))
    if capacity < 1:
        raise SlotChangeRefused(_("The capacity must be at least 1."))
    pattern = Schedule(
        offer=offer,
        start_date=day,
        end_date=day,
        start_time=start,
        end_time=end,
        half_day_split=opening_hours.split_between(start, end),
        capacity=capacity,
    )
    if offer.kind != Offer.Kind.STAY and end <= start:
        raise SlotChangeRefused(_("The end time must be after the start time."))
    hours = None
    if offer.kind == Offer.Kind.DESK:
        if _minutes(end) - _minutes(start) < opening_hours.MIN_DESK_DAY_MINUTES:
            raise SlotChangeRefused(
                _("A desk day needs at least two hours (a morning and an afternoon).")
            )
        hours = opening_hours.hours_of(offer)
        outside = opening_hours.conflicts(hours, str(day.weekday()), start, end)
        if outside:
            raise SlotChangeRefused(" ".join(m for messages in outside.values() for m in messages))
    slots = slots_for_day(pattern, day, hours)
    for slot in slots:
        slot.schedule = None
    try:
        with transaction.atomic():
            return Slot.objects.bulk_create(slots)
    except IntegrityError:
        raise SlotChangeRefused(_("A session already starts at that time.")) from None


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
