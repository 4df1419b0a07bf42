"""What a business is told after each step of becoming a partner (issue 15, 10): the thank-you
page and the acknowledgement e-mail say what happens next and when; the approval e-mail lists the
next steps, each linked on the configured base URL. Every message goes through the outbox."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from booking.models import PartnerApplication
from booking.onboarding import REVIEW_WORKING_DAYS, applications
from core.models import OutgoingEmail
from tests.factories import PartnerIndexPageFactory, UserFactory
from tests.html import soup, visible_text
from workation.services.partners import ensure_editor_workflow, ensure_editors_group

pytestmark = pytest.mark.django_db

EDITORS = ["editors@example.jp"]
BASE_URL = "https://workation.example.jp:9000"
APPLICATION = {
    "business_name": "紀州うめファーム",
    "business_name_en": "Kishu Ume Farm",
    "category": "experience",
    "area": "みなべ町",
    "address": "和歌山県日高郡みなべ町1-2",
    "phone": "0739-12-3456",
    "website": "",
    "invoice_registration_number": "",
    "description": "梅の収穫体験と梅干しづくり。",
    "contact_name": "山田 花子",
    "contact_email": "hanako@ume.example.jp",
    "homepage": "",
}


@pytest.fixture
def world(
    home, home_en, translate_page, settings, celery_eager, django_capture_on_commit_callbacks
):
    settings.EDITORS_EMAIL = EDITORS
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    translate_page(index, title="Partners")
    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    return {
        "commit": lambda: django_capture_on_commit_callbacks(execute=True),
        "editor": UserFactory(username="editor", groups=[editors]),
    }


def apply(client, world, language: str) -> PartnerApplication:
    with world["commit"]():
        response = client.post(f"/{language}/partners/apply/", APPLICATION)
    assert response.status_code == 302
    return PartnerApplication.objects.get()


def to_applicant() -> list:
    return [m for m in mail.outbox if m.to == [APPLICATION["contact_email"]]]


def soup_of(message) -> BeautifulSoup:
    """The HTML part of a message, parsed."""
    return BeautifulSoup(message.alternatives[0][0], "html.parser")


# -- after applying ----------------------------------------------------------------------------


def test_the_thank_you_page_says_what_happens_next_and_when(client, world):
    ja = client.get("/ja/partners/apply/thanks/")
    en = client.get("/en/partners/apply/thanks/")

    assert ja.status_code == en.status_code == 200
    text = visible_text(ja)
    assert "受付確認のメールをお送りしました" in text
    assert f"{REVIEW_WORKING_DAYS}営業日以内にそのアドレスへご連絡します" in text
    assert "これからの流れ" in text
    steps = soup(ja).select("ol.apply-steps > li")
    assert len(steps) == 6
    assert "完了：" in steps[0].get_text() and steps[1].get("aria-current") == "step"

    text = visible_text(en)
    assert "We have e-mailed a confirmation to the contact address you gave" in text
    assert f"within {REVIEW_WORKING_DAYS} working days" in text
    assert "What happens next" in text and "Getting ready" in text


def test_the_applicant_is_sent_an_acknowledgement_saying_what_happens_next(client, world):
    application = apply(client, world, "ja")

    rows = OutgoingEmail.objects.order_by("pk")
    assert [row.builder.rsplit(".", 1)[1] for row in rows] == [
        "editors_message",
        "acknowledgement_message",
    ]
    assert {row.status for row in rows} == {OutgoingEmail.Status.SENT}
    [message] = to_applicant()
    assert "パートナー申請を受け付けました" in message.subject
    assert "紀州うめファーム" in message.subject
    assert message.reply_to == EDITORS
    body = message.body
    assert "■ これからの流れ" in body
    assert f"{REVIEW_WORKING_DAYS}営業日以内に、このメールアドレスへ結果をお知らせします" in body
    assert "承認のメールで、パスワードを設定して管理画面にログインするためのリンク" in body
    assert "適格請求書発行事業者登録番号：（なし）" in body
    assert f"{application.created_at:%Y}年" in body
    html = message.alternatives[0][0]
    assert html.count("<li") == 4 and f"{REVIEW_WORKING_DAYS}営業日以内" in html


def test_an_english_applicant_is_acknowledged_in_english(client, world):
    apply(client, world, "en")

    [message] = to_applicant()
    assert message.subject.startswith("Wakayama Workation | We have received your partner")
    assert "(Kishu Ume Farm)" in message.subject
    assert "WHAT HAPPENS NEXT" in message.body
    assert f"write to this address within {REVIEW_WORKING_DAYS} working days" in message.body
    assert "(Japan time)" in message.body


# -- after approval ----------------------------------------------------------------------------


def approved_invitation(client, world, language: str):
    application = apply(client, world, language)
    mail.outbox.clear()
    with world["commit"]():
        organisation = applications.approve(application, world["editor"])
    [message] = to_applicant()
    return organisation, message


def test_the_approval_email_lists_the_next_steps_linked_on_the_base_url(client, world):
    organisation, message = approved_invitation(client, world, "ja")

    page = organisation.page_id
    links = [
        f"{BASE_URL}/admin/pages/{page}/edit/",
        f"{BASE_URL}/admin/pages/{page}/add_subpage/",
        f"{BASE_URL}/admin/offers/new/",
        f"{BASE_URL}/admin/",
    ]
    body = message.body
    assert "■ 販売開始までのステップ" in body
    steps = body.split("■ 販売開始までのステップ")[1]
    for number, link in zip((1, 2, 3, 5), links, strict=True):
        assert f"\n{number}. " in steps
        assert f"   {link}\n" in steps, link
    assert f"{BASE_URL}/ja/partners/invitation/" in body
    assert "testserver" not in body and "localhost" not in body
    html = soup_of(message)
    hrefs = {a["href"] for a in html.find_all("a")}
    assert set(links) <= hrefs
    assert len(html.find("ol").find_all("li")) == 5
    assert OutgoingEmail.objects.filter(builder__endswith="invitation_message").get().status == (
        OutgoingEmail.Status.SENT
    )


def test_an_english_approval_email_lists_the_steps_in_english(client, world):
    organisation, message = approved_invitation(client, world, "en")

    assert "YOUR STEPS TO YOUR FIRST BOOKING" in message.body
    assert "1. Complete your profile page" in message.body
    assert f"{BASE_URL}/admin/pages/{organisation.page_id}/edit/" in message.body
    assert f"{BASE_URL}/en/partners/invitation/" in message.body


def test_a_colleagues_invitation_has_no_first_steps(client, world):
    organisation, _message = approved_invitation(client, world, "ja")
    mail.outbox.clear()
    with world["commit"]():
        applications.invite_colleague(organisation, "taro@ume.example.jp", world["editor"], "ja")

    [message] = mail.outbox
    assert message.to == ["taro@ume.example.jp"]
    assert "販売開始までのステップ" not in message.body
    assert f"{BASE_URL}/admin/" in message.body
