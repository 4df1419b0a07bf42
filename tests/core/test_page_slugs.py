"""A page with a Japanese title gets a readable ASCII slug (its English title, else its title
romanised), unique among its siblings; a slug the editor typed is kept."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from core.page_slugs import readable_slug, synced_slug
from tests.factories import PartnerIndexPageFactory, PartnerPageFactory, UserFactory
from tests.html import soup
from workation.models import PartnerPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return PartnerIndexPageFactory(parent=home, slug="partners")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def create(client, index, title: str, slug: str, action: str = "action-publish"):
    """Post the admin's "add a partner page" form as the browser sends it, with `title` and
    `slug` (what the title sync left in the slug field, or what the editor typed)."""
    url = reverse("wagtailadmin_pages:add", args=["workation", "partnerpage", index.pk])
    form = soup(client.get(url)).find("form", id="page-edit-form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.get("name") and field.get("type") not in ("checkbox", "submit", "file")
    }
    data.update(title=title, slug=slug, description=rich_text("<p>地元の事業者です。</p>"))
    data[action] = action
    return client.post(url, data)


def test_a_japanese_title_published_with_the_synced_empty_slug_gets_a_romanised_slug(
    admin_client, index
):
    response = create(admin_client, index, "南紀白浜ワーケーションオフィス", slug="")
    assert response.status_code == 302, soup(response).select(".error-message")
    page = PartnerPage.objects.get(title="南紀白浜ワーケーションオフィス")
    assert page.slug == "nanki-shirahama-wakeshon-ofisu"
    assert page.live and page.url.endswith("/partners/nanki-shirahama-wakeshon-ofisu/")


def test_a_draft_whose_slug_kept_only_the_titles_digits_gets_a_readable_slug(admin_client, index):
    title = "ワーケーション 2026年 夏"
    assert synced_slug(title) == "-2026"  # what the admin's slug sync leaves of it
    response = create(admin_client, index, title, slug="-2026", action="action-draft")
    assert response.status_code == 302
    assert PartnerPage.objects.get(title=title).slug == "wakeshon-2026-nen-natsu"


def test_the_slug_an_editor_typed_is_kept(admin_client, index):
    response = create(admin_client, index, "南紀白浜ワーケーションオフィス", slug="shirahama-desk")
    assert response.status_code == 302
    assert PartnerPage.objects.get(title="南紀白浜ワーケーションオフィス").slug == "shirahama-desk"


def test_a_second_page_with_the_same_title_gets_a_free_slug(admin_client, index):
    PartnerPageFactory(parent=index, title="紀州みかん農園", slug="kishu-mikan-noen")
    response = create(admin_client, index, "紀州みかん農園", slug="")
    assert response.status_code == 302
    slugs = set(PartnerPage.objects.filter(title="紀州みかん農園").values_list("slug", flat=True))
    assert slugs == {"kishu-mikan-noen", "kishu-mikan-noen-1"}


def test_the_slug_field_is_on_the_promote_tab_and_says_it_may_be_left_empty(admin_client, index):
    url = reverse("wagtailadmin_pages:add", args=["workation", "partnerpage", index.pk])
    page = soup(admin_client.get(url))  # the admin speaks Japanese to this user
    field = page.find("input", attrs={"name": "slug"})
    assert field is not None and not field.has_attr("required")
    tab = field.find_parent("section", role="tabpanel")
    assert page.find(id=tab["aria-labelledby"]).get_text(strip=True).startswith("プロモート")
    help_text = page.find(id=field["aria-describedby"].split()[0]).get_text(strip=True)
    assert "空欄にすると、タイトルからローマ字で作られます" in help_text


def test_a_page_saved_in_code_without_a_slug_gets_one(index):
    page = index.add_child(instance=PartnerPage(title="熊野古道ガイド", description="<p>案内</p>"))
    assert page.slug == "kumano-kodo-gaido"


def test_the_english_translations_title_is_preferred(index, translate_page, home_en):
    translate_page(index, title="Partners")
    page = PartnerPageFactory(parent=index, title="熊野古道ガイド", slug="kumano-kodo-gaido")
    translate_page(page, title="Kumano Kodo Guides")
    assert readable_slug(page.title, index, page) == "kumano-kodo-guides"
