"""The footer of every public page links local businesses to the "list your business" page
(tests/workation/test_list_your_business_page.py) and to their sign-in, in the page's language
(issue 15, 10). While a site has no such page, the link goes to the application form itself."""

import pytest

pytestmark = pytest.mark.django_db


def test_without_a_list_your_business_page_the_footer_links_the_application_form(
    client, home, home_en
):
    for prefix in ("ja", "en"):
        html = client.get(f"/{prefix}/").content.decode()
        assert f'href="/{prefix}/partners/apply/"' in html
        assert 'href="/admin/"' in html
    assert client.get("/en/partners/apply/").status_code == 200
