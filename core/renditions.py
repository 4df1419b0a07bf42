"""The renditions of many images at once, kept until the next purge.

Renditions are made ahead of time (core.tasks.generate_renditions, on every image save), so a
page only looks them up. Each image's renditions for a set of specs are kept like the other
shared objects (core.generation): in this process and in the shared cache, one query for all the
images not found there. Saving an image purges, so a new focal point or file is seen at once.
An image missing some of its renditions (or whose focal point moved since they were made) is
not kept, so that Wagtail makes (and the next request finds) them.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from .generation import cached_many_until_purge
from .models.images import rendition_filters


def _covers(image: Any, specs: set[str]) -> bool:
    """Whether the image's prefetched renditions already hold all these specs."""
    held = getattr(image, "prefetched_renditions", None) or ()
    return specs <= {rendition.filter_spec for rendition in held}


def attach_renditions(images: Iterable[Any], specs: Sequence[str]) -> None:
    """Add the renditions of these specs to each image's `prefetched_renditions` (Wagtail's own
    slot, which Wagtail trusts as complete: a spec missing from it would be made again)."""
    wanted = set(specs)
    images = [image for image in images if image is not None and not _covers(image, wanted)]
    if not images or not wanted:
        return
    rendition_model = images[0].get_rendition_model()
    digest = hashlib.md5("|".join(sorted(wanted)).encode(), usedforsecurity=False).hexdigest()
    keys = {f"renditions:{image.pk}:{image.file_hash}:{digest}": image.pk for image in images}
    by_pk = {image.pk: image for image in images}
    loaded: dict[Any, list[Any]] = defaultdict(list)

    def complete(image: Any, renditions: list[Any]) -> bool:
        """Every spec has its rendition for the image's current focal point."""
        have = {(rendition.filter_spec, rendition.focal_point_key) for rendition in renditions}
        return all(
            (flt.spec, flt.get_cache_key(image)) in have for flt in rendition_filters(*wanted)
        )

    def build(pks: list[Any]) -> dict[Any, list[Any]]:
        for rendition in rendition_model.objects.filter(image_id__in=pks, filter_spec__in=wanted):
            loaded[rendition.image_id].append(rendition)
        return {pk: loaded[pk] for pk in pks if complete(by_pk[pk], loaded[pk])}

    found = cached_many_until_purge(keys, build)
    for image in images:
        renditions = found.get(image.pk) or loaded.get(image.pk, [])
        for rendition in renditions:
            rendition.image = image
        earlier = getattr(image, "prefetched_renditions", None) or []
        image.prefetched_renditions = [*earlier, *renditions]
