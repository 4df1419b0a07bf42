"""Icons in templates: inline SVG references into the static icon sprite."""

import functools

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@functools.cache
def _sprite_url() -> str:
    """The sprite's (hashed) static URL: fixed for a deployment, so looked up once per process
    instead of once per icon."""
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
