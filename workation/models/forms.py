"""The consultation form for companies planning a workation (Wagtail's form builder)."""

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from home.models import BasePage


class ConsultationFormField(AbstractFormField):
    page = ParentalKey(
        "workation.ConsultationFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class ConsultationFormPage(AbstractForm, BasePage):
    """Stores each submission, then e-mails the editors through Celery once it is committed."""

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

    def process_form_submission(self, form: Any) -> FormSubmission:
        from workation.tasks import notify_consultation

        submission = super().process_form_submission(form)
        transaction.on_commit(lambda: notify_consultation.delay(submission.pk))
        return submission
