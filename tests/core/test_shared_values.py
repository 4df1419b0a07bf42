"""Values kept until the next publish: built once, held in each process, never stale."""

from unittest import mock

import pytest
from django.core.cache import caches

from core.generation import cached_until_purge, current_generation, purge_pages
from tests.caching import clear_caches


class Builder:
    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_value_is_built_once_until_the_next_purge():
    build = Builder(["白浜", "田辺"])
    assert cached_until_purge("menu", build) == ["白浜", "田辺"]
    assert cached_until_purge("menu", build) == ["白浜", "田辺"]
    assert build.calls == 1
    purge_pages()
    build.value = ["白浜", "田辺", "高野山"]
    assert cached_until_purge("menu", build) == ["白浜", "田辺", "高野山"]
    assert build.calls == 2


def test_the_process_keeps_its_own_copy_without_asking_the_shared_cache():
    cached_until_purge("site", Builder({"id": 1}))
    asked = AssertionError("asked the shared cache")
    with (
        mock.patch.object(caches["default"], "get", side_effect=asked),
        mock.patch.object(caches["default"], "get_many", side_effect=asked),
    ):
        assert cached_until_purge("site", Builder({"id": 2})) == {"id": 1}


def test_every_caller_gets_a_copy_of_its_own():
    cached_until_purge("crumbs", Builder([{"title": "ホーム"}]))
    mine = cached_until_purge("crumbs", Builder(None))
    mine.append({"title": "changed by one request"})
    assert cached_until_purge("crumbs", Builder(None)) == [{"title": "ホーム"}]


def test_nothing_found_is_not_kept():
    build = Builder(None)
    assert cached_until_purge("route:/ja/nowhere/", build) is None
    assert cached_until_purge("route:/ja/nowhere/", build) is None
    assert build.calls == 2


@pytest.mark.django_db
def test_an_emptied_cache_never_brings_back_values_of_an_earlier_generation():
    cached_until_purge("home", Builder("before"))
    before = current_generation()
    clear_caches()  # Redis restarted or flushed: the counter is gone
    after = current_generation()
    assert after not in (None, before)  # a new token, not a counter starting again
    assert cached_until_purge("home", Builder("after")) == "after"


def test_each_purge_makes_a_new_generation():
    seen = {current_generation()}
    for _ in range(3):
        purge_pages()
        seen.add(current_generation())
    assert len(seen) == 4


@pytest.mark.django_db
def test_when_the_cache_cannot_tell_the_generation_nothing_is_kept():
    build = Builder("fresh")
    with (
        mock.patch.object(caches["pages"], "get", return_value=None),
        mock.patch.object(caches["pages"], "add", return_value=False),
    ):
        assert current_generation() is None
        assert cached_until_purge("menu", build) == "fresh"
        assert cached_until_purge("menu", build) == "fresh"
    assert build.calls == 2


def test_each_process_keeps_a_bounded_number_of_bytes():
    from core.generation import _LocalValues

    local = _LocalValues(size=600)
    for number in range(10):
        local.set("g1", f"key{number}", "x" * 100)
    assert local.used <= 600
    assert local.get("g1", "key0") is None  # the oldest went first
    assert local.get("g1", "key9") == "x" * 100


def test_a_process_drops_its_copies_when_the_generation_changes():
    from core.generation import _LocalValues

    local = _LocalValues(size=10_000)
    local.set("g1", "menu", ["old"])
    assert local.get("g2", "menu") is None
    assert local.get("g1", "menu") is None  # gone, even if an old token came back
    assert local.used == 0


def test_a_purge_is_logged_only_when_the_cache_did_not_take_it(caplog):
    with caplog.at_level("ERROR", logger="core.generation"):
        purge_pages()
    assert not caplog.records
    with (
        mock.patch.object(caches["pages"], "set", return_value=None),
        mock.patch.object(caches["pages"], "get", return_value=None),
        caplog.at_level("ERROR", logger="core.generation"),
    ):
        purge_pages()
    assert "Could not purge" in caplog.text
