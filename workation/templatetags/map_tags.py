"""The area map in templates: an inline SVG of Wakayama prefecture with a linked marker per area."""

import math
from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()

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


@register.inclusion_tag("workation/area_map.html", takes_context=True)
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
