"""The consultation form: a company's request is kept and reaches the editors through the
outbox (also while the broker is down, and once however often the form is sent); bad input gets
a clear message and is never a crash."""

import re
from datetime import timedelta

import pytest
from celery.app.task import Task
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from kombu.exceptions import OperationalError

from core.models import OutgoingEmail
from core.tasks import requeue_stuck_outgoing_emails
from tests.factories import (
    ConsultationFormFieldFactory,
    ConsultationFormPageFactory,
    InfoPageFactory,
)
from tests.html import soup
from workation.models.forms import EDITORS_NOTICE, ConsultationSubmission

pytestmark = pytest.mark.django_db

VALID = {
    "company": "株式会社テスト",
    "email": "tanaka@example.co.jp",
    "people": "5",
    "message": "10月に5名で1週間のワーケーションを検討しています。",
}


@pytest.fixture
def form_page(home, site_settings):
    page = ConsultationFormPageFactory(parent=home, slug="consultation")
    ConsultationFormFieldFactory(page=page, label="会社名", clean_name="company", sort_order=0)
    ConsultationFormFieldFactory(
        page=page, label="メールアドレス", clean_name="email", field_type="email", sort_order=1
    )
    ConsultationFormFieldFactory(
        page=page,
        label="人数",
        clean_name="people",
        field_type="number",
        required=False,
        sort_order=2,
    )
    ConsultationFormFieldFactory(
        page=page, label="ご相談内容", clean_name="message", field_type="multiline", sort_order=3
    )
    return page


def test_valid_request_is_stored_and_emailed_to_the_editors(
    client, form_page, celery_eager, django_capture_on_commit_callbacks, settings
):
    settings.EDITORS_EMAIL = ["editors@example.jp"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, VALID)

    assert response.status_code == 200
    assert "送信ありがとうございました" in response.content.decode()
    submission = ConsultationSubmission.objects.get(page=form_page)
    assert submission.get_data()["company"] == "株式会社テスト"
    assert submission.status == ConsultationSubmission.Status.NEW
    assert submission.assignee is None
    # The editors' notice, and the company's copy of its request.
    assert [m.to for m in mail.outbox] == [["editors@example.jp"], ["tanaka@example.co.jp"]]
    message = mail.outbox[0]
    assert message.to == ["editors@example.jp"]
    assert form_page.title in message.subject
    assert "株式会社テスト" in message.body
    assert "tanaka@example.co.jp" in message.body


def test_request_goes_to_the_pages_own_addresses_when_set(
    client, form_page, celery_eager, django_capture_on_commit_callbacks
):
    form_page.notify_emails = "sales@example.jp, kanko@example.jp"
    form_page.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, VALID)
    assert mail.outbox[0].to == ["sales@example.jp", "kanko@example.jp"]


def test_invalid_request_shows_the_errors_and_stores_nothing(
    client, form_page, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, {**VALID, "email": "not-an-address", "company": ""})

    assert response.status_code == 200
    page = soup(response)
    summary = page.find(class_="error-summary") or page.find(attrs={"role": "alert"})
    assert summary is not None, "no error summary shown"
    assert "メールアドレス" in summary.get_text() and "会社名" in summary.get_text()
    assert page.find("textarea", attrs={"name": "message"}).get_text().strip() == VALID["message"]
    assert not ConsultationSubmission.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"company": "x" * 1_000_000, "email": "a@example.jp", "message": "y" * 1_000_000},
        {**VALID, "people": "five"},
        {**VALID, "people": "9" * 400},
        {**VALID, "people": "-1e309"},
        {**VALID, "company": "\x00NUL\x00", "message": "\x00"},
        {**VALID, "email": "a@" + "b" * 300 + ".jp"},
        {"company": ["a", "b"], "email": ["x@example.jp", "y"], "message": ""},
        {**VALID, "unexpected": "field", "csrfmiddlewaretoken": "forged"},
    ],
    ids=[
        "nothing",
        "megabyte-strings",
        "word-for-number",
        "huge-number",
        "overflowing-float",
        "nul-bytes",
        "long-email-domain",
        "repeated-fields",
        "extra-fields",
    ],
)
def test_bizarre_input_never_crashes(client, form_page, data):
    response = client.post(form_page.url, data)
    assert response.status_code in (200, 400)
    assert ConsultationSubmission.objects.count() <= 1


def test_nul_bytes_are_refused_with_a_message_not_stored(client, form_page):
    response = client.post(form_page.url, {**VALID, "company": "株式会社\x00テスト"})
    assert response.status_code == 200
    assert not ConsultationSubmission.objects.exists()


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(["company", "email", "people", "message", "other"]),
        st.text(max_size=300),
        max_size=5,
    )
)
def test_any_text_in_any_field_gets_an_answer_not_an_error(client, form_page, data):
    assert client.post(form_page.url, data).status_code in (200, 400)


def test_get_with_query_string_shows_the_empty_form(client, form_page):
    response = client.get(form_page.url, {"company": "prefilled?", "page": "x"})
    assert response.status_code == 200
    assert not ConsultationSubmission.objects.exists()


# -- the outbox (issue 14, 4) ----------------------------------------------------------------


@pytest.fixture
def editors(settings):
    settings.EDITORS_EMAIL = ["editors@example.jp"]


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails as it does while Redis is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refuse)
    return monkeypatch


def shown_key(client, page) -> str:
    """The submission key of the form as a visitor gets it."""
    return client.get(page.url).context["form"]["submission_key"].value()


def test_a_request_while_the_broker_is_down_is_answered_and_its_notice_sent_later(
    client,
    form_page,
    editors,
    celery_eager,
    broker_down,
    time_machine,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            form_page.url, {**VALID, "submission_key": shown_key(client, form_page)}
        )

    assert response.status_code == 200
    assert "送信ありがとうございました" in response.content.decode()
    assert ConsultationSubmission.objects.count() == 1
    notice = OutgoingEmail.objects.get(builder=EDITORS_NOTICE)
    assert notice.status == OutgoingEmail.Status.PENDING
    assert mail.outbox == []

    broker_down.undo()  # the broker is back; the sweep runs after its delay
    time_machine.move_to(timezone.now() + timedelta(minutes=15))
    assert requeue_stuck_outgoing_emails() == 2  # the notice and the company's copy
    assert requeue_stuck_outgoing_emails() == 0

    notice.refresh_from_db()
    assert notice.status == OutgoingEmail.Status.SENT
    assert sorted(m.to for m in mail.outbox) == [["editors@example.jp"], ["tanaka@example.co.jp"]]
    assert "株式会社テスト" in mail.outbox[0].body


def test_a_double_submit_of_one_form_stores_one_request_and_sends_one_notice(
    client, form_page, editors, celery_eager, django_capture_on_commit_callbacks
):
    data = {**VALID, "submission_key": shown_key(client, form_page)}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(form_page.url, data)
        second = client.post(form_page.url, data)

    assert first.status_code == second.status_code == 200
    assert "送信ありがとうございました" in second.content.decode()
    submission = ConsultationSubmission.objects.get()
    assert "submission_key" not in submission.form_data
    assert len(mail.outbox) == 2  # one notice, one copy to the company

    # A new visit gets a new key: a second request on purpose is stored.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, {**VALID, "submission_key": shown_key(client, form_page)})
    assert ConsultationSubmission.objects.count() == 2
    assert len(mail.outbox) == 4


def test_a_form_without_a_usable_key_is_still_stored(
    client, form_page, editors, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, VALID)
        client.post(form_page.url, {**VALID, "submission_key": "<script>"})
    assert list(ConsultationSubmission.objects.values_list("submission_key", flat=True)) == [
        None,
        None,
    ]
    assert len(mail.outbox) == 4


def test_the_company_gets_a_copy_of_its_request_saying_what_happens_next(
    client, form_page, editors, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, VALID)

    submission = ConsultationSubmission.objects.get()
    [copy] = [m for m in mail.outbox if m.to == ["tanaka@example.co.jp"]]
    assert f"受付番号 {submission.pk}" in copy.subject
    assert "3営業日以内" in copy.body
    assert "■ 会社名\n株式会社テスト" in copy.body and VALID["message"] in copy.body
    assert copy.reply_to == ["editors@example.jp"]


def test_a_form_without_an_e_mail_question_sends_no_copy(
    client, form_page, editors, celery_eager, django_capture_on_commit_callbacks
):
    form_page.form_fields.filter(clean_name="email").delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_page.url, {k: v for k, v in VALID.items() if k != "email"})
    assert [m.to for m in mail.outbox] == [["editors@example.jp"]]


def test_dates_are_date_inputs_and_the_privacy_policy_is_linked(
    client, form_page, site_settings, translate_page
):
    ConsultationFormFieldFactory(
        page=form_page, label="希望開始日", clean_name="start", field_type="date", required=False
    )
    policy = InfoPageFactory(parent=form_page.get_parent(), slug="privacy", title="個人情報")
    site_settings.privacy_page = policy
    site_settings.save()

    html = client.get(form_page.url).content.decode()

    assert re.search(r'<input[^>]*type="date"[^>]*name="start"|name="start"[^>]*type="date"', html)
    assert f'<a href="{policy.url}">プライバシーポリシー</a>' in html
    response = client.post(form_page.url, {**VALID, "start": "2027-04-01"})
    assert response.status_code == 200
    assert ConsultationSubmission.objects.get().get_data()["start"] == "2027-04-01"
