"""A partner's address on its English profile (issue 15, 12): an address its translators left in
Japanese is shown in Latin letters, with the Japanese beneath for a taxi driver or a map; an
English address is shown as written; Japanese pages show the Japanese."""

import pytest
from bs4 import Tag

from tests.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

ADDRESS = "和歌山県西牟婁郡白浜町1234"


@pytest.fixture
def partner(home, home_en, translate_page):
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    translate_page(index, title="Partners")
    page = PartnerPageFactory(parent=index, title="紀州みかん農園", address=ADDRESS)
    page.save_revision().publish()
    return page


def address_shown(client, page) -> Tag:
    response = client.get(page.url)
    assert response.status_code == 200
    return soup(response).find("dt", string="Address").find_next_sibling("dd")


def test_an_untranslated_address_is_romanised_on_the_english_profile(
    client, partner, translate_page
):
    english = translate_page(partner, title="Kishu Mikan Farm")  # address left as it was
    shown = address_shown(client, english)
    assert shown.get_text(" ", strip=True).startswith("Wakayama-ken Nishimuro-gun Shirahama-cho")
    assert shown.find("span", lang="ja").get_text() == ADDRESS


def test_an_english_address_is_shown_as_written(client, partner, translate_page):
    english = translate_page(partner, title="Kishu Mikan Farm", address="1234 Shirahama")
    shown = address_shown(client, english)
    assert shown.get_text(strip=True) == "1234 Shirahama" and shown.find("span") is None


def test_the_japanese_profile_shows_the_japanese_address(client, partner):
    response = client.get(partner.url)
    shown = soup(response).find("dt", string="住所").find_next_sibling("dd")
    assert shown.get_text(strip=True) == ADDRESS
