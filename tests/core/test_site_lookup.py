"""The site of a request comes from the cache, keyed by a host Django accepts."""

import pytest
from django.core.cache import caches

from core.generation import current_generation

pytestmark = pytest.mark.django_db


def test_a_disallowed_host_is_refused_and_nothing_is_kept_for_it(client, home, site_settings):
    response = client.get("/ja/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    keys = caches["default"].keys("*") if hasattr(caches["default"], "keys") else []
    local = caches["default"]._cache if hasattr(caches["default"], "_cache") else {}
    assert not [key for key in [*keys, *local] if "attacker" in str(key)]


def test_a_site_change_purges_once_it_is_committed(
    site, site_settings, django_capture_on_commit_callbacks
):
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site.site_name = "和歌山ワーケーション"
        site.save()
    assert current_generation() == before  # other requests still see the old rows
    for callback in callbacks:
        callback()
    assert current_generation() != before
