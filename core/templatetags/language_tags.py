"""The site's languages in templates: links to a page in every language (the language switch,
hreflang) and settings text in the current language."""

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from core import links
from core.generation import cached_until_purge
from core.sites import site_pk

register = template.Library()


def current_language() -> str:
    """The current language without its region ("ja", "en")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.simple_tag(takes_context=True)
def page_translations(context: dict[str, Any], page: Any = None) -> list[dict[str, Any]]:
    """One entry per site language: its live translation of the page or that language's home."""
    request = context.get("request")
    current = current_language()
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
                "full_url": links.absolute(url) if url else None,
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
    if current_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "") or ""
