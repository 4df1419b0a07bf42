"""Date changes: moving a confirmed booking to other dates of the same offer, where the offer
allows it (`Offer.date_changes`).

The rule, shown to the guest: a booking can be moved until its free cancellation ends (so a
move never avoids a cancellation fee), to any dates of the same offer that can be booked now.
The new dates are held first, like any hold (`hold_new_dates`: they count against capacity
and run out; the booking's own places do not count against them, so a stay can move by a
night). The guest then sees the old and new dates and prices and accepts: a move that costs
the same or less is made at once and the difference owed back (`accept`); one that costs more
is made when the difference is paid on its own payment page (`payments.start_date_change_
checkout`, applied by the payment path through `apply_paid`). The booking keeps its reference,
manage link, cancellation policy and guest register; its lines become the held ones.

A move is made under the locks of the booking, the hold and every slot they take, in that
order, re-checking the new places; a change whose hold ran out and whose places went is not
made (a difference already paid is refunded in full, and the guest told)."""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import (
    Booking,
    BookingEmail,
    BookingLine,
    DateChange,
    Payment,
    Refund,
    Slot,
    Trip,
)

from . import cancellation, refunds
from .holds import HoldError, HoldItem, HoldRequest, ItemRefused, all_still_fit, create_holds
from .jst import local_date
from .outbox import queue_email
from .queue import after_commit


class CannotChange(HoldError):
    """The booking cannot be moved (now, or to those dates); `message` says why."""

    status = 409


def change_deadline(booking: Booking) -> datetime:
    """The last moment the booking can be moved: when its free cancellation ends."""
    return cancellation.free_cancellation_deadline(booking)


def can_change(booking: Booking, now: datetime) -> bool:
    """Whether the guest may move the booking now: its offer allows it, it is confirmed, and
    its free cancellation has not ended."""
    return (
        booking.offer.date_changes
        and booking.status == Booking.Status.CONFIRMED
        and now <= change_deadline(booking)
    )


def _refuse_unless_changeable(booking: Booking, now: datetime) -> None:
    if not booking.offer.date_changes:
        raise CannotChange(_("This booking's dates cannot be changed online."))
    if booking.status != Booking.Status.CONFIRMED:
        raise CannotChange(_("Only a confirmed booking can be moved to other dates."))
    if now > change_deadline(booking):
        raise CannotChange(
            _(
                "Dates can be changed only until free cancellation ends. Please contact the "
                "business."
            )
        )


def last_day(booking: Booking) -> date:
    """The booking's last day (its last slot's start, in Japan)."""
    last = booking.lines.aggregate(last=Max("slot__starts_at"))["last"]
    return local_date(last) if last else booking.service_date


def hold_new_dates(
    booking: Booking, items: Sequence[HoldItem], *, now: datetime | None = None
) -> DateChange:
    """Hold the new dates for the booking (a hold of their own, in a trip of its own) and
    record the change, waiting for the guest to accept it; the booking keeps its dates until
    then. Asking again replaces an earlier change still waiting (its hold is released).

    Raises CannotChange (not allowed now, or the same dates) or the hold's own errors
    (sold out, not bookable), with nothing held."""
    now = now or timezone.now()
    booking = Booking.objects.select_related("offer", "trip").get(pk=booking.pk)
    _refuse_unless_changeable(booking, now)
    current = {
        (line.slot_id, line.price_category_id, line.quantity) for line in booking.lines.all()
    }
    # Neither the booking's places nor those of its earlier change still waiting (replaced
    # below, in the same step) count against the new dates.
    earlier_holds = booking.date_changes.filter(
        status=DateChange.Status.PENDING, hold__isnull=False
    ).values_list("hold_id", flat=True)
    try:
        [hold] = create_holds(
            [HoldRequest(booking.offer, items)],
            user=booking.user,
            language=booking.language,
            now=now,
            not_counting=[booking.pk, *earlier_holds],
        )
    except ItemRefused as refused:
        raise refused.refused from None
    held = {(line.slot_id, line.price_category_id, line.quantity) for line in hold.lines.all()}
    guest = ("guest_name", "guest_name_kana", "guest_email", "guest_phone")
    Booking.objects.filter(pk=hold.pk).update(**{field: getattr(booking, field) for field in guest})
    for field in guest:  # the payment page and the host's lists name the guest
        setattr(hold, field, getattr(booking, field))
    try:
        with transaction.atomic():
            locked = Booking.objects.select_for_update().select_related("offer").get(pk=booking.pk)
            _refuse_unless_changeable(locked, now)
            if held == current:
                raise CannotChange(_("These are the dates you have booked already."))
            for earlier in locked.date_changes.filter(status=DateChange.Status.PENDING):
                _lapse(earlier, now)
                for page in earlier.payments.filter(status=Payment.Status.OPEN):
                    after_commit("close_checkout", page.pk)
            return DateChange.objects.create(
                booking=locked,
                hold=hold,
                old_first_day=locked.service_date,
                old_last_day=last_day(locked),
                new_first_day=hold.service_date,
                new_last_day=last_day(hold),
                old_total=locked.total,
                new_total=hold.total,
            )
    except Exception:  # nothing else may hold places it did not count
        _release(hold, now)
        raise


def pending_change(booking: Booking, pk: int, now: datetime) -> DateChange | None:
    """The booking's change `pk` if it still waits for the guest and its hold is live."""
    change = (
        booking.date_changes.select_related("hold")
        .filter(pk=pk, status=DateChange.Status.PENDING)
        .first()
    )
    if change is None or change.hold is None or not change.hold.hold_is_live(now):
        return None
    return change


def accept(change: DateChange, now: datetime | None = None) -> DateChange:
    """The guest accepts a change that costs the same or less: the booking moves now and the
    difference is owed back. A change that costs more is made once its difference is paid.
    Raises CannotChange when it can no longer be made (its hold is then released)."""
    if change.difference > 0:
        raise CannotChange(_("The difference must be paid first."))
    with transaction.atomic():
        booking, hold = lock(change)
        now = now or timezone.now()
        change.refresh_from_db()
        if change.status != DateChange.Status.PENDING or hold is None:
            raise CannotChange(_("This change was already made or has run out."))
        if not hold.hold_is_live(now):
            _lapse(change, now)
            raise CannotChange(
                _("The new dates were held for a limited time. Please choose again.")
            )
        _refuse_unless_changeable(booking, now)
        if not all_still_fit([hold], now, not_counting=[booking.pk]):
            _lapse(change, now)
            raise CannotChange(_("The new dates are no longer free. Please choose again."))
        _move(change, booking, hold, now)
    return change


def apply_paid(payment: Payment, booking: Booking, hold: Booking | None, now: datetime) -> str:
    """The difference of a dearer change was paid (inside the payment path's transaction, the
    payment, booking and hold locked by `lock`): the booking moves if the change still waits,
    the booking is still booked and the new places can be had; otherwise the whole payment is
    refunded and the guest told the dates stayed. Returns the effect ("confirmed",
    "late_confirmed" or "refunded")."""
    change = payment.date_change
    change.refresh_from_db()
    live = hold is not None and hold.hold_is_live(now)
    if (
        change.status == DateChange.Status.PENDING
        and hold is not None
        and booking.status == Booking.Status.CONFIRMED
        and all_still_fit([hold], now, not_counting=[booking.pk])
    ):
        _move(change, booking, hold, now)
        return "confirmed" if live else "late_confirmed"
    return refuse_paid(payment, booking, now)


def refuse_paid(
    payment: Payment, booking: Booking, now: datetime, amount: int | None = None
) -> str:
    """A difference paid for a change that will not be made: all of it (`amount`, what Stripe
    took, when it differs from the page's) goes back as a late payment, so it never counts as
    paying for the booking, and the guest is told: the dates stayed, or, for a change made
    already by an earlier payment, that this one was a second payment."""
    change = payment.date_change
    change.refresh_from_db()
    made = change.status == DateChange.Status.DONE
    if change.status == DateChange.Status.PENDING:
        _lapse(change, now)
    refunds.owe_refund(payment, booking, amount or payment.amount, Refund.Reason.LATE_PAYMENT)
    if made:
        queue_email(booking, BookingEmail.Kind.DUPLICATE_PAYMENT)
    else:
        queue_email(booking, BookingEmail.Kind.DATES_NOT_CHANGED, date_change=change)
    return "refunded"


def payment_page_closed(payment: Payment, now: datetime) -> None:
    """A dearer change's payment page closed unpaid: the change lapses and its places go back
    at once, unless another page for it is still open."""
    change = payment.date_change
    others = change.payments.exclude(pk=payment.pk).exclude(status=Payment.Status.EXPIRED)
    if change.status == DateChange.Status.PENDING and not others.exists():
        _lapse(change, now)


def lapse_on_slot(slot: Slot, now: datetime) -> None:
    """The host called off a session: the changes waiting to move a booking onto it lapse (their
    places go back, their payment pages close; a difference paid anyway is refunded)."""
    for change in DateChange.objects.filter(
        status=DateChange.Status.PENDING, hold__lines__slot=slot
    ).distinct():
        with transaction.atomic():
            lock(change)
            change.refresh_from_db()
            if change.status == DateChange.Status.PENDING:
                _lapse(change, now)
                for page in change.payments.filter(status=Payment.Status.OPEN):
                    after_commit("close_checkout", page.pk)


def refuse_unless_payable(booking: Booking, now: datetime, page_ends: datetime) -> None:
    """A dearer change's difference can be paid only on a page that ends before the change
    deadline, so a move never lands after it (and never dodges a cancellation fee)."""
    _refuse_unless_changeable(booking, now)
    if page_ends > change_deadline(booking):
        raise CannotChange(
            _(
                "Too little time is left before the date change deadline to pay the difference "
                "online. Please contact the business."
            )
        )


def lapse_pending(booking: Booking, now: datetime) -> None:
    """End the booking's changes still waiting (the booking is being cancelled, and closes
    their payment pages with its own): their holds' places go back now; a difference paid on
    one anyway is refunded (`apply_paid`)."""
    for change in booking.date_changes.filter(status=DateChange.Status.PENDING):
        _lapse(change, now)


def lock(change: DateChange) -> tuple[Booking, Booking | None]:
    """Lock the booking, then the hold (if it is still there), in that order every time."""
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("offer", "trip")
        .get(pk=change.booking_id)
    )
    hold = None
    if change.hold_id is not None:
        hold = Booking.objects.select_for_update(of=("self",)).filter(pk=change.hold_id).first()
    return booking, hold


def _move(change: DateChange, booking: Booking, hold: Booking, now: datetime) -> None:
    """Give the booking the hold's lines, total and first day; the hold and its trip go; the
    difference is owed back when the new dates cost less; both sides are told."""
    BookingLine.objects.filter(booking=booking).delete()
    BookingLine.objects.filter(booking=hold).update(booking=booking)
    booking.total = change.new_total
    booking.service_date = hold.service_date
    booking.save(update_fields=["total", "service_date", "updated_at"])
    booking.__dict__.pop("_service_start", None)
    change.status = DateChange.Status.DONE
    change.done_at = now
    change.hold = None
    change.save(update_fields=["status", "done_at", "hold"])
    hold_trip = hold.trip_id
    hold.delete()
    Trip.objects.filter(pk=hold_trip, bookings__isnull=True, payments__isnull=True).delete()
    if change.difference < 0:
        refunds.owe_refund_across(booking, -change.difference, Refund.Reason.DATE_CHANGE)
    queue_email(booking, BookingEmail.Kind.DATES_CHANGED, date_change=change)
    queue_email(booking, BookingEmail.Kind.PARTNER_DATES_CHANGED, date_change=change)


def _lapse(change: DateChange, now: datetime) -> None:
    """The change will not be made: it lapses and its hold's places go back now."""
    change.status = DateChange.Status.LAPSED
    change.save(update_fields=["status"])
    if change.hold_id is not None:
        Booking.objects.filter(pk=change.hold_id, status__in=Booking.HOLDING).update(
            status=Booking.Status.EXPIRED, hold_expires_at=now, updated_at=now
        )


def _release(hold: Booking, now: datetime) -> None:
    Booking.objects.filter(pk=hold.pk, status__in=Booking.HOLDING).update(
        status=Booking.Status.EXPIRED, hold_expires_at=now, updated_at=now
    )
