"""Security headers: every public page carries a Content-Security-Policy with no inline scripts
or styles allowed (and has none to need them), forms that may post only to the site (the final
checkout step's also to the payment page), no framing, and a Permissions-Policy; the admin keeps
Wagtail's own needs."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from booking.models import Booking
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.trees import build_tree

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.fixture
def tree(home, site_settings):
    return build_tree(home)


def test_public_pages_need_nothing_inline_and_forbid_it(client, tree):
    pages = [
        tree.home,
        tree.area_index,
        tree.area,
        tree.partner_index,
        tree.partner,
        tree.office,
        tree.experience,
        tree.stay,
        tree.offices,
    ]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), page.url
        assert not STYLE_ATTRIBUTE.search(html), page.url
        assert not EVENT_HANDLER.search(html), page.url
        assert "camera=()" in response["Permissions-Policy"]


def test_forms_post_only_to_the_site(client, tree):
    assert directives(client.get(tree.home.url))["form-action"] == ["'self'"]


def test_cached_pages_keep_their_headers(client, tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    first, second = client.get(tree.area.url), client.get(tree.area.url)
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "Permissions-Policy" in second


def test_the_admin_is_left_to_wagtail(client, django_user_model):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_only_the_final_checkout_step_may_post_on_to_the_payment_page(client, home, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    offer = OfferFactory()
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5000)
    slot = make_slot(offer, today() + timedelta(days=9))
    with translation.override("ja"):
        hold = reverse("booking:hold", kwargs={"pk": offer.pk})
    client.post(hold, {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 1})
    booking = Booking.objects.get(offer=offer)
    with translation.override("ja"):
        details = reverse("booking:details", kwargs={"reference": booking.reference})
        confirm = reverse("booking:confirm", kwargs={"reference": booking.reference})
    details_page = client.get(details)
    assert directives(details_page)["form-action"] == ["'self'"]
    client.post(
        details,
        {
            "guest_name": "山田 太郎",
            "guest_name_kana": "ヤマダ タロウ",
            "guest_email": "taro@example.jp",
            "guest_phone": "090-1234-5678",
        },
    )
    page = client.get(confirm)
    assert page.status_code == 200
    assert directives(page)["form-action"] == ["'self'", "http://127.0.0.1:8420"]


def test_the_admin_fetches_nothing_from_outside(client, home, django_user_model):
    """No Gravatar avatars and no release check: the back office loads only the site's files."""
    editor = django_user_model.objects.create_superuser("editor", "editor@example.jp", "pw")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    fetched = re.findall(r'<(?:img|script|link)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', html)
    assert fetched == [] and "gravatar" not in html
    assert "data-w-upgrade" not in html
