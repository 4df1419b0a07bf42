"""Pages run a small, fixed number of SQL queries, however many cards or blocks they show.

Each listing page is measured with a few items, then with more: the count must not move
(no query per card) and must stay within the budget. Measured on a warm request (the site,
navigation and rendition caches filled by one request before), as visitors get it, and again
with the fragment cache off, so that the card grids it keeps are rendered (and their queries
counted) every time.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.caching import clear_caches
from tests.factories import (
    AmenityFactory,
    AreaPageFactory,
    ExperiencePageFactory,
    LanguageFactory,
    ModelPlanPageFactory,
    OfficePageFactory,
    PartnerPageFactory,
    StayPageFactory,
    StoryPageFactory,
    block,
    faq,
    paragraph,
)
from tests.trees import build_tree, image_with_renditions

pytestmark = pytest.mark.django_db

BUDGET = 12


def queries_for(client, url) -> CaptureQueriesContext:
    """The SQL of one warm anonymous GET of `url` (after a first GET filled the caches)."""
    clear_caches()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    ctx.response = response
    return ctx


def describe(ctx) -> str:
    return "\n".join(f"{i + 1}. {q['sql']}" for i, q in enumerate(ctx.captured_queries))


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home, images=True)


def add_listings(tree, n: int) -> list:
    """`n` more offices, experiences and stays (featured, with images) under a new partner."""
    partner = PartnerPageFactory(
        parent=tree.partner_index, area=tree.area, listing_image=image_with_renditions()
    )
    created = [partner]
    for _ in range(n):
        for factory in (OfficePageFactory, ExperiencePageFactory, StayPageFactory):
            created.append(
                factory(
                    parent=partner,
                    area=tree.area,
                    featured=True,
                    listing_image=image_with_renditions(),
                )
            )
    return created


def add_areas(tree, n: int) -> list:
    return [
        AreaPageFactory(parent=tree.area_index, listing_image=image_with_renditions())
        for _ in range(n)
    ]


def add_stories(tree, n: int) -> list:
    return [
        StoryPageFactory(
            parent=tree.story_index,
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            listing_image=image_with_renditions(),
        )
        for i in range(n)
    ]


def add_plans(tree, n: int) -> list:
    return [
        ModelPlanPageFactory(parent=tree.plan_index, listing_image=image_with_renditions())
        for _ in range(n)
    ]


def add_partners(tree, n: int) -> list:
    return [
        PartnerPageFactory(parent=tree.partner_index, listing_image=image_with_renditions())
        for _ in range(n)
    ]


LISTING_PAGES = [
    # (page in the tree, how to add items it lists)
    ("home", lambda t, n: add_listings(t, n) + add_areas(t, n) + add_stories(t, n)),
    ("area_index", add_areas),
    ("area", add_listings),
    ("partner_index", add_partners),
    ("partner", None),  # more listings under the same partner, see below
    ("offices", add_listings),
    ("experiences", add_listings),
    ("stays", add_listings),
    ("story_index", add_stories),
    ("plan_index", add_plans),
]


def add_to_partner(tree, n: int) -> list:
    return [
        factory(parent=tree.partner, area=tree.area, listing_image=image_with_renditions())
        for _ in range(n)
        for factory in (OfficePageFactory, ExperiencePageFactory, StayPageFactory)
    ]


@pytest.fixture(params=["fragments", "no-fragments"])
def fragments(request, settings):
    """Both ways a page is rendered: shared fragments from the cache, or everything afresh."""
    settings.FRAGMENT_CACHE_ENABLED = request.param == "fragments"
    return request.param


@pytest.mark.parametrize(("name", "add"), LISTING_PAGES, ids=[n for n, _ in LISTING_PAGES])
def test_listing_page_query_count_does_not_grow_with_its_items(client, tree, name, add, fragments):
    add = add or add_to_partner
    url = getattr(tree, name).url
    add(tree, 1)
    few = queries_for(client, url)
    added = add(tree, 3)
    many = queries_for(client, url)

    shown = [page for page in added if page.title in many.response.content.decode()]
    assert shown, f"none of the added items appear on {url}"
    assert len(many) == len(few), (
        f"{url}: {len(few)} queries with few items, {len(many)} with more:\n{describe(many)}"
    )
    assert len(many) <= BUDGET, f"{url}: {len(many)} queries:\n{describe(many)}"


@pytest.fixture
def rich_details(tree):
    """Detail pages filled the way editors fill them: amenities, languages, galleries, tags."""
    amenities = [AmenityFactory() for _ in range(3)]
    languages = [
        LanguageFactory(code="ja", name="日本語"),
        LanguageFactory(code="en", name="English"),
    ]
    gallery = [
        block("image", {"image": image_with_renditions().pk, "caption": "眺め", "alt_text": ""})
        for _ in range(3)
    ]
    for page in (tree.office, tree.experience, tree.stay):
        page.amenities.set(amenities)
        page.languages.set(languages)
        page.gallery = gallery
        page.body = [paragraph("<p>説明</p>"), faq(("Wi-Fiは？", "あります。"))]
        page.save()
    tree.story.tags.add("エンジニア", "チーム")
    tree.story.save()
    tree.area.highlights = [
        block(
            "highlight",
            {"title": f"見どころ{i}", "text": "説明", "image": image_with_renditions().pk},
        )
        for i in range(3)
    ]
    tree.area.save()
    return tree


@pytest.mark.parametrize("name", ["office", "experience", "stay", "story", "event", "plan", "area"])
def test_detail_page_stays_within_the_query_budget(client, rich_details, name, fragments):
    url = getattr(rich_details, name).url
    ctx = queries_for(client, url)
    assert len(ctx) <= BUDGET, f"{url}: {len(ctx)} queries:\n{describe(ctx)}"


def test_form_and_info_pages_stay_within_the_query_budget(client, tree):
    for page in (tree.form, tree.info):
        ctx = queries_for(client, page.url)
        assert len(ctx) <= BUDGET, f"{page.url}: {len(ctx)} queries:\n{describe(ctx)}"
