"""Rate limits: a burst of holds, consultation requests or partner applications from one address
gets a clear 429 page and stores nothing; other addresses are not affected; a GET is never
counted."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, PartnerApplication
from booking.services.jst import today
from core.rate_limits import Rate, over_limit
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot
from tests.factories import ConsultationFormFieldFactory, ConsultationFormPageFactory
from workation.models.forms import ConsultationSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {"hold": "3/m", "consultation": "2/h", "application": "2/h"}


def url(name: str, language: str = "ja", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


def test_a_burst_of_holds_is_refused_with_429_and_holds_nothing(client, home, limits):
    offer = OfferFactory()
    adult = PriceCategoryFactory(offer=offer, code="adult", price=4000)
    slot = make_slot(offer, today() + timedelta(days=8), capacity=50)
    data = {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 1}
    answers = [client.post(url("hold", pk=offer.pk), data).status_code for _ in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert Booking.objects.count() == 3
    refused = client.post(url("hold", "en", pk=offer.pk), data)
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 60
    other = client.post(url("hold", pk=offer.pk), data, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    assert client.get(url("offer", pk=offer.pk)).status_code == 200  # reading is not counted


def test_the_consultation_form_takes_two_an_hour_from_one_address(client, home, limits):
    page = ConsultationFormPageFactory(parent=home, slug="consultation")
    ConsultationFormFieldFactory(page=page, label="会社名", clean_name="company")
    mistakes = [client.post(page.url, {"company": ""}).status_code for _ in range(4)]
    assert 429 not in mistakes  # correcting a mistake is never counted
    answers = [client.post(page.url, {"company": f"会社{n}"}).status_code for n in range(3)]
    assert answers == [200, 200, 429]
    assert ConsultationSubmission.objects.count() == 2
    refused = client.post(page.url, {"company": "会社X"})
    assert 1 <= int(refused["Retry-After"]) <= 3600  # until the hour's window ends


def test_the_partner_application_takes_two_an_hour_from_one_address(client, home, limits):
    data = {
        "business_name": "串本ダイビング",
        "category": "experience",
        "area": "串本町",
        "address": "和歌山県東牟婁郡串本町2",
        "phone": "0735-00-0001",
        "description": "海の体験です。",
        "contact_name": "潮岬 太郎",
        "contact_email": "dive@example.jp",
    }
    typos = [client.post(url("apply"), {**data, "contact_email": "x"}) for _ in range(4)]
    assert {response.status_code for response in typos} == {400}
    answers = [client.post(url("apply"), data).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert PartnerApplication.objects.count() == 2


def test_a_burst_across_a_windows_edge_is_held_to_the_limit(rf, settings, time_machine):
    """Fixed windows let twice the limit through around a window's edge; the sliding window
    counts the last window's requests by how much of it is still within one window (issue 14,
    11)."""
    settings.RATE_LIMITS = {"hold": "3/m"}
    post = rf.post("/ja/booking/offers/1/hold/", REMOTE_ADDR="198.51.100.4")
    time_machine.move_to(datetime(2027, 1, 31, 23, 59, 50, tzinfo=UTC), tick=False)
    assert [over_limit(post, "hold") for _ in range(3)] == [False, False, False]

    time_machine.move_to(datetime(2027, 2, 1, 0, 0, 5, tzinfo=UTC), tick=False)
    assert over_limit(post, "hold")  # the three of ten seconds ago still count
    assert 1 <= post.rate_limit_retry_after <= 60

    time_machine.move_to(datetime(2027, 2, 1, 0, 0, 55, tzinfo=UTC), tick=False)
    assert not over_limit(post, "hold")  # a minute after the burst there is room again


def test_rates_are_read_as_written_and_a_wrong_one_is_refused():
    assert Rate.parse("30/m") == Rate(30, 60)
    assert Rate.parse("5/h") == Rate(5, 3600)
    assert Rate.parse("10/15m") == Rate(10, 900)
    with pytest.raises(ValueError):
        Rate.parse("lots")
