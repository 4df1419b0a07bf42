"""The renditions of many images at once, kept until the next purge.

Renditions are made ahead of time (home.tasks.generate_renditions, on every image save), so a
page only looks them up. Each image's renditions for a set of specs are kept like the other
shared objects (home.cache): in this process and in the shared cache, one query for all the
images not found there. Saving an image purges, so a new focal point or file is seen at once.
An image missing some of its renditions is not kept, so that Wagtail makes (and the next
request finds) them.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from .cache import cached_many_until_purge


def attach_renditions(images: Iterable[Any], specs: Sequence[str]) -> None:
    """Set `prefetched_renditions` (Wagtail's own slot) on each image, for these specs."""
    images = [image for image in images if image is not None]
    if not images or not specs:
        return
    rendition_model = images[0].get_rendition_model()
    wanted = set(specs)
    joined = "|".join(sorted(wanted))
    keys = {f"renditions:{image.pk}:{image.file_hash}:{joined}": image.pk for image in images}
    loaded: dict[Any, list[Any]] = defaultdict(list)

    def build(pks: list[Any]) -> dict[Any, list[Any]]:
        for rendition in rendition_model.objects.filter(image_id__in=pks, filter_spec__in=wanted):
            loaded[rendition.image_id].append(rendition)
        return {
            pk: loaded[pk]
            for pk in pks
            if {rendition.filter_spec for rendition in loaded[pk]} >= wanted
        }

    found = cached_many_until_purge(keys, build)
    for image in images:
        renditions = found.get(image.pk) or loaded.get(image.pk, [])
        for rendition in renditions:
            rendition.image = image
        image.prefetched_renditions = renditions
