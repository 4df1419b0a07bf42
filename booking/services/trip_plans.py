"""Trip plans (the cart): what a visitor picks from several local businesses before one checkout.

Nothing in a plan is held. An item keeps what the offer's booking form gave (slots, price
categories, quantities, as `holds.HoldItem`s) and is checked against the offer's rules when it is
added; capacity is counted only for display (`plan_summary`), and taken at checkout, where
`hold_requests` hands every item to `booking.services.trips.hold_trip`, all or none.
"""

import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from booking.content import content
from booking.models import Booking, Offer, PriceCategory, Slot, TripPlan, TripPlanItem
from booking.money import CONSUMPTION_TAX_RATE_PERCENT, consumption_tax

from . import availability
from .cancellation import cancellation_terms
from .holds import HoldItem, HoldRequest, NotBookable, check_dates, requested_units
from .jst import is_working_day
from .selection import desk_items

MAX_ITEMS = 20
SUGGESTIONS = 4

# An anonymous visitor's plan is named by its token in this signed cookie (set by
# booking.views.trip_plan, read there and at sign-in by booking.signals).
COOKIE = "trip_plan"
COOKIE_SALT = "booking.trip_plan"
COOKIE_MAX_AGE = 60 * 60 * 24 * 30


def new_plan(language: str = "ja", user=None) -> TripPlan:
    """A new, empty plan with an unguessable token (an anonymous visitor's cookie names it)."""
    return TripPlan.objects.create(token=secrets.token_urlsafe(24), user=user, language=language)


def anonymous_plan(request: HttpRequest) -> TripPlan | None:
    """The plan this browser's signed cookie names, if it still exists and is nobody's."""
    try:
        token = request.get_signed_cookie(
            COOKIE, default="", salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not token:
        return None
    return TripPlan.objects.filter(token=token, user__isnull=True).first()


def plan_for_user(user, language: str = "ja") -> TripPlan:
    """The signed-in user's one plan, made when they have none."""
    plan, _created = TripPlan.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(24), "language": language}
    )
    return plan


def _parts(items: Sequence[HoldItem]) -> list[dict]:
    return [
        {"slots": list(item.slot_ids), "category": item.category_id, "quantity": item.quantity}
        for item in items
    ]


def _hold_items(parts: list[dict]) -> list[HoldItem]:
    return [
        HoldItem(
            tuple(int(pk) for pk in part["slots"]), int(part["category"]), int(part["quantity"])
        )
        for part in parts
    ]


def add_item(
    plan: TripPlan, offer: Offer, items: Sequence[HoldItem], now: datetime
) -> TripPlanItem:
    """Add what the offer's booking form chose to the plan, after checking the offer's rules
    (on sale, instant booking, dates open now, quantities); raises holds.NotBookable saying why
    not. Capacity is not checked: nothing is held until checkout. Adding the very same thing
    again returns the item already there."""
    if not offer.active:
        raise NotBookable(_("This offer is not on sale."))
    if not offer.instant_booking:
        raise NotBookable(
            _(
                "The host confirms each booking of this offer first, so it cannot be part of "
                "a trip. Please send it as a request on its own."
            )
        )
    if not items:
        raise NotBookable(_("Choose at least one."))
    slots = _checked_slots(offer, items, now)
    parts = _parts(items)
    same = next((item for item in plan.items.filter(offer=offer) if item.parts == parts), None)
    if same is not None:
        return same
    if plan.items.count() >= MAX_ITEMS:
        raise NotBookable(
            _("A trip can hold at most %(count)d items. Please remove one first.")
            % {"count": MAX_ITEMS}
        )
    days = [slot.date for slot in slots]
    _touch(plan)
    return TripPlanItem.objects.create(
        plan=plan, offer=offer, parts=parts, first_day=min(days), last_day=max(days)
    )


def _checked_slots(offer: Offer, items: Sequence[HoldItem], now: datetime) -> list[Slot]:
    """The items' slots, once they are the offer's and pass the checks a hold makes before
    counting (prices, limits, dates open at `now`, nights in a row); raises NotBookable."""
    categories = {category.pk: category for category in offer.price_categories.all()}
    requested = requested_units(offer, items, categories)
    slots = list(Slot.objects.filter(pk__in=requested, offer=offer).order_by("starts_at"))
    if len(slots) != len(requested):
        raise NotBookable(_("That date is not offered."))
    check_dates(offer, slots, now)
    return slots


def _touch(plan: TripPlan) -> None:
    """Mark the plan as in use (the sweep deletes anonymous plans untouched for 30 days)."""
    plan.save(update_fields=["updated_at"])


def remove_item(plan: TripPlan, item_id: int) -> bool:
    """Take an item out of the plan; False when the plan has no such item (already removed)."""
    _touch(plan)
    deleted, _by_model = TripPlanItem.objects.filter(plan=plan, pk=item_id).delete()
    return deleted > 0


def _items(plan: TripPlan):
    return plan.items.select_related("offer", "offer__organisation").prefetch_related(
        "offer__price_categories"
    )


def hold_requests(plan: TripPlan) -> list[HoldRequest]:
    """What checkout holds: one request per item, in `plan.items.all()` order (request i is item
    i, so a refused index names the item), with each offer's price categories already read.

    Slots or prices deleted since the item was added are passed on as they are: the hold
    refuses them ("That date is not offered." / "That price is not offered here.")."""
    return [
        HoldRequest(
            offer=item.offer,
            items=_hold_items(item.parts),
            categories=list(item.offer.price_categories.all()),
        )
        for item in _items(plan)
    ]


@dataclass(frozen=True)
class PlanLine:
    """A part of an item as the visitor reads it: a night, a desk day, a session's people."""

    day: date
    starts_at: datetime | None
    ends_at: datetime | None
    part: str
    category: str
    quantity: int
    unit_price: int

    @property
    def amount(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class PlanItem:
    """One item of the plan with its seller, dates, price and policy, in one language;
    `available_now` says whether its places are still free (nothing is held for it)."""

    pk: int
    offer: Offer
    offer_name: str
    seller: str
    kind: str
    kind_label: str
    first_day: date
    last_day: date
    starts_at: datetime | None
    ends_at: datetime | None
    lines: list[PlanLine]
    terms: str
    available_now: bool

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def is_stay(self) -> bool:
        return self.kind == Offer.Kind.STAY

    @property
    def nights(self) -> int:
        """Nights of a stay (0 for other kinds)."""
        return len({line.day for line in self.lines}) if self.is_stay else 0

    @property
    def day_count(self) -> int:
        return len({line.day for line in self.lines})


@dataclass(frozen=True)
class PlanDay:
    """The items that begin on a day, in plan order."""

    day: date
    items: list[PlanItem]


@dataclass(frozen=True)
class TaxLine:
    """The consumption tax contained in the items taxed at one rate (percent)."""

    rate: int
    taxable: int
    tax: int


@dataclass(frozen=True)
class PlanSummary:
    """The plan as its page shows it: items by the day they begin, totals and tax by rate."""

    items: list[PlanItem]
    days: list[PlanDay]
    total: int
    taxes: list[TaxLine] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def all_available(self) -> bool:
        return all(item.available_now for item in self.items)


def plan_summary(plan: TripPlan | None, language: str, now: datetime) -> PlanSummary:
    """Every item of the plan with its lines, price, cancellation terms and whether it is still
    free now, in a fixed number of queries whatever the number of items (items with their offers
    and sellers, the price categories, the slots, what is taken of them; and the bookings of a
    trip checked out from the plan and not paid, which do not count against it)."""
    items = list(_items(plan)) if plan is not None and plan.pk else []
    slot_ids = {pk for item in items for part in item.parts for pk in part["slots"]}
    slots = {slot.pk: slot for slot in Slot.objects.filter(pk__in=slot_ids)} if slot_ids else {}
    free = _free(plan, list(slots.values()), now) if slots else {}
    claimed: dict[int, int] = defaultdict(int)  # by earlier items, as checkout counts them
    summarised = []
    with translation.override(language):
        for item in items:
            summarised.append(_summarise(item, language, slots, free, claimed, now))
    by_day: dict[date, list[PlanItem]] = defaultdict(list)
    for entry in summarised:
        by_day[entry.first_day].append(entry)
    total = sum(entry.total for entry in summarised)
    taxes = (
        [TaxLine(CONSUMPTION_TAX_RATE_PERCENT, total, consumption_tax(total))] if summarised else []
    )
    return PlanSummary(
        items=summarised,
        days=[PlanDay(day, by_day[day]) for day in sorted(by_day)],
        total=total,
        taxes=taxes,
    )


def _free(plan: TripPlan, slots: list[Slot], now: datetime) -> dict[int, int]:
    """Free units per slot, not counting the holds of the trip last checked out from this plan
    (checking out again releases them first, so they do not stand in the plan's way)."""
    own = None
    if plan.trip_id is not None:
        own = list(Booking.objects.filter(trip_id=plan.trip_id).values_list("pk", flat=True))
    used = availability.taken([slot.pk for slot in slots], now, excluding=own)
    return {
        slot.pk: 0 if slot.closed else max(slot.capacity - used.get(slot.pk, 0), 0)
        for slot in slots
    }


def _dates_allowed(offer: Offer, slots: list[Slot], now: datetime) -> bool:
    """Whether a hold of these slots would pass the offer's date rules at `now`."""
    try:
        check_dates(offer, slots, now)
    except NotBookable:
        return False
    return True


def _summarise(
    item: TripPlanItem,
    language: str,
    slots: dict[int, Slot],
    free: dict[int, int],
    claimed: dict[int, int],
    now: datetime,
) -> PlanItem:
    """One item in `language`; its places count as claimed (for the items after it) if free."""
    offer = item.offer
    categories = {category.pk: category for category in offer.price_categories.all()}
    lines: list[PlanLine] = []
    own: list[Slot] = []
    requested: dict[int, int] = defaultdict(int)
    complete = True  # every slot and price still there
    for part in item.parts:
        found = [slots[pk] for pk in part["slots"] if pk in slots]
        found = [slot for slot in found if slot.offer_id == offer.pk]
        category = categories.get(part["category"])
        complete = complete and category is not None and len(found) == len(part["slots"])
        for pk in part["slots"]:
            requested[pk] += part["quantity"]
        own.extend(found)
        lines.append(_line(item, part, found, category, language))
    fits = (
        complete
        and offer.active
        and offer.instant_booking
        and _dates_allowed(offer, own, now)
        and all(units <= free.get(pk, 0) - claimed[pk] for pk, units in requested.items())
    )
    if fits:
        for pk, units in requested.items():
            claimed[pk] += units
    lines.sort(key=lambda line: (line.day, line.starts_at or now))
    return PlanItem(
        pk=item.pk,
        offer=offer,
        offer_name=offer.display_name(language),
        seller=offer.organisation.display_name(language),
        kind=offer.kind,
        kind_label=str(Offer.Kind(offer.kind).label),
        first_day=item.first_day,
        last_day=item.last_day,
        starts_at=min((slot.starts_at for slot in own), default=None),
        ends_at=max((slot.ends_at for slot in own), default=None),
        lines=lines,
        terms=cancellation_terms(offer, language),
        available_now=fits,
    )


def _line(
    item: TripPlanItem,
    part: dict,
    found: list[Slot],
    category: PriceCategory | None,
    language: str,
) -> PlanLine:
    """A part priced as the hold will price it: the category's price on its first slot's day
    (a full desk day's two halves share one price). A slot deleted since is priced on the item's
    first day; a price deleted since, at 0 (the item shows as no longer available)."""
    first = found[0] if found else None
    day = first.date if first else item.first_day
    price = category.unit_price(day, first.price_override if first else None) if category else 0
    return PlanLine(
        day=day,
        starts_at=min((slot.starts_at for slot in found), default=None),
        ends_at=max((slot.ends_at for slot in found), default=None),
        part=_part_label(found),
        category=category.display_name(language) if category else "",
        quantity=part["quantity"],
        unit_price=price,
    )


def _part_label(slots: list[Slot]) -> str:
    """The half of a half-day desk ("Morning", "Afternoon"); nothing for a whole day, a night
    or a session."""
    if len(slots) == 1 and slots[0].part:
        return str(slots[0].get_part_display())
    return ""


def merge_plans(source: TripPlan, target: TripPlan) -> int:
    """Move the source plan's items into the target (an anonymous plan into the account's at
    sign-in), leaving out items the target has already and any beyond the item limit, then
    delete the source; returns how many items moved."""
    if source.pk == target.pk:
        return 0
    with transaction.atomic():
        kept = list(target.items.values_list("offer_id", "parts"))
        room = MAX_ITEMS - len(kept)
        moving = []
        for item in source.items.all():
            if (item.offer_id, item.parts) in kept or len(moving) >= room:
                continue
            kept.append((item.offer_id, item.parts))
            moving.append(item.pk)
        TripPlanItem.objects.filter(pk__in=moving).update(plan=target)
        # The trip checked out from the anonymous plan is the account's now: checking out
        # again takes it over, and paying it clears the plan.
        target.trip = target.trip or source.trip
        target.save(update_fields=["trip", "updated_at"])
        source.delete()
    return len(moving)


@dataclass(frozen=True)
class Suggestion:
    """A desk or an experience near the plan's items with places free on the plan's days."""

    offer_pk: int
    name: str
    seller: str
    kind_label: str
    next_date: date
    is_desk: bool = False


def suggestions(plan: TripPlan | None, language: str, now: datetime) -> list[Suggestion]:
    """Up to four desks and experiences in the areas of the plan's items, not in the plan yet,
    with places free on a day between the plan's first and last day (from the availability
    counts, in one query after the plan's offers)."""
    if plan is None or not plan.pk:
        return []
    rows = list(plan.items.values_list("offer_id", "first_day", "last_day"))
    if not rows:
        return []
    offer_ids = {offer_id for offer_id, _first, _last in rows}
    area_of = content().area_of("page")
    areas = (
        Offer.objects.filter(pk__in=offer_ids)
        .annotate(area_key=area_of)
        .filter(area_key__isnull=False)
        .values("area_key")
    )
    demand = availability.Demand(
        date_from=min(first for _offer, first, _last in rows),
        date_to=max(last for _offer, _first, last in rows),
    )
    candidates = (
        Offer.objects.filter(
            active=True,
            instant_booking=True,
            kind__in=[Offer.Kind.DESK, Offer.Kind.EXPERIENCE],
        )
        .exclude(pk__in=offer_ids)
        .alias(area_key=area_of)
        .filter(area_key__in=areas)
        .select_related("organisation")
    )
    found = availability.available(candidates, demand, now).order_by("next_date", "pk")
    with translation.override(language):
        return [
            Suggestion(
                offer_pk=offer.pk,
                name=offer.display_name(language),
                seller=offer.organisation.display_name(language),
                kind_label=str(Offer.Kind(offer.kind).label),
                next_date=offer.next_date,
                is_desk=offer.kind == Offer.Kind.DESK,
            )
            for offer in found[:SUGGESTIONS]
        ]


def stay_weekdays(plan: TripPlan) -> list[date]:
    """The working days of the plan's stays: each night's day (check-in to the last night),
    Monday to Friday, leaving out national holidays (`jst.is_working_day`)."""
    days: set[date] = set()
    for first, last in plan.items.filter(offer__kind=Offer.Kind.STAY).values_list(
        "first_day", "last_day"
    ):
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return sorted(day for day in days if is_working_day(day))


def add_weekday_desks(
    plan: TripPlan, offer: Offer, now: datetime, *, part: str = "day", desks: int = 1
) -> TripPlanItem:
    """One step for "a desk every weekday of my stay": the desk offer's `part` of each working
    day of the plan's stays where it is offered, as one item; raises NotBookable when the plan
    has no stay, its stays have no working day, or the desk is offered on none of them."""
    if offer.kind != Offer.Kind.DESK:
        raise NotBookable(_("This is not a desk."))
    weekdays = stay_weekdays(plan)
    if not weekdays:
        if not plan.items.filter(offer__kind=Offer.Kind.STAY).exists():
            raise NotBookable(_("Add a stay first: the desks follow the weekdays of your stay."))
        raise NotBookable(
            _("Your stay has no weekdays: weekends and national holidays are left out.")
        )
    items: list[HoldItem] = []
    for day in weekdays:
        try:
            day_items = desk_items(offer, day, 1, part, desks)
        except NotBookable:
            continue  # the office is closed that day: the other days still go in
        slots = list(Slot.objects.filter(pk__in=day_items[0].slot_ids))
        if _dates_allowed(offer, slots, now):
            items.extend(day_items)
    if not items:
        raise NotBookable(_("This office has no desk on the weekdays of your stay."))
    return add_item(plan, offer, items, now)
