"""The one way pages fetch the cards they list: live, public, with images and renditions.

A list of cards costs one query (pages joined to their listing image), and all the card lists of
a page share one more query for their renditions, however many cards there are. Which sections
are private (view restrictions) is cached under the page-cache generation instead of being asked
of the database by every list.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from wagtail.images import get_image_model

from home.models.images import RENDITION_SETS
from home.restrictions import private_q

CARD_SPECS = [spec for specs in RENDITION_SETS["card"].values() for spec in specs]


def card_queryset(queryset: QuerySet) -> QuerySet:
    """Live pages outside private sections, with their listing image joined."""
    queryset = queryset.live().select_related("listing_image")
    private = private_q()
    return queryset.exclude(private) if private else queryset


def attach_card_renditions(*page_lists: Iterable) -> None:
    """Load the card renditions of every listed page's image in one query."""
    images = {
        page.listing_image_id: page.listing_image
        for pages in page_lists
        for page in pages
        if page.listing_image_id
    }
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    found = defaultdict(list)
    for rendition in rendition_model.objects.filter(
        image_id__in=images, filter_spec__in=CARD_SPECS
    ):
        found[rendition.image_id].append(rendition)
    for image_id, image in images.items():
        image.prefetched_renditions = found[image_id]


def cards(queryset: QuerySet, limit: int | None = None) -> list:
    """Evaluate a page queryset as cards, renditions included (two queries)."""
    pages = card_list(queryset, limit)
    attach_card_renditions(pages)
    return pages


def card_list(queryset: QuerySet, limit: int | None = None) -> list:
    """Evaluate a page queryset as cards without renditions (one query); pass several such
    lists to attach_card_renditions to load all their renditions at once."""
    queryset = card_queryset(queryset)
    if limit is not None:
        queryset = queryset[:limit]
    return list(queryset)
