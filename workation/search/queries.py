"""Searching offers: what is on sale, where, for whom, at what price, and free on which dates.

Availability is counted in SQL at read time, never stored: a slot is free for N when it is open,
still bookable at `now` (started, lead time, same-day cut-off) and capacity − confirmed − live
holds >= N (expired holds do not count). That SQL lives in booking.services.availability; this
module adds what a visitor filters by (area, category, amenities, measured Wi-Fi speed, host
language, price) and the result cards. Every function returns a lazy queryset; a results page
costs a fixed number of queries however many match.

Offers point at their page in the language it was written in (Japanese); filters on area,
category, amenities and host language compare translation keys, so a visitor's choice in English
matches the Japanese page, and `cards()` shows each offer through its page in the visitor's
language (falling back to the original when no translation is live).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from booking.forms import MAX_DESK_DAYS, MAX_NIGHTS
from booking.models import Offer, PriceCategory
from booking.services.availability import (
    Demand,
    Window,
    available,
    free_on_shown_dates,
)
from booking.services.price_labels import offer_price_label
from core.cards import card_queryset
from workation.models import (
    Amenity,
    AreaPage,
    ExperienceCategory,
    ExperiencePage,
    Language,
    OfficePage,
    StayPage,
)

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
    wifi_min: int | None = None
    language: Language | None = None
    sort: str = Sort.SOONEST

    @property
    def demand(self) -> Demand:
        """What the search asks of availability."""
        return Demand(self.kind, self.date_from, self.date_to, self.people, self.rooms)


@dataclass
class SearchResult:
    """What a result shows: the offer, its page in the visitor's language, price (and what it is
    for) and dates."""

    offer: Offer
    page: Page
    price_from: int | None
    next_date: date | None
    free: int | None
    nights: int = 0
    price_label: str = ""
    price_category_id: int | None = None  # the category `price_from` is the price of
    trip_days: int = 0  # nights or desk days "Add to trip" takes from `next_date` (0: choose)

    @property
    def area(self) -> AreaPage | None:
        return getattr(self.page, "area", None)


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


def with_wifi_at_least(queryset: QuerySet[Offer], mbps: int | None) -> QuerySet[Offer]:
    """Offers whose place has a measured Wi-Fi download of at least `mbps`; a place without a
    measurement (only offices measure it) is left out."""
    if mbps is None:
        return queryset
    return queryset.filter(_pages_where((OfficePage,), wifi_down_mbps__gte=mbps))


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
    queryset = with_wifi_at_least(queryset, criteria.wifi_min)
    queryset = hosted_in(queryset, criteria.language)
    queryset = priced_at_most(queryset, criteria.price_max)
    return ordered(available(queryset, criteria.demand, now), criteria.sort)


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
    as `search()` annotates them, and `price_code` and `price_category_id`, the code and id of
    the category that has that price (one query by primary key)."""
    cheapest = PriceCategory.objects.filter(offer=OuterRef("pk")).order_by("price", "sort_order")
    found = (
        Offer.objects.select_related("page")
        .annotate(
            price_code=Subquery(cheapest.values("code")[:1]),
            price_category_id=Subquery(cheapest.values("pk")[:1]),
        )
        .in_bulk([match.pk for match in page])
    )
    shown = []
    for match in page:
        offer = found.get(match.pk)
        if offer is not None:
            offer.price_from, offer.next_date = match.price_from, match.next_date
            shown.append(offer)
    return shown


def _display_pages(offers: Sequence[Offer], locale: Locale) -> dict[int, tuple[Page, Page]]:
    """Each offer's page in `locale` (or the page itself when it has no live translation), and
    its page in the language it was written in (where its room types carry the offer's name).

    One query per page model present (plus its card renditions), never one per card.
    """
    by_model: dict[type[Page], list[Offer]] = defaultdict(list)
    for offer in offers:
        model = ContentType.objects.get_for_id(offer.page.content_type_id).model_class()
        by_model[model].append(offer)
    found: dict[int, tuple[Page, Page]] = {}
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
                found[offer.pk] = (page, versions.get(offer.page.locale_id) or page)
    return found


def _price_label(offer: Offer, original: Page, language: str) -> str:
    """What the card's price is for: the unit of its cheapest category, and for a room how many
    guests it sleeps (from the room type of that name on the original page)."""
    guests = None
    if isinstance(original, StayPage):
        guests = original.guests_per_room((offer.name, offer.name_en))
    code = getattr(offer, "price_code", "") or ""
    return offer_price_label(offer, language, category_code=code, guests=guests)


def _trip_days(offer: Offer, criteria: Criteria, nights: int) -> int:
    """What "Add to trip" on a card takes from its date, when the search says it: a stay's
    nights from the searched check-in, or a desk's days to the last day searched (one for a
    single date). 0 when the visitor chooses on the offer's page: no dates searched, an
    experience (it needs a time), a stay free from another day, more than one booking takes."""
    first = offer.next_date
    if criteria.date_from is None or first is None:
        return 0
    if offer.kind == Offer.Kind.STAY:
        fits = nights >= 1 and first == criteria.date_from and nights <= MAX_NIGHTS
        return nights if fits and getattr(offer, "price_category_id", None) else 0
    if offer.kind == Offer.Kind.DESK:
        count = (max(criteria.date_to or first, first) - first).days + 1
        return count if count <= MAX_DESK_DAYS else 0
    return 0


def cards(
    offers: Iterable[Offer],
    criteria: Criteria,
    locale: Locale | None = None,
    now: datetime | None = None,
) -> list[SearchResult]:
    """Result cards for one page of offers from `search()`, in a fixed number of queries."""
    now = now or timezone.now()
    locale = locale or Locale.get_active()
    offers = list(offers)
    pages = _display_pages(offers, locale)
    free = free_on_shown_dates(offers, criteria.demand, now)
    nights = Window.of(criteria.demand, now).nights
    return [
        SearchResult(
            offer=offer,
            page=pages[offer.pk][0],
            price_from=offer.price_from,
            next_date=offer.next_date,
            free=free.get(offer.pk),
            nights=nights if offer.kind == Offer.Kind.STAY else 0,
            price_label=_price_label(offer, pages[offer.pk][1], locale.language_code),
            price_category_id=getattr(offer, "price_category_id", None),
            trip_days=_trip_days(offer, criteria, nights),
        )
        for offer in offers
        if offer.pk in pages
    ]
