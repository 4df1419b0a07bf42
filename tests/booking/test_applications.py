"""Becoming a partner: the public application (ja and en), the editors' review in the admin,
approval that makes the organisation, its draft page, its group and its first user in one step,
the invitation that lets that user in, rejection with its reason, and inviting colleagues."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission

from booking.models import PartnerApplication, PartnerOrganisation
from booking.onboarding import applications
from booking.services import partner_scope
from core.models import OutgoingEmail
from tests.booking.account_factories import make_booking
from tests.booking.factories import OfferFactory
from tests.factories import PartnerIndexPageFactory, PartnerPageFactory, UserFactory
from workation.models import PartnerPage
from workation.services.partners import (
    ensure_editor_workflow,
    ensure_editors_group,
    grant_partner_access,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
EDITORS = ["editors@example.jp"]
PASSWORD = "umi-to-mori-2026!"
LINK = re.compile(r"http://testserver(/(?:ja|en)/partners/invitation/[^/\s]+/[^/\s]+/)")


def form_data(**changes) -> dict:
    data = {
        "business_name": "紀州うめファーム",
        "business_name_en": "Kishu Ume Farm",
        "category": "experience",
        "area": "みなべ町",
        "address": "和歌山県日高郡みなべ町1-2",
        "phone": "0739-12-3456",
        "website": "https://ume.example.jp/",
        "invoice_registration_number": "T9234567890123",
        "description": "梅の収穫体験と梅干しづくり。\n\n海の見える畑です。",
        "contact_name": "山田 花子",
        "contact_email": "hanako@ume.example.jp",
        "homepage": "",
    }
    data.update(changes)
    return data


def make_application(**changes) -> PartnerApplication:
    values = form_data(**changes)
    values.pop("homepage")
    return PartnerApplication.objects.create(**values)


@pytest.fixture
def world(
    home,
    home_en,
    site_settings,
    translate_page,
    settings,
    celery_eager,
    locale_en,
    django_capture_on_commit_callbacks,
):
    """A partner index in both languages, the editors (group, workflow, one user), another
    partner with its page and group, and a pending application."""
    settings.EDITORS_EMAIL = EDITORS
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    translate_page(index, title="Partners")
    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    other_page = PartnerPageFactory(parent=index, title="高野山リトリート", slug="koyasan")
    other_group = grant_partner_access(other_page, "Partner: 高野山リトリート")
    other = PartnerOrganisation.objects.create(
        name="高野山リトリート",
        contact_name="高野 一郎",
        email="koya@example.jp",
        phone="0736-00-0000",
        address="高野町",
        page=other_page,
        group=other_group,
    )
    other_user = UserFactory(username="koya", groups=[other_group])
    other.members.add(other_user)
    mail.outbox.clear()
    return {
        "index": index,
        "english": locale_en,
        "commit": lambda: django_capture_on_commit_callbacks(execute=True),
        "editor": UserFactory(username="editor", groups=[editors]),
        "other": other,
        "other_user": other_user,
        "application": make_application(),
    }


def approve(world, application=None):
    """Approve as the editor, running what waits for the commit (the invitation e-mail)."""
    with world["commit"]():
        return applications.approve(application or world["application"], world["editor"])


def invitation_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


# -- the public form ---------------------------------------------------------------------------


def test_the_form_opens_in_both_languages(client, world):
    ja = client.get("/ja/partners/apply/")
    en = client.get("/en/partners/apply/")
    assert ja.status_code == en.status_code == 200
    assert 'name="invoice_registration_number"' in ja.content.decode()
    assert "List your business" in en.content.decode()
    assert "no-store" in ja["Cache-Control"]


def test_a_japanese_application_is_stored_and_the_editors_are_emailed(client, world):
    with world["commit"]():
        response = client.post("/ja/partners/apply/", form_data())
    assert response.status_code == 302
    assert response["Location"] == "/ja/partners/apply/thanks/"
    application = PartnerApplication.objects.exclude(pk=world["application"].pk).get()
    assert application.status == PartnerApplication.Status.PENDING
    assert application.language == "ja"
    assert application.business_name == "紀州うめファーム"
    # The editors' notice, and the applicant's acknowledgement (tested in
    # test_onboarding_next_steps).
    assert [m.to for m in mail.outbox] == [EDITORS, ["hanako@ume.example.jp"]]
    message = mail.outbox[0]
    assert message.to == EDITORS
    assert "紀州うめファーム" in message.subject
    review = reverse("partner_applications:inspect", args=[application.pk])
    assert f"http://testserver{review}" in message.body
    assert message.reply_to == ["hanako@ume.example.jp"]
    assert client.get(response["Location"]).status_code == 200


def test_a_double_submit_of_one_application_form_stores_one_and_tells_the_editors_once(
    client, world
):
    key = client.get("/ja/partners/apply/").context["form"]["submission_key"].value()
    with world["commit"]():
        first = client.post("/ja/partners/apply/", form_data(submission_key=key))
        second = client.post("/ja/partners/apply/", form_data(submission_key=key))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == "/ja/partners/apply/thanks/"
    stored = PartnerApplication.objects.exclude(pk=world["application"].pk)
    assert [a.submission_key for a in stored] == [key]
    assert len(mail.outbox) == 2  # one notice to the editors, one acknowledgement
    assert {e.status for e in OutgoingEmail.objects.all()} == {OutgoingEmail.Status.SENT}
    assert OutgoingEmail.objects.count() == 2


def test_an_english_application_keeps_its_language_and_tidies_the_invoice_number(client, world):
    data = form_data(invoice_registration_number="ｔ9234-5678-90123", contact_email="a@b.jp")
    with world["commit"]():
        response = client.post("/en/partners/apply/", data)
    assert response.status_code == 302
    application = PartnerApplication.objects.get(contact_email="a@b.jp")
    assert application.language == "en"
    assert application.invoice_registration_number == "T9234567890123"
    assert [m.to for m in mail.outbox] == [EDITORS, ["a@b.jp"]]


def test_a_wrong_invoice_number_is_explained_and_nothing_is_stored(client, world):
    response = client.post(
        "/en/partners/apply/", form_data(invoice_registration_number="T123", contact_email="x@y.jp")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "T followed by 13 digits" in body
    assert 'aria-invalid="true"' in body
    assert not PartnerApplication.objects.filter(contact_email="x@y.jp").exists()
    assert mail.outbox == []


def test_a_registration_number_whose_check_digit_is_wrong_is_refused(client, world):
    # T1234567890123: the right form, but its first digit is not the check digit of the rest.
    data = form_data(invoice_registration_number="T1234567890123", contact_email="c@d.jp")
    response = client.post("/ja/partners/apply/", data)
    assert response.status_code == 400
    assert "登録番号は存在しません" in response.content.decode()
    assert not PartnerApplication.objects.filter(contact_email="c@d.jp").exists()


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_stored(client, world):
    with world["commit"]():
        response = client.post("/ja/partners/apply/", form_data(homepage="http://spam.example/"))
    assert response.status_code == 302
    assert PartnerApplication.objects.count() == 1  # the fixture's only
    assert mail.outbox == []


# -- approval ----------------------------------------------------------------------------------


def test_approval_makes_the_organisation_page_group_user_and_invitation_at_once(world):
    application, editor = world["application"], world["editor"]
    organisation = approve(world)

    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED
    assert application.organisation == organisation
    assert application.reviewed_by == editor and application.reviewed_at is not None
    assert organisation.name == "紀州うめファーム"
    assert organisation.invoice_registration_number == "T9234567890123"

    page = organisation.page.specific
    assert isinstance(page, PartnerPage)
    assert page.get_parent().pk == world["index"].pk
    assert not page.live, "a new business's page went live unreviewed"
    english = page.get_translation_or_none(world["english"])
    assert english is not None and not english.live
    assert english.title == "Kishu Ume Farm"

    group = organisation.group
    assert group.name == "Partner: 紀州うめファーム"
    granted = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert granted == {
        (page.pk, "add_page"),
        (page.pk, "change_page"),
        (english.pk, "add_page"),
        (english.pk, "change_page"),
    }
    assert not group.permissions.filter(content_type__app_label="booking").exists()

    user = User.objects.get(email="hanako@ume.example.jp")
    assert not user.has_usable_password()
    assert group in user.groups.all()
    assert organisation.members.filter(pk=user.pk).exists()
    assert not partner_scope.is_editor(user)
    assert partner_scope.organisation_ids(user) == {organisation.pk}

    [message] = mail.outbox
    assert message.to == ["hanako@ume.example.jp"]
    assert "パートナー登録" in message.subject
    assert invitation_path(message).startswith("/ja/partners/invitation/")


def test_approving_twice_does_nothing_the_second_time(world):
    first = approve(world)
    counts = (PartnerOrganisation.objects.count(), Group.objects.count(), User.objects.count())
    second = approve(world, PartnerApplication.objects.get(pk=world["application"].pk))
    assert second.pk == first.pk
    assert (
        PartnerOrganisation.objects.count(),
        Group.objects.count(),
        User.objects.count(),
    ) == counts
    assert PartnerPage.objects.filter(title="紀州うめファーム").count() == 1
    assert len(mail.outbox) == 1


def test_a_business_with_the_name_of_another_gets_a_group_of_its_own(world):
    application = make_application(business_name="高野山リトリート", contact_email="n@x.jp")
    organisation = approve(world, application)
    assert organisation.group != world["other"].group
    user = User.objects.get(email="n@x.jp")
    assert partner_scope.organisation_ids(user) == {organisation.pk}
    assert not world["other"].page.permissions_for_user(user).can_edit()


def test_an_existing_account_with_the_contact_address_is_reused(world):
    existing = UserFactory(username="hanako", email="Hanako@ume.example.jp")
    organisation = approve(world)
    assert User.objects.filter(email__iexact="hanako@ume.example.jp").count() == 1
    assert organisation.members.get() == existing
    assert "すでにお持ちのパスワードでもログインできます" in mail.outbox[0].body


def test_the_first_user_sets_a_password_and_may_add_pages_under_its_own_profile_only(client, world):
    organisation = approve(world)
    path = invitation_path(mail.outbox[0])

    opened = client.get(path)
    assert opened.status_code == 302  # the token moves out of the address bar
    form_url = opened["Location"]
    assert "set-password" in form_url
    assert "Set your password" in client.get(form_url.replace("/ja/", "/en/", 1)).content.decode()
    done = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    client.logout()
    signed_in = client.post(
        reverse("wagtailadmin_login"),
        {"username": "hanako@ume.example.jp", "password": PASSWORD},
    )
    assert signed_in.status_code == 302, "the new password does not sign in"
    own = organisation.page
    add_own = reverse("wagtailadmin_pages:add", args=["workation", "officepage", own.pk])
    assert client.get(add_own).status_code == 200
    other = world["other"].page
    add_other = reverse("wagtailadmin_pages:add", args=["workation", "officepage", other.pk])
    assert client.get(add_other).status_code in (302, 403)
    user = User.objects.get(email="hanako@ume.example.jp")
    assert own.permissions_for_user(user).can_add_subpage()
    assert not world["index"].permissions_for_user(user).can_add_subpage()
    assert not own.permissions_for_user(user).can_publish()

    assert client.get(path).status_code == 404, "an invitation link worked twice"


def test_a_mangled_invitation_link_gets_a_clear_page(client, world):
    approve(world)
    path = invitation_path(mail.outbox[0])
    response = client.get(path[:-6] + "xxxxx/")
    assert response.status_code == 404
    assert "cannot be used" in client.get("/en/partners/invitation/Zm9v/nope/").content.decode()


def test_the_link_of_an_account_deactivated_since_no_longer_works(client, world):
    approve(world)
    User.objects.filter(email="hanako@ume.example.jp").update(is_active=False)
    assert client.get(invitation_path(mail.outbox[0])).status_code == 404


def test_approval_without_a_partner_index_is_refused_with_a_reason(world):
    world["index"].get_translation(world["english"]).delete()
    world["index"].delete()
    with (
        translation.override("en"),
        pytest.raises(applications.ApplicationError, match="partner index"),
    ):
        applications.approve(world["application"], world["editor"])
    world["application"].refresh_from_db()
    assert world["application"].status == PartnerApplication.Status.PENDING
    assert not User.objects.filter(email="hanako@ume.example.jp").exists()


# -- rejection -------------------------------------------------------------------------------


def test_rejection_emails_the_reason_in_the_applicants_language(world):
    application = make_application(contact_email="en@x.jp", language="en")
    with world["commit"]():
        applications.reject(application, world["editor"], "We need a business address in Wakayama.")
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.REJECTED
    [message] = mail.outbox
    assert message.to == ["en@x.jp"]
    assert message.subject.endswith("Your partner application")
    assert "We need a business address in Wakayama." in message.body
    assert "/en/partners/apply/" in message.body
    with world["commit"]():
        applications.reject(application, world["editor"], "again")
    assert len(mail.outbox) == 1


def test_rejection_needs_a_reason_and_an_approved_application_cannot_be_rejected(world):
    with pytest.raises(applications.ApplicationError):
        applications.reject(world["application"], world["editor"], "  ")
    approve(world)
    with pytest.raises(applications.ApplicationError):
        applications.reject(world["application"], world["editor"], "no")
    world["application"].refresh_from_db()
    assert world["application"].status == PartnerApplication.Status.APPROVED


# -- the admin screens -----------------------------------------------------------------------


def test_an_editor_reviews_approves_and_rejects_in_the_admin(client, world):
    client.force_login(world["editor"])
    application = world["application"]
    index = client.get(reverse("partner_applications:index"), {"status": "pending"})
    assert index.status_code == 200 and "紀州うめファーム" in index.content.decode()
    inspect = client.get(reverse("partner_applications:inspect", args=[application.pk]))
    assert "hanako@ume.example.jp" in inspect.content.decode()
    approve_url = reverse("partner_applications:approve", args=[application.pk])
    assert approve_url in inspect.content.decode()
    assert client.get(approve_url).status_code == 200
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.PENDING, "a GET approved"
    assert client.post(approve_url).status_code == 302
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.APPROVED

    other = make_application(contact_email="r@x.jp")
    reject_url = reverse("partner_applications:reject", args=[other.pk])
    assert "r@x.jp" in client.get(reject_url).content.decode()
    empty = client.post(reject_url, {"reason": "   "})
    assert empty.status_code == 200
    other.refresh_from_db()
    assert other.status == PartnerApplication.Status.PENDING
    with world["commit"]():
        rejected = client.post(reject_url, {"reason": "対象地域外です。"})
    assert rejected.status_code == 302
    other.refresh_from_db()
    assert other.rejection_reason == "対象地域外です。"
    assert "対象地域外です。" in mail.outbox[-1].body


def test_nobody_adds_edits_or_deletes_an_application_by_hand(client, world):
    client.force_login(world["editor"])
    application = world["application"]
    for url in (
        reverse("partner_applications:add"),
        reverse("partner_applications:edit", args=[application.pk]),
        reverse("partner_applications:delete", args=[application.pk]),
    ):
        assert client.post(url, {"rejection_reason": "x"}).status_code in (302, 403), url
    assert PartnerApplication.objects.filter(pk=application.pk, rejection_reason="").exists()


def test_partners_guests_and_anonymous_visitors_are_kept_out_of_the_applications(client, world):
    application = world["application"]
    guest = UserFactory(username="guest")
    urls = [
        reverse("partner_applications:index"),
        reverse("partner_applications:inspect", args=[application.pk]),
        reverse("partner_applications:approve", args=[application.pk]),
        reverse("partner_applications:reject", args=[application.pk]),
    ]
    for user in (world["other_user"], guest, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (user, url)
            assert "hanako@ume.example.jp" not in response.content.decode()
        client.post(urls[2])
        client.post(urls[3], {"reason": "x"})
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.PENDING

    client.force_login(world["other_user"])
    assert client.get(urls[0]).status_code in (302, 403)
    for url in urls[1:]:  # an application's id tells a partner nothing, not even that it exists
        assert client.get(url).status_code == 404, url
    client.logout()
    assert "login" in client.get(urls[1])["Location"]

    client.force_login(world["other_user"])
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/partner-applications/" not in menu
    assert "/admin/invite-colleague/" in menu
    client.force_login(world["editor"])
    assert (
        "/admin/partner-applications/" in client.get(reverse("wagtailadmin_home")).content.decode()
    )


# -- colleagues ------------------------------------------------------------------------------


def test_an_invited_colleague_becomes_a_member_and_sees_the_organisations_bookings(client, world):
    organisation = approve(world)
    founder = User.objects.get(email="hanako@ume.example.jp")
    booking = make_booking(OfferFactory(organisation=organisation))
    theirs = make_booking(OfferFactory(organisation=world["other"]))
    mail.outbox.clear()

    client.force_login(founder)
    form = client.get(reverse("invite_colleague:index"))
    assert form.status_code == 200
    with world["commit"]():
        response = client.post(
            reverse("invite_colleague:index"),
            {"organisation": organisation.pk, "email": "taro@ume.example.jp", "language": "en"},
        )
    assert response.status_code == 302

    colleague = User.objects.get(email="taro@ume.example.jp")
    assert organisation.members.filter(pk=colleague.pk).exists()
    assert organisation.group in colleague.groups.all()
    assert partner_scope.organisation_ids(colleague) == {organisation.pk}
    visible = set(partner_scope.bookings_visible_to(colleague))
    assert booking in visible and theirs not in visible
    [message] = mail.outbox
    assert message.to == ["taro@ume.example.jp"]
    assert invitation_path(message).startswith("/en/partners/invitation/")
    assert "Kishu Ume Farm" in message.subject


def test_a_partner_cannot_invite_into_another_organisation(client, world):
    organisation = approve(world)
    mail.outbox.clear()
    client.force_login(world["other_user"])
    response = client.post(
        reverse("invite_colleague:index"),
        {"organisation": organisation.pk, "email": "spy@x.jp", "language": "ja"},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not User.objects.filter(email="spy@x.jp").exists()
    assert organisation.members.count() == 1
    with pytest.raises(PermissionDenied):
        applications.invite_colleague(organisation, "spy@x.jp", world["other_user"], "ja")
    assert not User.objects.filter(email="spy@x.jp").exists()
    assert mail.outbox == []


def test_someone_of_no_organisation_cannot_open_the_invitation_screen(client, world):
    stranger = UserFactory(username="stranger")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert client.get(reverse("invite_colleague:index")).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/invite-colleague/" not in menu


def test_the_applications_list_costs_the_same_queries_however_many(client, world):
    client.force_login(world["editor"])
    url = reverse("partner_applications:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        make_application(contact_email=f"many{number}@example.jp", business_name=f"事業者{number}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "事業者7" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_password_reset_token_does_not_open_an_invitation(client, world):
    """Invitation links have tokens of their own: one from "forgot my password" is refused."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world["other_user"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    forged = f"/ja/partners/invitation/{uid}/{default_token_generator.make_token(user)}/"
    opened = client.get(forged, follow=True)
    assert opened.status_code == 404
    assert not opened.wsgi_request.user.is_authenticated


def test_an_invited_account_with_two_factor_signs_in_through_the_code(client, world):
    from allauth.mfa.models import Authenticator

    user = world["other_user"]
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "X"})
    with world["commit"]():
        applications.invite_colleague(world["other"], user.email, world["editor"], "ja")
    opened = client.get(invitation_path(mail.outbox[-1]))
    done = client.post(opened["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("wagtailadmin_login")
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # not signed in
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_unverified_public_sign_up_never_becomes_a_partner(client, world, django_user_model):
    """Someone who signed up with the applicant's address without proving it is theirs does not
    get the partner's rights on approval: the editor is told, and nothing is created."""
    from allauth.account.models import EmailAddress

    squatter = django_user_model.objects.create_user("squatter", "hanako@ume.example.jp", "x" * 12)
    EmailAddress.objects.create(user=squatter, email="hanako@ume.example.jp", verified=False)
    with pytest.raises(applications.ApplicationError):
        approve(world)
    world["application"].refresh_from_db()
    assert world["application"].status == PartnerApplication.Status.PENDING
    assert not squatter.groups.exists() and not squatter.partner_organisations.exists()
    client.force_login(world["editor"])
    url = reverse("partner_applications:approve", args=[world["application"].pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "hanako@ume.example.jp" in response.content.decode()
