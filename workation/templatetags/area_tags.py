"""Area guides in templates: the live areas for the map, and the names of the transport modes
on an area's access routes."""

from typing import Any

from django import template

from core.generation import cached_until_purge
from workation.blocks import TRANSPORT_MODES
from workation.models import AreaPage

register = template.Library()


@register.simple_tag
def live_areas(page: Any) -> list[Any]:
    """The live area guides in the page's language, for the map (cached until the next purge)."""
    return cached_until_purge(
        f"live-areas:{page.locale_id}",
        lambda: list(
            AreaPage.objects.live()
            .filter(locale_id=page.locale_id)
            .defer_streamfields()
            .order_by("path")
        ),
    )


@register.filter
def transport_mode(code: str) -> str:
    """The translated name of a transport mode code (air, rail, bus, car, ferry)."""
    return str(dict(TRANSPORT_MODES).get(code, code))
