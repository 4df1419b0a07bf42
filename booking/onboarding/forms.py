"""Forms of becoming a partner: the public application, the editors' rejection, and a member's
invitation of a colleague."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from booking.models import PartnerApplication, PartnerOrganisation
from booking.services import partner_scope
from core.submission_keys import SubmissionKeyField

# The application's questions about its contact person; the others are about the business.
CONTACT_FIELDS = ("contact_name", "contact_email")
# Hyphens, dashes and spaces people type between the digits (full-width ones after NFKC too).
SEPARATORS = re.compile(r"[\s\-‐‑‒–—―ー－]")


class InvoiceNumberField(forms.CharField):
    """The qualified-invoice registration number as people write it (full-width, lower-case
    t, with hyphens or spaces, or the 13 digits alone), stored as T and 13 digits."""

    def to_python(self, value):
        value = SEPARATORS.sub("", unicodedata.normalize("NFKC", super().to_python(value)))
        value = value.upper()
        return f"T{value}" if re.fullmatch(r"\d{13}", value) else value


def _formfield(field, **kwargs):
    """Model fields as form fields; a web address typed without a scheme is taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PartnerApplicationForm(forms.ModelForm):
    """A business's application. `homepage` is a trap for bots: hidden from people (and from
    screen readers), a filled-in value marks the submission as spam. `submission_key` makes a
    second submit of the same form find the first application."""

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_key = SubmissionKeyField()

    class Meta:
        model = PartnerApplication
        fields = list(PartnerApplication.APPLICANT_FIELDS)
        field_classes = {"invoice_registration_number": InvoiceNumberField}
        formfield_callback = _formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "address_en": forms.TextInput(attrs={"autocomplete": "off", "lang": "en"}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose…")), *self.fields["category"].choices[1:]]

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))

    def business_fields(self) -> list[forms.BoundField]:
        """What the form asks about the business (its first section)."""
        return [self[name] for name in self.Meta.fields if name not in CONTACT_FIELDS]

    def contact_fields(self) -> list[forms.BoundField]:
        """Who to write to about the application (its second section)."""
        return [self[name] for name in CONTACT_FIELDS]


class RejectionForm(forms.Form):
    """The reason the applicant receives, as the editor writes it."""

    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, application: PartnerApplication, **kwargs):
        super().__init__(*args, **kwargs)
        languages = dict(settings.LANGUAGES)
        self.fields["reason"].help_text = _(
            "E-mailed to %(email)s as you write it. The applicant used the site in %(language)s."
        ) % {
            "email": application.contact_email,
            "language": languages.get(application.language, application.language),
        }

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason: the applicant receives it."))
        return reason


class InviteColleagueForm(forms.Form):
    """Whom to invite into which of the user's organisations, and in which language to write."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=PartnerOrganisation.objects.none()
    )
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="ja"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = partner_scope.manageable_organisations(user).order_by("name")
        field = self.fields["organisation"]
        field.queryset = organisations
        if organisations.count() == 1:
            field.empty_label = None
