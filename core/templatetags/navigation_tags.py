"""Navigation in templates: the header and footer menus, links to a page type, breadcrumbs and
the parent page's URL, each cached until the next publish."""

from typing import Any

from django import template
from django.apps import apps
from wagtail.models import Locale, Page, Site

from core.generation import cached_until_purge
from core.models import NavigationSettings, SiteSettings
from core.sites import site_pk
from core.templatetags.language_tags import current_language

register = template.Library()


def _nav_cache_key(kind: str, site: Site | None) -> str:
    site_id = site.pk if site else 0
    return f"nav:{site_id}:{current_language()}:{kind}"


def _menu_from_links(links: list[Any], locale: Locale | None) -> list[dict[str, str]]:
    if not links:
        return []
    keys = [link.page.translation_key for link in links]
    translated = {}
    if locale is not None:
        translated = {
            p.translation_key: p
            for p in Page.objects.filter(translation_key__in=keys, locale=locale).live()
        }
    menu = []
    for link in links:
        target = translated.get(link.page.translation_key)
        if target is None:
            if not link.page.live:
                continue
            target = link.page
        menu.append({"title": link.label or target.title, "page": target})
    return menu


def _build_menu(request: Any, kind: str, site: Site | None) -> list[dict[str, str]]:
    locale = Locale.objects.filter(language_code=current_language()).first()
    links = []
    if site is not None:
        nav = NavigationSettings.for_request(request)
        related = "header_links" if kind == "header" else "footer_links"
        links = list(getattr(nav, related).select_related("page"))
    menu = _menu_from_links(links, locale)
    if not menu and kind == "header" and site is not None and locale is not None:
        home = Page.objects.filter(
            translation_key=site.root_page.translation_key, locale=locale
        ).first()
        if home is not None:
            menu = [
                {"title": child.title, "page": child}
                for child in home.get_children().live().public().in_menu()
            ]
    return [{"title": item["title"], "url": item["page"].get_url(request)} for item in menu]


def _aria_current(url: str, path: str) -> str:
    """ "page" for the link to this page, "true" for a section the page is in, else ""."""
    if not url:
        return ""
    if url == path:
        return "page"
    # A section link (not the language's home page, /ja/) is current for pages below it.
    return "true" if url.count("/") > 2 and path.startswith(url) else ""


@register.simple_tag(takes_context=True)
def nav_links(context: dict[str, Any], kind: str = "header") -> list[dict[str, Any]]:
    """The header or footer menu in the current language, cached until pages change."""
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    menu = cached_until_purge(_nav_cache_key(kind, site), lambda: _build_menu(request, kind, site))
    return [{**item, "current": _aria_current(item["url"], request.path)} for item in menu]


@register.simple_tag(takes_context=True)
def page_url_of_type(context: dict[str, Any], model_label: str) -> str:
    """URL of the first live page of a type in the current language (cached), or ''."""
    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)

    def first_url() -> str:
        model = apps.get_model(model_label)
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=current_language())
            .order_by("path")
            .first()
        )
        return (page.get_url(request) or "") if page is not None else ""

    return cached_until_purge(_nav_cache_key(f"type:{model_label}", site), first_url)


@register.simple_tag(takes_context=True)
def privacy_policy_url(context: dict[str, Any]) -> str:
    """The privacy policy page chosen in the site settings, in the current language where it is
    translated (cached until the next publish), or ''. Linked wherever personal data is asked."""
    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)

    def url() -> str:
        page = SiteSettings.for_request(request).privacy_page
        if page is None:
            return ""
        localized = page.get_translation_or_none(
            Locale.objects.filter(language_code=current_language()).first() or page.locale
        )
        shown = localized if localized is not None and localized.live else page
        return (shown.get_url(request) or "") if shown.live else ""

    return cached_until_purge(_nav_cache_key(f"privacy:{current_language()}", site), url)


def _ancestor_crumbs(request: Any, page: Any) -> list[dict[str, str]]:
    """Titles and URLs of a page's ancestors below the tree root, cached until the next publish
    (a title, a move or an unpublished section changes them only then)."""

    def build() -> list[dict[str, str]]:
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request) or ""}
            for ancestor in page.get_ancestors().filter(depth__gte=2)
        ]

    return cached_until_purge(f"crumbs:{site_pk(request)}:{page.path}", build)


@register.simple_tag(takes_context=True)
def breadcrumbs(context: dict[str, Any], page: Any) -> list[dict[str, str]]:
    """The page's ancestors below the tree root (home first), as title/url pairs."""
    if page is None or not getattr(page, "pk", None):
        return []
    cached = getattr(page, "_breadcrumbs", None)
    if cached is not None:
        return cached
    request = context.get("request")
    crumbs = _ancestor_crumbs(request, page) if page.depth > 2 else []
    crumbs.append({"title": page.title, "url": page.get_url(request) or ""})
    page._breadcrumbs = crumbs
    return crumbs


@register.simple_tag(takes_context=True)
def parent_url(context: dict[str, Any], page: Any) -> str:
    """The URL of the page's parent, reusing the breadcrumbs' single query."""
    crumbs = breadcrumbs(context, page)
    return crumbs[-2]["url"] if len(crumbs) > 1 else ""
