"""Whole-page cache for anonymous visitors, purged on publish by bumping a generation number.

Only anonymous GET/HEAD requests to public paths are served from it, and only 200 responses
that set no cookie and are not marked private are stored, so forms with CSRF tokens, previews,
messages and signed-in pages are never cached. Purging bumps a counter that is part of every
key, which works the same on local memory and Redis and never flushes other data.

Values that change only on publish (the site, menus, breadcrumbs…) are shared through the default
cache under the same generation, and each process also keeps them in memory: a value stored under
one generation never changes, so the copy in memory is as fresh as the shared one, and a page
needs one round trip to the cache (for the generation) instead of one per value.
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/booking/", "/search/", "/stripe/")
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
SKIP_COOKIES = ("sessionid", "messages")
GENERATION_KEY = "generation"
UNTIL_PURGE_SECONDS = 60 * 60
LOCAL_ENTRIES = 2000

T = TypeVar("T")
K = TypeVar("K")

# The generation read once at the start of a request, so the page's many generation-keyed
# lookups (site, home pages, menus, map) cost one cache round trip instead of one each.
_request_generation: ContextVar[int | None] = ContextVar("request_generation", default=None)


def _cache():
    return caches["pages"]


def _fresh_generation() -> int:
    """A generation no earlier one can equal: the clock, for when the counter is missing (a new
    or emptied cache), so values remembered under an older counter are never served again."""
    return time.time_ns()


def _read_generation() -> int:
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or 0
    return generation


def current_generation() -> int:
    """The cache generation; fragment caches put it in their keys to be purged with pages."""
    generation = _request_generation.get()
    if generation is None:
        generation = _read_generation()
    return generation


class _LocalValues:
    """This process's copies of generation-keyed values: pickled, so that no request can change
    another's copy; least recently used dropped first; expiring with the shared entries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
        return pickle.loads(entry[1])

    def set(self, key: str, value: Any) -> None:
        entry = (
            time.monotonic() + UNTIL_PURGE_SECONDS,
            pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
        )
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


_local_values = _LocalValues(LOCAL_ENTRIES)


def cached_until_purge(key: str, build: Callable[[], T]) -> T:
    """A value that changes only when content is published (the site, its home pages, menus),
    built once and shared through the default cache (and this process's memory) until the next
    purge. None is never stored."""
    full_key = f"{key}:{current_generation()}"
    value = _local_values.get(full_key)
    if value is not None:
        return value
    cache = caches["default"]
    value = cache.get(full_key)
    if value is None:
        value = build()
        if value is None:
            return value  # nothing found is not kept: stray URLs must not fill the caches
        cache.set(full_key, value, UNTIL_PURGE_SECONDS)
    _local_values.set(full_key, value)
    return value


def cached_many_until_purge(
    keys: dict[str, K], build_missing: Callable[[list[K]], dict[K, T]]
) -> dict[K, T]:
    """Many values at once, each as `cached_until_purge` keeps it (`keys` maps each cache key
    to what it stands for): this process's memory first, then one round trip to the shared
    cache, then one call of `build_missing` for all the rest. Returns them by what they stand
    for; what `build_missing` leaves out (nothing found) is not kept."""
    generation = current_generation()
    full_keys = {f"{key}:{generation}": item for key, item in keys.items()}
    found: dict[K, T] = {}
    wanted = {}
    for full_key, item in full_keys.items():
        value = _local_values.get(full_key)
        if value is None:
            wanted[full_key] = item
        else:
            found[item] = value
    if wanted:
        shared = caches["default"].get_many(list(wanted))
        for full_key, value in shared.items():
            found[wanted.pop(full_key)] = value
            _local_values.set(full_key, value)
    if wanted:
        built = build_missing(list(wanted.values()))
        stored = {}
        for full_key, item in wanted.items():
            if built.get(item) is not None:
                found[item] = stored[full_key] = built[item]
                _local_values.set(full_key, built[item])
        if stored:
            caches["default"].set_many(stored, UNTIL_PURGE_SECONDS)
    return found


def purge_pages() -> None:
    """Make every cached page stale at once (called when content is published or changed)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _key(request: HttpRequest, generation: int) -> str:
    raw = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"page:{generation}:{hashlib.sha256(raw).hexdigest()}"


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if not path.startswith(LANGUAGE_PREFIXES):
        return False  # only the public pages under /ja/ and /en/ (not /healthz, the admin…)
    path = path[path.index("/", 1) :]
    if path.startswith(PRIVATE_PREFIXES) or "preview" in request.GET:
        return False
    return not any(
        name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, *SKIP_COOKIES)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-cache" not in control and "no-store" not in control


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous public pages in the `pages` cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_generation.set(_read_generation())
        try:
            return self._serve(request)
        finally:
            _request_generation.reset(token)

    def _serve(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not _cacheable_request(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            seconds = settings.PAGE_CACHE_SECONDS
            patch_cache_control(
                response, public=True, s_maxage=seconds, stale_while_revalidate=seconds
            )
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, seconds)
            response["X-Cache"] = "MISS"
        return response
