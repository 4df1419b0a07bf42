"""The "Partner applications" screen, for editors only: the list (filtered by status), each
application in full, and its two actions, Approve (after a confirmation page) and Reject (with
the reason the applicant receives). Plus "Invite a colleague", for partner members and editors.

Applications are never added, edited or deleted by hand: they come from the public form and
change only through booking.onboarding.applications.
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from booking.models import PartnerApplication
from booking.onboarding import applications
from booking.onboarding.forms import InviteColleagueForm, RejectionForm
from booking.services import partner_scope
from core.admin_display import JapanTimeInspectMixin

REVIEW = "review"
EDITOR_ACTIONS = frozenset({"view", REVIEW})
Status = PartnerApplication.Status


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Editors may see and review applications; nobody adds, edits or deletes one by hand."""

    def __init__(self) -> None:
        super().__init__(PartnerApplication)

    def user_has_permission(self, user, action: str) -> bool:
        return action in EDITOR_ACTIONS and partner_scope.is_editor(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return self.user_has_any_permission(user, actions)

    def instances_user_has_permission_for(self, user, action: str):
        if self.user_has_permission(user, action):
            return PartnerApplication.objects.all()
        return PartnerApplication.objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return PartnerApplication.objects.all()
        return PartnerApplication.objects.none()


policy = ApplicationPermissionPolicy()
register_permission_policy(PartnerApplication, policy, exact_class=True)


class ApplicationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


def _reviewable_by(user):
    """The applications the user may open: all for editors, none (so 404, whatever the id)
    for anyone else."""
    return policy.instances_user_has_permission_for(user, "view")


class ApplicationInspectView(JapanTimeInspectMixin, InspectView):
    """Everything the business told us, with Approve and Reject while it waits for review."""

    def get_object(self, queryset=None):
        return get_object_or_404(_reviewable_by(self.request.user), pk=self.pk)

    @cached_property
    def header_buttons(self):
        if self.object.status != Status.PENDING or not self.user_has_permission(REVIEW):
            return []
        args = [quote(self.object.pk)]
        return [
            HeaderButton(
                pgettext("partner application", "Approve"),
                url=reverse("partner_applications:approve", args=args),
                icon_name="check",
                priority=10,
            ),
            HeaderButton(
                pgettext("partner application", "Reject"),
                url=reverse("partner_applications:reject", args=args),
                icon_name="cross",
                priority=20,
            ),
        ]

    def get_language_display_value(self):
        return dict(settings.LANGUAGES).get(self.object.language, self.object.language)

    def get_organisation_display_value(self):
        """The organisation an approval made, linked to its profile page in the admin."""
        organisation = self.object.organisation
        if organisation is None or organisation.page_id is None:
            return organisation or "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("wagtailadmin_pages:edit", args=[organisation.page_id]),
            organisation,
        )


class ReviewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseObjectMixin):
    """An editor's action on one application: found (404 otherwise), editors only."""

    model = PartnerApplication
    permission_required = REVIEW
    header_icon = "help"

    def get_base_object_queryset(self):
        return _reviewable_by(self.request.user)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("partner_applications:index"),
                "label": PartnerApplication._meta.verbose_name_plural.capitalize(),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def inspect_url(self) -> str:
        return reverse("partner_applications:inspect", args=[quote(self.object.pk)])

    def not_pending(self):
        """Back to the application, saying why, when it was reviewed meanwhile."""
        messages.warning(
            self.request,
            _("This application has already been reviewed: %(status)s.")
            % {"status": self.object.get_status_display()},
        )
        return redirect(self.inspect_url)


class ApproveView(ReviewMixin, TemplateView):
    """A confirmation page saying what approval creates; the POST approves."""

    page_title = gettext_lazy("Approve application")
    template_name = "booking/apply_approve.html"

    def get(self, request, *args, **kwargs):
        if self.object.status != Status.PENDING:
            return self.not_pending()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            organisation = applications.approve(self.object, request.user)
        except applications.ApplicationError as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url)
        messages.success(
            request,
            _(
                "%(name)s is approved: its draft profile page, user group and first user are made, "
                "and %(email)s is invited."
            )
            % {"name": organisation.name, "email": self.object.contact_email},
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.object
        context["inspect_url"] = self.inspect_url
        return context


class RejectView(ReviewMixin, FormView):
    """The reason for the rejection, e-mailed to the applicant."""

    page_title = gettext_lazy("Reject application")
    template_name = "wagtailadmin/generic/form.html"
    form_class = RejectionForm

    def get(self, request, *args, **kwargs):
        if self.object.status != Status.PENDING:
            return self.not_pending()
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.object}

    def form_valid(self, form):
        try:
            applications.reject(self.object, self.request.user, form.cleaned_data["reason"])
        except applications.ApplicationError as error:
            messages.error(self.request, str(error))
            return redirect(self.inspect_url)
        messages.success(
            self.request,
            _("The application of %(name)s is rejected; %(email)s is told why.")
            % {"name": self.object.business_name, "email": self.object.contact_email},
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Reject and send the reason")
        context["submit_button_active_label"] = _("Rejecting…")
        return context


class ApplicationViewSet(ModelViewSet):
    model = PartnerApplication
    icon = "help"
    menu_label = gettext_lazy("Partner applications")
    menu_order = 260
    add_to_admin_menu = True
    # Nothing points at it from content: it stays out of the reference index.
    add_to_reference_index = False
    url_prefix = "partner-applications"
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    list_filter = ["status", "category"]
    search_fields = ["business_name", "business_name_en", "contact_name", "contact_email"]
    list_display = ["business_name", "category", "area", "contact_name", "status", "created_at"]
    inspect_view_fields = [
        "status",
        *PartnerApplication.APPLICANT_FIELDS,
        "language",
        "created_at",
        "reviewed_by",
        "reviewed_at",
        "rejection_reason",
        "organisation",
    ]
    # The add and edit views exist but the permission policy refuses them.
    form_fields = ["rejection_reason"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", ApproveView.as_view(), name="approve"),
            path("reject/<int:pk>/", RejectView.as_view(), name="reject"),
        ]


# -- Invite a colleague ------------------------------------------------------------------------


def can_invite(user) -> bool:
    """Editors, and members of at least one partner organisation."""
    return partner_scope.is_editor(user) or bool(partner_scope.organisation_ids(user))


class InviteColleagueView(WagtailAdminTemplateMixin, FormView):
    """A member invites a colleague into their organisation (editors: into any)."""

    page_title = gettext_lazy("Invite a colleague")
    header_icon = "user"
    template_name = "wagtailadmin/generic/form.html"
    form_class = InviteColleagueForm

    def dispatch(self, request, *args, **kwargs):
        if not can_invite(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            applications.invite_colleague(
                data["organisation"], data["email"], self.request.user, data["language"]
            )
        except applications.ApplicationError as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s is now a member of %(name)s and has been sent an invitation.")
            % {"email": data["email"], "name": data["organisation"].name},
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Send the invitation")
        context["submit_button_active_label"] = _("Sending…")
        return context


class InviteMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_invite(request.user)


class InviteColleagueViewSet(ViewSet):
    name = "invite_colleague"
    url_prefix = "invite-colleague"
    icon = "user"
    menu_label = gettext_lazy("Invite a colleague")
    menu_order = 270
    add_to_admin_menu = True
    menu_item_class = InviteMenuItem

    def get_urlpatterns(self):
        return [path("", InviteColleagueView.as_view(), name="index")]


@hooks.register("register_admin_viewset")
def register_application_viewsets():
    return [ApplicationViewSet("partner_applications"), InviteColleagueViewSet()]
