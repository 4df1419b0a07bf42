"""A content page lists its offers with their lowest price and a link to their availability."""

import pytest

from tests.booking.factories import OfferFactory, PriceCategoryFactory
from tests.factories import OfficePageFactory, PartnerIndexPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db


def test_an_office_page_lists_its_desk_offers_cheapest_first_with_a_link_to_book(
    client, home, site_settings
):
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    office = OfficePageFactory(parent=partner, title="白浜ベイオフィス")
    cheap = OfferFactory(page=office, kind="desk", unit="desk_day", name="フリーデスク")
    PriceCategoryFactory(offer=cheap, code="day", price=1650)
    dear = OfferFactory(page=office, kind="desk", unit="desk_day", name="固定デスク")
    PriceCategoryFactory(offer=dear, code="day", price=3300)
    OfferFactory(page=office, name="販売停止中", active=False)

    html = client.get(office.url).content.decode()

    assert html.index("フリーデスク") < html.index("固定デスク")
    assert "¥1,650" in html and "¥3,300" in html
    assert f"/ja/booking/offers/{cheap.pk}/" in html
    assert "販売停止中" not in html


def test_a_page_without_offers_shows_no_booking_panel(client, home, site_settings):
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    office = OfficePageFactory(parent=partner)
    assert "/booking/offers/" not in client.get(office.url).content.decode()
