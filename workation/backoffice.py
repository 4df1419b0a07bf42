"""The Consultations screen: editors follow each company's request from new to done (status,
assignee, internal note), with a status filter, search and a CSV export. Requests come in
through the consultation form only: nobody adds or deletes one here."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.template.defaultfilters import linebreaksbr
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_display import JAPAN_TIME_PREPROCESS, JapanTimeExportMixin, JapanTimeInspectMixin
from core.spreadsheets import CSV_TEXT_PREPROCESS
from workation.models.forms import ConsultationSubmission

ACTIONS = frozenset({"view", "change"})
FORM_LABEL = _("Form")


class ConsultationPermissionPolicy(ModelPermissionPolicy):
    """The model's own view and change permissions (the Editors group has them); add and
    delete are refused to everyone."""

    def __init__(self) -> None:
        super().__init__(ConsultationSubmission)

    def user_has_permission(self, user, action: str) -> bool:
        return action in ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in ACTIONS])


register_permission_policy(ConsultationSubmission, ConsultationPermissionPolicy(), exact_class=True)


def _assignees(request=None):
    """The people who may answer a consultation (a lazy query: forms are built at start-up)."""
    may_change = Permission.objects.filter(
        content_type__app_label="workation", codename="change_consultationsubmission"
    )
    users = get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(user_permissions__in=may_change)
        | Q(groups__permissions__in=may_change),
        is_active=True,
    )
    return users.distinct().order_by("last_name", "first_name", "username")


class ConsultationFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("status"), choices=ConsultationSubmission.Status.choices)
    assignee = ModelChoiceFilter(label=_("assignee"), queryset=_assignees)
    submit_time = DateFromToRangeFilter(label=_("received"), widget=DateRangePickerWidget)

    class Meta:
        model = ConsultationSubmission
        fields = ["status", "assignee", "submit_time"]


class ConsultationIndexView(JapanTimeExportMixin, IndexView):
    # Times in the export in Japan time, as the list shows them; text that looks like a formula
    # stays text in CSV.
    custom_value_preprocess = {**JAPAN_TIME_PREPROCESS, **CSV_TEXT_PREPROCESS}

    def get_base_queryset(self):
        """The form page, its questions and the assignee loaded with the rows, so the list and
        its export run a fixed number of queries."""
        return (
            super()
            .get_base_queryset()
            .select_related("page__consultationformpage", "assignee")
            .prefetch_related("page__consultationformpage__form_fields")
        )

    def search_queryset(self, queryset):
        """Search the answers and the note. SQLite keeps non-ASCII text in JSON as \\u escapes,
        so the answers are also searched for the query written that way."""
        if not self.is_searching:
            return queryset
        query = self.search_query
        return queryset.filter(
            Q(form_data__icontains=query)
            | Q(form_data__icontains=json.dumps(query)[1:-1])
            | Q(note__icontains=query)
        )


class ConsultationInspectView(JapanTimeInspectMixin, InspectView):
    def get_field_label(self, field_name, field):
        """The form page by that name (Wagtail's submission model leaves it "page")."""
        if field_name == "page":
            return capfirst(FORM_LABEL)
        return super().get_field_label(field_name, field)

    def get_fields_context(self):
        """The editors' fields, then each question of the form with its answer."""
        answers = [
            {"label": question, "value": linebreaksbr(answer or "-"), "component": None}
            for question, answer in self.object.answers()
        ]
        return [*super().get_fields_context(), *answers]


class ConsultationViewSet(ModelViewSet):
    model = ConsultationSubmission
    icon = "mail"
    menu_label = _("Consultations")
    menu_order = 260
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = ConsultationIndexView
    inspect_view_class = ConsultationInspectView
    inspect_view_enabled = True
    filterset_class = ConsultationFilterSet
    search_fields = ["form_data", "note"]
    search_backend_name = None
    list_display = ["summary", "submit_time", "status", "assignee", "updated_at"]
    list_export = [
        "pk",
        "submit_time",
        "page",
        "get_status_display",
        "assignee",
        "note",
        "updated_at",
        "answers_text",
    ]
    export_headings = {"pk": _("No."), "page": FORM_LABEL, "get_status_display": _("Status")}
    export_filename = "consultations"
    inspect_view_fields = ["submit_time", "page", "status", "assignee", "note", "updated_at"]
    ordering = ["-submit_time"]
    form_fields = ["status", "assignee", "note"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = _assignees()
        return super().formfield_for_dbfield(db_field, **kwargs)
