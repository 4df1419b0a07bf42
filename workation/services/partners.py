"""Give a local business its own corner of the CMS, and route every page change to editors.

A partner group may add and edit pages below its profile page only and has no publish right, so
each change is submitted to the editors' moderation workflow. Its images and documents live in a
collection of its own.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS_GROUP = "Editors"
# Names are data, shown as they are in the admin whatever its language: so in both languages.
WORKFLOW_NAME = "編集者による承認 (Editor approval)"
TASK_NAME = "編集者の確認 (Editors review)"
# The English-only names they had before; a row found by one of them is renamed.
FORMER_NAMES = {WORKFLOW_NAME: "Editor approval", TASK_NAME: f"{EDITORS_GROUP} review"}
PARTNER_PAGE_PERMISSIONS = ("add", "change")
PARTNER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editors_group() -> Group:
    """The prefecture editors: every page, snippet, setting and image permission."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=[
                "core",
                "home",
                "workation",
                "booking",
                "wagtailforms",
                "wagtailredirects",
                "wagtail_localize",
                "wagtailsettings",
            ]
        )
    )
    root = Page.get_first_root_node()
    for permission_type in ("add", "change", "publish", "bulk_delete", "lock", "unlock"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=_permission("wagtailcore", f"{permission_type}_page"),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codename in (
        *PARTNER_COLLECTION_PERMISSIONS,
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "delete_document"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )
    return group


def _named(
    model: type[Workflow] | type[GroupApprovalTask], name: str
) -> Workflow | GroupApprovalTask | None:
    """The row called `name`, or the one with its former name, renamed; None if neither."""
    row = model.objects.filter(name=name).first()
    if row is None:
        row = model.objects.filter(name=FORMER_NAMES[name]).first()
    if row is not None and row.name != name:
        row.name = name
        row.save(update_fields=["name"])
    return row


@transaction.atomic
def ensure_editor_workflow(editors: Group | None = None) -> Workflow:
    """One moderation workflow, approved by the Editors group, on every site root."""
    editors = editors or ensure_editors_group()
    workflow = _named(Workflow, WORKFLOW_NAME) or Workflow.objects.create(
        name=WORKFLOW_NAME, active=True
    )
    task = _named(GroupApprovalTask, TASK_NAME)
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([editors])
    # Written directly: the workflow is a ClusterableModel, whose child rows made through its
    # relation would wait in memory for a save() that never comes.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in Page.get_first_root_node().get_children():
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def grant_partner_access(partner_page: Page, group_name: str) -> Group:
    """Create (or refresh) the group that may add and edit pages under `partner_page` only.

    Every translation of the page is covered, so the partner can edit its pages in each
    language. The group has no publish right: its changes go through the editors' workflow.
    """
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for page in partner_page.get_translations(inclusive=True):
        for permission_type in PARTNER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=_permission("wagtailcore", f"{permission_type}_page"),
            )
    collection = Collection.objects.filter(name=group_name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=group_name)
    for app_label, codename in PARTNER_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    return group
