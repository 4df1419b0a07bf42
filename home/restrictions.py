"""Which sections have view restrictions, cached: asking the database on every page and every
list of cards would cost two queries each time, for what is almost always nothing."""

from django.core.cache import caches
from django.db.models import Q
from wagtail.models import PageViewRestriction

from .cache import current_generation


def restricted_paths() -> list[str]:
    """Tree paths of the sections with a view restriction, cached until the next purge."""
    cache = caches["default"]
    key = f"restricted-paths:{current_generation()}"
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, 3600)
    return paths


def private_q() -> Q:
    """A condition matching pages inside a restricted section (empty Q when there is none)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return private


def is_in_restricted_section(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in restricted_paths())
