"""Sellers' names and addresses for English readers (issue 15, 12): the English the partner gave,
else the Japanese in Latin letters; Japanese readers always get the Japanese. The checkout's
final screen, the booking page's receipt, the e-mails and the new partner's English profile all
ask `PartnerOrganisation.display_name` / `display_address`."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, BookingEmail, PartnerApplication
from booking.onboarding import applications
from booking.services.emails import build_message
from booking.services.jst import today
from booking.services.manage_links import manage_token
from tests.booking.account_factories import make_booking
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_slot,
)
from tests.booking.payment_factories import BookingEmailFactory
from tests.factories import PartnerIndexPageFactory, UserFactory
from tests.html import soup
from workation.services.partners import ensure_editor_workflow, ensure_editors_group

pytestmark = pytest.mark.django_db

NAME = "株式会社紀州みかん農園"
ADDRESS = "和歌山県西牟婁郡白浜町1234"
ROMANISED_NAME = "Kabushiki Gaisha Kishu Mikan Noen"
ROMANISED_ADDRESS = "Wakayama-ken Nishimuro-gun Shirahama-cho 1234"
ENGLISH_NAME = "Kishu Mikan Farm Co., Ltd."
ENGLISH_ADDRESS = "1234 Shirahama, Nishimuro-gun, Wakayama"


@pytest.fixture
def unnamed():
    """A seller that gave its name and address in Japanese only."""
    return PartnerOrganisationFactory(name=NAME, address=ADDRESS)


@pytest.fixture
def named():
    return PartnerOrganisationFactory(
        name=NAME, name_en=ENGLISH_NAME, address=ADDRESS, address_en=ENGLISH_ADDRESS
    )


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"booking:{name}", kwargs=kwargs)


def test_each_reader_gets_the_name_and_address_in_their_language(named, unnamed):
    for organisation in (named, unnamed):
        assert organisation.display_name("ja") == NAME
        assert organisation.display_address("ja") == ADDRESS
    assert (named.display_name("en"), named.display_address("en")) == (
        ENGLISH_NAME,
        ENGLISH_ADDRESS,
    )
    assert (unnamed.display_name("en"), unnamed.display_address("en")) == (
        ROMANISED_NAME,
        ROMANISED_ADDRESS,
    )


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_final_screen_names_the_seller_in_the_guests_language(client, unnamed, language):
    offer = OfferFactory(organisation=unnamed)
    adult = PriceCategoryFactory(offer=offer, code="adult", price=5500)
    slot = make_slot(offer, today() + timedelta(days=10))
    client.post(
        url("hold", language, pk=offer.pk),
        {"date": slot.date.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 1},
    )
    booking = Booking.objects.get()
    client.post(
        url("details", language, reference=booking.reference),
        {
            "guest_name": "Jane Smith",
            "guest_name_kana": "スミス ジェーン",
            "guest_email": "jane@example.com",
            "guest_phone": "+44 20 0000 0000",
        },
    )
    response = client.get(url("confirm", language, reference=booking.reference))
    assert response.status_code == 200
    seller = soup(response).select_one(".seller-name").find_parent("dd").get_text(" ")
    if language == "en":
        assert ROMANISED_NAME in seller and ROMANISED_ADDRESS in seller
        assert NAME not in seller and ADDRESS not in seller
    else:
        assert NAME in seller and ADDRESS in seller


def test_the_english_receipt_keeps_the_registered_name_beside_the_readers(client, home, unnamed):
    booking = make_booking(OfferFactory(organisation=unnamed), language="en")
    response = client.get(url("manage", "en", token=manage_token(booking)))
    issued_by = soup(response).find("dt", string="Issued by").find_next_sibling("dd").get_text(" ")
    assert f"{NAME} ({ROMANISED_NAME})" in issued_by  # a qualified invoice names the registrant
    assert ROMANISED_ADDRESS in issued_by and ADDRESS not in issued_by


def test_english_emails_name_the_seller_as_it_gave_its_name_in_english(home, named):
    booking = make_booking(OfferFactory(organisation=named), language="en")
    message = build_message(BookingEmailFactory(booking=booking, kind=BookingEmail.Kind.REMINDER))
    assert f"call\n{ENGLISH_NAME} on" in message.body or f"call {ENGLISH_NAME} on" in message.body
    assert ENGLISH_ADDRESS in message.body and ADDRESS not in message.body
    confirmation = build_message(
        BookingEmailFactory(booking=booking, kind=BookingEmail.Kind.CONFIRMATION)
    )
    assert f"Provided by: {ENGLISH_NAME}" in confirmation.body
    assert f"Address: {ENGLISH_ADDRESS}" in confirmation.body


# -- the application and approval ----------------------------------------------------------


@pytest.fixture
def reviewer(home, home_en, translate_page, celery_eager):
    """The partner index in both languages and an editor to approve applications."""
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    translate_page(index, title="Partners")
    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    return UserFactory(username="editor", groups=[editors])


def application(**changes) -> PartnerApplication:
    values = {
        "business_name": NAME,
        "category": "experience",
        "area": "白浜町",
        "address": ADDRESS,
        "phone": "0739-12-3456",
        "description": "みかん狩りの体験。",
        "contact_name": "山田 花子",
        "contact_email": "hanako@mikan.example.jp",
        **changes,
    }
    return PartnerApplication.objects.create(**values)


def test_the_application_form_asks_for_the_english_name_and_address(client, reviewer):
    form = soup(client.get("/en/partners/apply/"))
    business = form.find("legend", string="Your business").find_parent("fieldset")
    assert business.find("input", attrs={"name": "business_name_en"}) is not None
    assert business.find("input", attrs={"name": "address_en"}) is not None
    contact = form.find("legend", string="Contact person").find_parent("fieldset")
    names = {field["name"] for field in contact.find_all("input")}
    assert names == {"contact_name", "contact_email"}


def test_approval_keeps_the_english_address_for_the_organisation_and_its_english_page(reviewer):
    organisation = applications.approve(
        application(business_name_en=ENGLISH_NAME, address_en=ENGLISH_ADDRESS), reviewer
    )
    assert (organisation.name_en, organisation.address_en) == (ENGLISH_NAME, ENGLISH_ADDRESS)
    english = organisation.page.get_translations().get(locale__language_code="en").specific
    assert (english.title, english.address) == (ENGLISH_NAME, ENGLISH_ADDRESS)
    assert organisation.page.slug == "kishu-mikan-farm-co-ltd"


def test_a_business_without_english_gets_a_romanised_english_page_and_slug(reviewer):
    organisation = applications.approve(application(), reviewer)
    assert (organisation.name_en, organisation.address_en) == ("", "")
    english = organisation.page.get_translations().get(locale__language_code="en").specific
    assert (english.title, english.address) == (ROMANISED_NAME, ROMANISED_ADDRESS)
    assert organisation.page.slug == "kabushiki-gaisha-kishu-mikan-noen"
