"""Values kept until the next publish: built once, held in each process, never stale."""

from unittest import mock

import pytest
from django.core.cache import caches

from home.cache import cached_until_purge, current_generation, purge_pages
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
    with mock.patch.object(caches["default"], "get", side_effect=AssertionError("asked")):
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
    assert after != before
    assert after > before  # a fresh counter starts from the clock, not from 0 or 1
    assert cached_until_purge("home", Builder("after")) == "after"
