"""The demo content (`manage.py seed_demo`): every page answers in its language, search engines
can find it all, and seeding again changes nothing."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models

from demo.data.partners import PARTNERS
from tests.html import h1_texts, html_lang

pytestmark = pytest.mark.django_db


def site_page_models() -> set[type]:
    """Every page type of the project's own apps."""
    project = {apps.get_app_config(label) for label in ("home", "workation")}
    return {
        model
        for model in get_page_models()
        if not model._meta.abstract and apps.get_app_config(model._meta.app_label) in project
    }


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_demo_site_serves_every_page_in_its_language_and_seeding_again_changes_nothing(
    client, settings
):
    printed = StringIO()
    call_command("seed_demo", image_size="320x200", verbosity=0, stdout=printed)
    logins = [line for line in printed.getvalue().splitlines() if "password" in line]
    assert len(logins) == 3 + len(PARTNERS)  # admin, editor, the visitor, each partner
    assert all("http://testserver/" in line for line in logins)
    assert any(line.startswith("Visitor") and "/ja/accounts/login/" in line for line in logins)

    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    languages_by_type: dict[type, set[str]] = {}
    failures = []
    for page in pages:
        language = page.locale.language_code
        languages_by_type.setdefault(type(page), set()).add(language)
        response = client.get(page.url)
        if response.status_code != 200:
            failures.append(f"{page.url}: {response.status_code}")
        elif html_lang(response) != language:
            failures.append(f"{page.url}: lang={html_lang(response)!r}, expected {language!r}")
        elif not h1_texts(response):
            failures.append(f"{page.url}: no <h1>")
    assert not failures, "\n".join(failures)

    missing = {
        model.__name__: sorted({"ja", "en"} - languages_by_type.get(model, set()))
        for model in site_page_models()
    }
    assert not {name: langs for name, langs in missing.items() if langs}, (
        "page types without demo pages in a language"
    )

    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    assert all(loc.startswith("http://testserver/") for loc in locations)
    listed = {urlsplit(loc).path for loc in locations}
    unlisted = [page.url for page in pages if page.url not in listed]
    assert not unlisted, f"missing from sitemap.xml: {unlisted}"

    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots

    before = counts()
    call_command("seed_demo", image_size="320x200", verbosity=0)
    assert counts() == before
