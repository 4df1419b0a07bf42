"""Trips: a stay, desks and experiences from different local businesses, held together.

`hold_trip` holds every item or none (booking.services.holds.create_holds: one lock over all
their slots in primary-key order, so trips that share slots never deadlock); each item becomes
its own HELD booking, with its own seller, price and policy, in one Trip. A refused item is
named (its position and the hold's own message) so the visitor can change just that one.

`check_out_plan` holds a visitor's plan (booking.services.trip_plans) that way, taking over the
plan's earlier unpaid trip; `start_over` lets go of a trip at payment whose plan has changed;
`cancel_trip` cancels every item still cancellable, each under its own policy. Checkout steps
and payment are in `trip_checkout` and `payments`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, BookingEmail, Payment, Trip, TripPlan

from .cancellation import can_cancel, cancel_by_guest, refund_amount
from .holds import HoldError, HoldRequest, ItemRefused, NotBookable, create_holds
from .outbox import queue_email
from .payments import locked_trip_bookings
from .queue import after_commit
from .references import new_reference
from .trip_plans import hold_requests


@dataclass(frozen=True)
class HeldTrip:
    """A trip whose items are all held, in the order they were asked for."""

    trip: Trip
    bookings: list[Booking]

    @property
    def total(self) -> int:
        return sum(booking.total for booking in self.bookings)


def hold_trip(
    requests: Sequence[HoldRequest],
    *,
    user=None,
    language: str = "ja",
    now: datetime | None = None,
    replacing: Sequence[int] = (),
) -> HeldTrip:
    """Hold every item of a trip, all or none; raises holds.ItemRefused naming the item that
    does not fit (nothing is held then, and no trip is made). An offer that needs the host's
    answer is refused: one payment cannot be charged in part when one host says no.
    `replacing`: the visitor's own held bookings this trip takes over (holds.create_holds)."""
    for index, request in enumerate(requests):
        if not request.offer.instant_booking:
            raise ItemRefused(
                index,
                NotBookable(
                    _(
                        "%(offer)s needs the host's answer before it is booked, so it cannot be "
                        "paid together with other items. Please book it on its own."
                    )
                    % {"offer": request.offer.display_name(language)}
                ),
            )
    trip = Trip(reference=new_reference(Trip), from_plan=True)
    bookings = create_holds(
        requests,
        trip=trip,
        user=user,
        language=language,
        now=now or timezone.now(),
        replacing=replacing,
    )
    return HeldTrip(trip, bookings)


class CheckoutInProgress(HoldError):
    """The plan's trip is already being paid for, or another click checked the plan out a
    moment ago: the visitor continues with that `trip`."""

    status = 409

    def __init__(self, trip: Trip) -> None:
        super().__init__(_("This trip is already at checkout."))
        self.trip = trip


def check_out_plan(
    plan: TripPlan, *, user=None, language: str = "ja", now: datetime | None = None
) -> HeldTrip:
    """Hold everything in the plan as one trip (all or none; holds.ItemRefused's index is the
    plan item's position).

    A trip checked out from the plan before and still only held is taken over: its places do
    not count against the new hold and it ends only if the new hold succeeds, so going back
    and checking out again never loses to one's own hold, nor loses what was held. One with a
    payment page open or paid raises CheckoutInProgress, as does a second click that finds the
    plan checked out by the first (its own hold, if any, is given back)."""
    now = now or timezone.now()
    previous = plan.trip
    replacing: list[int] = []
    if previous is not None:
        paying = previous.payments.filter(date_change__isnull=True).filter(
            Q(status=Payment.Status.PAID) | Q(status=Payment.Status.OPEN, expires_at__gt=now)
        )
        if paying.exists():
            raise CheckoutInProgress(previous)
        replacing = list(
            previous.bookings.filter(status__in=Booking.HOLDING).values_list("pk", flat=True)
        )
    try:
        held = hold_trip(
            hold_requests(plan), user=user, language=language, now=now, replacing=replacing
        )
    except ItemRefused:
        _raise_if_checked_out_meanwhile(plan, previous)
        raise
    claimed = TripPlan.objects.filter(pk=plan.pk, trip=previous).update(
        trip=held.trip, updated_at=now
    )
    if not claimed:  # a second click: the first one's trip stands
        release_unpaid_trip(held.trip, now)
        _raise_if_checked_out_meanwhile(plan, previous)
        raise NotBookable(_("Your trip plan changed meanwhile. Please check it and try again."))
    plan.trip = held.trip
    return held


def _raise_if_checked_out_meanwhile(plan: TripPlan, previous: Trip | None) -> None:
    current = TripPlan.objects.filter(pk=plan.pk).values_list("trip", flat=True).first()
    if current is not None and current != (previous.pk if previous else None):
        raise CheckoutInProgress(Trip.objects.get(pk=current))


@transaction.atomic
def release_unpaid_trip(trip: Trip, now: datetime) -> int:
    """Give back the places of a trip still in checkout (its holds end now; a payment page
    still open is closed after commit, and one paid at the last moment is then refunded or
    confirmed by the payment path); returns how many bookings were released."""
    released = 0
    for booking in locked_trip_bookings(trip):
        if booking.status in Booking.HOLDING:
            booking.status = Booking.Status.EXPIRED
            booking.hold_expires_at = min(booking.hold_expires_at, now)
            booking.save(update_fields=["status", "hold_expires_at", "updated_at"])
            released += 1
    if released:
        for payment_id in trip.payments.filter(status=Payment.Status.OPEN).values_list(
            "pk", flat=True
        ):
            after_commit("close_checkout", payment_id)
    return released


def checkout_underway(plan: TripPlan | None, now: datetime) -> Trip | None:
    """The trip checked out from the plan that is still being checked out (its holds live,
    not paid), if any: the plan's page offers to go on with it or to start over."""
    trip = plan.trip if plan is not None else None
    if trip is None:
        return None
    bookings = list(trip.bookings.all())
    if not bookings or any(
        booking.confirmed_at is not None or not booking.hold_is_live(now) for booking in bookings
    ):
        return None
    return trip


def plan_changed_since(plan: TripPlan, trip: Trip) -> bool:
    """Whether items were added to or taken out of the plan after `trip` was checked out from
    it, so that paying for the trip would not buy what the plan now shows."""
    items = plan.items.all()
    return (
        items.filter(added_at__gt=trip.created_at).exists()
        or items.count() != trip.bookings.count()
    )


def start_over(plan: TripPlan, now: datetime) -> Trip | None:
    """Let go of the plan's trip that is not paid (its places go back, its payment page is
    closed) so that the plan as it is now can be checked out; returns the trip let go, or None
    when there was none. Raises CheckoutInProgress when the trip was paid meanwhile (it stays).

    The trip's bookings are locked before the plan's row is written, the order the payment
    path takes them in."""
    trip = plan.trip
    if trip is None:
        return None
    with transaction.atomic():
        release_unpaid_trip(trip, now)
        if trip.bookings.filter(confirmed_at__isnull=False).exists():
            raise CheckoutInProgress(trip)
        TripPlan.objects.filter(pk=plan.pk, trip=trip).update(trip=None, updated_at=now)
    plan.trip = None
    return trip


@dataclass(frozen=True)
class TripCancellation:
    """What cancelling a whole trip did: the items cancelled now, the refund they owe in all
    (each under its own policy), and the items that could not be cancelled any more (started,
    or already over)."""

    cancelled: list[Booking]
    refund_total: int
    kept: list[Booking]


def cancellable_items(bookings: Sequence[Booking], now: datetime) -> list[tuple[Booking, int]]:
    """The items a guest can still cancel, each with the refund its own policy gives now."""
    return [
        (booking, refund_amount(booking, now))
        for booking in bookings
        if booking.status != Booking.Status.CANCELLED and can_cancel(booking, now)
    ]


@transaction.atomic
def cancel_trip(trip: Trip, now: datetime) -> TripCancellation:
    """Cancel every item of the trip that can still be cancelled, in one transaction (all of
    them or none), each under its own policy with its own refund against the trip's payment;
    items already started or over stay as they are. Calling it twice is safe.

    Each host is told of its own item; the guest gets one e-mail for the whole trip (filed
    under the first item cancelled now) instead of each item's cancellation and refund e-mails,
    when anything paid was cancelled (an unpaid booking's cancellation tells the guest nothing
    either)."""
    cancelled, kept, refund_total, paid = [], [], 0, False
    for booking in trip.bookings.select_related("offer").order_by("pk"):
        if booking.status == Booking.Status.CANCELLED:
            continue
        if not can_cancel(booking, now):
            kept.append(booking)
            continue
        result = cancel_by_guest(booking, now, within_trip=True)
        if result.cancelled:
            cancelled.append(booking)
            refund_total += result.refund_amount
            paid = paid or result.was_paid
    if cancelled and paid:
        queue_email(cancelled[0], BookingEmail.Kind.TRIP_CANCELLATION)
    return TripCancellation(cancelled, refund_total, kept)
