"""The site-wide models moved from `home` to `core` (core 0001): on a database that has rows,
the move keeps every row, id, content type and permission, and it can be undone."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import CustomImage, FooterLink, NavigationSettings, SiteSettings
from tests.wagtail_roots import restore_wagtail_roots

BEFORE = [
    ("home", "0003_choosers_from_shared_objects"),
    ("workation", "0003_choosers_from_shared_objects"),
    ("core", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_moving_the_models_to_core_keeps_every_row_and_permission_and_can_be_undone():
    permission = Permission.objects.get(codename="change_sitesettings")
    site = restore_wagtail_roots()
    old = migrate(BEFORE)
    try:
        image = old.get_model("home", "CustomImage").objects.create(
            title="白良浜", file="original_images/shirarahama.jpg", width=40, height=30
        )
        settings = old.get_model("home", "SiteSettings").objects.create(
            site_id=site.pk, organisation_name="和歌山県", organisation_name_en="Wakayama"
        )
        navigation = old.get_model("home", "NavigationSettings").objects.create(site_id=site.pk)
        old.get_model("home", "FooterLink").objects.create(
            setting_id=navigation.pk, page_id=site.root_page_id, label="プライバシー"
        )
        old_type = old.get_model("contenttypes", "ContentType").objects.get(
            pk=permission.content_type_id
        )
        assert old_type.app_label == "home"  # undoing core 0001 gave the type back to home
    finally:
        migrate(latest())

    assert CustomImage.objects.get(pk=image.pk).title == "白良浜"
    assert SiteSettings.objects.get(pk=settings.pk).organisation_name == "和歌山県"
    assert (
        NavigationSettings.objects.get(pk=navigation.pk).footer_links.get().label == "プライバシー"
    )
    assert FooterLink.objects.count() == 1
    moved = ContentType.objects.get(pk=permission.content_type_id)
    assert (moved.app_label, moved.model) == ("core", "sitesettings")
    assert Permission.objects.get(pk=permission.pk).content_type_id == moved.pk
    assert not ContentType.objects.filter(app_label="home", model="sitesettings").exists()
