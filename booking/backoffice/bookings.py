"""The Bookings screen: who booked what, for editors (every organisation) and partners (their own
only), with filters and CSV/XLSX export."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from booking.models import Booking
from booking.permissions import BookingPermissionPolicy
from booking.services import partner_scope
from core.admin_display import JAPAN_TIME_PREPROCESS, JapanTimeExportMixin, JapanTimeInspectMixin
from core.spreadsheets import CSV_TEXT_PREPROCESS

register_permission_policy(Booking, BookingPermissionPolicy(), exact_class=True)


def _offers_of_request(request):
    return partner_scope.offers_visible_to(request.user) if request else Booking.objects.none()


class BookingFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("status"), choices=Booking.Status.choices)
    service_date = DateFromToRangeFilter(label=_("first day"), widget=DateRangePickerWidget)
    offer = ModelChoiceFilter(label=_("offer"), queryset=_offers_of_request)

    class Meta:
        model = Booking
        fields = ["status", "service_date", "offer"]


def status_label(value: str) -> str:
    """A status as the screen names it, in the editor's language (the export would write the
    stored code)."""
    return str(Booking.Status(value).label) if value in Booking.Status.values else value


class BookingIndexView(JapanTimeExportMixin, IndexView):
    custom_value_preprocess = {**JAPAN_TIME_PREPROCESS, **CSV_TEXT_PREPROCESS}
    custom_field_preprocess = {
        "status": {IndexView.FORMAT_CSV: status_label, IndexView.FORMAT_XLSX: status_label}
    }

    def get_base_queryset(self):
        """Only what this user may see, with the offer joined (a bounded number of queries)."""
        return partner_scope.bookings_visible_to(self.request.user).select_related("offer")


class BookingInspectView(JapanTimeInspectMixin, InspectView):
    def get_object(self, queryset=None):
        """404 for a booking the user may not see, whoever guesses its id."""
        return get_object_or_404(
            partner_scope.bookings_visible_to(self.request.user).select_related("offer"),
            pk=self.pk,
        )

    def get_language_display_value(self) -> str:
        """The guest's language by its name (日本語, English), not its code."""
        return dict(settings.LANGUAGES).get(self.object.language, self.object.language)


# What the detail page and the export show of a booking (the guest register stays out of both).
SHOWN_FIELDS = [
    "reference",
    "offer",
    "service_date",
    "status",
    "guest_name",
    "guest_name_kana",
    "guest_email",
    "guest_phone",
    "guest_notes",
]


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = _("Bookings")
    menu_order = 250
    add_to_admin_menu = True
    # Nothing points at it from content: indexing it would cost every write (each hold).
    add_to_reference_index = False
    index_view_class = BookingIndexView
    inspect_view_class = BookingInspectView
    inspect_view_enabled = True
    filterset_class = BookingFilterSet
    search_fields = ["reference", "guest_name", "guest_email"]
    list_display = ["reference", "offer", "service_date", "guest_name", "total", "status"]
    list_export = [*SHOWN_FIELDS, "total", "created_at"]
    export_filename = "bookings"
    inspect_view_fields = [
        *SHOWN_FIELDS,
        "language",
        "total",
        "created_at",
        "confirmed_at",
        "cancelled_at",
    ]
    ordering = ["-service_date", "-created_at"]
    # The add and edit views exist but the permission policy refuses them: bookings change
    # through the booking services (cancellation, refunds), never by a raw edit.
    form_fields = ["guest_notes"]


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return BookingViewSet("bookings")
