"""Renditions are made when an image is saved, so no visitor waits for one."""

import pytest

from home.models import CustomRendition
from home.models.images import all_rendition_specs
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
