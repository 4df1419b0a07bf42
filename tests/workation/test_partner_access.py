"""A local business edits its own pages only (in both languages), and editors approve its changes
before they go live."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import GroupApprovalTask, WorkflowState

from tests.factories import (
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    UserFactory,
)
from workation.services.partners import (
    EDITORS_GROUP,
    TASK_NAME,
    ensure_editor_workflow,
    ensure_editors_group,
    grant_partner_access,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, home_en, site_settings, translate_page):
    """Two partners (the first translated into English) with an office each, the editors'
    group and workflow, a partner user of the first partner and an editor."""
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    translate_page(index, title="Partners")
    own = PartnerPageFactory(parent=index, title="白浜ワークス", slug="shirahama-works")
    own_en = translate_page(own, title="Shirahama Works")
    own_office = OfficePageFactory(parent=own, title="海辺のオフィス", slug="seaside")
    own_office_en = translate_page(own_office, title="Seaside office")
    other = PartnerPageFactory(parent=index, title="高野山リトリート", slug="koyasan-retreat")
    other_office = OfficePageFactory(parent=other, title="宿坊コワーキング", slug="shukubo")

    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    partner_group = grant_partner_access(own, "白浜ワークス")
    return {
        "home": home,
        "own": own,
        "own_en": own_en,
        "own_office": own_office,
        "own_office_en": own_office_en,
        "other": other,
        "other_office": other_office,
        "partner_user": UserFactory(username="shirahama", groups=[partner_group]),
        "editor": UserFactory(username="editor", groups=[editors]),
    }


def test_partner_can_edit_its_own_pages_in_both_languages(world):
    user = world["partner_user"]
    for name in ("own", "own_en", "own_office", "own_office_en"):
        assert world[name].permissions_for_user(user).can_edit(), f"cannot edit {name}"
    assert world["own"].permissions_for_user(user).can_add_subpage()


def test_partner_cannot_edit_another_partners_pages_or_the_home_page(world):
    user = world["partner_user"]
    for name in ("other", "other_office", "home"):
        assert not world[name].permissions_for_user(user).can_edit(), f"can edit {name}"
    assert not world["other"].permissions_for_user(user).can_add_subpage()


def test_partner_cannot_publish_even_its_own_pages(world):
    user = world["partner_user"]
    for name in ("own", "own_en", "own_office", "own_office_en"):
        assert not world[name].permissions_for_user(user).can_publish(), f"can publish {name}"


def test_granting_access_twice_changes_nothing(world):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    before = GroupPagePermission.objects.count()
    grant_partner_access(world["own"], "白浜ワークス")
    assert GroupPagePermission.objects.count() == before
    assert Group.objects.filter(name="白浜ワークス").count() == 1


def test_admin_opens_the_partners_own_page_for_editing_and_refuses_others(client, world):
    client.force_login(world["partner_user"])
    own = client.get(reverse("wagtailadmin_pages:edit", args=[world["own_office"].pk]))
    assert own.status_code == 200
    own_en = client.get(reverse("wagtailadmin_pages:edit", args=[world["own_office_en"].pk]))
    assert own_en.status_code == 200
    for name in ("other_office", "home"):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[world[name].pk]))
        assert response.status_code in (302, 403), f"{name}: {response.status_code}"


def form_data_from(response) -> dict:
    """What a browser would send back from the admin's edit form, unchanged."""
    form = BeautifulSoup(response.content.decode(), "html.parser").find("form", id="page-edit-form")
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            if field.has_attr("multiple"):
                data[name] = [option.get("value", "") for option in chosen]
            elif chosen:
                data[name] = chosen[0].get("value", "")
        else:
            data[name] = field.get("value", "")
    return data


def test_partner_change_waits_for_editor_approval_then_goes_live(client, world):
    page = world["own"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    client.force_login(world["partner_user"])
    data = form_data_from(client.get(edit_url))
    data.update(title="白浜ワークス（リニューアル）", **{"action-submit": "Submit"})
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task.specific
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    page.refresh_from_db()
    assert page.title == "白浜ワークス", "the change went live before approval"
    assert "リニューアル" not in client.get(page.url).content.decode()

    client.force_login(world["editor"])
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve_url, {"comment": ""}).status_code == 302

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.title == "白浜ワークス（リニューアル）"
    client.logout()
    assert "白浜ワークス（リニューアル）" in client.get(page.url).content.decode()


def test_partner_cannot_approve_its_own_submission(client, world):
    page = world["own_office"]
    workflow = ensure_editor_workflow()
    page.save_revision(user=world["partner_user"])
    state = workflow.start(page, world["partner_user"])
    client.force_login(world["partner_user"])
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve_url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_editor_workflow_has_one_editors_review_task_however_often_it_is_ensured(world):
    first = ensure_editor_workflow()
    second = ensure_editor_workflow()
    assert first.pk == second.pk
    assert [task.name for task in second.tasks.all()] == [TASK_NAME]
    assert world["own"].get_workflow() == second
