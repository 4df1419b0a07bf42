"""The back office's permissions matrix: for every admin URL the project adds, each role
(anonymous, a guest account, partner A, partner B, an editor) gets the expected answer, and
partner B gets a refusal on every object of partner A — for reading and for changing — without
a trace of A's data in the answer."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from booking.models import Booking, Offer, PartnerApplication, Slot
from booking.services.jst import today
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import make_world
from tests.factories import ConsultationFormPageFactory
from workation.models.forms import ConsultationSubmission

pytestmark = pytest.mark.django_db

OK, DENIED = "ok", "denied"
ROLES = ("guest", "a", "b", "editor")


@dataclass(frozen=True)
class Rule:
    """Who may open a URL: the partner who owns the object, another partner, an editor."""

    owner: str
    other: str
    editor: str


# What a role may do with partner A's things (and with pages of no one's).
MATRIX: dict[str, Rule] = {
    "bookings:index": Rule(OK, OK, OK),
    "bookings:inspect": Rule(OK, DENIED, OK),
    "bookings:add": Rule(DENIED, DENIED, DENIED),
    "bookings:edit": Rule(DENIED, DENIED, DENIED),
    "bookings:delete": Rule(DENIED, DENIED, DENIED),
    "offers:index": Rule(OK, OK, OK),
    "offers:add": Rule(OK, OK, OK),
    "offers:edit": Rule(OK, DENIED, OK),
    "offers:delete": Rule(DENIED, DENIED, DENIED),
    "offers:history": Rule(OK, DENIED, OK),
    "offers:history_results": Rule(OK, DENIED, OK),
    "offers:usage": Rule(OK, DENIED, OK),
    "bookings:history": Rule(DENIED, DENIED, DENIED),
    "bookings:usage": Rule(DENIED, DENIED, DENIED),
    "partner_applications:history": Rule(DENIED, DENIED, DENIED),
    "consultations:history": Rule(DENIED, DENIED, OK),
    "offers:calendar": Rule(OK, DENIED, OK),
    "offers:slot": Rule(OK, DENIED, OK),
    "offers:cancel_session": Rule(OK, DENIED, OK),
    "booking_manifest": Rule(OK, OK, OK),
    "booking_check_in": Rule(OK, OK, OK),
    "booking_reports": Rule(DENIED, DENIED, OK),
    "partner_applications:index": Rule(DENIED, DENIED, OK),
    "partner_applications:inspect": Rule(DENIED, DENIED, OK),
    "partner_applications:approve": Rule(DENIED, DENIED, OK),
    "partner_applications:reject": Rule(DENIED, DENIED, OK),
    "invite_colleague:index": Rule(OK, OK, OK),
    "consultations:index": Rule(DENIED, DENIED, OK),
    "consultations:inspect": Rule(DENIED, DENIED, OK),
    "consultations:edit": Rule(DENIED, DENIED, OK),
    "consultations:delete": Rule(DENIED, DENIED, DENIED),
    "consultations:add": Rule(DENIED, DENIED, DENIED),
}


@pytest.fixture
def world(home, django_user_model):
    world = make_world(home, django_user_model)
    world.users["guest"] = django_user_model.objects.create_user("guest", "g@example.jp", "pw")
    booking = make_booking(world.offer_a, day=today() + timedelta(days=4))
    booking.guest_name = "秘密 太郎"
    booking.save()
    application = PartnerApplication.objects.create(
        business_name="新しい民宿",
        category="stay",
        area="串本",
        address="和歌山県東牟婁郡串本町1",
        phone="0735-00-0000",
        description="海の見える宿です。",
        contact_name="串本 花子",
        contact_email="kushimoto@example.jp",
    )
    form_page = ConsultationFormPageFactory(parent=home, slug="consultation")
    consultation = ConsultationSubmission.objects.create(
        page=form_page, form_data={"company": "秘密商事", "email": "c@example.jp"}
    )
    world.objects = {
        "consultation": consultation,
        "booking": booking,
        "offer": world.offer_a,
        "slot": booking.lines.get().slot,
        "application": application,
    }
    return world


def url_for(name: str, world) -> str:
    """The URL with partner A's object (or the application) as its argument, if it takes one."""
    objects = world.objects
    argument = {
        "bookings:inspect": objects["booking"],
        "bookings:edit": objects["booking"],
        "bookings:delete": objects["booking"],
        "offers:edit": objects["offer"],
        "offers:delete": objects["offer"],
        "offers:history": objects["offer"],
        "offers:history_results": objects["offer"],
        "offers:usage": objects["offer"],
        "bookings:history": objects["booking"],
        "bookings:usage": objects["booking"],
        "partner_applications:history": objects["application"],
        "consultations:history": objects["consultation"],
        "offers:calendar": objects["offer"],
        "offers:slot": objects["slot"],
        "offers:cancel_session": objects["slot"],
        "partner_applications:inspect": objects["application"],
        "partner_applications:approve": objects["application"],
        "partner_applications:reject": objects["application"],
        "consultations:inspect": objects["consultation"],
        "consultations:edit": objects["consultation"],
        "consultations:delete": objects["consultation"],
    }.get(name)
    return reverse(name, args=[argument.pk]) if argument else reverse(name)


def expected(name: str, role: str) -> str:
    if role == "guest":
        return DENIED
    rule = MATRIX[name]
    return {"a": rule.owner, "b": rule.other, "editor": rule.editor}[role]


def assert_answer(response, want: str, name: str, role: str) -> None:
    if want == OK:
        assert response.status_code == 200, (name, role, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (name, role, response.status_code)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_log_in(client, world, name):
    response = client.get(url_for(name, world))
    assert response.status_code == 302 and "/admin/login/" in response["Location"], name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(client, world, name, role):
    client.force_login(world.users[role])
    response = client.get(url_for(name, world))
    assert_answer(response, expected(name, role), name, role)
    if role in ("b", "guest") and response.status_code != 302:
        body = response.content.decode()
        assert "秘密 太郎" not in body and world.objects["booking"].reference not in body, name
        assert "秘密商事" not in body, name
        if role == "b" and name.startswith("offers:") and name != "offers:index":
            assert world.objects["offer"].name not in body, name


def test_partner_b_changes_nothing_of_partner_a(client, world):
    """Every state-changing POST on A's objects, sent by B: refused, and nothing changed."""
    client.force_login(world.users["b"])
    objects = world.objects
    booking, offer, slot = objects["booking"], objects["offer"], objects["slot"]
    attempts = [
        (reverse("offers:edit", args=[offer.pk]), {"name": "乗っ取り", "organisation": 1}),
        (reverse("offers:delete", args=[offer.pk]), {}),
        (reverse("offers:calendar", args=[offer.pk]), {"date": slot.date, "capacity": 3}),
        (reverse("offers:slot", args=[slot.pk]), {"action": "close"}),
        (reverse("offers:slot", args=[slot.pk]), {"action": "capacity", "capacity": 99}),
        (reverse("offers:cancel_session", args=[slot.pk]), {}),
        (reverse("bookings:edit", args=[booking.pk]), {"guest_notes": "x"}),
        (reverse("bookings:delete", args=[booking.pk]), {}),
        (reverse("partner_applications:approve", args=[objects["application"].pk]), {}),
        (
            reverse("partner_applications:reject", args=[objects["application"].pk]),
            {"reason": "no"},
        ),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
    checked = client.post(reverse("booking_check_in"), {"reference": booking.reference})
    assert checked.status_code == 200 and "秘密 太郎" not in checked.content.decode()
    booking = Booking.objects.get(pk=booking.pk)
    assert (booking.status, booking.checked_in_at, booking.guest_notes) == (
        Booking.Status.CONFIRMED,
        None,
        "",
    )
    assert Offer.objects.get(pk=offer.pk).name == offer.name
    slot_now = Slot.objects.get(pk=slot.pk)
    assert (slot_now.closed, slot_now.capacity) == (False, slot.capacity)
    assert Slot.objects.filter(offer=offer).count() == 1
    assert PartnerApplication.objects.get().status == PartnerApplication.Status.PENDING


def test_a_partner_with_stray_model_permissions_is_still_only_a_partner(client, world):
    """Partner groups hold no booking.* permission; were one given by mistake (view_offer),
    the partner still sees only its own organisation's bookings."""
    group = Group.objects.get(name="Partner: A")
    group.permissions.add(Permission.objects.get(codename="view_offer"))
    client.force_login(world.users["a"])
    html = client.get(reverse("bookings:index")).content.decode()
    assert world.objects["booking"].reference in html
    other = make_booking(world.offer_b)
    assert other.reference not in client.get(reverse("bookings:index")).content.decode()
