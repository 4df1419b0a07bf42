"""The demo is bookable (`manage.py seed_demo`): every listing has offers with future slots, every
partner an organisation, every office sells its desks exactly while it is open, the booking pages
work, and seeding again creates nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from booking.content import content
from booking.models import Booking, Offer, PartnerOrganisation, Schedule, Slot
from booking.models.organisations import invoice_number_validator
from booking.services.jst import JST, today
from demo.data.partners import WITHOUT_ENGLISH
from workation.models import ExperiencePage, OfficePage, PartnerPage, StayPage

pytestmark = pytest.mark.django_db


def url(name: str, language: str, **kwargs: int) -> str:
    """A booking URL in `language`."""
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


def counts() -> dict[str, int]:
    """How many booking rows the demo has made."""
    return {
        "organisations": PartnerOrganisation.objects.count(),
        "offers": Offer.objects.count(),
        "schedules": Schedule.objects.count(),
        "slots": Slot.objects.count(),
    }


def desk_days_off_the_hours(days: int = 14) -> list[str]:
    """Each demo desk offer's day (in the next `days`) whose slots do not run from its office's
    opening to its closing, or that has slots while the office is closed."""
    wrong = []
    start = today() + timedelta(days=1)
    for offer in Offer.objects.filter(kind="desk").select_related("page"):
        hours = content().opening_hours_of(offer.page_id)
        assert hours is not None, f"{offer.page.slug} states no opening hours by weekday"
        closed = set(offer.closed_dates.values_list("date", flat=True))
        slots: dict = {}
        for slot in offer.slots.filter(date__gte=start, date__lt=start + timedelta(days=days)):
            slots.setdefault(slot.date, []).append(slot)
        for day in (start + timedelta(days=n) for n in range(days)):
            open_hours = None if day in closed else hours.on(day.weekday())
            found = slots.get(day, [])
            span = (
                (
                    min(slot.starts_at for slot in found).astimezone(JST).time(),
                    max(slot.ends_at for slot in found).astimezone(JST).time(),
                )
                if found
                else None
            )
            if span != open_hours:
                wrong.append(f"{offer.page.slug} {offer.name} {day:%a}: {span} ≠ {open_hours}")
    return wrong


def test_the_demo_is_bookable_and_seeding_again_creates_nothing(client: Client) -> None:
    out = StringIO()
    call_command("seed_demo", image_size="320x200", verbosity=0, stdout=out)
    assert out.getvalue().count("Booking demo:") == 1
    assert not Booking.objects.exists(), "the demo makes no bookings"

    bookable = set(
        Offer.objects.filter(active=True, slots__starts_at__gt=timezone.now()).values_list(
            "page_id", flat=True
        )
    )
    listings = {
        page.slug: page.pk
        for model in (OfficePage, ExperiencePage, StayPage)
        for page in model.objects.filter(locale__language_code="ja")
    }
    assert len(listings) == 28
    assert not [slug for slug, pk in listings.items() if pk not in bookable]
    assert not Offer.objects.exclude(page__locale__language_code="ja").exists()
    assert set(Offer.objects.values_list("kind", flat=True)) == {"desk", "experience", "stay"}
    assert not Offer.objects.filter(kind="desk").exclude(price_categories__code="day").exists()
    assert not Offer.objects.filter(kind="stay").exclude(price_categories__code="room").exists()
    assert not Offer.objects.filter(name_en="").exists()
    requests = Offer.objects.filter(instant_booking=False).values_list("page__slug", flat=True)
    assert set(requests) == {"farm-stay", "cooking-with-local-family"}  # the host confirms
    assert not desk_days_off_the_hours(), "desks are sold exactly while their office is open"

    partners = list(PartnerPage.objects.filter(locale__language_code="ja"))
    organisations = {
        org.page_id: org
        for org in PartnerOrganisation.objects.select_related("group").prefetch_related("members")
    }
    numbers = set()
    for page in partners:
        org = organisations[page.pk]
        invoice_number_validator(org.invoice_registration_number)
        numbers.add(org.invoice_registration_number)
        assert org.email.endswith("@example.jp") and org.address
        if page.slug in WITHOUT_ENGLISH:  # shown romanised on English pages
            assert (org.name_en, org.address_en) == ("", "")
            assert org.display_name("en").isascii() and org.display_address("en").isascii()
        else:
            assert org.name_en and org.address_en and org.address_en.isascii()
        assert org.group.name == f"Partner: {page.title}"
        assert [user.username for user in org.members.all()] == [f"partner-{page.slug}"]
    assert len(numbers) == len(partners)

    walk = Offer.objects.get(page__slug="temple-morning-prayers")
    response = client.get(url("offer", "en", pk=walk.pk))
    assert response.status_code == 200
    assert "Next available dates" in response.content.decode()
    first = response.context["next_available"][0]
    assert first <= today() + timedelta(days=2)
    assert f"date={first.isoformat()}" in response.content.decode()

    room = Offer.objects.filter(kind="stay").first()
    category = room.price_categories.get(code="room")
    check_in = today() + timedelta(days=14)
    held = client.post(
        url("hold", "ja", pk=room.pk),
        {"check_in": check_in.isoformat(), "nights": 2, f"qty_{category.pk}": 1},
    )
    assert held.status_code == 302, "a demo room can be held"

    before = counts()
    out = StringIO()
    call_command("seed_demo", image_size="320x200", verbosity=0, stdout=out)
    assert counts() == before
    assert "Booking demo:" not in out.getvalue()
