"""Renditions are made when an image is saved, so no visitor waits for one."""

import pytest

from core.models import CustomRendition
from core.models.images import all_rendition_specs
from tests.factories import ImageFactory
from tests.trees import build_tree

pytestmark = pytest.mark.django_db


def test_saving_an_image_makes_every_rendition_the_templates_use(
    celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(file__width=1600, file__height=1000)

    made = set(CustomRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(all_rendition_specs())


def test_small_images_still_get_every_rendition(celery_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(file__width=40, file__height=30)
    assert CustomRendition.objects.filter(image=image).count() == len(all_rendition_specs())


def test_rendition_specs_are_distinct_and_valid():
    from wagtail.images.models import Filter

    specs = all_rendition_specs()
    assert len(specs) == len(set(specs))
    for spec in specs:
        assert Filter(spec=spec).operations, spec


def test_pages_only_ask_for_renditions_made_ahead(client, home, site_settings):
    tree = build_tree(home, images=True)
    before = CustomRendition.objects.count()
    for page in (
        tree.home,
        tree.area_index,
        tree.area,
        tree.partner,
        tree.office,
        tree.offices,
        tree.story_index,
        tree.story,
        tree.plan_index,
        tree.plan,
    ):
        assert client.get(page.url).status_code == 200
    made_on_request = CustomRendition.objects.exclude(
        filter_spec__in=all_rendition_specs()
    ).values_list("filter_spec", flat=True)
    assert CustomRendition.objects.count() == before, (
        f"renditions made on a visitor's request: {sorted(set(made_on_request))}"
    )


def test_renditions_of_many_images_are_looked_up_once_until_the_next_purge(
    django_assert_num_queries,
):
    from core.models import CustomImage
    from core.renditions import attach_renditions
    from tests.trees import image_with_renditions

    specs = all_rendition_specs()
    pks = [image_with_renditions().pk for _ in range(3)]
    images = list(CustomImage.objects.filter(pk__in=pks))
    with django_assert_num_queries(1):
        attach_renditions(images, specs)
    images = list(CustomImage.objects.filter(pk__in=pks))
    with django_assert_num_queries(0):
        attach_renditions(images, specs)
        urls = [image.get_renditions(*specs)[specs[0]].url for image in images]
    assert all(url.startswith("/media/") or "://" in url for url in urls)


def test_renditions_made_for_an_old_focal_point_are_not_kept(django_assert_num_queries):
    from core.generation import purge_pages
    from core.models import CustomImage
    from core.renditions import attach_renditions
    from tests.trees import image_with_renditions

    specs = ["fill-400x267|format-webp"]
    image = image_with_renditions()
    CustomImage.objects.filter(pk=image.pk).update(
        focal_point_x=10, focal_point_y=10, focal_point_width=20, focal_point_height=20
    )
    purge_pages()
    for _ in range(2):  # looked up again each time: nothing incomplete is kept
        moved = CustomImage.objects.get(pk=image.pk)
        with django_assert_num_queries(1):
            attach_renditions([moved], specs)


def test_no_rendition_is_made_on_a_visitors_request(client, home, site_settings, monkeypatch):
    """Wagtail makes (and then throws away) any rendition missing from an image's prefetched
    ones, even when it exists: every tag must leave the list complete for what it shows."""
    from core.models import CustomImage

    tree = build_tree(home, images=True)

    def refuse(image, *filters):
        if filters:  # Wagtail calls it with none when nothing is missing
            raise AssertionError(f"made on a visitor's request: {[f.spec for f in filters]}")
        return {}

    monkeypatch.setattr(CustomImage, "create_renditions", refuse)
    monkeypatch.setattr(CustomImage, "create_rendition", refuse)
    for page in (tree.home, tree.area, tree.partner, tree.office, tree.story, tree.plan):
        for _ in range(2):
            assert client.get(page.url).status_code == 200
