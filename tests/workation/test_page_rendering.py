"""Every page type renders for a visitor with its key facts, hreflang and schema.org data."""

import datetime as dt
import re

import pytest

from tests.html import h1_texts, hreflangs, html_lang, json_ld, json_ld_types, visible_text

pytestmark = pytest.mark.django_db

YEN_3300 = re.compile(r"¥\s?3,300|3,300\s?円")


def get_ok(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, f"{page.url} answered {response.status_code}"
    assert html_lang(response) == "ja"
    assert h1_texts(response), f"{page.url} has no <h1>"
    return response


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "area_index",
        "area",
        "partner_index",
        "partner",
        "office",
        "experience",
        "stay",
        "offices",
        "experiences",
        "stays",
        "story_index",
        "story",
        "event",
        "plan_index",
        "plan",
        "form",
        "info",
    ],
)
def test_every_page_type_renders_in_japanese_with_its_title_as_h1(client, tree, name):
    page = getattr(tree, name)
    response = get_ok(client, page)
    assert any(page.title in h1 for h1 in h1_texts(response)) or page == tree.home


def test_home_page_shows_hero_and_featured_places(client, tree):
    response = get_ok(client, tree.home)
    assert {"WebSite", "GovernmentOrganization"} <= json_ld_types(response)
    text = visible_text(response)
    assert tree.home.hero_title in text
    for page in (tree.area, tree.office, tree.experience, tree.stay, tree.story):
        assert page.title in text


def test_office_page_shows_measured_wifi_and_desk_prices_in_yen(client, tree):
    text = visible_text(get_ok(client, tree.office))
    for figure in ("940", "870"):
        assert figure in text, f"Wi-Fi figure {figure} missing"
    assert YEN_3300.search(text), "desk price is not shown as ¥3,300 / 3,300円"
    assert tree.partner.title in text


def test_office_page_publishes_local_business_data(client, tree):
    data = json_ld(get_ok(client, tree.office))
    office = next(item for item in data if item.get("name") == tree.office.title)
    assert office["@type"] == "LocalBusiness"
    assert office["geo"]["latitude"] == pytest.approx(33.68)


def test_experience_page_shows_duration_meeting_point_and_price(client, tree):
    text = visible_text(get_ok(client, tree.experience))
    assert re.search(r"1\s?時間\s?30\s?分|90\s?分|1\.5\s?時間|90\s?min|1\.5\s?h", text), (
        "duration missing"
    )
    assert tree.experience.meeting_point in text
    assert re.search(r"¥\s?2,500|2,500\s?円", text), "price is not shown as ¥2,500"
    assert "TouristAttraction" in json_ld_types(client.get(tree.experience.url))


def test_stay_page_shows_check_in_time_and_lodging_data(client, tree):
    response = get_ok(client, tree.stay)
    text = visible_text(response)
    assert "15:00" in text and "10:00" in text
    assert re.search(r"¥\s?12,000|12,000\s?円", text), "room price is not shown as ¥12,000"
    lodging = next(item for item in json_ld(response) if item["@type"] == "LodgingBusiness")
    assert lodging["checkinTime"].startswith("15:00")


def test_area_page_is_a_tourist_destination_with_its_access_and_faq(client, tree):
    response = get_ok(client, tree.area)
    text = visible_text(response)
    assert tree.area.lead in text
    assert re.search(r"1\s?時間\s?15\s?分|75\s?分", text), "travel time (75 minutes) missing"
    assert "空港から近いですか？" in text
    types = json_ld_types(response)
    assert "TouristDestination" in types
    assert "FAQPage" in types
    faq_page = next(item for item in json_ld(response) if item["@type"] == "FAQPage")
    assert faq_page["mainEntity"][0]["name"] == "空港から近いですか？"


def test_area_page_lists_what_can_be_booked_there(client, tree):
    text = visible_text(get_ok(client, tree.area))
    for page in (tree.office, tree.experience, tree.stay):
        assert page.title in text


def test_page_without_faq_block_publishes_no_faq_data(client, tree):
    assert "FAQPage" not in json_ld_types(get_ok(client, tree.office))


def test_partner_page_lists_its_listings_and_is_a_local_business(client, tree):
    response = get_ok(client, tree.partner)
    text = visible_text(response)
    for page in (tree.office, tree.experience, tree.stay):
        assert page.title in text
    assert "LocalBusiness" in json_ld_types(response)


def test_listing_indexes_list_their_kind_only(client, tree):
    offices = visible_text(get_ok(client, tree.offices))
    assert tree.office.title in offices and tree.stay.title not in offices
    stays = visible_text(get_ok(client, tree.stays))
    assert tree.stay.title in stays and tree.office.title not in stays
    experiences = visible_text(get_ok(client, tree.experiences))
    assert tree.experience.title in experiences and tree.office.title not in experiences


def test_event_story_shows_when_and_where_and_is_an_event(client, tree):
    response = get_ok(client, tree.event)
    text = visible_text(response)
    assert "13:30" in text
    assert tree.event.event_location in text
    event = next(item for item in json_ld(response) if item["@type"] == "Event")
    assert dt.datetime.fromisoformat(event["startDate"]) == tree.event.event_start
    assert dt.datetime.fromisoformat(event["endDate"]) == tree.event.event_end
    assert event["location"]["name"] == tree.event.event_location


def test_story_index_lists_stories_newest_first(client, tree):
    import datetime as dt

    from tests.factories import StoryPageFactory

    StoryPageFactory(parent=tree.story_index, title="最新のお知らせ", date=dt.date(2026, 1, 5))
    text = visible_text(get_ok(client, tree.story_index))
    assert text.index("最新のお知らせ") < text.index(tree.story.title)


def test_model_plan_shows_each_day_with_its_places(client, tree):
    response = get_ok(client, tree.plan)
    text = visible_text(response)
    assert "1日目" in text
    for page in (tree.office, tree.stay, tree.experience):
        assert page.title in text
    assert re.search(r"¥\s?58,000|58,000\s?円", text), "budget is not shown as ¥58,000"
    assert "TouristTrip" in json_ld_types(response)


def test_consultation_form_shows_its_fields(client, tree):
    response = get_ok(client, tree.form)
    content = response.content.decode()
    for name in ("company", "email", "message"):
        assert f'name="{name}"' in content
    assert "csrfmiddlewaretoken" in content


def test_commerce_disclosure_shows_the_operator_details_from_site_settings(
    client, tree, site_settings
):
    text = visible_text(get_ok(client, tree.info))
    for value in (
        site_settings.seller_name,
        site_settings.seller_representative,
        site_settings.seller_address,
        site_settings.seller_phone,
        site_settings.seller_email,
        site_settings.invoice_registration_number,
    ):
        assert value in text, f"{value!r} missing from the disclosure"


def test_plain_info_page_does_not_show_the_seller_table(client, home, site_settings):
    from tests.factories import InfoPageFactory

    page = InfoPageFactory(parent=home, title="プライバシーポリシー", slug="privacy")
    text = visible_text(get_ok(client, page))
    assert site_settings.seller_representative not in text


def test_translated_pages_link_to_each_other_with_hreflang(client, tree, home_en, translate_page):
    area_index_en = translate_page(tree.area_index, title="Areas")
    area_en = translate_page(tree.area, title="Shirahama", lead="Hot springs by the sea.")

    ja = client.get(tree.area.url)
    en = client.get(area_en.url)
    assert en.status_code == 200
    assert html_lang(en) == "en"
    assert "Shirahama" in h1_texts(en)[0]
    for response in (ja, en):
        links = hreflangs(response)
        assert links["ja"].endswith(tree.area.url)
        assert links["en"].endswith(area_en.url)
    assert area_index_en.url.startswith("/en/")


def test_untranslated_page_offers_no_english_alternate(client, tree, home_en):
    assert "en" not in hreflangs(get_ok(client, tree.office))


def test_english_home_page_is_english(client, home_en):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "Work between sea and forest" in visible_text(response)
    assert {"ja", "en"} <= set(hreflangs(response))


def test_json_ld_is_valid_json_on_every_page(client, tree):
    for name in ("home", "area", "partner", "office", "experience", "stay", "story", "plan"):
        page = getattr(tree, name)
        assert json_ld(client.get(page.url)), f"{page.url} has no JSON-LD"
