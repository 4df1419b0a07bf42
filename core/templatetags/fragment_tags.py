"""`{% cache_until_publish "name" vary_on… %}`: a fragment kept until the next publish.

For the parts of a page that show *other* pages and shared lists (card grids, the area map,
the area search form): they are the same for every visitor, they change only when something is
published, and they cost most of a page's queries and rendering. The fragment is stored with
`cached_until_purge`, so its key holds the page-cache generation (bumped on every publish, move,
settings, image or offer change) and a publish anywhere makes every fragment stale at once; the
language, the site and what the tag names complete the key. As Wagtail's `{% wagtailcache %}`
does, previews and renders without a request are never cached. FRAGMENT_CACHE_ENABLED=false
turns fragments off (every render runs its queries), for measuring and debugging.
"""

import hashlib

from django import template
from django.conf import settings
from django.template import Context
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.translation import get_language

from core.generation import cached_until_purge
from core.sites import site_pk

register = template.Library()


class CacheUntilPublishNode(template.Node):
    """Render the enclosed template once per generation, language, site and `vary_on`."""

    def __init__(self, nodelist: NodeList, name: str, vary_on: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: Context) -> str:
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or not settings.FRAGMENT_CACHE_ENABLED
        ):
            return self.nodelist.render(context)
        parts = [str(var.resolve(context)) for var in self.vary_on]
        parts += [get_language() or "", str(site_pk(request))]
        digest = hashlib.md5(":".join(parts).encode(), usedforsecurity=False).hexdigest()
        return cached_until_purge(
            f"fragment:{self.name}:{digest}", lambda: self.nodelist.render(context)
        )


@register.tag("cache_until_publish")
def do_cache_until_publish(parser: Parser, token: Token) -> CacheUntilPublishNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    nodelist = parser.parse(("endcache_until_publish",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return CacheUntilPublishNode(nodelist, bits[1].strip("\"'"), vary_on)
