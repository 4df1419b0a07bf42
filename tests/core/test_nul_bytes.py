"""NUL characters in a URL, query string or form never reach the database: a clear 400."""

from urllib.parse import urlencode

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/ja/search/", {"area": "a\x00"}),
        ("get", "/en/booking/offers/1/", {"date": "\x00"}),
        ("get", "/ja/booking/AB%00C/details/", {}),
        ("post", "/ja/booking/offers/1/hold/", {"qty_1": "1\x00"}),
        ("get", "/ja/", {"x\x00": "1"}),
    ],
)
def test_nul_characters_get_a_400_not_a_server_error(method, path, data):
    if method == "post":  # as a browser sends a form
        response = Client().post(
            path, urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = Client().get(path, data)
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()
