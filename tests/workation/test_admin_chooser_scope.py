"""A partner never reads another partner's unpublished page titles in the admin: not in the page
chooser (browsing or searching), the admin's page search or the explorer. Its own pages, drafts
included, stay in reach, and editors still see every page."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.booking.factories import PartnerOrganisationFactory
from tests.factories import (
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    UserFactory,
)
from workation.services.partners import ensure_editors_group, grant_partner_access

pytestmark = pytest.mark.django_db

OTHER_DRAFT = "Zephyr hideaway draft"
OTHER_DRAFT_PARTNER = "Zephyr newcomer draft"
OTHER_LIVE = "Zephyr open office"
OWN_DRAFT = "Zephyr own draft"


@pytest.fixture
def world(home):
    """Two partner organisations with a profile page each: the other one has a live office, a
    draft office, and a second partner still being set up (a draft profile page); our partner
    has a draft office of its own. A member of our partner's group and an editor."""
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    own = PartnerPageFactory(parent=index, title="白浜ワークス", slug="shirahama-works")
    own_draft = OfficePageFactory(parent=own, title=OWN_DRAFT, slug="own-draft", live=False)
    other = PartnerPageFactory(parent=index, title="高野山リトリート", slug="koyasan-retreat")
    other_live = OfficePageFactory(parent=other, title=OTHER_LIVE, slug="open-office")
    other_draft = OfficePageFactory(parent=other, title=OTHER_DRAFT, slug="hideaway", live=False)
    newcomer = PartnerPageFactory(
        parent=index, title=OTHER_DRAFT_PARTNER, slug="newcomer", live=False
    )
    own_group = grant_partner_access(own, "白浜ワークス")
    PartnerOrganisationFactory(name="白浜ワークス", group=own_group, page=own)
    PartnerOrganisationFactory(
        name="高野山リトリート", group=grant_partner_access(other, "高野山リトリート"), page=other
    )
    return {
        "index": index,
        "own": own,
        "own_draft": own_draft,
        "other": other,
        "other_live": other_live,
        "other_draft": other_draft,
        "newcomer": newcomer,
        "partner": UserFactory(username="shirahama", groups=[own_group]),
        "editor": UserFactory(username="editor", groups=[ensure_editors_group()]),
    }


def chooser_html(response) -> str:
    """The HTML of a chooser step (a modal's JSON wraps it; search results come bare)."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def browse(client, parent=None) -> str:
    if parent is None:
        return chooser_html(client.get(reverse("wagtailadmin_choose_page")))
    return chooser_html(client.get(reverse("wagtailadmin_choose_page_child", args=[parent.pk])))


def chooser_search(client) -> str:
    return chooser_html(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Zephyr"}))


def admin_search(client) -> str:
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Zephyr"})
    assert response.status_code == 200
    return response.content.decode()


def test_partner_browsing_the_page_chooser_never_sees_other_partners_drafts(client, world):
    client.force_login(world["partner"])
    below_other = browse(client, world["other"])
    assert OTHER_DRAFT not in below_other
    assert OTHER_LIVE in below_other, "another partner's live page may still be linked to"
    assert OTHER_DRAFT_PARTNER not in browse(client, world["index"])
    assert OTHER_DRAFT_PARTNER not in browse(client)


def test_partner_searching_the_page_chooser_never_sees_other_partners_drafts(client, world):
    client.force_login(world["partner"])
    found = chooser_search(client)
    assert OTHER_DRAFT not in found
    assert OTHER_DRAFT_PARTNER not in found
    assert OTHER_LIVE in found
    assert OWN_DRAFT in found


def test_partner_cannot_reach_other_partners_drafts_through_the_explorer_or_admin_search(
    client, world
):
    client.force_login(world["partner"])
    found = admin_search(client)
    assert OWN_DRAFT in found
    assert OTHER_DRAFT not in found
    assert OTHER_DRAFT_PARTNER not in found
    for parent in ("index", "other"):
        response = client.get(reverse("wagtailadmin_explore", args=[world[parent].pk]))
        text = response.content.decode()
        assert OTHER_DRAFT not in text, parent
        assert OTHER_DRAFT_PARTNER not in text, parent


def test_partner_still_browses_to_and_chooses_its_own_draft(client, world):
    client.force_login(world["partner"])
    own = browse(client, world["own"])
    assert OWN_DRAFT in own
    assert f'data-id="{world["own_draft"].pk}"' in own, "its own draft cannot be chosen"
    assert "白浜ワークス" in browse(client, world["index"])
    explorer = client.get(reverse("wagtailadmin_explore", args=[world["own"].pk]))
    assert OWN_DRAFT in explorer.content.decode()


def test_hidden_drafts_cost_the_chooser_no_queries(client, world):
    client.force_login(world["partner"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            browse(client, world["other"])
            chooser_search(client)
        return len(captured)

    queries()  # once to fill the per-process caches (content types), which start empty
    before = queries()
    for n in range(4):
        OfficePageFactory(parent=world["other"], title=f"Zephyr draft {n}", live=False)
    assert queries() == before


def test_editor_still_sees_every_partners_drafts(client, world):
    client.force_login(world["editor"])
    assert OTHER_DRAFT in browse(client, world["other"])
    assert OTHER_DRAFT_PARTNER in browse(client, world["index"])
    for found in (chooser_search(client), admin_search(client)):
        assert OTHER_DRAFT in found
        assert OTHER_DRAFT_PARTNER in found
        assert OWN_DRAFT in found
    explorer = client.get(reverse("wagtailadmin_explore", args=[world["other"].pk]))
    assert OTHER_DRAFT in explorer.content.decode()


def test_a_guessed_id_opens_no_other_partners_draft_in_the_chooser(client, world):
    client.force_login(world["partner"])
    for hidden in ("newcomer", "other_draft"):
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[world[hidden].pk]))
        assert response.status_code == 404, hidden
        assert OTHER_DRAFT_PARTNER not in response.content.decode()
    assert OWN_DRAFT in browse(client, world["own"])

    ids = [world[name].pk for name in ("other_draft", "newcomer", "other_live", "own_draft")]
    response = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": ids})
    chosen = json.loads(response.content)["result"]
    assert {page["id"] for page in chosen} == {world["other_live"].pk, world["own_draft"].pk}
    assert OTHER_DRAFT not in response.content.decode()


def test_a_rename_waiting_in_another_partners_draft_is_not_shown_but_the_editor_sees_it(
    client, world
):
    secret = "Zephyr secret new name"
    live = world["other_live"]
    live.title = secret
    live.save_revision()  # not published: the live title stays, the draft title changes
    under_draft = OfficePageFactory(
        parent=world["newcomer"], title="Zephyr office under a draft", slug="under-draft"
    )

    client.force_login(world["partner"])
    for html in (browse(client, world["other"]), chooser_search(client)):
        assert secret not in html
        assert OTHER_LIVE in html
    found = chooser_search(client)
    assert under_draft.title in found and OTHER_DRAFT_PARTNER not in found
    response = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": [live.pk]})
    assert json.loads(response.content)["result"][0]["adminTitle"] == OTHER_LIVE

    client.force_login(world["editor"])
    assert secret in browse(client, world["other"])
    assert OTHER_DRAFT_PARTNER in chooser_search(client)
