"""Every absolute link comes from the configured base URL (issue 15, 7): canonical and og:url,
the language alternates, the sitemap and robots.txt, whatever host the request came in by,
once the default site is pointed at it (`manage.py sync_site_url`, run by `seed_demo`)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from core import links
from tests.factories import InfoPageFactory

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:9000"


def test_the_base_url_gives_host_and_port_as_wagtail_keeps_them(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://workation.example.jp/"
    assert links.host_and_port() == ("workation.example.jp", 443)
    settings.WAGTAILADMIN_BASE_URL = BASE
    assert links.host_and_port() == ("127.0.0.1", 9000)
    assert links.absolute("/ja/") == f"{BASE}/ja/"
    assert links.absolute("https://cdn.example.jp/a.jpg") == "https://cdn.example.jp/a.jpg"


def test_pages_and_the_sitemap_link_to_the_base_url_after_the_site_is_synced(
    client, settings, home, home_en, translate_page
):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    page = InfoPageFactory(parent=home, slug="about", title="わかやまについて")
    translate_page(page, title="About")
    printed = StringIO()
    call_command("sync_site_url", stdout=printed)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 9000)
    assert BASE in printed.getvalue()

    html = client.get("/ja/about/", HTTP_HOST="127.0.0.1:9000").content.decode()
    assert f'<link rel="canonical" href="{BASE}/ja/about/">' in html
    assert f'<meta property="og:url" content="{BASE}/ja/about/">' in html
    assert f'hreflang="en" href="{BASE}/en/about/"' in html
    assert "localhost" not in html and ":8000" not in html

    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:9000").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}/ja/about/" in locations and f"{BASE}/en/about/" in locations
    assert all(location.startswith(f"{BASE}/") for location in locations)


def test_robots_txt_names_the_sitemap_on_the_base_url_and_keeps_robots_off_the_steps(
    client, settings, home
):
    settings.WAGTAILADMIN_BASE_URL = BASE
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in text
    assert "Disallow: /ja/booking/" in text and "Disallow: /en/accounts/" in text
