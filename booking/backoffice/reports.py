"""The back office's figures: a dashboard panel on the admin home (editors: every organisation;
partners: their own) and the editors' report of bookings, guests, occupancy and revenue by
month, area and kind, with charts drawn as inline SVG and a CSV export of the same rows, and what
trips (bookings made together) add over the period, with a CSV of its own."""

import csv
from collections.abc import Callable, Collection
from datetime import date, timedelta
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from booking.content import content
from booking.models import Offer
from booking.services import partner_scope, reports
from booking.services.charts import bar_chart
from booking.services.jst import today
from core.spreadsheets import safe_cell

REPORT_URL_NAME = "booking_reports"
MAX_REPORT_DAYS = 366 * 5  # the longest period one report covers
DEFAULT_MONTHS = 12  # a report without dates: this month and the eleven before it


# --- who sees what ---------------------------------------------------------------------------


def figures_scope(user) -> Collection[int] | None:
    """The organisations whose figures the user sees: None for all (editors), their own ids
    (partners), or an empty set (neither: no figures at all)."""
    if partner_scope.is_editor(user):
        return None
    return partner_scope.organisation_ids(user)


# --- the dashboard panel ---------------------------------------------------------------------


class BookingFiguresPanel(Component):
    """Today's and the next seven days' bookings, guests, occupancy and revenue."""

    name = "booking_figures"
    template_name = "booking/admin/dashboard_panel.html"
    order = 50

    def __init__(self, organisations: Collection[int] | None) -> None:
        self.organisations = organisations

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        figures = reports.dashboard(self.organisations)
        columns = [figures.today_figures, figures.week_figures]
        everyone = self.organisations is None
        return {
            "dashboard": figures,
            "rows": [
                (pgettext("booking report", "Bookings"), [_number(f.bookings) for f in columns]),
                (pgettext("booking report", "Guests"), [_number(f.guests) for f in columns]),
                (pgettext("booking report", "Occupancy"), [_percent(f.occupancy) for f in columns]),
                (pgettext("booking report", "Revenue"), [_yen(f.revenue) for f in columns]),
            ],
            "everyone": everyone,
            "reports_url": reverse(REPORT_URL_NAME) if everyone else "",
        }


@hooks.register("construct_homepage_panels")
def add_booking_figures_panel(request: HttpRequest, panels: list) -> None:
    scope = figures_scope(request.user)
    if scope is None or scope:
        panels.append(BookingFiguresPanel(scope))


# --- the report ------------------------------------------------------------------------------


def default_period(on: date) -> tuple[date, date]:
    """This month and the eleven before it, to the last day of this month."""
    start = on.replace(day=1)
    for _month in range(DEFAULT_MONTHS - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    end = (on.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("booking report", "From"), widget=AdminDateInput
    )
    date_to = forms.DateField(label=pgettext_lazy("booking report", "Until"), widget=AdminDateInput)
    area = forms.ModelChoiceField(
        label=pgettext_lazy("booking report", "Area"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=pgettext_lazy("booking report", "All areas"),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("booking report", "Kind"),
        choices=[("", pgettext_lazy("booking report", "All kinds")), *Offer.Kind.choices],
        required=False,
    )

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["area"].queryset = content().area_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end date is before the start date."))
            elif (end - start).days >= MAX_REPORT_DAYS:
                self.add_error(
                    "date_to",
                    _("A report covers at most %(years)d years.")
                    % {"years": MAX_REPORT_DAYS // 366},
                )
        return cleaned

    def filters(self) -> reports.Filters:
        data = self.cleaned_data
        return reports.Filters(
            start=data["date_from"], end=data["date_to"], area=data["area"], kind=data["kind"]
        )


def _number(value: int) -> str:
    return f"{value:,}"


def _yen(value: int) -> str:
    return f"¥{value:,}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _average(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


# One column of the table and of the CSV: its heading, its raw value and how the page shows it.
Column = tuple[str, Callable[[reports.ReportRow], Any], Callable[[Any], str]]


def columns() -> list[Column]:
    """The report's columns, shared by the table and the CSV export."""
    return [
        (pgettext("booking report", "Month"), lambda r: r.month.strftime("%Y-%m"), str),
        (pgettext("booking report", "Area"), lambda r: r.area, str),
        (pgettext("booking report", "Kind"), lambda r: r.kind_label, str),
        (pgettext("booking report", "Bookings"), lambda r: r.figures.bookings, _number),
        (pgettext("booking report", "Guests"), lambda r: r.figures.guests, _number),
        (pgettext("booking report", "Units booked"), lambda r: r.figures.booked_units, _number),
        (pgettext("booking report", "Capacity"), lambda r: r.figures.capacity, _number),
        (pgettext("booking report", "Occupancy (%)"), lambda r: r.figures.occupancy, _percent),
        (pgettext("booking report", "Revenue (yen, tax incl.)"), lambda r: r.figures.revenue, _yen),
    ]


LABELS = 3  # the first columns name the row; the total row leaves them blank but the first


def table(report: reports.Report) -> tuple[list[str], list[list[Any]], list[Any]]:
    """The headings, the raw values of each row and of the totals row."""
    cols = columns()
    totals = reports.ReportRow(
        month=report.filters.start, area_id=None, area="", kind="", figures=report.total
    )
    return (
        [heading for heading, _value, _show in cols],
        [[value(row) for _heading, value, _show in cols] for row in report.rows],
        [
            pgettext("booking report", "Total"),
            *[""] * (LABELS - 1),
            *(value(totals) for _heading, value, _show in cols[LABELS:]),
        ],
    )


def shown(values: list[Any]) -> list[str]:
    """A row's values as the page shows them (separators, yen sign, percent)."""
    return [
        str(value) if index < LABELS else show(value)
        for index, (value, (_heading, _value, show)) in enumerate(
            zip(values, columns(), strict=True)
        )
    ]


def csv_response(report: reports.Report) -> HttpResponse:
    """The report's rows as CSV, UTF-8 with a byte-order mark so that Excel reads Japanese."""
    filters = report.filters
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"booking-report-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    headings, rows, total = table(report)
    writer.writerow(headings)
    for values in [*rows, total]:
        writer.writerow([safe_cell(value) for value in values])
    return response


# --- trips ----------------------------------------------------------------------------------

# One trip figure: its label, its raw value and how the page shows it.
TripFigure = tuple[str, Callable[[reports.TripFigures], Any], Callable[[Any], str]]


def trip_columns() -> list[TripFigure]:
    """The trip figures, in the order the page lists them and the trips CSV has its columns."""
    return [
        (pgettext("booking report", "Number of trips"), lambda t: t.trips, _number),
        (pgettext("booking report", "Bookings in trips"), lambda t: t.items, _number),
        (pgettext("booking report", "Bookings per trip"), lambda t: t.items_per_trip, _average),
        (
            pgettext("booking report", "Partners per trip"),
            lambda t: t.partners_per_trip,
            _average,
        ),
        (
            pgettext("booking report", "Trips with several partners"),
            lambda t: t.multi_partner_trips,
            _number,
        ),
        (pgettext("booking report", "Stay nights (rooms × nights)"), lambda t: t.nights, _number),
        (pgettext("booking report", "Desk days (people × days)"), lambda t: t.desk_days, _number),
        (
            pgettext("booking report", "Experiences (people × sessions)"),
            lambda t: t.experiences,
            _number,
        ),
    ]


def trip_rows(figures: reports.TripFigures) -> list[tuple[str, str]]:
    """Each trip figure's label and its value as the page shows it."""
    return [(label, show(value(figures))) for label, value, show in trip_columns()]


def _scope_labels(filters: reports.Filters) -> tuple[str, str]:
    """The area (in the language in use) and the kind the filters name, or "All …"."""
    area = pgettext("booking report", "All areas")
    if filters.area is not None:
        area = reports.area_names([filters.area.pk]).get(filters.area.pk, filters.area.title)
    kind = pgettext("booking report", "All kinds")
    if filters.kind:
        kind = str(Offer.Kind(filters.kind).label)
    return area, kind


def trips_csv_response(filters: reports.Filters, figures: reports.TripFigures) -> HttpResponse:
    """The trip figures as CSV (the filters, then one column per figure), UTF-8 with a
    byte-order mark; a file of its own, as the report's CSV is the very rows of its table."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"booking-trips-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    area, kind = _scope_labels(filters)
    writer = csv.writer(response)
    writer.writerow(
        [
            pgettext("booking report", "From"),
            pgettext("booking report", "Until"),
            pgettext("booking report", "Area"),
            pgettext("booking report", "Kind"),
            *(label for label, _value, _show in trip_columns()),
        ]
    )
    writer.writerow(
        [
            filters.start.isoformat(),
            filters.end.isoformat(),
            safe_cell(area),
            kind,
            *(safe_cell(value(figures)) for _label, value, _show in trip_columns()),
        ]
    )
    return response


def charts(report: reports.Report) -> list[tuple[str, Any]]:
    """Revenue by month, bookings by area and bookings by kind: (title, inline SVG) pairs."""
    wanted = [
        (
            "chart-revenue-by-month",
            _("Revenue by month (yen, tax incl.)"),
            [(month.strftime("%Y-%m"), f.revenue) for month, f in report.by_month()],
            _yen,
        ),
        (
            "chart-bookings-by-area",
            _("Bookings by area"),
            [(name, f.bookings) for name, f in report.by_area()],
            _number,
        ),
        (
            "chart-bookings-by-kind",
            _("Bookings by kind"),
            [(name, f.bookings) for name, f in report.by_kind()],
            _number,
        ),
    ]
    return [
        (title, bar_chart(chart_id, title, bars, value_text=text))
        for chart_id, title, bars, text in wanted
    ]


class BookingReportView(WagtailAdminTemplateMixin, TemplateView):
    """The editors' report; anyone else gets 403, the export the very rows of the table, and
    the trips export (`format=trips-csv`) the trip figures."""

    template_name = "booking/admin/reports.html"
    page_title = pgettext_lazy("booking report", "Bookings report")
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not partner_scope.is_editor(request.user):
            return TemplateResponse(request, "booking/admin/reports_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = request.GET.copy()
        start, end = default_period(today())
        data.setdefault("date_from", start.isoformat())
        data.setdefault("date_to", end.isoformat())
        form = ReportFilterForm(data)
        if not form.is_valid():
            context = self.get_context_data(form=form, report=None)
            return self.render_to_response(context, status=400)
        filters, wanted = form.filters(), request.GET.get("format")
        if wanted == "trips-csv":
            return trips_csv_response(filters, reports.trip_figures(filters))
        report = reports.report(filters)
        if wanted == "csv":
            return csv_response(report)
        trips = reports.trip_figures(filters)
        export = data.copy()
        export["format"] = "csv"
        trips_export = data.copy()
        trips_export["format"] = "trips-csv"
        headings, rows, total = table(report)
        context = self.get_context_data(
            form=form,
            report=report,
            headings=headings,
            rows=[shown(values) for values in rows],
            total=shown(total),
            charts=charts(report),
            period=(date_format(report.filters.start), date_format(report.filters.end)),
            csv_url=f"{request.path}?{export.urlencode()}",
            trips=trips,
            trip_rows=trip_rows(trips),
            trips_csv_url=f"{request.path}?{trips_export.urlencode()}",
        )
        return self.render_to_response(context)


@hooks.register("register_admin_urls")
def register_report_url() -> list:
    return [path("reports/bookings/", BookingReportView.as_view(), name=REPORT_URL_NAME)]


class EditorsMenuItem(MenuItem):
    """A menu entry only editors see."""

    def is_shown(self, request: HttpRequest) -> bool:
        return partner_scope.is_editor(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item() -> MenuItem:
    return EditorsMenuItem(
        pgettext_lazy("booking report", "Bookings and revenue"),
        reverse(REPORT_URL_NAME),
        name="booking-report",
        icon_name="table",
        order=50,
    )
