"""Small site-wide views: robots.txt, the health checks, and error pages."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import cache_pause, links

logger = logging.getLogger(__name__)
HEALTH_KEY = "healthz"


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Robots stay out of the admin, the booking steps and the account pages of every language;
    the sitemap is named on the configured base URL."""
    context = {
        "languages": [code for code, _name in settings.LANGUAGES],
        "sitemap_url": links.absolute_url("/sitemap.xml"),
    }
    return TemplateResponse(request, "robots.txt", context, content_type="text/plain")


@require_GET
def livez(request: HttpRequest) -> HttpResponse:
    """A trivial view: the process answers (and the benchmark's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """The load balancer's check, one line per part: 200 while the database answers, 503 when it
    does not. The cache is optional (pages are served uncached without it): "degraded" when it
    fails or is paused after a failure (core.cache_pause), found without waiting on a hung Redis
    for longer than its socket timeout."""
    database = _database_state()
    parts = {"database": database, "cache": _cache_state()}
    body = "".join(f"{name} {state}\n" for name, state in parts.items())
    status = 200 if database == "ok" else 503
    response = HttpResponse(body, content_type="text/plain", status=status)
    response["Cache-Control"] = "no-store"
    return response


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("health check: the database does not answer", exc_info=True)
        return "down"
    return "ok"


def _cache_state() -> str:
    if cache_pause.paused():
        return "degraded"
    cache = caches["default"]
    cache.set(HEALTH_KEY, "ok", 30)
    return "ok" if cache.get(HEALTH_KEY) == "ok" else "degraded"
