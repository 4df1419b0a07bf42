"""Holds: take capacity under a lock, or refuse cleanly. The one function that consumes capacity.

A hold is created in one transaction that locks the slots it takes, in primary-key order, then
counts what is taken, then inserts (PostgreSQL: SELECT … FOR UPDATE under a lock timeout; SQLite:
the IMMEDIATE transaction mode takes the write lock at BEGIN). A lock that cannot be had in time
becomes `Busy` (HTTP 409 "try again"), never a server error. Holds last as long as a Stripe
Checkout Session can (30 minutes at least) plus a grace, and stop counting when they run out.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from booking.models import Booking, BookingLine, Offer, PriceCategory, Slot, Trip
from core.locks import is_lock_contention, set_local_lock_timeout, sqlite_write_lock_wait

from . import availability, rules
from .references import new_reference


@dataclass(frozen=True)
class HoldItem:
    """`quantity` units of a price category, each occupying every slot in `slot_ids`
    (one slot, or the two halves of a desk day; the price is shared between them)."""

    slot_ids: tuple[int, ...]
    category_id: int
    quantity: int


class HoldError(Exception):
    """A hold that cannot be made; `message` is shown to the guest, `status` is the HTTP code."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotBookable(HoldError):
    """The request breaks a rule: a closed or past date, lead time, cut-off, min/max."""


class SoldOut(HoldError):
    status = 409


class Busy(HoldError):
    status = 409


# Test-only hook, run between counting and inserting; the concurrency tests use it (with the
# BOOKING_HOLD_LOCKING setting off) to prove the race that the lock closes.
after_count: Callable[[], None] = lambda: None  # noqa: E731


def hold_duration() -> timedelta:
    """Checkout Session life plus a grace, so a payment finishing at the last second finds it."""
    return timedelta(
        minutes=settings.BOOKING_CHECKOUT_SESSION_MINUTES + settings.BOOKING_HOLD_GRACE_MINUTES
    )


@dataclass(frozen=True)
class HoldRequest:
    """One item of a multi-item hold: `items` of `offer`, with the offer's price categories
    when the caller has them already."""

    offer: Offer
    items: Sequence[HoldItem]
    categories: Sequence[PriceCategory] | None = None


class ItemRefused(HoldError):
    """One item of a multi-item hold cannot be held, so nothing was: `index` says which item,
    `refused` why (its message and status are the item's own)."""

    def __init__(self, index: int, refused: HoldError) -> None:
        super().__init__(refused.message)
        self.index = index
        self.refused = refused
        self.status = refused.status


def create_hold(
    offer: Offer,
    items: Sequence[HoldItem],
    *,
    user=None,
    language: str = "ja",
    now: datetime | None = None,
    categories: Sequence[PriceCategory] | None = None,
) -> Booking:
    """Hold every slot the items need, all or none, and return the HELD booking.

    `categories` are the offer's price categories when the caller has them already."""
    try:
        [booking] = create_holds(
            [HoldRequest(offer, items, categories)], user=user, language=language, now=now
        )
    except ItemRefused as refused:
        raise refused.refused from None
    return booking


def create_holds(
    requests: Sequence[HoldRequest],
    *,
    trip: Trip | None = None,
    user=None,
    language: str = "ja",
    now: datetime | None = None,
    replacing: Sequence[int] = (),
    not_counting: Sequence[int] = (),
) -> list[Booking]:
    """Hold every item (one HELD booking each, in `trip` when given, else in a new one-item
    trip), all or none.

    `replacing`: bookings still held by the same visitor that this hold takes over (a trip
    checked out again): their places do not count against it, and they end in the same
    transaction only if it succeeds. `not_counting`: bookings whose places do not count
    against this hold and that stay as they are (a booking moving to these dates, which gives
    its old ones up when the move is made).

    Every slot of every item is locked in one statement in primary-key order, whatever the
    items' order or offers, so two multi-item holds sharing slots wait for each other instead
    of deadlocking; an item that does not fit raises ItemRefused and nothing is held."""
    now = now or timezone.now()
    if not requests:
        raise NotBookable(_("Choose at least one."))
    known = _categories_of([request.offer for request in requests if request.categories is None])
    parts = [
        _part(index, request, known.get(request.offer.pk, []))
        for index, request in enumerate(requests)
    ]
    if not settings.BOOKING_HOLD_LOCKING:
        return _take(
            parts, trip, user, language, now, lock=False, replacing=replacing, ignored=not_counting
        )
    try:
        with sqlite_write_lock_wait(settings.BOOKING_LOCK_TIMEOUT_MS):
            with transaction.atomic(durable=True):
                set_local_lock_timeout(settings.BOOKING_LOCK_TIMEOUT_MS)
                return _take(
                    parts,
                    trip,
                    user,
                    language,
                    now,
                    lock=True,
                    replacing=replacing,
                    ignored=not_counting,
                )
    except OperationalError as exc:
        if is_lock_contention(exc):
            raise Busy(_("Many people are booking this right now. Please try again.")) from exc
        raise


@dataclass(frozen=True)
class _Part:
    """A request checked against its offer's rules: its prices and units per slot."""

    index: int
    offer: Offer
    items: Sequence[HoldItem]
    prices: dict[int, PriceCategory]
    requested: dict[int, int]


def _categories_of(offers: list[Offer]) -> dict[int, list[PriceCategory]]:
    """The price categories of the offers, in one query (none when there are no offers)."""
    found: dict[int, list[PriceCategory]] = defaultdict(list)
    if offers:
        for category in PriceCategory.objects.filter(offer__in=offers):
            found[category.offer_id].append(category)
    return found


def _part(index: int, request: HoldRequest, fetched: Sequence[PriceCategory]) -> _Part:
    offer = request.offer
    categories = fetched if request.categories is None else request.categories
    prices = {category.pk: category for category in categories}
    try:
        requested = requested_units(offer, request.items, prices)
    except HoldError as refused:
        raise ItemRefused(index, refused) from None
    return _Part(index, offer, request.items, prices, requested)


def still_fits(booking: Booking, now: datetime) -> bool:
    """Whether a booking can have its places at `now` (see `all_still_fit`)."""
    return all_still_fit([booking], now)


def all_still_fit(
    bookings: Sequence[Booking], now: datetime, *, not_counting: Sequence[int] = ()
) -> bool:
    """Whether the bookings, together, can have their places at `now`, checked under the same
    slot locks (in primary-key order) as a new hold, counting every other booking (except
    `not_counting`); call inside the caller's transaction. A live hold keeps its slots as they
    were when it was made (started or closed since); a hold that ran out needs open slots that
    have not started."""
    live = {booking.pk for booking in bookings if booking.hold_is_live(now)}
    ids = [booking.pk for booking in bookings]
    requested: dict[int, int] = defaultdict(int)
    live_slots: set[int] = set()
    for booking_id, slot_id, quantity in BookingLine.objects.filter(booking_id__in=ids).values_list(
        "booking_id", "slot_id", "quantity"
    ):
        requested[slot_id] += quantity
        if booking_id in live:
            live_slots.add(slot_id)
    slot_ids = sorted(requested)
    set_local_lock_timeout(settings.BOOKING_LOCK_TIMEOUT_MS)
    slots = list(Slot.objects.filter(pk__in=slot_ids).order_by("pk").select_for_update())
    used = availability.taken(slot_ids, now, excluding=[*ids, *not_counting])
    return all(
        (slot.pk in live_slots or (not slot.closed and slot.starts_at > now))
        and requested[slot.pk] <= slot.capacity - used.get(slot.pk, 0)
        for slot in slots
    )


def requested_units(
    offer: Offer, items: Sequence[HoldItem], categories: dict[int, PriceCategory]
) -> dict[int, int]:
    """Units requested per slot, after checking the request against the offer's rules (on
    sale, its own prices, quantities within its limits); raises NotBookable."""
    if not offer.active:
        raise NotBookable(_("This offer is not on sale."))
    if not items:
        raise NotBookable(_("Choose at least one."))
    requested: dict[int, int] = defaultdict(int)
    for item in items:
        if item.category_id not in categories:
            raise NotBookable(_("That price is not offered here."))
        if item.quantity < 1 or not item.slot_ids:
            raise NotBookable(_("Choose at least one."))
        for slot_id in item.slot_ids:
            requested[slot_id] += item.quantity
    most, least = max(requested.values()), min(requested.values())
    if most > offer.max_per_booking:
        raise NotBookable(
            _("At most %(count)d can be booked at once.") % {"count": offer.max_per_booking}
        )
    if least < offer.min_per_booking:
        raise NotBookable(
            _("At least %(count)d must be booked.") % {"count": offer.min_per_booking}
        )
    return dict(requested)


def _take(
    parts: list[_Part],
    trip: Trip | None,
    user,
    language: str,
    now: datetime,
    *,
    lock: bool,
    replacing: Sequence[int] = (),
    ignored: Sequence[int] = (),
) -> list[Booking]:
    slot_ids = sorted({slot_id for part in parts for slot_id in part.requested})
    queryset = Slot.objects.filter(pk__in=slot_ids).order_by("pk")
    if lock:
        queryset = queryset.select_for_update()
    slots = {slot.pk: slot for slot in queryset}
    used = availability.taken(slot_ids, now, excluding=[*replacing, *ignored] or None)
    claimed: dict[int, int] = defaultdict(int)  # by earlier items of this hold
    for part in parts:
        try:
            _check_part(part, slots, used, claimed, now)
        except HoldError as refused:
            raise ItemRefused(part.index, refused) from None
    after_count()
    owner = user if user is not None and user.is_authenticated else None
    references = [new_reference() for _part in parts]
    if trip is None:
        trip = _one_item_trip(references)
    trip.user = trip.user or owner
    trip.language = language
    trip.save()
    bookings: list[Booking] = []
    lines: list[BookingLine] = []
    for part, reference in zip(parts, references, strict=True):
        own = {pk: slots[pk] for pk in part.requested}
        priced = _priced_lines(part.items, own, part.prices)
        booking = Booking.objects.create(
            reference=reference,
            offer=part.offer,
            trip=trip,
            status=Booking.Status.HELD,
            hold_expires_at=now + hold_duration(),
            user=owner,
            language=language,
            service_date=min(slot.date for slot in own.values()),
            total=sum(line.amount for line in priced),
        )
        for line in priced:
            line.booking = booking
        bookings.append(booking)
        lines.extend(priced)
    BookingLine.objects.bulk_create(lines)
    if replacing:
        Booking.objects.filter(pk__in=replacing, status__in=Booking.HOLDING).update(
            status=Booking.Status.EXPIRED, hold_expires_at=now, updated_at=now
        )
    return bookings


def _one_item_trip(references: list[str]) -> Trip:
    """The trip of a booking made alone, under the booking's own reference unless a trip has
    it already. Several bookings are held together only in a trip given by the caller."""
    if len(references) != 1:
        raise ValueError("Several items are held together only in a trip (trips.hold_trip).")
    [reference] = references
    if Trip.objects.filter(reference=reference).exists():
        reference = new_reference(Trip)
    return Trip(reference=reference)


def _check_part(
    part: _Part,
    slots: dict[int, Slot],
    used: dict[int, int],
    claimed: dict[int, int],
    now: datetime,
) -> None:
    """The item's slots exist and are its offer's, pass the rules, and have room for it after
    what other bookings and the earlier items of this hold take; its units are then claimed."""
    own = [slots.get(slot_id) for slot_id in part.requested]
    if any(slot is None or slot.offer_id != part.offer.pk for slot in own):
        raise NotBookable(_("That date is not offered."))
    check_dates(part.offer, own, now)
    for slot_id, units in sorted(part.requested.items()):
        slot = slots[slot_id]
        free = slot.capacity - used.get(slot_id, 0) - claimed[slot_id]
        if units > free:
            raise SoldOut(_sold_out_message(slot, free))
    for slot_id, units in part.requested.items():
        claimed[slot_id] += units


def check_dates(offer: Offer, slots: list[Slot], now: datetime) -> None:
    """The booking rules for every slot (booking.services.rules), and unbroken runs of nights;
    raises NotBookable."""
    for slot in sorted(slots, key=lambda slot: slot.starts_at):
        message = rules.refusal(offer, slot, now)
        if message is not None:
            raise NotBookable(message)
    if offer.kind == Offer.Kind.STAY:
        nights = sorted(slot.date for slot in slots)
        gaps = ((later - earlier).days for earlier, later in zip(nights, nights[1:], strict=False))
        if any(gap != 1 for gap in gaps):
            raise NotBookable(_("Nights must follow one another."))


def _priced_lines(
    items: Sequence[HoldItem], slots: dict[int, Slot], categories: dict[int, PriceCategory]
) -> list[BookingLine]:
    """One line per slot and category; a unit spread over several slots shares its price."""
    lines: dict[tuple[int, int], BookingLine] = {}
    for item in items:
        category = categories[item.category_id]
        first = slots[item.slot_ids[0]]
        price = category.unit_price(first.date, first.price_override)
        share, remainder = divmod(price, len(item.slot_ids))
        for index, slot_id in enumerate(item.slot_ids):
            key = (slot_id, category.pk)
            unit_price = share + (remainder if index == 0 else 0)
            if key in lines:
                lines[key].quantity += item.quantity
            else:
                lines[key] = BookingLine(
                    slot=slots[slot_id],
                    price_category=category,
                    quantity=item.quantity,
                    unit_price=unit_price,
                )
    return list(lines.values())


def _sold_out_message(slot: Slot, free: int) -> str:
    when = date_format(slot.date, "DATE_FORMAT")
    if free <= 0:
        return _("%(date)s is fully booked.") % {"date": when}
    return _("Only %(free)d left on %(date)s.") % {"free": free, "date": when}
