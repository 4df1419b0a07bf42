"""What pages point at (area guides, images, locales, chosen pages) comes from the cache."""

import pytest
from django.contrib.contenttypes.models import ContentType

from core.routing import _load
from core.shared_objects import shared_objects
from tests.factories import block
from tests.trees import build_tree, image_with_renditions
from workation.models import AreaPage, OfficePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home, images=True)


def load(page):
    return _load(page.pk, ContentType.objects.get_for_model(page.specific_class).pk)


def test_a_routed_page_costs_one_query_and_nothing_for_what_it_points_at(
    tree, django_assert_num_queries
):
    load(tree.office)  # fills the cache
    with django_assert_num_queries(1):
        office = load(tree.office)
        assert office.area.title == tree.area.title
        assert office.listing_image.file.name == tree.office.listing_image.file.name
        assert office.locale.language_code == "ja"


def test_shared_pages_are_kept_without_their_bodies(tree, django_assert_num_queries):
    area = shared_objects(AreaPage, [tree.area.pk])[tree.area.pk]
    assert {"body", "access", "highlights"} <= area.get_deferred_fields()
    with django_assert_num_queries(0):
        assert area.title == tree.area.title
        assert area.url_path == tree.area.url_path


def test_missing_objects_are_left_out_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = shared_objects(OfficePage, [tree.office.pk, 999_999, None])
    assert list(found) == [tree.office.pk]


def test_images_chosen_in_a_gallery_are_read_from_the_cache(tree, django_assert_num_queries):
    images = [image_with_renditions() for _ in range(3)]
    office = OfficePage.objects.get(pk=tree.office.pk)
    office.gallery = [block("image", {"image": image.pk, "caption": ""}) for image in images]
    office.save()
    assert [b.value["image"].pk for b in OfficePage.objects.get(pk=office.pk).gallery] == [
        image.pk for image in images
    ]
    fresh = OfficePage.objects.get(pk=office.pk)
    with django_assert_num_queries(0):
        chosen = [b.value["image"] for b in fresh.gallery]
    assert [image.pk for image in chosen] == [image.pk for image in images]
    assert chosen[0] is not chosen[1]
