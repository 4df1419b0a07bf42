"""The content layer answers every question of the booking engine's interface (booking.content),
and the settings name that answer."""

import inspect

from django.utils import translation

from booking.content import Content, content
from workation.adapters import WorkationContent


def test_the_configured_content_is_the_workation_adapter():
    assert isinstance(content(), WorkationContent)


def test_the_adapter_implements_every_method_of_the_interface_with_its_parameters():
    wanted = {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(Content, inspect.isfunction)
        if not name.startswith("_")
    }
    assert wanted, "the interface declares no method"
    for name, signature in wanted.items():
        implemented = getattr(WorkationContent, name, None)
        assert implemented is not None, f"WorkationContent lacks {name}"
        assert list(inspect.signature(implemented).parameters) == list(signature.parameters)


def test_area_names_are_given_in_the_active_language(tree, home_en, translate_page):
    translate_page(tree.area_index, title="Areas")
    translate_page(tree.area, title="Shirahama")
    with translation.override("en"):
        assert content().area_names([tree.area.pk]) == {tree.area.pk: "Shirahama"}
    with translation.override("ja"):
        assert content().area_names([tree.area.pk]) == {tree.area.pk: "白浜"}
    assert content().area_names([]) == {}
