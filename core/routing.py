"""Route a request to its page in one query, whatever its depth and language.

Wagtail's router looks up the active locale, loads the localized home page, then walks the tree
one level at a time with two queries per level. Every page's `url_path` already holds its full
path, and paths and the home page of each language change only on publish, so `serve` here finds
the home page and the page's id from the cache (a path that matches no page is not kept), loads
the target page directly (with what its template shows, `route_related`, from the cache),
hands the result to Wagtail through its own per-request slot, and lets Wagtail's `serve` do the
rest (hooks, view restrictions, the page's own `serve`). Pages that route further paths
themselves still get Wagtail's walk as a fallback.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .generation import cached_until_purge
from .shared_objects import attach_shared


@dataclass(frozen=True)
class Root:
    """Where a language's home page sits in the tree."""

    pk: int
    path: str
    url_path: str


def _roots(site: Site) -> dict[str, Root]:
    """The home page of every language of a site, cached until the next publish."""
    return cached_until_purge(
        f"roots:{site.pk}",
        lambda: {
            page.locale.language_code: Root(page.pk, page.path, page.url_path)
            for page in site.root_page.get_translations(inclusive=True).select_related("locale")
        },
    )


def _load(pk: int, content_type_id: int) -> Page | None:
    """The page in one query of its own rows (no joins, which cost PostgreSQL more to plan
    than the rows cost to read), with `route_related` attached from the shared objects."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    try:
        page = model.objects.get(pk=pk)  # not first(): no ORDER BY to build and run
    except model.DoesNotExist:
        return None
    attach_shared(page, getattr(model, "route_related", ()))
    return page


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """The page (and view arguments) for `path` in the request's site and language."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    roots = _roots(site)
    root = roots.get(translation.get_language() or "") or Root(
        site.root_page.pk, site.root_page.path, site.root_page.url_path
    )
    components = [component for component in path.split("/") if component]
    url_path = root.url_path + "".join(f"{component}/" for component in components)
    row = cached_until_purge(
        f"route:{site.pk}:{hashlib.md5(url_path.encode(), usedforsecurity=False).hexdigest()}",
        lambda: (
            Page.objects.filter(url_path=url_path, path__startswith=root.path)
            .values_list("pk", "content_type_id")
            .first()
        ),
    )
    page = _load(*row) if row else None
    if page is not None:
        return page.route(request, [])
    home = Page.objects.get(pk=root.pk).specific
    return home.route(request, components)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the route found by `route` above."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
