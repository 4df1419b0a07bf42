"""Amenities in templates: an office's or stay's amenities grouped by kind."""

from collections.abc import Iterable
from typing import Any

from django import template

from workation.models import Amenity

register = template.Library()


@register.filter
def group_by_kind(amenities: Iterable[Any]) -> list[dict[str, Any]]:
    """Amenities grouped by kind, in the kinds' declared order, with translated labels."""
    groups: dict[str, list[Any]] = {}
    for amenity in amenities or []:
        groups.setdefault(amenity.kind, []).append(amenity)
    return [
        {"kind": kind, "label": label, "items": groups[kind]}
        for kind, label in Amenity.Kind.choices
        if kind in groups
    ]
