"""Find the Wagtail site of a request (and every site's root path) from the cache.

Wagtail looks the site up with a query on every request, then loads its root page with another,
and reads the sites' root paths (for page URLs) from the shared cache; all change rarely, so
they are kept per host and port under the page-cache generation, which any publish or site
change bumps.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site

from . import links
from .generation import cached_until_purge, purge_pages
from .page_cache import LANGUAGE_PREFIXES


class CachedSiteMiddleware:
    """Set `request._wagtail_site` (Wagtail's own per-request slot) from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(LANGUAGE_PREFIXES):
            return self.get_response(request)  # only public pages need it (and /healthz must not)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400; nothing kept for that host
        request._wagtail_site = cached_until_purge(f"site:{host}", lambda: _find(request))
        # Every page URL is worked out from the sites' root paths, which Wagtail keeps in the
        # shared cache (a round trip per request); they change only with a site or a publish.
        request._wagtail_cached_site_root_paths = cached_until_purge(
            "site-root-paths", Site.get_site_root_paths
        )
        return self.get_response(request)


def site_pk(request: HttpRequest | None) -> int:
    """The id of the request's Wagtail site (0 for none), for the keys of values that hold
    site-relative URLs."""
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else 0


def _find(request: HttpRequest) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018 - load the root page so it is cached with the site
    return site


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_on_site_change(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(purge_pages)  # after the new rows are visible to other requests


def sync_default_site() -> Site | None:
    """Point the default Wagtail site at the configured base URL (host name and port), so the
    absolute URLs Wagtail builds itself (canonical links, the sitemap) agree with every other
    link; None when there is no default site yet. Changed only when it differs."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = links.host_and_port()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
