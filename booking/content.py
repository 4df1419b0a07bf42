"""What the booking engine asks of the site's content, without importing the apps that hold it.

Offers are sold on pages (an office, a stay, an experience) that belong to the content layer.
Where the engine needs something of those pages (their area for reports, a new partner's
profile page), it calls the implementation that `settings.BOOKING_CONTENT` names
(`workation.adapters.WorkationContent` on this site), through `content()`. booking never
imports workation: the arrow goes the other way.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.signals import setting_changed
from django.db.models import Expression, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string
from wagtail.models import Page

if TYPE_CHECKING:
    from booking.models import Offer, PartnerApplication


MAPS_URL = "https://www.google.com/maps/search/?api=1&query="


@dataclass(frozen=True)
class Venue:
    """Where the guest goes for an offer: the office, the inn, or an experience's meeting point,
    in one language."""

    name: str
    address: str
    meeting_point: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    @property
    def location(self) -> str:
        """One line for a calendar's LOCATION: the meeting point (if any), then the address."""
        return " / ".join(part for part in (self.meeting_point, self.address) if part)

    @property
    def map_url(self) -> str:
        """A map link that opens the maps app on a phone: the coordinates, else the address."""
        if self.latitude is not None and self.longitude is not None:
            return f"{MAPS_URL}{self.latitude},{self.longitude}"
        return f"{MAPS_URL}{quote(self.address)}" if self.address else ""


@dataclass(frozen=True)
class OpeningHours:
    """An office's opening hours as plain times: for each weekday (Monday = 0) its opening and
    closing time, or None when it is closed that day."""

    days: tuple[tuple[time, time] | None, ...]

    def on(self, weekday: int) -> tuple[time, time] | None:
        """(opens, closes) on a weekday, or None when closed."""
        return self.days[weekday]


class ContentError(Exception):
    """The content the engine needs is not there (e.g. no partner index page); the message
    says what an editor must do."""


class Content(Protocol):
    """The content layer's side of the engine's questions."""

    def area_of(self, page_path: str) -> Expression:
        """An expression giving the id of the area page of the page at the ORM path
        `page_path` (e.g. "offer__page"), or NULL when that page has no area."""
        ...

    def areas_like(self, area_id: int) -> QuerySet:
        """The ids (`values("pk")`) of an area page and of all its translations."""
        ...

    def area_choices(self) -> QuerySet:
        """The area pages an editor may filter reports by (default language, in tree order)."""
        ...

    def area_names(self, area_ids: Iterable[int]) -> dict[int, str]:
        """Each area page's title in the active language where it is translated."""
        ...

    def browse_urls(self, request: HttpRequest) -> dict[str, str]:
        """Where a visitor with nothing booked yet can look around, in the request's language:
        "search" (the offer search) and "areas" (the area guides; empty when there are none)."""
        ...

    def create_partner_profile(
        self, application: "PartnerApplication", owner: Any, author: Any
    ) -> Page:
        """A draft profile page for an approved partner business (and its English draft)."""
        ...

    def grant_partner_access(self, page: Page, group_name: str) -> Group:
        """A group with editing rights below `page` only, under the editors' workflow."""
        ...

    def venue_of(self, page_id: int, language: str) -> Venue | None:
        """Where the guest goes for the offer sold on this page, in the language (the page's
        translation where there is one); None when the page names no place."""
        ...

    def venues_of(self, page_ids: Iterable[int], language: str) -> dict[int, Venue | None]:
        """`venue_of` of each page, by page id, in a fixed number of queries however many
        pages there are (a trip's e-mail and calendar name every item's place)."""
        ...

    def opening_hours_of(self, page_id: int) -> OpeningHours | None:
        """The opening hours of the place on this page (desks are sold only within them);
        None when the page states no hours by weekday, which limits nothing."""
        ...

    def guests_per_room(self, offers: Iterable["Offer"]) -> dict[int, int]:
        """How many guests one room of each of these stay offers sleeps, by offer id: the room
        type on the offer's page that the offer sells; offers whose page does not say are left
        out."""
        ...


@cache
def content() -> Content:
    """The configured content implementation (one instance per process)."""
    return import_string(settings.BOOKING_CONTENT)()


@receiver(setting_changed)
def _forget_content(setting: str, **kwargs: Any) -> None:
    """A test that changes BOOKING_CONTENT gets the implementation it names."""
    if setting == "BOOKING_CONTENT":
        content.cache_clear()
