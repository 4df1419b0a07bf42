"""Forms of the booking pages: what to hold (per kind of offer), guest details, guest register."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from booking.models import Offer, PriceCategory
from booking.services.holds import HoldItem
from booking.services.selection import desk_items, session_items, stay_items

MAX_NIGHTS = 30
MAX_DESK_DAYS = 31


class HoldForm(forms.Form):
    """Common part: one quantity field per price category, named `qty_<id>`."""

    def __init__(self, offer: Offer, categories: list[PriceCategory], language: str, **kwargs):
        super().__init__(**kwargs)
        self.offer = offer
        self.categories = categories
        for category in self.quantity_categories():
            self.fields[f"qty_{category.pk}"] = forms.IntegerField(
                label=category.display_name(language),
                min_value=0,
                max_value=offer.max_per_booking,
                initial=0,
                required=False,
            )

    def quantity_categories(self) -> list[PriceCategory]:
        return self.categories

    def quantity_fields(self) -> list[forms.BoundField]:
        return [self[f"qty_{category.pk}"] for category in self.quantity_categories()]

    def quantities(self) -> dict[int, int]:
        return {
            category.pk: self.cleaned_data.get(f"qty_{category.pk}") or 0
            for category in self.quantity_categories()
        }

    def clean(self):
        cleaned = super().clean()
        counted = self.quantity_categories()
        if counted and not self.errors and sum(self.quantities().values()) < 1:
            raise forms.ValidationError(_("Choose how many."))
        return cleaned

    def items(self) -> list[HoldItem]:
        raise NotImplementedError


class SessionHoldForm(HoldForm):
    """An experience: a session of the chosen day and people per price category."""

    slot = forms.TypedChoiceField(label=_("Time"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slot_choices: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = list(slot_choices)

    def items(self) -> list[HoldItem]:
        return session_items(self.offer, self.cleaned_data["slot"], self.quantities())


class StayHoldForm(HoldForm):
    """A stay: check-in day, number of nights and rooms per room price."""

    check_in = forms.DateField(label=_("Check-in"), widget=forms.DateInput(attrs={"type": "date"}))
    nights = forms.IntegerField(label=_("Nights"), min_value=1, max_value=MAX_NIGHTS, initial=1)

    def items(self) -> list[HoldItem]:
        return stay_items(
            self.offer,
            self.cleaned_data["check_in"],
            self.cleaned_data["nights"],
            self.quantities(),
        )


class DeskHoldForm(HoldForm):
    """Desks: first day, number of days, full day or half-day, and how many desks."""

    PARTS = [("day", _("Full day")), ("am", _("Morning")), ("pm", _("Afternoon"))]

    first_day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    day_count = forms.IntegerField(label=_("Days"), min_value=1, max_value=MAX_DESK_DAYS, initial=1)
    part = forms.ChoiceField(
        label=_("Time"), choices=PARTS, widget=forms.RadioSelect, initial="day"
    )
    desks = forms.IntegerField(label=_("Desks"), min_value=1, initial=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desks"].validators.append(MaxValueValidator(self.offer.max_per_booking))

    def quantity_categories(self) -> list[PriceCategory]:
        return []  # the desk count is its own field; the part chooses the price

    def items(self) -> list[HoldItem]:
        data = self.cleaned_data
        return desk_items(
            self.offer, data["first_day"], data["day_count"], data["part"], data["desks"]
        )


def hold_form_class(offer: Offer) -> type[HoldForm]:
    return {
        Offer.Kind.STAY: StayHoldForm,
        Offer.Kind.DESK: DeskHoldForm,
    }.get(offer.kind, SessionHoldForm)


class GuestDetailsForm(forms.Form):
    """Who is booking: name (and kana for Japanese guests), e-mail, phone, notes for the host."""

    guest_name = forms.CharField(label=_("Full name"), max_length=120)
    guest_name_kana = forms.CharField(
        label=_("Name in kana"),
        max_length=120,
        required=False,
        help_text=_("e.g. ヤマダ タロウ (for guests in Japan)"),
    )
    guest_email = forms.EmailField(label=_("E-mail"), help_text=_("Your confirmation goes here."))
    guest_phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9()\- ]{6,20}$",
        error_messages={"invalid": _("Enter a phone number, e.g. 090-1234-5678.")},
    )
    guest_notes = forms.CharField(
        label=_("Notes for the host"), max_length=1000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, language: str = "ja", **kwargs):
        super().__init__(*args, **kwargs)
        if language == "ja":
            self.fields["guest_name_kana"].required = True


class TripDetailsForm(GuestDetailsForm):
    """The lead guest of a trip (given to every item's host), and a company name for the
    receipts when a company pays."""

    invoice_name = forms.CharField(
        label=_("Company name for the receipts"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to have the receipts made out to you."),
    )


class AddresseeForm(forms.Form):
    """Whom the receipts of a trip are made out to (宛名), changed after booking."""

    invoice_name = forms.CharField(
        label=_("Receipts made out to"),
        max_length=120,
        widget=forms.TextInput(
            attrs={"aria-describedby": "id_invoice_name-help", "autocomplete": "organization"}
        ),
        help_text=_(
            "A company name, with a department or person if your accounts department needs "
            "one. Receipts already downloaded are issued again under a new number."
        ),
    )


class GuestRegisterForm(forms.Form):
    """One guest of a stay, as the 旅館業法 register requires."""

    name = forms.CharField(label=_("Full name"), max_length=120)
    address = forms.CharField(label=_("Address"), max_length=255)
    phone = forms.CharField(label=_("Phone or e-mail"), max_length=120)
    lives_in_japan = forms.BooleanField(
        label=_("Has an address in Japan"), required=False, initial=True
    )
    nationality = forms.CharField(label=_("Nationality"), max_length=60, required=False)
    passport_number = forms.RegexField(
        label=_("Passport number"),
        regex=r"^[A-Za-z0-9]{5,20}$",
        required=False,
        error_messages={"invalid": _("Letters and digits only, 5 to 20 characters.")},
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("lives_in_japan"):
            for field in ("nationality", "passport_number"):
                if not cleaned.get(field) and field not in self.errors:
                    self.add_error(
                        field,
                        _("Required for guests without an address in Japan."),
                    )
        return cleaned


GuestRegisterFormSet = formset_factory(
    GuestRegisterForm, extra=0, min_num=1, validate_min=True, max_num=20, validate_max=True
)


def parse_iso_date(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, or None for anything else."""
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


class ManageLinkRequestForm(forms.Form):
    """The address a guest booked with, to send new manage links to."""

    email = forms.EmailField(
        label=_("E-mail address you booked with"),
        max_length=254,
        help_text=_("We send a new link to each booking made with this address."),
    )
