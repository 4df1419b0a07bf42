"""What a partner changes on its calendar: a slot's capacity, closing and reopening it, and a
one-off session on a day no schedule covers. Each change is made under the slot's row lock, the
same lock a hold takes, so a capacity never drops below what is booked even while guests book."""

from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booking.models import Offer, Schedule, Slot

from . import availability
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
    schedule with these times would make, saved without a schedule."""
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
        half_day_split=_middle(start, end),
        capacity=capacity,
    )
    if offer.kind != Offer.Kind.STAY and end <= start:
        raise SlotChangeRefused(_("The end time must be after the start time."))
    if offer.kind == Offer.Kind.DESK and _minutes(end) - _minutes(start) < 120:
        raise SlotChangeRefused(
            _("A desk day needs at least two hours (a morning and an afternoon).")
        )
    slots = slots_for_day(pattern, day)
    for slot in slots:
        slot.schedule = None
    try:
        with transaction.atomic():
            return Slot.objects.bulk_create(slots)
    except IntegrityError:
        raise SlotChangeRefused(_("A session already starts at that time.")) from None


def _middle(start: time, end: time) -> time:
    """Where a one-off desk day splits into morning and afternoon: 13:00 if it falls inside,
    else halfway (to the minute)."""
    if start < time(13, 0) < end:
        return time(13, 0)
    middle = (_minutes(start) + _minutes(end)) // 2
    return time(middle // 60, middle % 60)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
