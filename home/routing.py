"""Resolve a page from its URL in two queries, whatever its depth.

Wagtail's default routing walks the tree one level at a time, with two queries per level; each
page's `url_path` already holds its full path, so the home page looks the target up directly and
falls back to the walk only for pages that route further paths themselves.
"""

from typing import Any

from wagtail.models import Page
from wagtail.url_routing import RouteResult


def route_by_url_path(root: Page, request: Any, path_components: list[str]) -> RouteResult | None:
    """The route result for the page at `path_components` below `root`, or None if not found."""
    url_path = root.url_path + "".join(f"{component}/" for component in path_components)
    page = Page.objects.filter(url_path=url_path, path__startswith=root.path).specific().first()
    if page is None:
        return None
    return page.route(request, [])
