"""The daily manifest (who comes today, how many, their notes and, for stays, the guest register)
and the check-in desk (a reference typed in, or the QR code of the guest's confirmation scanned
with a phone, which opens this page with the reference filled in)."""

import csv
from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from booking.services import checkin, partner_scope
from booking.services.jst import JST, today
from booking.services.manifest import day_manifest
from core.admin_display import japan_time_heading
from core.spreadsheets import safe_cell


class PartnerMenuItem(MenuItem):
    """Shown to editors and partner members only."""

    def is_shown(self, request) -> bool:
        return partner_scope.can_see_bookings(request.user)


class BackOfficeView(WagtailAdminTemplateMixin, TemplateView):
    """A page for editors and partner members; anyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not partner_scope.can_see_bookings(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ManifestFilter(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date"), required=False, widget=forms.DateInput({"type": "date"})
    )
    offer = forms.ModelChoiceField(
        label=gettext_lazy("Offer"), queryset=None, required=False, empty_label=gettext_lazy("All")
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = partner_scope.offers_visible_to(user).order_by("name")


class ManifestView(BackOfficeView):
    template_name = "booking/admin/manifest.html"
    page_title = gettext_lazy("Manifest")
    header_icon = "list-ul"

    def get(self, request, *args, **kwargs):
        form = ManifestFilter(request.GET or None, user=request.user)
        valid = form.is_valid()
        day = (form.cleaned_data.get("date") if valid else None) or today()
        offer = form.cleaned_data.get("offer") if valid else None
        sessions = day_manifest(request.user, day, offer)
        if request.GET.get("format") == "csv":
            return manifest_csv(day, sessions)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                day=day,
                sessions=sessions,
                previous=(day - timedelta(days=1)).isoformat(),
                next=(day + timedelta(days=1)).isoformat(),
                offer=offer,
            )
        )


def manifest_csv(day: date, sessions) -> HttpResponse:
    """The manifest as a spreadsheet (UTF-8 with a byte-order mark, so Excel reads Japanese):
    one row per guest of the register (a stay), else one per booking, each with its booking's
    reference; the slot's capacity and what is booked of it in columns of their own; times in
    Japan time, as their headings say."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="manifest-{day.isoformat()}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            japan_time_heading(_("Starts")),
            japan_time_heading(_("Ends (check-out)")),
            _("Offer"),
            _("Capacity"),
            _("Booked"),
            _("Reference"),
            _("This booking"),
            _("Booked by"),
            _("Phone"),
            _("Guest"),
            _("Guest's address"),
            _("Guest's contact"),
            _("Nationality"),
            _("Passport number"),
            _("Notes for the host"),
            japan_time_heading(_("Checked in")),
        ]
    )
    for session in sessions:
        slot = session.slot
        for entry in session.entries:
            booking = entry.booking
            common = [
                f"{slot.starts_at.astimezone(JST):%Y-%m-%d %H:%M}",
                f"{slot.ends_at.astimezone(JST):%Y-%m-%d %H:%M}",
                slot.offer.name,
                slot.capacity,
                session.booked,
                booking.reference,
                " ".join(f"{name}×{quantity}" for name, quantity in entry.quantities),
                booking.guest_name,
                booking.guest_phone,
            ]
            last = [
                booking.guest_notes,
                f"{booking.checked_in_at.astimezone(JST):%H:%M}" if booking.checked_in_at else "",
            ]
            guests = [
                [g.name, g.address, g.phone, g.nationality, g.passport_number] for g in entry.guests
            ] or [["", "", "", "", ""]]
            for guest in guests:
                writer.writerow([safe_cell(value) for value in common + guest + last])
    return response


class CheckInForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Booking reference"),
        max_length=20,
        widget=forms.TextInput(
            {"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


class CheckInView(BackOfficeView):
    template_name = "booking/admin/check_in.html"
    page_title = gettext_lazy("Check-in")
    header_icon = "check"

    def get(self, request, *args, **kwargs):
        reference = request.GET.get("reference", "")
        form = CheckInForm(initial={"reference": reference})
        booking = checkin.find(request.user, reference) if reference else None
        return self.render_to_response(
            self.get_context_data(
                form=form, booking=booking, looked_up=bool(reference), reference=reference
            )
        )

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        if form.is_valid():
            reference = form.cleaned_data["reference"]
            try:
                result = checkin.check_in(request.user, reference)
            except checkin.CheckInRefused as refused:
                form.add_error("reference", refused.message)
            else:
                booking = result.booking
                if result.already:
                    messages.warning(
                        request,
                        _("%(reference)s was already checked in.")
                        % {"reference": booking.reference},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s (%(reference)s) is checked in.")
                        % {"name": booking.guest_name, "reference": booking.reference},
                    )
                return HttpResponseRedirect(reverse("booking_check_in"))
        booking = checkin.find(request.user, request.POST.get("reference", ""))
        return self.render_to_response(
            self.get_context_data(form=form, booking=booking, looked_up=True)
        )


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("manifest/", ManifestView.as_view(), name="booking_manifest"),
        path("check-in/", CheckInView.as_view(), name="booking_check_in"),
    ]


@hooks.register("register_admin_menu_item")
def manifest_menu_item():
    return PartnerMenuItem(
        gettext_lazy("Manifest"), reverse("booking_manifest"), icon_name="list-ul", order=252
    )


@hooks.register("register_admin_menu_item")
def check_in_menu_item():
    return PartnerMenuItem(
        gettext_lazy("Check-in"), reverse("booking_check_in"), icon_name="check", order=253
    )
