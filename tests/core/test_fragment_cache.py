"""Shared parts of pages (card grids, the area map and search form) are kept until a publish."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.generation import purge_pages
from tests.factories import OfficePageFactory
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

FRAGMENT = Template(
    "{% load fragment_tags %}{% cache_until_publish 'test' key %}{{ value }}"
    "{% endcache_until_publish %}"
)


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home, images=True)


def render(request, value, key="a") -> str:
    return FRAGMENT.render(Context({"request": request, "value": value, "key": key}))


@pytest.fixture
def request_(site):
    request = RequestFactory().get("/ja/")
    request._wagtail_site = site
    return request


def test_a_fragment_is_rendered_once_until_the_next_publish(request_):
    assert render(request_, "first") == "first"
    assert render(request_, "second") == "first"
    purge_pages()
    assert render(request_, "third") == "third"


def test_fragments_are_kept_apart_by_what_they_vary_on_and_by_language(request_):
    assert render(request_, "ja-a", key="a") == "ja-a"
    assert render(request_, "ja-b", key="b") == "ja-b"
    with translation.override("en"):
        assert render(request_, "en-a", key="a") == "en-a"
    assert render(request_, "again", key="a") == "ja-a"


def test_previews_and_requestless_renders_are_never_cached(request_):
    request_.is_preview = True
    assert render(request_, "draft 1") == "draft 1"
    assert render(request_, "draft 2") == "draft 2"
    assert render(None, "mail 1") == "mail 1"
    assert render(None, "mail 2") == "mail 2"


def test_the_fragment_cache_can_be_switched_off(request_, settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    assert render(request_, "one") == "one"
    assert render(request_, "two") == "two"


def test_the_home_page_cards_come_from_the_cache_on_the_next_visit(client, tree):
    first = client.get(tree.home.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(tree.home.url)
    assert second.content == first.content
    assert tree.office.title in second.content.decode()
    card_tables = ("workation_officepage", "workation_areapage", "workation_storypage")
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in card_tables)]


def test_publishing_a_featured_office_puts_it_on_the_home_page(
    client, tree, django_capture_on_commit_callbacks
):
    assert client.get(tree.home.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        office = OfficePageFactory(
            parent=tree.partner, title="串本ベイオフィス", area=tree.area, featured=True
        )
        office.save_revision().publish()
    assert "串本ベイオフィス" in client.get(tree.home.url).content.decode()


def test_renaming_an_area_renames_it_on_its_offices(
    client, tree, django_capture_on_commit_callbacks
):
    assert tree.area.title in client.get(tree.office.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        tree.area.title = "南紀白浜"
        tree.area.save_revision().publish()
    assert "南紀白浜" in client.get(tree.office.url).content.decode()


def test_deleting_a_featured_office_takes_it_off_the_home_page(
    client, tree, django_capture_on_commit_callbacks
):
    assert tree.office.title in client.get(tree.home.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        tree.office.delete()
    assert tree.office.title not in client.get(tree.home.url).content.decode()
