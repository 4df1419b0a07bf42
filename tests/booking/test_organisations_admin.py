"""The Organisation screen: a partner's members keep their business's names and addresses (with
the English ones that English pages, e-mails and receipts show) up to date; they never see
another organisation; editors see every one; nobody adds or deletes one there."""

import pytest
from django.urls import reverse

from tests.booking.backoffice_world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home, django_user_model):
    return make_world(home, django_user_model)


def refused(response) -> bool:
    """Wagtail's answer to a screen the user may not use: back to the dashboard (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def details(organisation, **changes) -> dict:
    data = {
        "name": organisation.name,
        "name_en": organisation.name_en,
        "address": organisation.address,
        "address_en": organisation.address_en,
        "contact_name": organisation.contact_name,
        "email": organisation.email,
        "phone": organisation.phone,
        "invoice_registration_number": organisation.invoice_registration_number,
    }
    data.update(changes)
    return data


def test_a_member_gives_the_english_name_and_address_of_their_organisation(client, world):
    client.force_login(world.users["b"])
    edit = reverse("organisations:edit", args=[world.org_b.pk])
    page = client.get(edit).content.decode()
    assert 'name="address_en"' in page and 'name="name_en"' in page
    response = client.post(
        edit, details(world.org_b, name_en="B Fishing Boat", address_en="1-1 Shirahama, Wakayama")
    )
    assert response.status_code == 302
    world.org_b.refresh_from_db()
    assert world.org_b.display_name("en") == "B Fishing Boat"
    assert world.org_b.display_address("en") == "1-1 Shirahama, Wakayama"


def test_a_member_sees_only_their_own_organisation(client, world):
    client.force_login(world.users["a"])  # a member through the organisation's group
    listing = client.get(reverse("organisations:index")).content.decode()
    assert world.org_a.name in listing and world.org_b.name not in listing
    theirs = reverse("organisations:edit", args=[world.org_b.pk])
    assert client.get(theirs).status_code == 404
    assert client.post(theirs, details(world.org_b, name_en="Taken")).status_code == 404
    world.org_b.refresh_from_db()
    assert world.org_b.name_en == ""


def test_editors_see_every_organisation_and_nobody_adds_or_deletes_one(client, world):
    client.force_login(world.users["editor"])
    listing = client.get(reverse("organisations:index")).content.decode()
    assert world.org_a.name in listing and world.org_b.name in listing
    assert refused(client.get(reverse("organisations:add")))
    assert refused(client.post(reverse("organisations:delete", args=[world.org_a.pk])))
    assert world.org_a.__class__.objects.filter(pk=world.org_a.pk).exists()
    client.force_login(world.users["stranger"])
    assert refused(client.get(reverse("organisations:index")))


def test_a_wrong_invoice_number_is_refused_with_a_message(client, world):
    client.force_login(world.users["b"])
    edit = reverse("organisations:edit", args=[world.org_b.pk])
    response = client.post(edit, details(world.org_b, invoice_registration_number="T123"))
    assert response.status_code == 200
    world.org_b.refresh_from_db()
    assert world.org_b.invoice_registration_number == "T9234567890123"
