"""Missing pages and server errors get a helpful page in the visitor's language, never a crash."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.html import html_lang, visible_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "url"), [("ja", "/ja/no-such-page/"), ("en", "/en/nope/")])
def test_missing_page_answers_404_in_the_visitors_language_with_a_way_home(
    client, home, home_en, site_settings, language, url
):
    response = client.get(url)
    assert response.status_code == 404
    assert html_lang(response) == language
    assert f'href="/{language}/"' in response.content.decode()
    assert visible_text(response)


def test_missing_page_in_a_deep_path_is_404_not_500(client, home, site_settings):
    assert client.get("/ja/a/b/c/d/e/f/").status_code == 404


def test_server_error_page_renders_without_any_context():
    html = loader.get_template("500.html").render({})
    assert "<html" in html
    assert "500" in html or "エラー" in html or "error" in html.lower()


def test_server_error_view_answers_500():
    response = server_error(RequestFactory().get("/ja/"))
    assert response.status_code == 500
    assert b"<html" in response.content
