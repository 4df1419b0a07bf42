"""Template tags and filters of the public site: images, menus, languages, SEO, formats, map."""

import functools
import json
import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language, gettext, ngettext
from wagtail.models import Locale, Page, Site

from home.generation import cached_until_purge
from home.models.images import RENDITION_SETS, rendition_filter, rendition_filters
from home.renditions import attach_renditions
from home.sites import site_pk

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
DATE_FORMATS = {"ja": "Y年n月j日", "en": "j F Y"}
SHORT_DATE_FORMATS = {"ja": "n月j日", "en": "j M"}
DATETIME_FORMATS = {"ja": "Y年n月j日 H:i", "en": "j F Y, H:i"}


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


# --- Images -------------------------------------------------------------------------------------


def _set_specs(set_name: str) -> tuple[list[str], list[str]]:
    group = RENDITION_SETS[set_name]
    return list(group.get("webp", [])), list(group.get("jpeg", []))


def _width_descriptor(rendition: Any) -> str:
    return f"{rendition.url} {rendition.width}w"


@register.simple_tag
def responsive_image(
    image: Any,
    set_name: str = "card",
    sizes: str = "100vw",
    alt: str | None = None,
    css_class: str = "",
    loading: str = "lazy",
    caption: str = "",
) -> SafeString:
    """A <picture> with webp sources and a jpeg fallback from RENDITION_SETS, in one lookup.

    An alt text that only repeats the image's visible caption is left empty: screen readers
    would otherwise read the same words twice (axe's and Lighthouse's image-redundant-alt)."""
    if not image:
        return mark_safe("")
    webp, jpeg = _set_specs(set_name)
    attach_renditions([image], [*webp, *jpeg])
    renditions = image.get_renditions(*rendition_filters(*webp, *jpeg))
    if alt is None:
        alt_for = getattr(image, "alt_text_for", None)
        alt = alt_for(_language()) if alt_for else getattr(image, "default_alt_text", "")
    alt_text = alt or ""
    if caption and alt_text.strip() == str(caption).strip():
        alt_text = ""
    fallback = renditions[jpeg[-1]]
    eager = loading == "eager"
    source = ""
    if webp:
        source = format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">',
            ", ".join(_width_descriptor(renditions[spec]) for spec in webp),
            sizes,
        )
    img = format_html(
        '<img src="{}" width="{}" height="{}" alt="{}"{}{} decoding="async"{}>',
        fallback.url,
        fallback.width,
        fallback.height,
        alt_text,
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' loading="{}"', "eager" if eager else "lazy"),
        mark_safe(' fetchpriority="high"') if eager else "",
    )
    return format_html("<picture>{}{}</picture>", source, img)


@register.simple_tag(takes_context=True)
def og_image_url(context: dict[str, Any], image: Any) -> str:
    """Absolute URL of the OpenGraph rendition of an image, or an empty string."""
    if not image:
        return ""
    spec = _set_specs("og")[1][0]
    attach_renditions([image], [spec])
    url = image.get_renditions(rendition_filter(spec))[spec].url
    request = context.get("request")
    return request.build_absolute_uri(url) if request and url.startswith("/") else url


@register.simple_tag
def prefetch_renditions(images: Iterable[Any], *set_names: str) -> str:
    """Load the renditions of many images at once (see home.renditions); prints nothing.
    Takes images, or blocks whose value is an image or holds one under "image"; skips the rest."""
    specs = [spec for name in set_names for group in _set_specs(name) for spec in group]
    pending = []
    for item in images or []:
        value = getattr(item, "value", item)
        image = value.get("image") if hasattr(value, "get") else value
        if hasattr(image, "get_rendition_model"):  # not a paragraph's text, say
            pending.append(image)
    attach_renditions(pending, specs)
    return ""


# --- Languages ----------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def page_translations(context: dict[str, Any], page: Any = None) -> list[dict[str, Any]]:
    """One entry per site language: its live translation of the page or that language's home."""
    request = context.get("request")
    current = _language()
    urls: dict[str, str | None] = {}
    if page is not None and getattr(page, "translation_key", None) and request is not None:
        urls = _translation_urls(request, page.translation_key)
    result = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None and page is None and request is not None:
            url = _translated_path(request.get_full_path(), code)
        result.append(
            {
                "code": code,
                "name": name,
                "url": url or f"/{code}/",
                "exists": url is not None,
                "full_url": (request.build_absolute_uri(url) if request and url else None),
                "current": code == current,
            }
        )
    return result


def _translation_urls(request: Any, translation_key: Any) -> dict[str, str | None]:
    """The URL of each live translation of a page, by language code; cached until the next
    publish, which is when one can appear, move or go."""

    def build() -> dict[str, str | None]:
        return {
            translation.locale.language_code: translation.get_url(request)
            for translation in Page.objects.filter(translation_key=translation_key)
            .live()
            .select_related("locale")
        }

    if getattr(request, "is_preview", False):
        return build()  # a new page's key is new on every preview: nothing worth keeping
    return cached_until_purge(f"translations:{site_pk(request)}:{translation_key}", build)


def _translated_path(path: str, language: str) -> str | None:
    """The same non-page URL (a booking or account view) in another language, if it exists."""
    translated = translate_url(path, language)
    return translated if translated != path or path.startswith(f"/{language}/") else None


@register.filter
def localized(obj: Any, field: str) -> str:
    """A settings field in the current language: its `_en` twin in English, when set."""
    if obj is None:
        return ""
    if _language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "") or ""


# --- Navigation ---------------------------------------------------------------------------------


def _nav_cache_key(kind: str, site: Site | None) -> str:
    site_id = site.pk if site else 0
    return f"nav:{site_id}:{_language()}:{kind}"


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
    from home.models import NavigationSettings

    locale = Locale.objects.filter(language_code=_language()).first()
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
    from django.apps import apps

    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)

    def first_url() -> str:
        model = apps.get_model(model_label)
        page = (
            model.objects.live()
            .public()
            .filter(locale__language_code=_language())
            .order_by("path")
            .first()
        )
        return (page.get_url(request) or "") if page is not None else ""

    return cached_until_purge(_nav_cache_key(f"type:{model_label}", site), first_url)


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


# --- Structured data ----------------------------------------------------------------------------


def _faq_ld(page: Any) -> dict[str, Any] | None:
    body = getattr(page, "body", None)
    if not body or not hasattr(body, "__iter__"):
        return None
    questions = []
    for block in body:
        if getattr(block, "block_type", None) != "faq":
            continue
        for item in block.value["items"]:
            questions.append(
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": str(item["answer"])},
                }
            )
    if not questions:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": questions}


def dumps_for_html(data: Any) -> str:
    """JSON that is safe inside a <script> element (<, > and & escaped)."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(JSON_ESCAPES)


@register.simple_tag(takes_context=True)
def json_ld(context: dict[str, Any], page: Any) -> SafeString:
    """<script type="application/ld+json"> with the page's schema.org data, FAQs and breadcrumbs."""
    if page is None:
        return mark_safe("")
    request = context.get("request")
    items: list[dict[str, Any]] = []
    data = page.json_ld(request) if hasattr(page, "json_ld") else None
    if isinstance(data, dict):
        items.append(data)
    elif isinstance(data, list):
        items.extend(data)
    faq = _faq_ld(page)
    if faq:
        items.append(faq)
    crumbs = breadcrumbs(context, page)
    if len(crumbs) > 1 and request is not None:
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": index,
                        "name": crumb["title"],
                        "item": request.build_absolute_uri(crumb["url"]),
                    }
                    for index, crumb in enumerate(crumbs, start=1)
                ],
            }
        )
    if not items:
        return mark_safe("")
    payload = items[0] if len(items) == 1 else items
    return mark_safe(f'<script type="application/ld+json">{dumps_for_html(payload)}</script>')


# --- Formats ------------------------------------------------------------------------------------


@register.filter
def yen(value: Any) -> str:
    """An integer amount of yen as "¥3,300"; empty for None."""
    if value is None or value == "":
        return ""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return f"¥{amount:,}"


@register.filter
def local_date(value: date | datetime | None, style: str = "long") -> str:
    """A date (or aware datetime, shown in Asia/Tokyo) in the current language's usual format."""
    if not value:
        return ""
    if isinstance(value, datetime) and is_aware(value):
        value = localtime(value)
    table = {"long": DATE_FORMATS, "short": SHORT_DATE_FORMATS, "datetime": DATETIME_FORMATS}
    fmt = table.get(style, DATE_FORMATS).get(_language(), DATE_FORMATS["en"])
    return date_format(value, fmt)


@register.filter
def duration(minutes: Any) -> str:
    """Minutes as "1時間15分" in Japanese or "1 h 15 min" in English."""
    try:
        total = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, mins = divmod(total, 60)
    if _language() == "ja":
        return (f"{hours}時間" if hours else "") + (f"{mins}分" if mins or not hours else "")
    parts = ([f"{hours} h"] if hours else []) + ([f"{mins} min"] if mins or not hours else [])
    return " ".join(parts)


@register.filter
def month_name(month: Any) -> str:
    """The name of a month number (1–12) in the current language."""
    try:
        number = int(month)
    except (TypeError, ValueError):
        return ""
    if not 1 <= number <= 12:
        return ""
    if _language() == "ja":
        return f"{number}月"
    return formats.date_format(date(2000, number, 1), "F")


@register.filter
def time_hm(value: Any) -> str:
    """A time as 24-hour HH:MM."""
    return value.strftime("%H:%M") if value else ""


@register.filter
def people(value: Any) -> str:
    """A count of people ("5名" / "5 people")."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


@register.filter
def page_kind(page: Any) -> str:
    """The model name of a page ("officepage"), for CSS classes and labels."""
    return page._meta.model_name if page is not None else ""


@register.filter
def kind_label(page: Any) -> str:
    """A short translated label for a page's type, shown on cards."""
    labels = {
        "areapage": gettext("Area"),
        "officepage": gettext("Co-working"),
        "experiencepage": gettext("Experience"),
        "staypage": gettext("Stay"),
        "partnerpage": gettext("Partner"),
        "modelplanpage": gettext("Model plan"),
    }
    if page is None:
        return ""
    if page._meta.model_name == "storypage":
        return page.get_kind_display()
    return labels.get(page._meta.model_name, "")


@register.filter
def group_by_kind(amenities: Iterable[Any]) -> list[dict[str, Any]]:
    """Amenities grouped by kind, in the kinds' declared order, with translated labels."""
    from workation.models import Amenity

    groups: dict[str, list[Any]] = {}
    for amenity in amenities or []:
        groups.setdefault(amenity.kind, []).append(amenity)
    return [
        {"kind": kind, "label": label, "items": groups[kind]}
        for kind, label in Amenity.Kind.choices
        if kind in groups
    ]


# --- Map ----------------------------------------------------------------------------------------

# Wakayama prefecture's outline, approximate, as (longitude, latitude), clockwise from Kada.
WAKAYAMA_OUTLINE: list[tuple[float, float]] = [
    (135.06, 34.27),
    (135.10, 34.30),
    (135.16, 34.31),
    (135.22, 34.33),
    (135.29, 34.32),
    (135.36, 34.33),
    (135.42, 34.35),
    (135.49, 34.36),
    (135.56, 34.37),
    (135.62, 34.36),
    (135.67, 34.34),
    (135.70, 34.30),
    (135.68, 34.25),
    (135.66, 34.19),
    (135.69, 34.13),
    (135.67, 34.07),
    (135.62, 34.02),
    (135.60, 33.96),
    (135.64, 33.91),
    (135.70, 33.88),
    (135.76, 33.88),
    (135.81, 33.90),
    (135.86, 33.89),
    (135.89, 33.85),
    (135.93, 33.80),
    (135.97, 33.76),
    (136.00, 33.72),
    (135.99, 33.68),
    (135.96, 33.65),
    (135.94, 33.62),
    (135.95, 33.59),
    (135.92, 33.56),
    (135.87, 33.52),
    (135.82, 33.49),
    (135.78, 33.46),
    (135.76, 33.43),
    (135.72, 33.45),
    (135.67, 33.48),
    (135.61, 33.51),
    (135.55, 33.53),
    (135.50, 33.55),
    (135.45, 33.58),
    (135.40, 33.62),
    (135.36, 33.66),
    (135.34, 33.69),
    (135.37, 33.72),
    (135.35, 33.75),
    (135.31, 33.78),
    (135.26, 33.82),
    (135.20, 33.85),
    (135.15, 33.88),
    (135.07, 33.88),
    (135.06, 33.92),
    (135.11, 33.96),
    (135.15, 34.00),
    (135.18, 34.04),
    (135.13, 34.08),
    (135.14, 34.12),
    (135.19, 34.15),
    (135.15, 34.19),
    (135.15, 34.23),
    (135.10, 34.24),
]
MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = 134.98, 136.06, 33.40, 34.40
MAP_SCALE = 1000.0
MAP_COS = math.cos(math.radians((MAP_SOUTH + MAP_NORTH) / 2))


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular projection (with the cos(latitude) correction) into the map's viewBox."""
    x = (longitude - MAP_WEST) * MAP_COS * MAP_SCALE
    y = (MAP_NORTH - latitude) * MAP_SCALE
    return round(x, 1), round(y, 1)


@register.inclusion_tag("includes/area_map.html", takes_context=True)
def area_map(context: dict[str, Any], areas: Iterable[Any], current: Any = None) -> dict[str, Any]:
    """An inline SVG map of the prefecture with a linked marker per area, and a plain list."""
    request = context.get("request")
    width, height = project(MAP_EAST, MAP_SOUTH)
    current_pk = getattr(current, "pk", None)
    markers = []
    for area in areas or []:
        if area.latitude is None or area.longitude is None:
            continue
        x, y = project(float(area.longitude), float(area.latitude))
        anchor = "end" if x > width * 0.62 else "start"
        markers.append(
            {
                "area": area,
                "url": area.get_url(request),
                "x": x,
                "y": y,
                "label_x": x - 16 if anchor == "end" else x + 16,
                "anchor": anchor,
                "current": area.pk == current_pk,
            }
        )
    outline = " ".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in WAKAYAMA_OUTLINE))
    return {
        "markers": markers,
        "outline": outline,
        "width": width,
        "height": height,
        "request": request,
        "current": current,
    }


@functools.cache
def _sprite_url() -> str:
    """The sprite's (hashed) static URL: fixed for a deployment, so looked up once per process
    instead of once per icon."""
    from django.templatetags.static import static

    return static("icons.svg")


@register.simple_tag
def icon(name: str, css_class: str = "icon", label: str = "") -> SafeString:
    """An icon from the SVG sprite; decorative unless a label is given."""
    href = f"{_sprite_url()}#{name or 'dot'}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            css_class,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        css_class,
        href,
    )


@register.simple_tag
def attrs_join(items: Iterable[Any], sep: str = ", ") -> str:
    """Join the string forms of items (e.g. languages) with a separator."""
    return sep.join(str(item) for item in items or [])


@register.filter
def transport_mode(code: str) -> str:
    """The translated name of a transport mode code (air, rail, bus, car, ferry)."""
    from workation.blocks import TRANSPORT_MODES

    return str(dict(TRANSPORT_MODES).get(code, code))


@register.simple_tag
def live_areas(page: Any) -> list[Any]:
    """The live area guides in the page's language, for the map (cached until the next purge)."""
    from workation.models import AreaPage

    return cached_until_purge(
        f"live-areas:{page.locale_id}",
        lambda: list(
            AreaPage.objects.live()
            .filter(locale_id=page.locale_id)
            .defer_streamfields()
            .order_by("path")
        ),
    )


@register.simple_tag(takes_context=True)
def parent_url(context: dict[str, Any], page: Any) -> str:
    """The URL of the page's parent, reusing the breadcrumbs' single query."""
    crumbs = breadcrumbs(context, page)
    return crumbs[-2]["url"] if len(crumbs) > 1 else ""


@register.filter
def form_value(data: dict[str, Any], key: str) -> str:
    """A submitted form value as text (lists joined with commas), for e-mails."""
    value = (data or {}).get(key, "")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if value is True:
        return "✓"
    if value is False or value is None:
        return ""
    return str(value)


@register.simple_tag
def form_widget(field: Any) -> str:
    """A form field's widget with aria-describedby pointing at its help text and errors."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs: dict[str, Any] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)
