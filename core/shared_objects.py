"""Objects many pages point at (images, area guides, categories, locales), from the cache.

A page's own row is read from the database on every request, but what it points at is shared
by many pages and changes only when it is published or saved, which purges (see core.signals).
So those objects are kept until the next purge, in this process and in the shared cache, and
looked up many at a time: a page costs no query for its area guide, its images or its locale.
A page kept this way is kept without its body (long text and StreamField columns): pages that
point at it show its title and link.
"""

import copy
import functools
from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

from .generation import cached_many_until_purge


@functools.cache
def large_fields(model: type[models.Model]) -> tuple[str, ...]:
    """A page type's own long text and StreamField columns (not Page's, such as url_path)."""
    if not issubclass(model, Page):
        return ()
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
        or (isinstance(field, models.TextField) and field.model is not Page)
    )


def shared_objects(model: type[models.Model], pks: Iterable[Any]) -> dict[Any, models.Model]:
    """The objects of `model` with these primary keys, by key; missing ones are left out.
    One query at most (for those neither in memory nor in the shared cache)."""
    wanted = {pk for pk in pks if pk is not None}
    label = model._meta.label_lower
    return cached_many_until_purge(
        {f"object:{label}:{pk}": pk for pk in wanted},
        lambda missing: model._base_manager.defer(*large_fields(model)).in_bulk(missing),
    )


def attach_shared(obj: models.Model, names: Iterable[str]) -> None:
    """Fill the foreign keys `names` of `obj` from the shared objects (one lookup per model),
    so that reading them costs no query."""
    by_model: dict[type[models.Model], list[models.ForeignKey]] = {}
    for name in names:
        field = obj._meta.get_field(name)
        if getattr(obj, field.attname) is not None:
            by_model.setdefault(field.related_model, []).append(field)
    for model, fields in by_model.items():
        found = shared_objects(model, [getattr(obj, field.attname) for field in fields])
        for field in fields:
            target = found.get(getattr(obj, field.attname))
            if target is not None:
                field.set_cached_value(obj, copy.copy(target))
