"""A listing's amenities and spoken languages: shown in order, found in one query, fresh."""

import pytest
from django.test import RequestFactory

from tests.factories import AmenityFactory, LanguageFactory
from tests.html import visible_text
from tests.trees import build_tree
from workation.models import Amenity, OfficePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(home, site_settings):
    tree = build_tree(home)
    office = OfficePage.objects.get(pk=tree.office.pk)
    office.amenities.set(
        [
            AmenityFactory(name="駐車場", kind=Amenity.Kind.ACCESS),
            AmenityFactory(name="電話ブース", kind=Amenity.Kind.WORK),
            AmenityFactory(name="会議室", kind=Amenity.Kind.WORK),
        ]
    )
    office.languages.set(
        [LanguageFactory(code="zh", name="中文"), LanguageFactory(code="en", name="English")]
    )
    office.save()
    return office


def test_the_page_shows_its_amenities_and_languages_in_order(client, office):
    text = visible_text(client.get(office.url))
    assert text.index("会議室") < text.index("電話ブース") < text.index("駐車場")
    assert text.index("English") < text.index("中文")


def test_one_query_finds_both_the_amenities_and_the_languages(office, django_assert_num_queries):
    office.chosen_vocabulary()  # the snippets themselves are then kept
    with django_assert_num_queries(1):
        amenities, languages = office.chosen_vocabulary()
    assert [a.name for a in amenities] == ["駐車場", "会議室", "電話ブース"]  # kind, name
    assert [language.code for language in languages] == ["en", "zh"]


def test_a_preview_shows_the_editors_unsaved_choice(office):
    booth = Amenity.objects.get(name="電話ブース")
    office.amenities.set([booth])  # in the editor's form, not saved
    preview = RequestFactory().get(office.url)
    preview.is_preview = True
    amenities, _ = office.chosen_vocabulary(preview)
    assert amenities == [booth]
    assert len(office.chosen_vocabulary()[0]) == 3  # the published choice is unchanged


def test_renaming_an_amenity_renames_it_on_the_page(
    client, office, django_capture_on_commit_callbacks
):
    assert "会議室" in visible_text(client.get(office.url))
    with django_capture_on_commit_callbacks(execute=True):
        Amenity.objects.filter(name="会議室").update(name="ミーティングルーム")
        Amenity.objects.get(name="ミーティングルーム").save()
    assert "ミーティングルーム" in visible_text(client.get(office.url))
