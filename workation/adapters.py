"""The content layer's answers to the booking engine's questions (booking.content.Content).

Settings name this class as `BOOKING_CONTENT`; booking calls it through `booking.content.content()`.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import time
from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Expression, F, IntegerField, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from booking.content import OpeningHours, Venue
from core.romaji import in_language
from workation.models import AreaIndexPage, AreaPage, OfficePage, StayPage
from workation.models.places import PlaceFields
from workation.services.partner_profiles import create_profile_page
from workation.services.partners import grant_partner_access

# The page types offers are sold on that have an area, by their table's name below Page.
AREA_PAGE_TYPES = ("officepage", "staypage", "experiencepage")


def hours_by_weekday(rows: Iterable[Any]) -> OpeningHours | None:
    """An office's opening-hours rows as plain times by weekday: the first row naming a day
    gives its hours, a day no row names is closed. None when no row names its days."""
    days: list[tuple[time, time] | None] = [None] * 7
    named: set[int] = set()
    for row in rows:
        value = row.value
        for day in sorted({int(digit) for digit in value.get("weekdays") or []} - named):
            named.add(day)
            if not value.get("closed"):
                days[day] = (value.get("opens") or time(0, 0), value.get("closes") or time(23, 59))
    return OpeningHours(tuple(days)) if named else None


class WorkationContent:
    """Areas, partner profile pages, venues and opening hours, for the booking engine."""

    def area_of(self, page_path: str) -> Expression:
        return Coalesce(
            *(F(f"{page_path}__{name}__area") for name in AREA_PAGE_TYPES),
            output_field=IntegerField(),
        )

    def areas_like(self, area_id: int) -> QuerySet:
        original = AreaPage.objects.filter(pk=area_id).values("translation_key")
        return AreaPage.objects.filter(translation_key__in=original).values("pk")

    def area_choices(self) -> QuerySet:
        return AreaPage.objects.filter(locale_id=Locale.get_default().pk).order_by("path")

    def area_names(self, area_ids: Iterable[int]) -> dict[int, str]:
        ids = list(area_ids)
        if not ids:
            return {}
        originals = AreaPage.objects.filter(pk__in=ids).values("translation_key")
        pages = AreaPage.objects.filter(translation_key__in=originals).select_related("locale")
        language = (translation.get_language() or "").split("-")[0]
        titles: dict[Any, dict[str, str]] = defaultdict(dict)
        own: dict[int, tuple[Any, str]] = {}
        for page in pages:
            titles[page.translation_key][page.locale.language_code.split("-")[0]] = page.title
            own[page.pk] = (page.translation_key, page.title)
        return {
            pk: titles[key].get(language, title) for pk, (key, title) in own.items() if pk in ids
        }

    def browse_urls(self, request: HttpRequest) -> dict[str, str]:
        language = (translation.get_language() or "").split("-")[0]
        index = (
            AreaIndexPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")
            .first()
        )
        return {
            "search": reverse("workation:search"),
            "areas": (index.get_url(request) or "") if index is not None else "",
        }

    def create_partner_profile(self, application: Any, owner: Any, author: Any) -> Page:
        return create_profile_page(application, owner=owner, author=author)

    def grant_partner_access(self, page: Page, group_name: str) -> Group:
        return grant_partner_access(page, group_name)

    def venue_of(self, page_id: int, language: str) -> Venue | None:
        return self.venues_of([page_id], language).get(page_id)

    def venues_of(self, page_ids: Iterable[int], language: str) -> dict[int, Venue | None]:
        pages = {page.pk: page for page in Page.objects.filter(pk__in=set(page_ids)).specific()}
        translated = {
            page.translation_key: page
            for page in Page.objects.filter(
                translation_key__in={page.translation_key for page in pages.values()},
                locale__language_code=language,
                live=True,
            ).specific()
        }
        return {
            pk: _venue(translated.get(page.translation_key, page), language)
            for pk, page in pages.items()
        }

    def opening_hours_of(self, page_id: int) -> OpeningHours | None:
        page = OfficePage.objects.filter(pk=page_id).only("opening_hours").first()
        return hours_by_weekday(page.opening_hours) if page is not None else None

    def guests_per_room(self, offers: Iterable[Any]) -> dict[int, int]:
        offers = list(offers)
        pages = StayPage.objects.filter(pk__in={offer.page_id for offer in offers})
        rooms = {page.pk: page for page in pages.only("room_types")}
        found = {}
        for offer in offers:
            page = rooms.get(offer.page_id)
            guests = page.guests_per_room((offer.name, offer.name_en)) if page else None
            if guests:
                found[offer.pk] = guests
        return found


def _venue(page: Page, language: str) -> Venue | None:
    """Where the guest goes, as a place page says it; None when it names no place."""
    if not isinstance(page, PlaceFields) or not (page.address or page.latitude is not None):
        return None
    return Venue(
        name=page.title,
        address=in_language(page.address, "", language),
        meeting_point=getattr(page, "meeting_point", ""),
        latitude=page.latitude,
        longitude=page.longitude,
    )
