"""The footer of every public page links local businesses to the partner application and to
their sign-in, in the page's language (issue 15, 10)."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_public_page_links_the_partner_application_in_its_language(client, home, home_en):
    for prefix in ("ja", "en"):
        html = client.get(f"/{prefix}/").content.decode()
        assert f'href="/{prefix}/partners/apply/"' in html
    assert client.get("/en/partners/apply/").status_code == 200
