"""The anonymous page cache: fast repeat visits, fresh after publishing, never personal."""

import pytest

from tests.factories import ConsultationFormFieldFactory, ConsultationFormPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600
    return settings


def test_second_anonymous_visit_is_served_from_cache_without_queries(
    client, home, site_settings, page_cache, django_assert_num_queries
):
    first = client.get("/ja/")
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/ja/")
    assert second.status_code == 200
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_cached_pages_may_be_kept_by_shared_caches(client, home, site_settings, page_cache):
    response = client.get("/ja/")
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in control
    assert "s-maxage=600" in control


def test_publishing_a_page_purges_the_cache(
    client, home, site_settings, page_cache, django_capture_on_commit_callbacks
):
    client.get("/ja/")
    assert client.get("/ja/")["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        home.hero_title = "新しい見出し：熊野古道で働く"
        home.save_revision().publish()

    response = client.get("/ja/")
    assert response["X-Cache"] == "MISS"
    assert "新しい見出し：熊野古道で働く" in response.content.decode()


def test_saving_site_settings_purges_the_cache(
    client, home, site_settings, page_cache, django_capture_on_commit_callbacks
):
    client.get("/ja/")
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.phone = "0120-123-456"
        site_settings.save()
    response = client.get("/ja/")
    assert response["X-Cache"] == "MISS"
    assert "0120-123-456" in response.content.decode()


def test_visitors_with_a_session_are_never_served_from_the_cache(
    client, home, site_settings, page_cache
):
    client.get("/ja/")
    assert client.get("/ja/")["X-Cache"] == "HIT"

    client.cookies["sessionid"] = "someone-signed-in"
    response = client.get("/ja/")
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_signed_in_pages_are_never_stored(client, home, site_settings, page_cache):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    client.get("/ja/")
    client.logout()
    client.cookies.clear()
    assert client.get("/ja/")["X-Cache"] == "MISS"


def test_consultation_form_is_never_cached(client, home, site_settings, page_cache):
    form = ConsultationFormPageFactory(parent=home, slug="consultation")
    ConsultationFormFieldFactory(page=form, label="会社名", clean_name="company")
    for _ in range(2):
        response = client.get(form.url)
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"
        assert "csrfmiddlewaretoken" in response.content.decode()
    other_visitor = client.__class__()
    response = other_visitor.get(form.url)
    assert response.get("X-Cache") != "HIT"
    assert "csrftoken" in response.cookies


def test_admin_is_never_cached(client, home, page_cache):
    client.get("/admin/login/")
    assert "X-Cache" not in client.get("/admin/login/")


def test_missing_pages_are_not_cached(client, home, site_settings, page_cache):
    assert client.get("/ja/nowhere/").status_code == 404
    response = client.get("/ja/nowhere/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_cache_off_means_no_cache_headers(client, home, site_settings, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/ja/")
    assert "X-Cache" not in client.get("/ja/")


def test_the_health_check_is_never_served_from_the_page_cache(client, page_cache):
    client.get("/healthz")
    assert "X-Cache" not in client.get("/healthz")


def test_a_newly_published_area_reaches_the_map_of_pages_that_keep_it_until_a_purge(
    client, home, site_settings, django_capture_on_commit_callbacks
):
    from tests.factories import AreaIndexPageFactory, AreaPageFactory

    index = AreaIndexPageFactory(parent=home)
    shirahama = AreaPageFactory(parent=index, title="白浜", slug="shirahama")
    assert "串本" not in client.get(shirahama.url).content.decode()  # the map's areas are kept

    with django_capture_on_commit_callbacks(execute=True):
        late = AreaPageFactory(parent=index, title="串本", slug="kushimoto", live=False)
        late.save_revision().publish()

    assert "串本" in client.get(shirahama.url).content.decode()
