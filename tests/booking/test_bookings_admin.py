"""The back office's bookings screens: editors see every organisation's bookings, a partner only
its own, in the list, the detail page, the filters and the exports, whatever id it guesses."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booking.models import Booking
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import admin_user
from tests.booking.factories import OfferFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db

INDEX = "bookings:index"


@pytest.fixture
def world(django_user_model):
    """Two partner organisations (A through its group, B through membership), an editor, a
    signed-in admin user of neither, and bookings of each organisation."""
    group_a = Group.objects.create(name="Partner: A")
    org_a = PartnerOrganisationFactory(name="A農園", group=group_a)
    org_b = PartnerOrganisationFactory(name="B漁船")
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="booking"))
    users = {
        "a": admin_user(django_user_model, "partner_a", group_a),
        "b": admin_user(django_user_model, "partner_b"),
        "editor": admin_user(django_user_model, "editor", editors),
        "stranger": admin_user(django_user_model, "stranger"),
    }
    org_b.members.add(users["b"])
    offer_a, offer_b = OfferFactory(organisation=org_a), OfferFactory(organisation=org_b)
    bookings = {
        "a": [make_booking(offer_a), make_booking(offer_a, status=Booking.Status.CANCELLED)],
        "b": [make_booking(offer_b)],
    }
    hold = make_booking(offer_a, status=Booking.Status.HELD)
    return users, bookings, hold, offer_a, offer_b


def as_user(client, user):
    client.force_login(user)
    return client


def references(response) -> set[str]:
    return references_in(response.content.decode())


def references_in(html: str) -> set[str]:
    return {ref for ref in Booking.objects.values_list("reference", flat=True) if ref in html}


def test_a_partner_lists_only_its_own_bookings_and_no_bare_holds(client, world):
    users, bookings, hold, *_ = world
    response = as_user(client, users["a"]).get(reverse(INDEX))
    assert response.status_code == 200
    assert references(response) == {b.reference for b in bookings["a"]}
    assert hold.reference not in response.content.decode()


def test_a_member_partner_lists_its_organisations_bookings(client, world):
    users, bookings, *_ = world
    response = as_user(client, users["b"]).get(reverse(INDEX))
    assert references(response) == {b.reference for b in bookings["b"]}


def test_an_editor_lists_every_organisations_bookings(client, world):
    users, bookings, *_ = world
    response = as_user(client, users["editor"]).get(reverse(INDEX))
    assert references(response) == {b.reference for b in bookings["a"] + bookings["b"]}


def test_someone_of_no_organisation_is_refused_and_anonymous_sent_to_log_in(client, world):
    users, *_ = world
    assert as_user(client, users["stranger"]).get(reverse(INDEX)).status_code in (302, 403)
    followed = as_user(client, users["stranger"]).get(reverse(INDEX), follow=True)
    assert not references(followed)  # wherever it ends, no booking is shown
    client.logout()
    response = client.get(reverse(INDEX))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_partner_guessing_another_organisations_booking_gets_404(client, world):
    users, bookings, *_ = world
    theirs = bookings["a"][0]
    client = as_user(client, users["b"])
    guessed = client.get(reverse("bookings:inspect", args=[theirs.pk]), follow=True)
    assert guessed.status_code == 404
    assert theirs.reference not in guessed.content.decode()
    mine = bookings["b"][0]
    page = client.get(reverse("bookings:inspect", args=[mine.pk]))
    assert page.status_code == 200 and mine.guest_name in page.content.decode()


def test_nobody_edits_adds_or_deletes_a_booking_through_the_admin(client, world):
    users, bookings, *_ = world
    booking = bookings["a"][0]
    for user in (users["a"], users["editor"]):
        client = as_user(client, user)
        for url in (
            reverse("bookings:add"),
            reverse("bookings:edit", args=[booking.pk]),
            reverse("bookings:delete", args=[booking.pk]),
        ):
            assert client.get(url).status_code in (302, 403), url
            assert client.post(url, {"guest_notes": "x"}).status_code in (302, 403), url
    assert Booking.objects.filter(pk=booking.pk).exists()
    assert Booking.objects.get(pk=booking.pk).guest_notes == ""


def test_the_csv_export_holds_only_the_partners_bookings(client, world):
    users, bookings, *_ = world
    response = as_user(client, users["b"]).get(reverse(INDEX), {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    body = body or response.content.decode()
    assert response.status_code == 200
    assert bookings["b"][0].reference in body
    assert all(b.reference not in body for b in bookings["a"])


def test_the_offer_filter_offers_only_the_partners_offers(client, world):
    users, bookings, hold, offer_a, offer_b = world
    response = as_user(client, users["b"]).get(reverse(INDEX))
    html = response.content.decode()
    assert f'value="{offer_b.pk}"' in html and f'value="{offer_a.pk}"' not in html
    filtered = client.get(reverse(INDEX), {"offer": offer_a.pk})  # not a choice B has
    assert references(filtered) == {b.reference for b in bookings["b"]}


def test_filters_by_status_and_date(client, world):
    users, bookings, *_ = world
    client = as_user(client, users["a"])
    cancelled = client.get(reverse(INDEX), {"status": "cancelled"})
    assert references(cancelled) == {bookings["a"][1].reference}
    day = bookings["a"][0].service_date.isoformat()
    dated = client.get(reverse(INDEX), {"service_date_after": day, "service_date_before": day})
    assert references(dated) == {b.reference for b in bookings["a"]}


def test_the_list_costs_the_same_queries_however_many_bookings(client, world):
    users, bookings, hold, offer_a, _ = world
    client = as_user(client, users["a"])
    client.get(reverse(INDEX))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(INDEX))
    for _ in range(8):
        make_booking(offer_a)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(INDEX))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_searching_by_reference_finds_the_booking_within_the_partners_own(client, world):
    users, bookings, *_ = world
    client = as_user(client, users["a"])
    wanted = bookings["a"][1]
    found = client.get(reverse(INDEX), {"q": wanted.reference}).content.decode()
    assert references_in(found) == {wanted.reference}
    assert reverse("bookings:inspect", args=[wanted.pk]) in found  # each row links to it
    theirs = bookings["b"][0]
    found = client.get(reverse(INDEX), {"q": theirs.reference}).content.decode()
    assert reverse("bookings:inspect", args=[theirs.pk]) not in found  # no row (the box echoes q)
    assert theirs.guest_email not in found
