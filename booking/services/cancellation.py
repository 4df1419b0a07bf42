"""Cancellation by the guest, following the offer's policy.

The policy, in Japan time: a full refund until the free-cancellation deadline, which is the
midnight (00:00 JST) that begins the day `free_cancellation_days` days before the service date
(the deadline itself still counts as free); after that `late_cancellation_refund_percent` % of
the total, rounded down to whole yen; nothing once the booking has started. Only a paid (that
is, confirmed) booking has anything to refund: a hold or a booking awaiting payment cancels
with a refund of 0.

Capacity is counted, never decremented (booking.services.availability), so a cancelled booking
simply stops counting: there is nothing to release by hand.

A paid booking's refund is a Refund row written in the cancelling transaction and sent to
Stripe by a task after commit (booking.services.payments); the e-mails go through the outbox.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Max, Min
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booking.models import Booking, BookingEmail, Offer, Payment, Refund

from . import date_changes, refunds
from .jst import at
from .outbox import queue_email
from .queue import after_commit


class CannotCancel(Exception):
    """The booking can no longer be cancelled; `message` is shown to the guest."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CancellationResult:
    """What a cancellation did: `cancelled` is False when the booking was already cancelled
    (nothing happened, and `refund_amount` is 0 so that no refund is ever made twice)."""

    booking: Booking
    cancelled: bool
    refund_amount: int
    was_paid: bool


def service_start(booking: Booking) -> datetime:
    """When the booking starts: its earliest slot's start (midnight JST of its day if none)."""
    cached = getattr(booking, "_service_start", None)
    if cached is not None:
        return cached
    start = booking.lines.aggregate(start=Min("slot__starts_at"))["start"]
    start = start or at(booking.service_date, time(0, 0))
    booking._service_start = start
    return start


def remember_service_start(booking: Booking, starts: Sequence[datetime]) -> None:
    """Give `service_start` the starts of the booking's slots read by the caller already, so it
    asks the database nothing (a page showing many bookings reads all their lines at once)."""
    booking._service_start = min(starts, default=None) or at(booking.service_date, time(0, 0))


def free_cancellation_deadline(booking: Booking) -> datetime:
    """The last moment of free cancellation: 00:00 JST, `free_cancellation_days` days before the
    service date (never after the start)."""
    offer = booking.offer
    deadline = at(booking.service_date - timedelta(days=offer.free_cancellation_days), time(0, 0))
    return min(deadline, service_start(booking))


def is_paid(booking: Booking) -> bool:
    """Whether money was taken for the booking (it was confirmed at some point)."""
    return booking.status == Booking.Status.CONFIRMED or booking.confirmed_at is not None


def policy_refund(booking: Booking, when: datetime) -> int:
    """The refund the offer's policy gives for a paid booking cancelled at `when`."""
    if when >= service_start(booking):
        return 0
    if when <= free_cancellation_deadline(booking):
        return booking.total
    return booking.total * booking.offer.late_cancellation_refund_percent // 100


def refund_amount(booking: Booking, now: datetime) -> int:
    """Integer yen refunded if the guest cancelled at `now`: 0 unless the booking is paid and
    still cancellable."""
    if booking.status != Booking.Status.CONFIRMED:
        return 0
    return policy_refund(booking, now)


def refund_due(booking: Booking) -> int:
    """The refund owed for a booking the guest has already cancelled (0 if it was never paid)."""
    if booking.status != Booking.Status.CANCELLED or booking.cancelled_at is None:
        return 0
    if booking.confirmed_at is None:
        return 0
    return policy_refund(booking, booking.cancelled_at)


def can_cancel(booking: Booking, now: datetime) -> bool:
    """Whether the guest may cancel now: a confirmed booking or a live hold, before the start.
    An item of a trip still at checkout is not cancelled alone (the trip's one payment covers
    every item): the guest changes the trip's plan instead."""
    if booking.status == Booking.Status.CONFIRMED:
        return now < service_start(booking)
    if booking.status in Booking.HOLDING:
        return (
            not booking.trip.from_plan
            and booking.hold_is_live(now)
            and now < service_start(booking)
        )
    if booking.status == Booking.Status.REQUESTED:
        return booking.awaits_host(now)
    return False


def display_status(booking: Booking, now: datetime) -> str:
    """The status a guest should see: a hold that ran out is shown as expired, a request past
    its deadline as not accepted."""
    if booking.status in Booking.HOLDING and not booking.hold_is_live(now):
        return Booking.Status.EXPIRED
    if booking.status == Booking.Status.REQUESTED and not booking.awaits_host(now):
        return Booking.Status.DECLINED  # unanswered: the sweep is about to close it
    return booking.status


def cancellation_terms(offer: Offer, language: str) -> str:
    """The offer's cancellation policy as one or two sentences in `language`."""
    days = offer.free_cancellation_days
    percent = offer.late_cancellation_refund_percent
    with translation.override(language):
        if percent >= 100:
            return _(
                "Free cancellation until the start: the full amount is refunded. "
                "Once it has started there is no refund."
            )
        if days == 0:
            free = _("Free cancellation until 00:00 (Japan time) on the date.")
        else:
            free = ngettext(
                "Free cancellation until 00:00 (Japan time) %(days)d day before the date.",
                "Free cancellation until 00:00 (Japan time) %(days)d days before the date.",
                days,
            ) % {"days": days}
        if percent == 0:
            late = _("After that there is no refund.")
        else:
            late = _(
                "After that, %(percent)d%% of the total is refunded until the start; "
                "once it has started there is no refund."
            ) % {"percent": percent}
        return f"{free}{late}" if free.endswith("。") else f"{free} {late}"


def cancel_by_guest(
    booking: Booking, now: datetime, *, within_trip: bool = False
) -> CancellationResult:
    """Cancel the booking for its guest under a row lock, refunding what the offer's policy
    gives; calling it twice is safe. `within_trip`: one item of a whole trip being cancelled
    (trips.cancel_trip): same rules and refund, owed as TRIP_CANCELLED, and the guest gets the
    trip's one e-mail instead of this item's cancellation and refund e-mails (the host is told).

    Raises CannotCancel when the booking has started, expired or is otherwise past cancelling.
    """
    return _cancel(booking, now, by_host=False, within_trip=within_trip)


def cancel_by_partner(booking: Booking, now: datetime) -> CancellationResult:
    """The host cancels (a session called off, a closure): a paid booking is refunded in full
    whatever the policy, and the guest is told; calling it twice is safe.

    Raises CannotCancel for a booking that expired or has already ended."""
    return _cancel(booking, now, by_host=True)


def _cancel(
    booking: Booking, now: datetime, *, by_host: bool, within_trip: bool = False
) -> CancellationResult:
    with transaction.atomic():
        locked = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("offer")
            .get(pk=booking.pk)
        )
        if locked.status == Booking.Status.CANCELLED:
            _copy_state(locked, booking)
            return CancellationResult(
                booking=booking, cancelled=False, refund_amount=0, was_paid=is_paid(locked)
            )
        allowed = _host_can_cancel(locked, now) if by_host else can_cancel(locked, now)
        if not allowed:
            raise CannotCancel(_cannot_cancel_message(locked, now))
        paid = is_paid(locked)
        requested = locked.status == Booking.Status.REQUESTED
        if by_host:
            amount = locked.total if locked.status == Booking.Status.CONFIRMED else 0
        else:
            amount = refund_amount(locked, now)
        locked.status = Booking.Status.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at", "updated_at"])
        _settle(locked, amount, paid, by_host=by_host, requested=requested, within_trip=within_trip)
    _copy_state(locked, booking)
    return CancellationResult(booking=booking, cancelled=True, refund_amount=amount, was_paid=paid)


def _host_can_cancel(booking: Booking, now: datetime) -> bool:
    """A host may call off a confirmed booking or a live hold until its last slot ends."""
    if booking.status not in (Booking.Status.CONFIRMED, *Booking.HOLDING):
        return False
    if booking.status in Booking.HOLDING and not booking.hold_is_live(now):
        return False
    ends = booking.lines.aggregate(end=Max("slot__ends_at"))["end"]
    return ends is None or now < ends


def _settle(
    booking: Booking,
    amount: int,
    paid: bool,
    *,
    by_host: bool,
    requested: bool = False,
    within_trip: bool = False,
) -> None:
    """In the cancelling transaction: owe the refund, queue the e-mails, close a payment page
    still open for an unpaid booking (a payment made on it anyway is refunded in full) and
    release a request's card authorisation (the host is told it was withdrawn). The side that
    did not cancel is the one told; an item of a whole trip leaves the guest's e-mail to the
    trip (trips.cancel_trip)."""
    if requested:
        refunds.release_authorisations(booking)
        queue_email(booking, BookingEmail.Kind.PARTNER_CANCELLATION)
    if paid:
        reason = Refund.Reason.GUEST_CANCELLED
        if by_host:
            reason = Refund.Reason.PARTNER_CANCELLED
        elif within_trip:
            reason = Refund.Reason.TRIP_CANCELLED
        refunds.owe_refund_across(booking, amount, reason)
        if not within_trip:
            queue_email(booking, BookingEmail.Kind.CANCELLATION)
        if not by_host:
            queue_email(booking, BookingEmail.Kind.PARTNER_CANCELLATION)
    for payment_id in (
        refunds.paying_for(booking).filter(status=Payment.Status.OPEN).values_list("pk", flat=True)
    ):
        after_commit("close_checkout", payment_id)
    date_changes.lapse_pending(booking, booking.cancelled_at)


def _copy_state(source: Booking, target: Booking) -> None:
    target.status = source.status
    target.cancelled_at = source.cancelled_at
    target.updated_at = source.updated_at


def _cannot_cancel_message(booking: Booking, now: datetime) -> str:
    if booking.trip.from_plan and booking.hold_is_live(now):
        return _(
            "This booking is part of a trip that is not paid yet: change the trip's plan "
            "instead, or let the hold run out."
        )
    if display_status(booking, now) == Booking.Status.EXPIRED:
        return _("This booking was never completed, so there is nothing to cancel.")
    if now >= service_start(booking) and booking.status == Booking.Status.CONFIRMED:
        return _("This booking has already started and can no longer be cancelled.")
    return _("This booking can no longer be cancelled.")
