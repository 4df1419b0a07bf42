"""The consultation form for companies planning a workation (Wagtail's form builder)."""

from typing import Any

from django import forms
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from core import outgoing
from core.models import BasePage
from core.page_slugs import ReadableSlugPageForm
from core.rate_limits import count, over_limit, too_many_requests
from core.submission_keys import SubmissionKeyField

SUBMISSION_KEY = "submission_key"
# Built when sent (workation.services.consultations imports this module, so they are named here).
EDITORS_NOTICE = "workation.services.consultations.editors_message"
ACKNOWLEDGEMENT = "workation.services.consultations.acknowledgement_message"


class ConsultationFormBuilder(FormBuilder):
    """Wagtail's form builder, with dates (and date-times) picked in the browser's own date
    input instead of typed as free text."""

    def create_date_field(self, field: Any, options: dict[str, Any]) -> forms.DateField:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **options
        )

    def create_datetime_field(self, field: Any, options: dict[str, Any]) -> forms.DateTimeField:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
            **options,
        )


class ConsultationFormField(AbstractFormField):
    page = ParentalKey(
        "workation.ConsultationFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ConsultationSubmission(AbstractFormSubmission):
    """A company's request, with where the editors are in answering it."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("consultation status", "New")
        IN_PROGRESS = "in_progress", pgettext_lazy("consultation status", "In progress")
        DONE = "done", pgettext_lazy("consultation status", "Done")
        DECLINED = "declined", pgettext_lazy("consultation status", "Declined")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("internal note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submission_key = models.CharField(
        _("submission key"), max_length=32, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-submit_time"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.summary()}"

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) in the form's order; answers to questions removed since follow,
        under their field name."""
        data = dict(self.form_data)
        form_page = getattr(self.page, "consultationformpage", None) or self.page.specific
        pairs = [
            (field.label, _as_text(data.pop(field.clean_name, "")))
            for field in form_page.form_fields.all()
        ]
        return pairs + [(name, _as_text(value)) for name, value in data.items()]

    def summary(self) -> str:
        """The first two answers, enough to recognise a request in a list."""
        values = [_as_text(v) for v in self.form_data.values() if _as_text(v)]
        return " / ".join(value[:40] for value in values[:2])

    summary.short_description = _("request")

    def answers_text(self) -> str:
        """Every answer as "label: answer" lines, for the export."""
        return "\n".join(f"{label}: {answer}" for label, answer in self.answers())

    answers_text.short_description = _("answers")


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


class ConsultationPageForm(ReadableSlugPageForm, WagtailAdminFormPageForm):
    """The form page's admin form: its form fields checked as Wagtail's form pages are, and a
    readable slug made from a Japanese title as on every other page."""


class ConsultationFormPage(AbstractForm, BasePage):
    """Stores each submission once, with the editors' notice in the outbox."""

    base_form_class = ConsultationPageForm

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link"]
    )
    notify_emails = models.CharField(
        _("notify these addresses"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated; defaults to the EDITORS_EMAIL setting."),
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("notify_emails")], heading=_("Notifications")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation form")

    form_builder = ConsultationFormBuilder

    def desk_addresses(self) -> list[str]:
        """Who answers this form's requests: its own addresses, else EDITORS_EMAIL."""
        own = [address.strip() for address in self.notify_emails.split(",") if address.strip()]
        return own or list(settings.EDITORS_EMAIL)

    def get_submission_class(self) -> type[ConsultationSubmission]:
        return ConsultationSubmission

    def serve(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """The form; a visitor sending too many in a short time gets a 429 and nothing is kept.
        Only stored requests count, so correcting a mistake never locks anyone out."""
        if over_limit(request, "consultation", count_it=False):
            return too_many_requests(request)
        response = super().serve(request, *args, **kwargs)
        if getattr(self, "_stored_submission", None) is not None:
            count(request, "consultation")
        return response

    def get_submissions_list_view_class(self) -> type:
        """Wagtail's submissions list, exporting formula-like answers as text in CSV files."""
        # Imported here: Wagtail's admin views load models when imported, after this module.
        from core.form_exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form(self, *args: Any, **kwargs: Any) -> Any:
        form = super().get_form(*args, **kwargs)
        form.fields[SUBMISSION_KEY] = SubmissionKeyField()
        return form

    def process_form_submission(self, form: Any) -> ConsultationSubmission:
        """Store the request and its notice to the editors in one transaction (the outbox sends
        it), once per form shown: a second submit of the same form finds the first request."""
        key = form.cleaned_data.pop(SUBMISSION_KEY, None)
        submissions = self.get_submission_class().objects
        try:
            with transaction.atomic():
                submission = submissions.create(
                    form_data=form.cleaned_data, page=self, submission_key=key
                )
                outgoing.queue_email(
                    EDITORS_NOTICE, submission.pk, key=f"consultation:{submission.pk}"
                )
                outgoing.queue_email(
                    ACKNOWLEDGEMENT, submission.pk, key=f"consultation-receipt:{submission.pk}"
                )
        except IntegrityError:
            submission = submissions.filter(page=self, submission_key=key).first()
            if key is None or submission is None:
                raise
            return submission
        self._stored_submission = submission
        return submission
