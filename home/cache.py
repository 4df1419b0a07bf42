"""Whole-page cache for anonymous visitors, purged on publish by bumping a generation number.

Only anonymous GET/HEAD requests to public paths are served from it, and only 200 responses
that set no cookie and are not marked private are stored, so forms with CSRF tokens, previews,
messages and signed-in pages are never cached. Purging bumps a counter that is part of every
key, which works the same on local memory and Redis and never flushes other data.
"""

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/booking/", "/search/", "/stripe/")
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
SKIP_COOKIES = ("sessionid", "messages")
GENERATION_KEY = "generation"
UNTIL_PURGE_SECONDS = 60 * 60

T = TypeVar("T")

# The generation read once at the start of a request, so the page's many generation-keyed
# lookups (site, home pages, menus, map) cost one cache round trip instead of one each.
_request_generation: ContextVar[int | None] = ContextVar("request_generation", default=None)


def _cache():
    return caches["pages"]


def current_generation() -> int:
    """The cache generation; fragment caches put it in their keys to be purged with pages."""
    generation = _request_generation.get()
    if generation is None:
        generation = _cache().get(GENERATION_KEY) or 0
    return generation


def cached_until_purge(key: str, build: Callable[[], T]) -> T:
    """A value that changes only when content is published (the site, its home pages, menus),
    built once and shared through the default cache until the next purge."""
    cache = caches["default"]
    full_key = f"{key}:{current_generation()}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, UNTIL_PURGE_SECONDS)
    return value


def purge_pages() -> None:
    """Make every cached page stale at once (called when content is published or changed)."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


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
        token = _request_generation.set(_cache().get(GENERATION_KEY) or 0)
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
