"""Emptying the caches between tests without touching anyone else's keys."""

from django.core.cache import caches

ALIASES = ("default", "pages", "renditions")


def clear_caches() -> None:
    """Empty this run's caches: only its own keys on Redis, the whole cache on local memory."""
    for alias in ALIASES:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
