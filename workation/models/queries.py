"""The one way pages fetch the cards they list: live, public, with images and renditions."""

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from home.models.images import RENDITION_SETS

CARD_SPECS = [spec for specs in RENDITION_SETS["card"].values() for spec in specs]


def card_queryset(queryset: QuerySet) -> QuerySet:
    """Live, public pages with their listing image and its card renditions (two queries)."""
    rendition_model = get_image_model().get_rendition_model()
    return (
        queryset.live()
        .public()
        .select_related("listing_image")
        .prefetch_related(
            Prefetch(
                "listing_image__renditions",
                queryset=rendition_model.objects.filter(filter_spec__in=CARD_SPECS),
                to_attr="prefetched_renditions",
            )
        )
    )


def cards(queryset: QuerySet, limit: int | None = None) -> list:
    """Evaluate a page queryset for cards in at most two queries, however many cards."""
    queryset = card_queryset(queryset)
    if limit is not None:
        queryset = queryset[:limit]
    return list(queryset)
