"""The "list your business" page: what listing costs and who can list (as the editors write it),
then how approval works with the review time the site promises everywhere, and the button to the
application form, in each language; the footer of every page and the form link to it
(issue 15, 10)."""

import pytest

from booking.onboarding import REVIEW_WORKING_DAYS
from tests.factories import BasePageFactory, block
from tests.html import h1_texts, soup, visible_text
from workation.models import ListYourBusinessPage

pytestmark = pytest.mark.django_db


class ListYourBusinessPageFactory(BasePageFactory):
    class Meta:
        model = ListYourBusinessPage

    title = "掲載をご希望の事業者様へ"
    slug = "list-your-business"


def fees(label: str, value: str) -> dict:
    return block("facts", {"heading": "", "facts": [{"label": label, "value": value}]})


@pytest.fixture
def pages(home, home_en, translate_page):
    ja = ListYourBusinessPageFactory(parent=home, body=[fees("掲載料・登録料", "無料")])
    en = translate_page(ja, title="List your business", body=[fees("Listing fee", "Free")])
    return {"ja": ja, "en": en}


def test_the_page_says_what_it_costs_how_approval_works_and_links_the_form_in_japanese(
    client, pages
):
    response = client.get("/ja/list-your-business/")

    assert response.status_code == 200
    assert h1_texts(response) == ["掲載をご希望の事業者様へ"]
    text = visible_text(response)
    assert "掲載料・登録料 無料" in text
    assert "掲載までの流れ" in text
    assert f"{REVIEW_WORKING_DAYS}営業日以内にメールでご連絡します" in text
    buttons = [a for a in soup(response).select("a.button") if a["href"] == "/ja/partners/apply/"]
    assert [a.get_text(strip=True) for a in buttons] == ["掲載を申し込む", "掲載を申し込む"]


def test_the_page_in_english(client, pages):
    response = client.get("/en/list-your-business/")

    assert response.status_code == 200
    assert h1_texts(response) == ["List your business"]
    text = visible_text(response)
    assert "Listing fee Free" in text
    assert "How approval works" in text
    assert f"reply by e-mail within {REVIEW_WORKING_DAYS} working days" in text
    assert "Editors' check" in text and "On sale" in text
    hrefs = [a["href"] for a in soup(response).select("a.button")]
    assert hrefs == ["/en/partners/apply/", "/en/partners/apply/"]


def test_the_footer_and_the_application_form_link_the_page_in_each_language(client, pages):
    for language in ("ja", "en"):
        footer = soup(client.get(f"/{language}/")).find("footer")
        link = footer.find("a", href=f"/{language}/list-your-business/")
        assert link is not None, f"no link to the page in the {language} footer"
        assert footer.find("a", href=f"/{language}/partners/apply/") is None

    form = soup(client.get("/en/partners/apply/"))
    assert form.find("a", href="/en/list-your-business/") is not None
