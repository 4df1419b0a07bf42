"""Search engines find every live page in both languages, and nothing else."""

import pytest

from tests.factories import AreaIndexPageFactory, AreaPageFactory, InfoPageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_of_both_languages(client, home, home_en, translate_page):
    areas = AreaIndexPageFactory(parent=home, slug="areas")
    areas_en = translate_page(areas, title="Areas")
    shirahama = AreaPageFactory(parent=areas, slug="shirahama")
    draft = InfoPageFactory(parent=home, slug="draft", live=False)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in (home, home_en, areas, areas_en, shirahama):
        assert f"<loc>http://testserver{page.url}</loc>" in xml, page.url
    assert "/ja/areas/" in xml and "/en/areas/" in xml
    assert draft.url_path.rstrip("/").rsplit("/", 1)[-1] not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
