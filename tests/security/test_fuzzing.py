"""Hostile input on every public form, query string and the Stripe webhook: hypothesis-made
requests never get a 500 and never leave a partial row behind (a booking without lines, a stored
webhook event that was not signed, an application or consultation half-written).

The budget is FUZZ_EXAMPLES examples per endpoint: 100 by default, so 1,000 requests over the ten
endpoints on every run and CI leg; `make fuzz` runs 1,000 per endpoint (10,000 requests)."""

import os
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking.models import Booking, BookingLine, Offer, PartnerApplication, WebhookEvent
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.factories import ConsultationFormFieldFactory, ConsultationFormPageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a person, a bot or an attacker might send: anything, plus the usual suspects.
NASTY = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30",
        "0000-00-00",
        "9999-12-31",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "\x00",
        "\ufeff",
        "𠮷野家",
        "ｱｲｳｴｵ",
        "a" * 5000,
    ]
)
TEXT = st.text(max_size=200) | NASTY
NUMBERISH = st.integers(-(10**12), 10**12).map(str) | NASTY


def form_of(fields: list[str]):
    """A form body: some known fields (possibly repeated) with hostile values, and some unknown."""
    known = st.dictionaries(st.sampled_from(fields), st.lists(TEXT | NUMBERISH, max_size=3))
    unknown = st.dictionaries(st.text(max_size=20), st.lists(TEXT, max_size=2), max_size=3)
    return st.tuples(known, unknown).map(lambda parts: {**parts[1], **parts[0]})


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


def no_partial_rows() -> None:
    """Whatever happened, nothing half-written is left."""
    assert not Booking.objects.filter(lines__isnull=True).exists()
    assert not BookingLine.objects.filter(quantity__lt=1).exists()


def answered(response, *allowed: int) -> None:
    assert response.status_code < 500, response.status_code
    if allowed:
        assert response.status_code in allowed, response.status_code


@pytest.fixture
def experience(home):
    offer = OfferFactory(min_per_booking=1, max_per_booking=6)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    child = PriceCategoryFactory(offer=offer, code="child", price=3300)
    slot = make_slot(offer, today() + timedelta(days=10), capacity=4)
    return offer, adult, child, slot


@pytest.fixture
def stay_hold(home):
    """A stay held by a client of its own, at its details step (with the guest register)."""
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, max_per_booking=2)
    room = PriceCategoryFactory(offer=offer, code="room", price=12000)
    nights = make_nights(offer, today() + timedelta(days=12), 2, capacity=3)
    client = Client()
    response = client.post(
        url("hold", pk=offer.pk),
        {"check_in": nights[0].date.isoformat(), "nights": 2, f"qty_{room.pk}": 1},
    )
    booking = Booking.objects.get(offer=offer)
    assert response.status_code == 302, response.status_code
    return client, booking


@FUZZ
@given(query=form_of(["month", "date", "guests"]), language=st.sampled_from(["ja", "en"]))
def test_the_offer_page_and_its_day_feed_take_any_query_string(client, experience, query, language):
    offer = experience[0]
    answered(client.get(url("offer", language, pk=offer.pk), query), 200, 400)
    answered(client.get(url("availability", language, pk=offer.pk), query), 200, 400, 404)


@FUZZ
@given(data=st.data())
def test_hold_requests_never_break_and_never_half_write(client, experience, data):
    offer, adult, child, slot = experience
    fields = ["date", "slot", "check_in", "nights", "first_day", "day_count", "part", "desks"]
    fields += [f"qty_{adult.pk}", f"qty_{child.pk}", "qty_0"]
    body = data.draw(form_of(fields))
    if data.draw(st.booleans()):
        body.setdefault("date", slot.date.isoformat())
        body.setdefault("slot", str(slot.pk))
    answered(client.post(url("hold", pk=offer.pk), body), 302, 400, 404, 409)
    no_partial_rows()
    Booking.objects.filter(offer=offer).update(status=Booking.Status.EXPIRED)  # free the places


@FUZZ
@given(
    body=form_of(
        [
            "guest_name",
            "guest_name_kana",
            "guest_email",
            "guest_phone",
            "guest_notes",
            "agree",
            "guests-TOTAL_FORMS",
            "guests-INITIAL_FORMS",
            "guests-0-name",
            "guests-0-address",
            "guests-0-phone",
            "guests-0-lives_in_japan",
            "guests-0-nationality",
            "guests-0-passport_number",
        ]
    )
)
def test_guest_details_and_the_register_take_anything(stay_hold, body):
    client, booking = stay_hold
    answered(client.post(url("details", reference=booking.reference), body), 302, 400)
    no_partial_rows()
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.HELD)
    assert booking.guests.filter(lives_in_japan=False, passport_number="").count() == 0


@FUZZ
@given(body=form_of(["agree", "terms", "payment"]), reference=TEXT)
def test_the_final_step_and_unknown_references(client, experience, body, reference):
    reference = quote(reference[:40] or "x", safe="")
    answered(client.post(f"/ja/booking/{reference}/confirm/", body))
    answered(client.get(f"/ja/booking/{reference}/status.json"))
    no_partial_rows()


@FUZZ
@given(
    query=form_of(
        [
            "kind",
            "area",
            "date_from",
            "date_to",
            "start",
            "end",
            "people",
            "guests",
            "price_max",
            "price_min",
            "amenities",
            "language",
            "sort",
            "page",
            "q",
        ]
    ),
    language=st.sampled_from(["ja", "en"]),
)
def test_search_takes_any_query_string(client, experience, query, language):
    with translation.override(language):
        search_url = reverse("workation:search")
    answered(client.get(search_url, query), 200, 400)


@FUZZ
@given(
    body=st.binary(max_size=2000) | TEXT.map(str.encode),
    signature=TEXT | st.just("t=1,v1=" + "0" * 64),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded"]
    ),
)
def test_the_webhook_stores_nothing_that_is_not_signed(
    client, settings, body, signature, content_type
):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_fuzz"
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}
    response = client.post("/stripe/webhook/", body, content_type=content_type, **headers)
    answered(response, 400, 405)
    assert not WebhookEvent.objects.exists()


@pytest.fixture
def consultation_page(home, site_settings):
    page = ConsultationFormPageFactory(parent=home, slug="consultation")
    ConsultationFormFieldFactory(page=page, label="会社名", clean_name="company", sort_order=0)
    ConsultationFormFieldFactory(
        page=page, label="メール", clean_name="email", field_type="email", sort_order=1
    )
    ConsultationFormFieldFactory(
        page=page, label="人数", clean_name="people", field_type="number", sort_order=2
    )
    return page


@FUZZ
@given(body=form_of(["company", "email", "people"]))
def test_the_consultation_form_takes_anything(client, consultation_page, body):
    from workation.models.forms import ConsultationSubmission

    before = ConsultationSubmission.objects.count()
    response = client.post(consultation_page.url, body)
    answered(response, 200, 400, 429)
    created = ConsultationSubmission.objects.count() - before
    assert created in (0, 1)
    if created:
        assert ConsultationSubmission.objects.latest("pk").get_data()["company"]


@FUZZ
@given(
    body=form_of([*PartnerApplication.APPLICANT_FIELDS, "homepage"]),
    language=st.sampled_from(["ja", "en"]),
)
def test_the_partner_application_takes_anything(client, home, body, language):
    response = client.post(url("apply", language), body)
    answered(response, 200, 302, 400, 429)
    for application in PartnerApplication.objects.all():
        assert application.business_name and application.contact_email
    PartnerApplication.objects.all().delete()


@FUZZ
@given(token=TEXT, body=form_of(["refund_shown", "confirm"]))
def test_manage_and_cancel_links_take_any_token(client, home, token, body):
    token = quote(token[:300] or "x", safe="")
    answered(client.get(f"/ja/booking/manage/{token}/"), 200, 400, 404)
    answered(client.post(f"/ja/booking/manage/{token}/cancel/", body), 200, 302, 400, 404)


@FUZZ
@given(
    path=st.lists(st.text(max_size=30) | NASTY, max_size=4),
    language=st.sampled_from(["ja", "en", "fr", ""]),
)
def test_any_page_path_is_a_page_or_a_helpful_404(client, home, path, language):
    prefix = f"/{language}/" if language else "/"
    parts = [quote(part, safe="") for part in path]
    answered(client.get(prefix + "/".join(parts) + ("/" if parts else "")))


def test_a_real_hold_still_works_after_the_fuzzing_fixtures(experience):
    """The fixtures are sound: a valid hold succeeds (so the refusals above are the input's)."""
    offer, adult, child, slot = experience
    booking = create_hold(offer, [HoldItem((slot.pk,), adult.pk, 2)], language="ja")
    assert booking.lines.count() == 1
