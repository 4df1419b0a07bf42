"""The one way pages fetch the cards they list: live, public, with images and renditions.

A list of cards costs one query (pages joined to their listing image, reading only the columns
a card shows), and all the card lists of a page share one more query for their renditions,
however many cards there are. Which sections are private (view restrictions) is cached under
the page-cache generation instead of being asked of the database by every list.

`lazy_cards` defers all of that until a template first uses a list, so a page whose card grids
come from the fragment cache (`{% cache_until_publish %}`) runs none of these queries.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

from core.models.images import RENDITION_SETS
from core.renditions import attach_renditions
from core.restrictions import private_q

CARD_SPECS = [spec for specs in RENDITION_SETS["card"].values() for spec in specs]
# What every card reads of its page: the title, the URL (url_path, locale and tree position),
# the type and the listing image and summary. Models add theirs in `card_fields`.
CARD_PAGE_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "locale",
    "content_type",
    "live",
    "translation_key",
    "listing_image",
    "listing_summary",
)


def card_queryset(queryset: QuerySet) -> QuerySet:
    """Live pages outside private sections, with their listing image joined."""
    queryset = queryset.live().select_related("listing_image")
    private = private_q()
    return queryset.exclude(private) if private else queryset


def lean(queryset: QuerySet) -> QuerySet:
    """Only the columns a card shows: a page's body and gallery are large JSON documents that
    a card never reads, and every column costs time to select, send and turn into Python."""
    return queryset.only(*CARD_PAGE_FIELDS, *getattr(queryset.model, "card_fields", ()))


def attach_card_renditions(*page_lists: Iterable) -> None:
    """Load the card renditions of every listed page's image at once (one query at most)."""
    attach_renditions(
        [page.listing_image for pages in page_lists for page in pages if page.listing_image_id],
        CARD_SPECS,
    )


def cards(queryset: QuerySet, limit: int | None = None) -> list:
    """Evaluate a page queryset as cards, renditions included (two queries)."""
    pages = card_list(queryset, limit)
    attach_card_renditions(pages)
    return pages


def card_list(queryset: QuerySet, limit: int | None = None) -> list:
    """Evaluate a page queryset as cards without renditions (one query); pass several such
    lists to attach_card_renditions to load all their renditions at once."""
    queryset = lean(card_queryset(queryset))
    if limit is not None:
        queryset = queryset[:limit]
    return list(queryset)


class _CardGroup:
    """Several named card lists loaded together, on first use: one query each and one for all
    their renditions."""

    def __init__(self, lists: dict[str, tuple[QuerySet, int | None]]) -> None:
        self.lists = lists
        self.loaded: dict[str, list] | None = None

    def get(self, name: str) -> list:
        if self.loaded is None:
            self.loaded = {
                key: card_list(queryset, limit) for key, (queryset, limit) in self.lists.items()
            }
            attach_card_renditions(*self.loaded.values())
        return self.loaded[name]


class LazyCards(Sequence):
    """One list of a `_CardGroup`, behaving as a list in templates (truth, length, loops)."""

    def __init__(self, group: _CardGroup, name: str) -> None:
        self.group = group
        self.name = name

    def __getitem__(self, index: Any) -> Any:
        return self.group.get(self.name)[index]

    def __len__(self) -> int:
        return len(self.group.get(self.name))

    def __iter__(self) -> Iterator:
        return iter(self.group.get(self.name))


def lazy_cards(**lists: QuerySet | tuple[QuerySet, int | None]) -> dict[str, LazyCards]:
    """Card lists by name (a queryset, or a queryset and a limit), loaded together the first
    time a template uses any of them."""
    group = _CardGroup(
        {
            name: value if isinstance(value, tuple) else (value, None)
            for name, value in lists.items()
        }
    )
    return {name: LazyCards(group, name) for name in lists}
