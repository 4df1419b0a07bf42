"""Images in templates: responsive <picture> elements and OpenGraph URLs from the rendition sets,
and loading many images' renditions at once."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core import links
from core.models.images import RENDITION_SETS, rendition_filter, rendition_filters
from core.renditions import attach_renditions
from core.templatetags.language_tags import current_language

register = template.Library()


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
        alt = alt_for(current_language()) if alt_for else getattr(image, "default_alt_text", "")
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
    return links.absolute(url)


@register.simple_tag
def prefetch_renditions(images: Iterable[Any], *set_names: str) -> str:
    """Load the renditions of many images at once (see core.renditions); prints nothing.
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
