"""Index pages answer any query string (filters, pages) with a page, never a server error."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import StoryPageFactory
from tests.html import visible_text

pytestmark = pytest.mark.django_db

ANY_TEXT = st.text(max_size=120) | st.sampled_from(["", "0", "-1", "999999", "1.5", "%00", "ä"])
QUERIES = st.dictionaries(st.sampled_from(["page", "area", "tag", "kind"]), ANY_TEXT, max_size=4)


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_story_and_listing_indexes_accept_any_query_string(client, tree, query):
    for page in (tree.story_index, tree.offices, tree.stays, tree.experiences):
        response = client.get(page.url, query)
        # 400 is the clear answer to NUL characters (core.middleware); never a 500.
        assert response.status_code in (200, 400, 404), (page.url, query, response.status_code)


@pytest.mark.parametrize("value", ["0", "-3", "abc", "99999999999999999999", "1e3", ""])
def test_out_of_range_story_pages_show_a_real_page_of_stories(client, tree, value):
    response = client.get(tree.story_index.url, {"page": value})
    assert response.status_code == 200
    assert tree.story.title in visible_text(response)


def test_story_index_filters_by_kind(client, tree):
    text = visible_text(client.get(tree.story_index.url, {"kind": "event"}))
    assert tree.event.title in text
    assert tree.story.title not in text


def test_story_index_filters_by_tag(client, tree):
    tagged = StoryPageFactory(parent=tree.story_index, title="海辺の合宿")
    tagged.tags.add("team")
    tagged.save()
    text = visible_text(client.get(tree.story_index.url, {"tag": "team"}))
    assert "海辺の合宿" in text
    assert tree.story.title not in text


def test_listing_index_filters_by_area(client, tree):
    from tests.factories import AreaPageFactory, OfficePageFactory

    koya = AreaPageFactory(parent=tree.area_index, title="高野山", slug="koyasan")
    OfficePageFactory(parent=tree.partner, title="宿坊ワークスペース", area=koya)
    text = visible_text(client.get(tree.offices.url, {"area": "koyasan"}))
    assert "宿坊ワークスペース" in text
    assert tree.office.title not in text
    everything = visible_text(client.get(tree.offices.url, {"area": "no-such-area"}))
    assert "宿坊ワークスペース" in everything and tree.office.title in everything


@pytest.mark.parametrize("name", ["tag", "area", "kind", "page"])
def test_nul_byte_in_a_filter_is_harmless(client, tree, name):
    for page in (tree.story_index, tree.offices):
        assert client.get(page.url, {name: "a\x00b"}).status_code in (200, 400, 404)
