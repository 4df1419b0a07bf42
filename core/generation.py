"""The publish generation, and the values kept under it until the next purge.

Publishing (or changing settings, images, snippets, offers…) calls `purge_pages`, which writes
a new, never-repeated generation token to the `pages` cache. Every value that changes only on
such events (whole pages, the site and menus, breadcrumbs, the objects pages point at,
renditions, fragments) is kept under a key holding the token, so one purge makes all of them
stale at once, with no flush.

`cached_until_purge` keeps a value in the default cache and in this process's memory. A value
stored under one token never changes, so the copy in memory is as fresh as the shared one; the
process drops its copies as soon as it sees another token. When the cache cannot tell the
token (an outage), nothing is kept or served: values are built afresh for that request.
"""

import logging
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import caches

GENERATION_KEY = "generation"
UNTIL_PURGE_SECONDS = 60 * 60
LOCAL_BYTES = 32 * 1024 * 1024  # per process

T = TypeVar("T")
K = TypeVar("K")

logger = logging.getLogger(__name__)

_UNREAD = object()
# The generation read once at the start of a request, so the page's many generation-keyed
# lookups cost one cache round trip instead of one each.
_request_generation: ContextVar[Any] = ContextVar("request_generation", default=_UNREAD)


def _cache():
    return caches["pages"]


def _new_token() -> str:
    """A generation no earlier one can equal (the clock and random bits), so neither a purge
    nor an emptied or restored cache can bring back values kept under an older one."""
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def read_generation() -> str | None:
    """The current generation from the cache (starting one if there is none), or None when the
    cache does not answer."""
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_token(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def current_generation() -> str | None:
    """The generation of this request (read once per request), or of this moment."""
    generation = _request_generation.get()
    if generation is _UNREAD:
        generation = read_generation()
    return generation


class RequestGeneration:
    """Read the generation once for the duration of a `with` block (a request)."""

    def __enter__(self) -> str | None:
        generation = read_generation()
        self.token = _request_generation.set(generation)
        return generation

    def __exit__(self, *exc: object) -> None:
        _request_generation.reset(self.token)


def purge_pages() -> None:
    """Make every kept page, fragment and value stale at once (after content changes)."""
    cache = _cache()
    cache.set(GENERATION_KEY, _new_token(), timeout=None)
    # Backends differ in what set() returns (local memory: None), so read the token back; a
    # concurrent purge may have written another one, which is as good.
    if cache.get(GENERATION_KEY) is None:
        logger.error("Could not purge: the cache did not store a new generation.")


class _LocalValues:
    """This process's copies of the values of one generation: pickled, so that no request can
    change another's copy; least recently used dropped first beyond `size` bytes; each expiring
    as long after it was copied as the shared entries do after they are stored."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.used = 0
        self.generation: str | None = None
        self.entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def _follow(self, generation: str) -> None:
        if generation != self.generation:
            self.entries.clear()
            self.used = 0
            self.generation = generation

    def get(self, generation: str, key: str) -> Any:
        with self.lock:
            self._follow(generation)
            entry = self.entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
        return pickle.loads(entry[1])

    def set(self, generation: str, key: str, value: Any) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self._follow(generation)
            previous = self.entries.pop(key, None)
            self.used += len(data) - (len(previous[1]) if previous else 0)
            self.entries[key] = (time.monotonic() + UNTIL_PURGE_SECONDS, data)
            while self.used > self.size and len(self.entries) > 1:
                self.used -= len(self.entries.popitem(last=False)[1][1])


_local_values = _LocalValues(LOCAL_BYTES)


def cached_many_until_purge(
    keys: dict[str, K], build_missing: Callable[[list[K]], dict[K, T]]
) -> dict[K, T]:
    """Many values at once (`keys` maps each cache key to what it stands for): this process's
    memory first, then one round trip to the shared cache, then one call of `build_missing`
    for all the rest. Returns them by what they stand for; None (nothing found) is not kept."""
    generation = current_generation()
    if generation is None:
        built = build_missing(list(keys.values()))
        return {item: value for item, value in built.items() if value is not None}
    full_keys = {f"{key}:{generation}": item for key, item in keys.items()}
    found: dict[K, T] = {}
    wanted = {}
    for full_key, item in full_keys.items():
        value = _local_values.get(generation, full_key)
        if value is None:
            wanted[full_key] = item
        else:
            found[item] = value
    if wanted:
        for full_key, value in caches["default"].get_many(list(wanted)).items():
            found[wanted.pop(full_key)] = value
            _local_values.set(generation, full_key, value)
    if wanted:
        built = build_missing(list(wanted.values()))
        stored = {}
        for full_key, item in wanted.items():
            if built.get(item) is not None:
                found[item] = stored[full_key] = built[item]
                _local_values.set(generation, full_key, built[item])
        if stored:
            caches["default"].set_many(stored, UNTIL_PURGE_SECONDS)
    return found


def cached_until_purge(key: str, build: Callable[[], T]) -> T | None:
    """One value that changes only when content is published (the site, menus, a route…),
    built once and kept until the next purge. None (nothing found) is never kept."""
    return cached_many_until_purge({key: key}, lambda _missing: {key: build()}).get(key)
