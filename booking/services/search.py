"""Searching offers: what is on sale, where, for whom, at what price, and free on which dates.

Availability is counted in SQL at read time, never stored: a slot is free for N when it is open,
still bookable at `now` (started, lead time, same-day cut-off) and capacity − confirmed − live
holds >= N (expired holds do not count, as in booking.services.availability). Every function
returns a lazy queryset; a results page costs a fixed number of queries however many match.

Offers point at their page in the language it was written in (Japanese); filters on area,
category, amenities and host language compare translation keys, so a visitor's choice in English
matches the Japanese page, and `cards()` shows each offer through its page in the visitor's
language (falling back to the original when no translation is live).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TimeField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Length, Substr
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from booking.models import Booking, BookingLine, Offer, PriceCategory, Slot
from workation.models import (
    Amenity,
    AreaPage,
    ExperienceCategory,
    ExperiencePage,
    Language,
    OfficePage,
    StayPage,
)
from workation.models.queries import card_queryset

from .jst import JST, today

HORIZON_DAYS = 365  # how far ahead a search without dates looks, and dates may be chosen
MAX_RANGE_DAYS = 92  # the longest date range one search may ask for
LISTING_MODELS: tuple[type[Page], ...] = (OfficePage, ExperiencePage, StayPage)


class Sort:
    """The orders results can be listed in."""

    SOONEST = "soonest"
    PRICE = "price"
    PRICE_DESC = "-price"
    ALL = (SOONEST, PRICE, PRICE_DESC)


@dataclass(frozen=True)
class Criteria:
    """A cleaned search. `date_to` is the last day for desks and experiences and the check-out
    day for stays; `people` counts guests (desks, experiences), `rooms` counts stay rooms."""

    kind: str = ""
    area: AreaPage | None = None
    category: ExperienceCategory | None = None
    date_from: date | None = None
    date_to: date | None = None
    people: int | None = None
    rooms: int | None = None
    price_max: int | None = None
    amenities: tuple[Amenity, ...] = ()
    language: Language | None = None
    sort: str = Sort.SOONEST


@dataclass(frozen=True)
class Window:
    """The days a search looks at: [start, end] for any day, or `nights` in a row for stays."""

    start: date
    end: date
    nights: int = 0  # > 1: stays need every night from `start`

    @classmethod
    def of(cls, criteria: Criteria, now: datetime) -> "Window":
        """The window a search's dates ask for (a year from today when no date is given)."""
        if criteria.date_from is None:
            first = today(now)
            return cls(first, first + timedelta(days=HORIZON_DAYS - 1))
        last = criteria.date_to or criteria.date_from
        if last <= criteria.date_from:
            return cls(criteria.date_from, criteria.date_from)
        return cls(criteria.date_from, last, nights=(last - criteria.date_from).days)


@dataclass
class OfferCard:
    """What a result shows: the offer, its page in the visitor's language, price and dates."""

    offer: Offer
    page: Page
    price_from: int | None
    next_date: date | None
    free: int | None
    nights: int = 0

    @property
    def area(self) -> AreaPage | None:
        return getattr(self.page, "area", None)


# --- free capacity in SQL --------------------------------------------------------------------


class StartMinusHours(Func):
    """A slot's start less a number of hours (its offer's lead time), as a comparable datetime."""

    output_field = DateTimeField()

    def __init__(self, start: Any, hours: Any) -> None:
        super().__init__(start, hours)

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, list[Any]]:
        start, start_params = compiler.compile(self.source_expressions[0])
        hours, hours_params = compiler.compile(self.source_expressions[1])
        return start, hours, [*start_params, *hours_params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        start, hours, params = self._parts(compiler, connection)
        return f"({start} - make_interval(hours => ({hours})::integer))", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # Django stores UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]' text; datetime() keeps that form.
        start, hours, params = self._parts(compiler, connection)
        return f"datetime({start}, '-' || ({hours}) || ' hours')", params

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return self.as_postgresql(compiler, connection, **extra)


def taken_units(now: datetime) -> Coalesce:
    """Units of the outer slot taken by confirmed bookings and live holds (a correlated sum)."""
    lines = (
        BookingLine.objects.filter(slot_id=OuterRef("pk"))
        .filter(Booking.takes_capacity_q(now, prefix="booking__"))
        .order_by()
        .values("slot_id")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))


def open_slots(now: datetime, *, of_outer_offer: bool = False) -> QuerySet[Slot]:
    """Slots still bookable at `now`, annotated with `free` units (capacity − taken).

    With `of_outer_offer`, the slots of the offer of an outer query, whose lead time and cut-off
    are read from that row rather than joined again.
    """
    local = now.astimezone(JST)
    slots = Slot.objects.all()

    def offer_field(name: str) -> Any:
        return OuterRef(name) if of_outer_offer else F(f"offer__{name}")

    if of_outer_offer:
        slots = slots.filter(offer=OuterRef("pk"))
    cutoff = ExpressionWrapper(offer_field("same_day_cutoff"), output_field=TimeField())
    return (
        slots.filter(closed=False, starts_at__gt=now)
        .alias(
            bookable_from=StartMinusHours(F("starts_at"), offer_field("lead_time_hours")),
            cutoff=cutoff,
        )
        .filter(bookable_from__gte=now)
        .filter(~Q(date=local.date()) | Q(cutoff__isnull=True) | Q(cutoff__gt=local.time()))
        .annotate(
            free=ExpressionWrapper(F("capacity") - taken_units(now), output_field=IntegerField())
        )
    )


# --- the offers and their filters ------------------------------------------------------------


def _listing_content_types() -> list[ContentType]:
    return list(ContentType.objects.get_for_models(*LISTING_MODELS).values())


def _in_private_section() -> Exists:
    """The outer offer's page is in a section with view restrictions (a lazy subquery)."""
    restrictions = PageViewRestriction.objects.annotate(length=Length("page__path")).filter(
        page__path=Substr(OuterRef("page__path"), 1, F("length"))
    )
    return Exists(restrictions)


def offers(now: datetime | None = None) -> QuerySet[Offer]:
    """Offers on sale whose listing page is live and public, with `price_from` (lowest price)."""
    lowest = (
        PriceCategory.objects.filter(offer=OuterRef("pk")).order_by("price").values("price")[:1]
    )
    return (
        Offer.objects.filter(
            active=True, page__live=True, page__content_type__in=_listing_content_types()
        )
        .exclude(_in_private_section())
        .annotate(price_from=Subquery(lowest, output_field=IntegerField()))
        .filter(price_from__isnull=False)
        .select_related("page")
    )


def _pages_where(models: Iterable[type[Page]] = LISTING_MODELS, **lookups: Any) -> Q:
    """Offers whose listing page (of any of `models`) matches the lookups."""
    return reduce(
        or_,
        (Q(page_id__in=model.objects.filter(**lookups).values("pk")) for model in models),
    )


def of_kind(queryset: QuerySet[Offer], kind: str) -> QuerySet[Offer]:
    """Desks, stays or experiences only."""
    return queryset.filter(kind=kind) if kind else queryset


def in_area(queryset: QuerySet[Offer], area: AreaPage | None) -> QuerySet[Offer]:
    """Offers whose page is in the area (or in its translation)."""
    if area is None:
        return queryset
    return queryset.filter(_pages_where(area__translation_key=area.translation_key))


def in_category(queryset: QuerySet[Offer], category: ExperienceCategory | None) -> QuerySet[Offer]:
    """Experiences of a category (which only experiences have)."""
    if category is None:
        return queryset
    return queryset.filter(
        _pages_where((ExperiencePage,), category__translation_key=category.translation_key)
    )


def with_amenities(queryset: QuerySet[Offer], amenities: Sequence[Amenity]) -> QuerySet[Offer]:
    """Offers whose page has every one of the amenities."""
    for amenity in amenities:
        queryset = queryset.filter(_pages_where(amenities__translation_key=amenity.translation_key))
    return queryset


def hosted_in(queryset: QuerySet[Offer], language: Language | None) -> QuerySet[Offer]:
    """Offers whose host speaks the language."""
    if language is None:
        return queryset
    return queryset.filter(_pages_where(languages=language))


def priced_at_most(queryset: QuerySet[Offer], price_max: int | None) -> QuerySet[Offer]:
    """Offers whose lowest price (tax incl.) is within the ceiling."""
    if price_max is None:
        return queryset
    return queryset.filter(price_from__lte=price_max)


def _units(requested: int | None) -> Any:
    """Units one booking needs: as asked, or the offer's minimum (at least one)."""
    if requested:
        return Value(requested)
    return Greatest(OuterRef("min_per_booking"), Value(1))


def _allows(kind_q: Q, requested: int | None) -> Q:
    """Offers of `kind_q` that may take `requested` units in one booking."""
    if not requested:
        return kind_q
    return kind_q & Q(min_per_booking__lte=requested, max_per_booking__gte=requested)


def available(
    queryset: QuerySet[Offer], criteria: Criteria, now: datetime | None = None
) -> QuerySet[Offer]:
    """Offers that can take the people (or rooms) on the dates, annotated with `next_date`.

    One date: a bookable slot that day with enough free. A range: stays need every night from
    check-in to check-out; desks and experiences any day in it. No date: any day within a year.
    A desk sold by the full day needs both its morning and its afternoon.
    """
    now = now or timezone.now()
    window = Window.of(criteria, now)
    slots = open_slots(now, of_outer_offer=True).filter(date__range=(window.start, window.end))
    person_slots = slots.filter(free__gte=_units(criteria.people))
    room_slots = slots.filter(free__gte=_units(criteria.rooms))

    def first_day(candidates: QuerySet[Slot]) -> Subquery:
        return Subquery(candidates.order_by("date").values("date")[:1], output_field=DateField())

    full_days = (
        person_slots.order_by()
        .values("date")
        .annotate(parts=Count("part", distinct=True))
        .filter(parts__gte=2)
    )
    desk_day = Q(unit=Offer.Unit.DESK_DAY)
    stay = Q(kind=Offer.Kind.STAY)
    other = ~desk_day & ~stay
    branches = [
        (_allows(desk_day, criteria.people), full_days, first_day(full_days)),
        (_allows(other, criteria.people), person_slots, first_day(person_slots)),
    ]
    if window.nights > 1:
        nights = room_slots.filter(date__lt=window.end)
        every_night = (
            nights.order_by()
            .values("offer")
            .annotate(nights=Count("date", distinct=True))
            .filter(nights=window.nights)
        )
        branches.append((_allows(stay, criteria.rooms), every_night, Value(window.start)))
    else:
        branches.append((_allows(stay, criteria.rooms), room_slots, first_day(room_slots)))
    # Only the rules of the kind asked for (a simpler query to plan), in the order desk days,
    # other desks and experiences, stays.
    kinds = [{Offer.Kind.DESK}, {Offer.Kind.DESK, Offer.Kind.EXPERIENCE}, {Offer.Kind.STAY}]
    if criteria.kind:
        branches = [b for b, k in zip(branches, kinds, strict=True) if criteria.kind in k]
    condition = reduce(or_, (kind_q & Exists(found) for kind_q, found, _ in branches))
    next_date = Case(
        *(When(kind_q, then=first) for kind_q, _, first in branches),
        default=Value(None),
        output_field=DateField(),
    )
    return queryset.filter(condition).annotate(next_date=next_date)


def ordered(queryset: QuerySet[Offer], sort: str) -> QuerySet[Offer]:
    """Soonest available first (then cheapest), cheapest first, or dearest first."""
    if sort == Sort.PRICE:
        return queryset.order_by("price_from", "next_date", "pk")
    if sort == Sort.PRICE_DESC:
        return queryset.order_by("-price_from", "next_date", "pk")
    return queryset.order_by("next_date", "price_from", "pk")


def search(criteria: Criteria, now: datetime | None = None) -> QuerySet[Offer]:
    """Every filter of a search applied, availability included, in the chosen order."""
    now = now or timezone.now()
    queryset = offers(now)
    queryset = of_kind(queryset, criteria.kind)
    queryset = in_area(queryset, criteria.area)
    queryset = in_category(queryset, criteria.category)
    queryset = with_amenities(queryset, criteria.amenities)
    queryset = hosted_in(queryset, criteria.language)
    queryset = priced_at_most(queryset, criteria.price_max)
    return ordered(available(queryset, criteria, now), criteria.sort)


# --- showing results -------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One result of a search, as its ordered list holds it."""

    pk: int
    price_from: int
    next_date: date | None


def matches(queryset: QuerySet[Offer]) -> list[Match]:
    """Every result of `search()` in order, from one query: a results page takes its count and
    its rows from this list, so the search (the costly part) runs and is compiled once."""
    return [Match(*row) for row in queryset.values_list("pk", "price_from", "next_date")]


def offers_of(page: Sequence[Match]) -> list[Offer]:
    """The offers of one page of matches, in their order, carrying `price_from` and `next_date`
    as `search()` annotates them (one query by primary key)."""
    found = Offer.objects.select_related("page").in_bulk([match.pk for match in page])
    shown = []
    for match in page:
        offer = found.get(match.pk)
        if offer is not None:
            offer.price_from, offer.next_date = match.price_from, match.next_date
            shown.append(offer)
    return shown


def _display_pages(offers: Sequence[Offer], locale: Locale) -> dict[int, Page]:
    """Each offer's page in `locale`, or the page itself when it has no live translation.

    One query per page model present (plus its card renditions), never one per card.
    """
    by_model: dict[type[Page], list[Offer]] = defaultdict(list)
    for offer in offers:
        model = ContentType.objects.get_for_id(offer.page.content_type_id).model_class()
        by_model[model].append(offer)
    found: dict[int, Page] = {}
    for model, group in by_model.items():
        keys = {offer.page.translation_key for offer in group}
        locales = {locale.pk} | {offer.page.locale_id for offer in group}
        pages = card_queryset(
            model.objects.filter(translation_key__in=keys, locale_id__in=locales)
        ).select_related("area")
        by_key: dict[Any, dict[int, Page]] = defaultdict(dict)
        for page in pages:
            by_key[page.translation_key][page.locale_id] = page
        for offer in group:
            versions = by_key.get(offer.page.translation_key, {})
            page = versions.get(locale.pk) or versions.get(offer.page.locale_id)
            if page is not None:
                found[offer.pk] = page
    return found


def _free_on_shown_dates(
    offers: Sequence[Offer], criteria: Criteria, now: datetime
) -> dict[int, int]:
    """Free units each offer has on the dates its card shows (one query)."""
    window = Window.of(criteria, now)
    spans: dict[int, tuple[date, date]] = {}
    for offer in offers:
        if offer.kind == Offer.Kind.STAY and window.nights > 1:
            spans[offer.pk] = (window.start, window.end - timedelta(days=1))
        elif offer.next_date is not None:
            spans[offer.pk] = (offer.next_date, offer.next_date)
    if not spans:
        return {}
    rows = (
        open_slots(now)
        .filter(reduce(or_, (Q(offer_id=pk, date__range=span) for pk, span in spans.items())))
        .values_list("offer_id", "free")
    )
    free: dict[int, list[int]] = defaultdict(list)
    for offer_id, units in rows:
        free[offer_id].append(max(units, 0))
    kinds = {offer.pk: offer for offer in offers}
    result = {}
    for offer_id, values in free.items():
        offer = kinds[offer_id]
        whole = offer.unit == Offer.Unit.DESK_DAY or offer.kind == Offer.Kind.STAY
        result[offer_id] = min(values) if whole else max(values)
    return result


def cards(
    offers: Iterable[Offer],
    criteria: Criteria,
    locale: Locale | None = None,
    now: datetime | None = None,
) -> list[OfferCard]:
    """Result cards for one page of offers from `search()`, in a fixed number of queries."""
    now = now or timezone.now()
    locale = locale or Locale.get_active()
    offers = list(offers)
    pages = _display_pages(offers, locale)
    free = _free_on_shown_dates(offers, criteria, now)
    nights = Window.of(criteria, now).nights
    return [
        OfferCard(
            offer=offer,
            page=pages[offer.pk],
            price_from=offer.price_from,
            next_date=offer.next_date,
            free=free.get(offer.pk),
            nights=nights if offer.kind == Offer.Kind.STAY else 0,
        )
        for offer in offers
        if offer.pk in pages
    ]
