"""Which sections have view restrictions, cached: asking the database on every page and every
list of cards would cost two queries each time, for what is almost always nothing."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from .generation import cached_until_purge


def restricted_paths() -> list[str]:
    """Tree paths of the sections with a view restriction, cached until the next purge."""
    return cached_until_purge(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def private_q() -> Q:
    """A condition matching pages inside a restricted section (empty Q when there is none)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return private


def is_in_restricted_section(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in restricted_paths())
