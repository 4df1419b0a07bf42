"""Structured data in templates: the page's schema.org JSON-LD for search engines, with its FAQs
and breadcrumb trail."""

import json
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from core import links
from core.templatetags.navigation_tags import breadcrumbs

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


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
                        "item": links.absolute(crumb["url"]),
                    }
                    for index, crumb in enumerate(crumbs, start=1)
                ],
            }
        )
    if not items:
        return mark_safe("")
    payload = items[0] if len(items) == 1 else items
    return mark_safe(f'<script type="application/ld+json">{dumps_for_html(payload)}</script>')
