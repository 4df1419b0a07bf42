"""Whole-page cache for anonymous visitors, purged on publish (see core.generation).

Only anonymous GET/HEAD requests to public paths are served from it, and only 200 responses
that set no cookie and are not marked private are stored, so forms with CSRF tokens, previews,
messages and signed-in pages are never cached. Every key holds the publish generation, which a
purge replaces; when the cache cannot tell the generation, pages are neither served from it nor
stored.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from .generation import RequestGeneration

PRIVATE_PREFIXES = ("/admin/", "/accounts/", "/booking/", "/search/", "/stripe/", "/trip/")
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
SKIP_COOKIES = ("sessionid", "messages")


def _cache():
    return caches["pages"]


def _key(request: HttpRequest, generation: str) -> str:
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
        with RequestGeneration() as generation:
            return self._serve(request, generation)

    def _serve(self, request: HttpRequest, generation: str | None) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or generation is None or not _cacheable_request(request):
            return self.get_response(request)
        cache = _cache()
        key = _key(request, generation)
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
