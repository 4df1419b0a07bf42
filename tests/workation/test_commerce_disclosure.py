"""The 特定商取引法 page says what the final screen before payment says: for every offer on sale,
the same seller, the same cancellation terms, the same payment method and timing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from booking.models import Booking
from booking.services.jst import today
from booking.services.stripe_api import PAYMENT_METHOD_TYPES
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_slot,
)
from tests.html import soup, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(tree):
    """Two sellers on sale (one with two offers on different terms), one not on sale."""
    farm = PartnerOrganisationFactory(name="紀州みかん農園（架空）", name_en="Kishu Mikan Farm")
    inn = PartnerOrganisationFactory(
        name="白浜の宿（架空）", name_en="Shirahama Inn", invoice_registration_number=""
    )
    hidden = PartnerOrganisationFactory(name="休業中の事業者（架空）")
    on_sale = [
        OfferFactory(
            organisation=farm, free_cancellation_days=3, late_cancellation_refund_percent=50
        ),
        OfferFactory(
            organisation=farm, free_cancellation_days=7, late_cancellation_refund_percent=0
        ),
        OfferFactory(
            organisation=inn, free_cancellation_days=1, late_cancellation_refund_percent=100
        ),
    ]
    OfferFactory(organisation=hidden, active=False)
    for offer in on_sale:
        PriceCategoryFactory(offer=offer, code="adult", price=4400)
        make_slot(offer, today() + timedelta(days=20), capacity=5)
    return on_sale


def final_screen(offer, language: str) -> dict[str, str]:
    """The legal facts of the last screen before payment, as a guest reaches it."""
    client = Client()
    slot = offer.slots.get()
    category = offer.price_categories.get()
    with translation.override(language):
        hold = reverse("booking:hold", kwargs={"pk": offer.pk})
    client.post(hold, {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{category.pk}": 1})
    booking = Booking.objects.filter(offer=offer).latest("pk")
    with translation.override(language):
        details = reverse("booking:details", kwargs={"reference": booking.reference})
        confirm = reverse("booking:confirm", kwargs={"reference": booking.reference})
    client.post(
        details,
        {
            "guest_name": "山田 太郎",
            "guest_name_kana": "ヤマダ タロウ",
            "guest_email": "t@example.jp",
            "guest_phone": "090-1234-5678",
        },
    )
    page = soup(client.get(confirm))
    facts = page.select_one("dl.booking-facts--legal")
    shown = {"seller-name": facts.select_one(".seller-name").get_text(strip=True)}
    return shown | {
        dt.get_text(" ", strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
        for dt in facts.find_all("dt")
    }


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_disclosure_page_repeats_the_final_screen_for_every_offer(
    client, tree, offers, home_en, translate_page, language
):
    page = tree.info if language == "ja" else translate_page(tree.info, title="Commerce")
    response = client.get(page.url)
    assert response.status_code == 200
    text = visible_text(response)
    html = soup(response)
    labels = {
        "ja": ("販売事業者", "キャンセルポリシー", "お支払い方法", "お支払い時期"),
        "en": ("Seller", "Cancellation", "Payment method", "When you pay"),
    }[language]
    seller_label, cancel_label, method_label, timing_label = labels

    for offer in offers:
        screen = final_screen(offer, language)
        section = " ".join(
            html.select_one(f"#seller-{offer.organisation_id}").get_text(" ").split()
        )
        assert screen["seller-name"] and screen["seller-name"] in section
        address = offer.organisation.display_address(language)  # romanised in English
        assert address in screen[seller_label]
        assert address in section
        assert screen[cancel_label] in section, (offer, screen[cancel_label])
        assert screen[method_label] in text
        assert screen[timing_label] in text
        if offer.organisation.invoice_registration_number:
            assert offer.organisation.invoice_registration_number in section


def test_only_what_checkout_offers_is_named_as_a_payment_method(client, tree, offers):
    text = visible_text(client.get(tree.info.url))

    assert PAYMENT_METHOD_TYPES == ("card",)
    assert "クレジットカード" in text
    for absent in ("請求書払い", "銀行振込", "振込", "コンビニ"):
        assert absent not in text


def test_a_seller_with_nothing_on_sale_is_not_listed_and_an_unregistered_one_says_so(
    client, tree, offers
):
    text = visible_text(client.get(tree.info.url))

    assert "休業中の事業者（架空）" not in text
    assert "白浜の宿（架空）" in text
    assert "登録なし" in text


def test_the_page_names_the_operator_apart_from_the_sellers(client, tree, offers, site_settings):
    html = soup(client.get(tree.info.url))
    operator = html.select_one("#commerce-heading").find_parent("section").get_text(" ")

    assert site_settings.seller_name in operator
    for offer in offers:
        assert offer.organisation.name not in operator


def test_without_a_travel_agency_registration_the_page_says_nothing_is_sold_as_a_package(
    client, tree, offers, settings
):
    from booking.services.sale_terms import bundles_allowed

    settings.TRAVEL_AGENCY_REGISTRATION = ""
    text = visible_text(client.get(tree.info.url))

    assert "旅行業登録" in text and "パッケージツアー" in text
    assert not bundles_allowed()


def test_a_registered_operator_shows_its_registration_and_may_bundle(
    client, tree, offers, settings
):
    from booking.services.sale_terms import bundles_allowed

    settings.TRAVEL_AGENCY_REGISTRATION = "和歌山県知事登録旅行業地域-999号（架空）"
    text = visible_text(client.get(tree.info.url))

    assert "和歌山県知事登録旅行業地域-999号（架空）" in text
    assert "パッケージツアー" not in text
    assert bundles_allowed()
