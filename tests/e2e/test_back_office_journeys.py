"""The back office in a real browser over the demo content: a partner signs in, opens a new
session, sees a booking arrive in the day's manifest and checks the guest in; an editor approves a
partner's page change and sees it live. Each ends in what the page shows and what the database
holds."""

import re
from datetime import time

from django.utils import timezone

from booking.models import Booking, BookingLine, Offer, Slot
from booking.services.jst import at, today
from booking.services.references import new_reference
from demo.users import demo_password
from tests.booking.factories import TripFactory
from tests.e2e.conftest import Steps
from workation.models import ExperiencePage

TEMPLE = "temple-morning-prayers"  # an experience of the Kōyasan partner


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def sign_in(page, base: str, username: str, steps: Steps) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo_password())
    steps("sign-in")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def a_guest_books(slot: Slot, name: str) -> Booking:
    """A confirmed booking of two on the slot, as the checkout leaves it (the checkout itself is
    the guest journeys' subject)."""
    offer = slot.offer
    category = offer.price_categories.first()
    booking = Booking.objects.create(
        trip=TripFactory(),
        reference=new_reference(),
        offer=offer,
        status=Booking.Status.CONFIRMED,
        hold_expires_at=timezone.now(),
        guest_name=name,
        guest_email="guest@example.jp",
        guest_phone="090-1111-2222",
        guest_notes="ベジタリアンです",
        service_date=slot.date,
        total=2 * category.price,
        confirmed_at=timezone.now(),
    )
    BookingLine.objects.create(
        booking=booking, slot=slot, price_category=category, quantity=2, unit_price=category.price
    )
    return booking


def test_a_partner_opens_a_session_sees_the_booking_arrive_and_checks_the_guest_in(
    live_site, desktop, artefacts
):
    steps = Steps(desktop, artefacts)
    page = desktop
    offer = Offer.objects.get(page__slug=TEMPLE, page__locale__language_code="ja")
    partner = offer.organisation.members.order_by("pk").first() or (
        offer.organisation.group.user_set.order_by("pk").first()
    )
    sign_in(page, live_site, partner.get_username(), steps)

    # A new session today, from the offer's calendar (the whole day, so it is on whenever the
    # test runs; the guest's booking below needs no hold).
    page.goto(f"{live_site}/admin/offers/{offer.pk}/calendar/")
    steps("calendar")
    day = today()
    Slot.objects.filter(offer=offer, date=day).delete()
    form = page.locator("section[aria-labelledby=add-session] form")
    form.locator("input[name=date]").fill(day.isoformat())
    form.locator("input[name=start_time]").fill("00:00")
    form.locator("input[name=end_time]").fill("23:59")
    form.locator("input[name=capacity]").fill("4")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/calendar/\?month="))
    steps("session-added")
    slot = Slot.objects.get(offer=offer, date=day)
    assert (slot.capacity, slot.starts_at, slot.ends_at) == (
        4,
        at(day, time(0, 0)),
        at(day, time(23, 59)),
    )

    # A guest books it; the manifest shows them.
    booking = a_guest_books(slot, "山田 太郎")
    page.goto(f"{live_site}/admin/manifest/")
    row = page.locator("tr", has_text=booking.reference)
    expect()(row).to_contain_text("山田 太郎")
    expect()(row).to_contain_text("ベジタリアンです")
    steps("manifest")

    # Check-in from the manifest.
    row.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/check-in/"))
    expect()(page.locator(".messages")).to_contain_text(booking.reference)
    steps("checked-in")
    booking.refresh_from_db()
    assert booking.checked_in_at is not None and booking.checked_in_by == partner
    page.goto(f"{live_site}/admin/manifest/")
    expect()(page.locator("tr", has_text=booking.reference)).to_contain_text("✓")


def test_an_editor_approves_a_partners_page_change_and_sees_it_live(live_site, desktop, artefacts):
    steps = Steps(desktop, artefacts)
    page = desktop
    experience = ExperiencePage.objects.get(slug=TEMPLE, locale__language_code="ja")
    offer = Offer.objects.filter(page=experience).first()
    partner = offer.organisation.members.order_by("pk").first() or (
        offer.organisation.group.user_set.order_by("pk").first()
    )
    new_title = f"{experience.title}（冬の特別編）"

    # The partner changes the title and submits it for moderation (the partner's own editing
    # screen is covered by tests/workation/test_partner_access.py).
    experience.title = new_title
    revision = experience.save_revision(user=partner)
    experience.get_workflow().start(experience, partner)
    experience.refresh_from_db()
    assert experience.title != new_title and revision.pk  # not live yet

    sign_in(page, live_site, "editor", steps)
    page.goto(f"{live_site}/admin/pages/{experience.pk}/edit/")
    steps("page-awaiting-review")
    approve = page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    approve.first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/admin/pages/"))
    steps("approved")

    experience.refresh_from_db()
    assert experience.title == new_title and experience.live
    assert not experience.workflow_in_progress
    page.goto(f"{live_site}{experience.url}")
    expect()(page.locator("h1")).to_contain_text("冬の特別編")
    steps("live")
