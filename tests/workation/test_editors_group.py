"""The prefecture's editors may change everything editors own, the site-wide settings of `core`
included (contact details, the legal disclosure, menus)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workation.services.partners import ensure_editors_group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["sitesettings", "navigationsettings"])
def test_an_editor_may_open_and_change_the_site_wide_settings(client, site, model):
    editor = UserFactory(username="editor")
    editor.groups.add(ensure_editors_group())
    assert editor.has_perm(f"core.change_{model}")

    client.force_login(editor)
    response = client.get(reverse("wagtailsettings:edit", args=["core", model, site.pk]))

    assert response.status_code == 200
