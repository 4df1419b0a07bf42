"""Becoming a partner: a business applies on the public site, an editor approves or rejects it,
and the members of an approved business invite their colleagues.

Approval does everything in one transaction under the application's row lock: the partner
organisation, its profile page (a draft, published by editors like any other partner change),
its own user group with page rights below that page only, and its first user. E-mails (the
editors' notice, the applicant's acknowledgement, the invitation with a set-password link and,
for the first user, the next steps; the rejection) go through the outbox (core.outgoing): stored
in the same transaction, built and sent by a task once it commits.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from booking.content import ContentError, content
from booking.models import PartnerApplication, PartnerOrganisation
from booking.onboarding import REVIEW_WORKING_DAYS
from booking.onboarding.checklist import screen_paths
from booking.services import partner_scope
from booking.services.templated_emails import site_language, templated_message
from core import links, outgoing

GROUP_PREFIX = "Partner: "
EDITORS_LANGUAGE = settings.LANGUAGE_CODE


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """The one-time tokens of invitations: Django's password-reset tokens with a salt of their
    own, so that a token from "forgot my password" (or any other feature) never opens an
    invitation link, nor the reverse."""

    # Its first module's name, kept: another salt would void the invitations already sent.
    key_salt = "booking.services.invitation_tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


class ApplicationError(Exception):
    """An approval, rejection or invitation that cannot be done; the message says why."""


# -- the public application ------------------------------------------------------------------


def submit(
    application: PartnerApplication, language: str, key: str | None = None
) -> PartnerApplication:
    """Store a new application (pending) in the visitor's language with the editors' notice and
    the applicant's acknowledgement in the outbox; a second submit of the same form (same `key`)
    returns the first one."""
    if key is not None:
        earlier = PartnerApplication.objects.filter(submission_key=key).first()
        if earlier is not None:
            return earlier
    application.status = PartnerApplication.Status.PENDING
    application.language = site_language(language)
    application.submission_key = key
    try:
        with transaction.atomic():
            application.save()
            outgoing.queue_email(
                editors_message, application.pk, key=f"application:{application.pk}"
            )
            outgoing.queue_email(
                acknowledgement_message,
                application.pk,
                key=f"application-acknowledgement:{application.pk}",
            )
    except IntegrityError:  # the same form submitted twice at the same moment
        earlier = PartnerApplication.objects.filter(submission_key=key).first()
        if key is None or earlier is None:
            raise
        return earlier
    return application


# -- the editors' review ---------------------------------------------------------------------


@transaction.atomic
def approve(application: PartnerApplication, reviewer) -> PartnerOrganisation:
    """Turn a pending application into a partner organisation with its draft profile page, its
    group (page rights below that page only), and its first user, who is invited by e-mail.
    Approving an approved application returns its organisation and does nothing else."""
    locked = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status == PartnerApplication.Status.APPROVED and locked.organisation_id:
        _refresh(application, locked)
        return locked.organisation
    if locked.status == PartnerApplication.Status.REJECTED:
        raise ApplicationError(_("This application was rejected; it cannot be approved."))
    pages = content()
    user = member_account(locked.contact_email)
    organisation = PartnerOrganisation.objects.create(
        name=locked.business_name,
        name_en=locked.business_name_en,
        contact_name=locked.contact_name,
        email=locked.contact_email,
        phone=locked.phone,
        address=locked.address,
        address_en=locked.address_en,
        invoice_registration_number=locked.invoice_registration_number,
    )
    try:
        page = pages.create_partner_profile(locked, owner=user, author=reviewer)
    except ContentError as missing:
        raise ApplicationError(str(missing)) from missing
    organisation.page = page
    organisation.group = pages.grant_partner_access(page, free_group_name(locked.business_name))
    organisation.save(update_fields=["page", "group"])
    _join(organisation, user)
    locked.status = PartnerApplication.Status.APPROVED
    locked.organisation = organisation
    locked.reviewed_by = reviewer
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["status", "organisation", "reviewed_by", "reviewed_at"])
    outgoing.queue_email(invitation_message, user.pk, organisation.pk, locked.language)
    _refresh(application, locked)
    return organisation


@transaction.atomic
def reject(application: PartnerApplication, reviewer, reason: str) -> PartnerApplication:
    """Reject a pending application and e-mail the reason to the applicant, in their language.
    Rejecting it again changes nothing and sends nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason for the rejection: the applicant receives it."))
    locked = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status == PartnerApplication.Status.APPROVED:
        raise ApplicationError(_("This application was approved; it cannot be rejected."))
    if locked.status == PartnerApplication.Status.PENDING:
        locked.status = PartnerApplication.Status.REJECTED
        locked.rejection_reason = reason
        locked.reviewed_by = reviewer
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
        outgoing.queue_email(rejection_message, locked.pk, key=f"rejection:{locked.pk}")
    _refresh(application, locked)
    return application


# -- members and invitations -----------------------------------------------------------------


@transaction.atomic
def invite_colleague(organisation: PartnerOrganisation, email: str, invited_by, language: str):
    """Make the person with this e-mail (a new or existing account) a member of the
    organisation, in its group, and send them an invitation with a set-password link.
    Only the organisation's own members and editors may invite into it."""
    allowed = partner_scope.manageable_organisations(invited_by).filter(pk=organisation.pk)
    if not allowed.exists():
        raise PermissionDenied
    user = member_account(email)
    _join(organisation, user)
    outgoing.queue_email(invitation_message, user.pk, organisation.pk, site_language(language))
    return user


def member_account(email: str):
    """The active account with this e-mail address, or a new one without a usable password
    (its owner sets one from the invitation). The user name is the e-mail address."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip())
    user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        claimed = EmailAddress.objects.filter(user=user, email__iexact=email)
        if claimed.exists() and not claimed.filter(verified=True).exists():
            # Someone signed up on the public site with this address and never proved it is
            # theirs: giving that account a partner's rights would hand them its guests' data.
            raise ApplicationError(
                _(
                    "An account with %(email)s exists but has not verified that address. Ask "
                    "its owner to verify it (the link in the sign-up e-mail) first."
                )
                % {"email": email}
            )
        if not user.is_active:
            raise ApplicationError(
                _("The account of %(email)s is deactivated; reactivate it first.")
                % {"email": email}
            )
        return user
    user = user_model(username=_free_username(email.lower()), email=email)
    user.set_unusable_password()
    user.save()
    return user


def _join(organisation: PartnerOrganisation, user) -> None:
    organisation.members.add(user)
    if organisation.group_id:
        user.groups.add(organisation.group)


def _free_username(email: str) -> str:
    user_model = get_user_model()
    base = email[:150]
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        suffix = f"-{number}"
        username = base[: 150 - len(suffix)] + suffix
    return username


def free_group_name(business_name: str) -> str:
    """A group name no other organisation has: two businesses of the same name must never share
    a group (they would see each other's pages and bookings)."""
    base = GROUP_PREFIX + Truncator(business_name).chars(120, truncate="…")
    name, number = base, 1
    while Group.objects.filter(name=name).exists():
        number += 1
        name = f"{base} ({number})"
    return name


# -- e-mails -----------------------------------------------------------------------------------


def editors_message(application_id: int) -> EmailMultiAlternatives | None:
    """The editors' notice of a new application, with a link to review it."""
    application = PartnerApplication.objects.filter(pk=application_id).first()
    if application is None or not settings.EDITORS_EMAIL:
        return None
    base_url = links.base_url()
    context = {
        "application": application,
        "review_url": base_url + reverse("partner_applications:inspect", args=[application.pk]),
    }
    return templated_message(
        "partner_application_received",
        EDITORS_LANGUAGE,
        context,
        to=list(settings.EDITORS_EMAIL),
        reply_to=[application.contact_email],
    )


def acknowledgement_message(application_id: int) -> EmailMultiAlternatives | None:
    """The applicant's acknowledgement, in their language: what was received, and what happens
    next and when. A reply reaches the editors."""
    application = PartnerApplication.objects.filter(pk=application_id).first()
    if application is None:
        return None
    context = {"application": application, "review_days": REVIEW_WORKING_DAYS}
    return templated_message(
        "partner_application_acknowledgement",
        site_language(application.language),
        context,
        to=[application.contact_email],
        reply_to=list(settings.EDITORS_EMAIL),
    )


def invitation_message(
    user_id: int, organisation_id: int, language: str
) -> EmailMultiAlternatives | None:
    """The invitation to a member, with a link to set a password and sign in to the admin; the
    first member (the applicant) also gets the next steps, each linked to its screen."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    organisation = PartnerOrganisation.objects.filter(pk=organisation_id).first()
    if user is None or organisation is None or not user.email:
        return None
    language = site_language(language)
    application = PartnerApplication.objects.filter(organisation=organisation).first()
    context = {
        "user": user,
        "organisation": organisation,
        "organisation_name": organisation.display_name(language),
        "first_member": application is not None
        and application.contact_email.lower() == user.email.lower(),
        "has_password": user.has_usable_password(),
        "invitation_url": links.absolute(invitation_path(user, language)),
        "admin_url": links.absolute(reverse("wagtailadmin_home")),
        "steps": {name: links.absolute(path) for name, path in screen_paths(organisation).items()},
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    return templated_message("partner_invitation", language, context, to=[user.email])


def rejection_message(application_id: int) -> EmailMultiAlternatives | None:
    """The rejection, with the editor's reason, in the applicant's language."""
    application = PartnerApplication.objects.filter(
        pk=application_id, status=PartnerApplication.Status.REJECTED
    ).first()
    if application is None:
        return None
    context = {"application": application, "apply_url": ""}
    language = site_language(application.language)
    with translation.override(language):
        context["apply_url"] = links.base_url() + reverse("booking:apply")
    return templated_message(
        "partner_application_rejected",
        language,
        context,
        to=[application.contact_email],
        reply_to=list(settings.EDITORS_EMAIL),
    )


def invitation_path(user, language: str) -> str:
    """The path of the user's set-password link (valid until used or PASSWORD_RESET_TIMEOUT)."""
    with translation.override(site_language(language)):
        return reverse(
            "booking:invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_tokens.make_token(user),
            },
        )


def _refresh(application: PartnerApplication, locked: PartnerApplication) -> None:
    """Bring the caller's object up to date with the locked row."""
    for field in ("status", "organisation_id", "reviewed_by_id", "reviewed_at", "rejection_reason"):
        setattr(application, field, getattr(locked, field))
