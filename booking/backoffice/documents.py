"""The Documents screen: every receipt and return invoice issued, searchable by transaction date,
amount and counterparty, each alone or combined and with ranges (電子帳簿保存法's search
requirements), each downloadable exactly as stored (its SHA-256 checked first), and a period's
documents exported for the accountant as one ZIP: an index (documents.csv), the PDFs and the
XML. Editors see every organisation's documents, partners those they sold; nobody adds, changes
or deletes one here (the documents service issues, voids and replaces them)."""

import csv
import io
import logging
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.generic import TemplateView, View
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter, RangeFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, HeaderButton
from wagtail.permissions import register_permission_policy

from booking.models import Document, PartnerOrganisation
from booking.permissions import DocumentPermissionPolicy, documents_visible_to
from booking.services import partner_scope
from booking.services.document_index import (
    STATUS_CHOICES,
    VALID,
    export_headings,
    export_row,
    issued_day,
    pdf_name,
    status_label,
)
from booking.services.documents import DocumentTampered, stored_pdf
from booking.services.jst import at, today
from core.admin_display import JapanTimeInspectMixin

logger = logging.getLogger(__name__)

register_permission_policy(Document, DocumentPermissionPolicy(), exact_class=True)

MAX_EXPORT_DAYS = 400  # the longest period one export covers, both days counted
SPOOL_IN_MEMORY = 16 * 1024 * 1024  # a bigger ZIP is written to a temporary file on disk
NO_STORE = "private, no-store"


# --- what the screens show of a document ------------------------------------------------------


def japan_day_bounds(start: date | None, end: date | None) -> dict[str, datetime]:
    """Lookups on `issued_at` for the Japanese days from `start` to `end` (either may be open)."""
    bounds = {}
    if start is not None:
        bounds["issued_at__gte"] = at(start, time.min)
    if end is not None:
        bounds["issued_at__lt"] = at(end + timedelta(days=1), time.min)
    return bounds


def _sellers_of_request(request: HttpRequest | None):
    if request is None:
        return PartnerOrganisation.objects.none()
    return partner_scope.manageable_organisations(request.user).order_by("name")


class DocumentFilterSet(WagtailFilterSet):
    issued = DateFromToRangeFilter(
        label=gettext_lazy("Issued (Japan date)"),
        widget=DateRangePickerWidget,
        method="filter_issued",
    )
    total = RangeFilter(label=gettext_lazy("Total (yen, tax incl.)"))
    organisation = ModelChoiceFilter(label=gettext_lazy("Seller"), queryset=_sellers_of_request)
    kind = ChoiceFilter(label=gettext_lazy("Kind"), choices=Document.Kind.choices)
    status = ChoiceFilter(
        label=gettext_lazy("Status"), choices=STATUS_CHOICES, method="filter_status"
    )

    class Meta:
        model = Document
        fields = ["issued", "total", "organisation", "kind", "status"]

    def filter_issued(self, queryset: QuerySet, name: str, value: slice) -> QuerySet:
        """Japanese days, whatever time zone the reader has chosen (the field gives the days
        as moments in that zone)."""
        start = value.start.date() if value.start else None
        end = value.stop.date() if value.stop else None
        return queryset.filter(**japan_day_bounds(start, end))

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(voided_at__isnull=value == VALID)


# --- the list -----------------------------------------------------------------------------------


class DocumentIndexView(IndexView):
    page_title = gettext_lazy("Receipts and invoices")
    export_url_name = None
    download_url_name = None

    def get_base_queryset(self) -> QuerySet[Document]:
        """Only what this user may see, the seller joined (the same queries for any page size)."""
        return documents_visible_to(self.request.user).select_related("organisation")

    @cached_property
    def header_buttons(self) -> list:
        return [
            *super().header_buttons,
            HeaderButton(
                gettext_lazy("Export for the accountant"),
                url=reverse(self.export_url_name),
                icon_name="download",
            ),
        ]

    def get_list_more_buttons(self, instance: Document) -> list:
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                gettext_lazy("Download PDF"),
                url=reverse(self.download_url_name, args=[instance.pk]),
                icon_name="download",
                priority=30,
            ),
        ]


# --- one document -------------------------------------------------------------------------------


class DocumentInspectView(JapanTimeInspectMixin, InspectView):
    inspect_url_name = None
    download_url_name = None
    download_xml_url_name = None

    def get_object(self, queryset=None) -> Document:
        """404 for a document the user may not see, whoever guesses its id."""
        return get_object_or_404(
            documents_visible_to(self.request.user).select_related(
                "organisation", "trip", "original", "replaces", "replaced_by"
            ),
            pk=self.pk,
        )

    def get_field_label(self, field_name: str, field: Any) -> str:
        labels = {
            "status": _("Status"),
            "replaced_by": _("Replaced by"),
        }
        if field_name in labels:
            return labels[field_name]
        return super().get_field_label(field_name, field)

    def _link(self, document: Document | None) -> str:
        if document is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>', reverse(self.inspect_url_name, args=[document.pk]), document
        )

    def get_total_display_value(self) -> str:
        return f"{self.object.total:,}"

    def get_tax_display_value(self) -> str:
        return f"{self.object.tax:,}"

    def get_status_display_value(self) -> str:
        return status_label(self.object)

    def get_original_display_value(self) -> str:
        return self._link(self.object.original)

    def get_replaces_display_value(self) -> str:
        return self._link(self.object.replaces)

    def get_replaced_by_display_value(self) -> str:
        return self._link(getattr(self.object, "replaced_by", None))

    def get_language_display_value(self) -> str:
        return dict(settings.LANGUAGES).get(self.object.language, self.object.language)

    def get_file_display_value(self) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse(self.download_url_name, args=[self.object.pk]),
            f"{self.object.number}.pdf",
        )

    def get_xml_display_value(self) -> str:
        if not self.object.xml:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse(self.download_xml_url_name, args=[self.object.pk]),
            f"{self.object.number}.xml",
        )

    @cached_property
    def header_buttons(self) -> list:
        buttons = [
            HeaderButton(
                gettext_lazy("Download PDF"),
                url=reverse(self.download_url_name, args=[self.object.pk]),
                icon_name="download",
            )
        ]
        if self.object.xml:
            buttons.append(
                HeaderButton(
                    gettext_lazy("Download XML"),
                    url=reverse(self.download_xml_url_name, args=[self.object.pk]),
                    icon_name="download",
                )
            )
        return buttons


class DocumentFileView(PermissionCheckedMixin, View):
    """A document's PDF exactly as issued (its hash checked), or its XML (`part = "xml"`), as an
    attachment never kept by a cache; 404 for one the user may not see or that has no XML."""

    model = Document
    permission_required = "view"
    index_url_name = None
    part = "pdf"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(documents_visible_to(request.user), pk=pk)
        if self.part == "xml" and not document.xml:
            raise Http404
        try:
            data = stored_pdf(document) if self.part == "pdf" else stored_xml(document)
        except DocumentTampered:
            logger.error("Document %s: its stored PDF does not match its SHA-256", document)
            messages.error(
                request,
                _(
                    "%(number)s was not downloaded: its stored file no longer matches the "
                    "SHA-256 taken when it was issued. Tell the site's operator."
                )
                % {"number": document.number},
            )
            return HttpResponseRedirect(reverse(self.index_url_name))
        except OSError:
            logger.exception("Document %s: its stored %s cannot be read", document, self.part)
            messages.error(
                request,
                _("%(number)s was not downloaded: its stored file cannot be read.")
                % {"number": document.number},
            )
            return HttpResponseRedirect(reverse(self.index_url_name))
        content_type = "application/pdf" if self.part == "pdf" else "application/xml"
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{document.number}.{self.part}"'
        response["Cache-Control"] = NO_STORE
        return response


def stored_xml(document: Document) -> bytes:
    """The document's UBL XML as stored."""
    with document.xml.open("rb") as stored:
        return stored.read()


# --- the export for the accountant --------------------------------------------------------------


def last_month(on: date) -> tuple[date, date]:
    """The month before `on`'s, first to last day: what an accountant usually asks for."""
    end = on.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


class ExportForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("documents export", "Issued from"), widget=AdminDateInput
    )
    date_to = forms.DateField(
        label=pgettext_lazy("documents export", "Issued until"), widget=AdminDateInput
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end date is before the start date."))
            elif (end - start).days + 1 > MAX_EXPORT_DAYS:
                self.add_error(
                    "date_to",
                    _("An export covers at most %(days)d days: choose a shorter period.")
                    % {"days": MAX_EXPORT_DAYS},
                )
        return cleaned


def documents_issued(user, start: date, end: date) -> QuerySet[Document]:
    """The documents the user may see issued on the Japanese days from `start` to `end`, in
    the order they were issued, with everything the CSV names joined."""
    return (
        documents_visible_to(user)
        .filter(**japan_day_bounds(start, end))
        .select_related("organisation", "trip", "original", "replaced_by")
        .order_by("issued_at", "pk")
    )


def write_export(documents: Iterable[Document], target: IO[bytes]) -> list[str]:
    """Write the accountant's ZIP into `target`: each document's PDF (its hash checked) and XML,
    documents.csv (UTF-8 with a BOM, for Excel) listing them, and problems.txt naming those left
    out because their file was changed or cannot be read. Returns those problems."""
    rows = io.StringIO()
    rows.write("\ufeff")
    writer = csv.writer(rows)
    writer.writerow(export_headings())
    problems = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            try:
                pdf = stored_pdf(document)
                xml = stored_xml(document) if document.xml else None
            except DocumentTampered:
                logger.error("Document %s: its stored PDF does not match its SHA-256", document)
                problems.append(
                    _("%(number)s: left out, its stored PDF no longer matches its SHA-256.")
                    % {"number": document.number}
                )
                continue
            except OSError:
                logger.exception("Document %s: its stored files cannot be read", document)
                problems.append(
                    _("%(number)s: left out, its stored file cannot be read.")
                    % {"number": document.number}
                )
                continue
            # A PDF is compressed already: stored as it is.
            archive.writestr(pdf_name(document), pdf, compress_type=zipfile.ZIP_STORED)
            if xml is not None:
                archive.writestr(f"xml/{document.number}.xml", xml)
            writer.writerow(export_row(document))
        archive.writestr("documents.csv", rows.getvalue().encode("utf-8"))
        if problems:
            archive.writestr("problems.txt", "\n".join(problems) + "\n")
    return problems


class DocumentExportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A period's form (Japanese days of issue), then the ZIP of the documents the user may see
    issued in it, written to a temporary file (memory up to a limit, then disk)."""

    model = Document
    permission_required = "view"
    index_url_name = None
    template_name = "booking/backoffice/document_export.html"
    page_title = gettext_lazy("Export for the accountant")
    header_icon = "download"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Document._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(max_days=MAX_EXPORT_DAYS, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not {"date_from", "date_to"} & set(request.GET):
            start, end = last_month(today())
            form = ExportForm(initial={"date_from": start, "date_to": end})
            return self.render_to_response(self.get_context_data(form=form))
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
        problems = write_export(
            documents_issued(request.user, start, end).iterator(chunk_size=200), spool
        )
        if problems:
            messages.warning(
                request,
                ngettext(
                    "%(count)d document was left out of the export because its stored file "
                    "was changed or cannot be read: problems.txt in the ZIP names it.",
                    "%(count)d documents were left out of the export because their stored "
                    "files were changed or cannot be read: problems.txt in the ZIP names them.",
                    len(problems),
                )
                % {"count": len(problems)},
            )
        spool.seek(0)
        response = FileResponse(
            spool,
            as_attachment=True,
            filename=f"documents-{start.isoformat()}-{end.isoformat()}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = NO_STORE
        return response


# --- the viewset --------------------------------------------------------------------------------


class DocumentViewSet(ModelViewSet):
    """Its URLs under /admin/issued-documents/ (Wagtail's own documents library, uploaded files,
    has /admin/documents/) and a menu label that is not "Documents" for the same reason."""

    model = Document
    icon = "doc-full"
    url_prefix = "issued-documents"
    menu_label = gettext_lazy("Receipts and invoices")
    menu_order = 255
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = DocumentIndexView
    inspect_view_class = DocumentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = DocumentFilterSet
    search_fields = [
        "number",
        "addressee",
        "organisation__name",
        "organisation__name_en",
        "trip__reference",
    ]
    list_display = [
        "number",
        "kind",
        "organisation",
        "addressee",
        Column(
            "issued_day",
            label=gettext_lazy("Issued (Japan date)"),
            accessor=issued_day,
            sort_key="issued_at",
        ),
        NumberColumn("total", label=gettext_lazy("Total (yen, tax incl.)"), sort_key="total"),
        NumberColumn("tax", label=gettext_lazy("Consumption tax (yen)"), sort_key="tax"),
        Column("status", label=gettext_lazy("Status"), accessor=status_label),
    ]
    ordering = ["-issued_at", "-pk"]
    inspect_view_fields = [
        "number",
        "kind",
        "issuer",
        "organisation",
        "registration_number",
        "addressee",
        "total",
        "tax",
        "issued_at",
        "paid_at",
        "status",
        "voided_at",
        "original",
        "replaces",
        "replaced_by",
        "trip",
        "bookings",
        "language",
        "first_downloaded_at",
        "file",
        "sha256",
        "xml",
    ]

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_index_view_kwargs(
            export_url_name=self.get_url_name("export"),
            download_url_name=self.get_url_name("download"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_inspect_view_kwargs(
            download_url_name=self.get_url_name("download"),
            download_xml_url_name=self.get_url_name("download_xml"),
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        """The list, a document's page, its files and the export: no add, edit, delete, copy
        or history views (an issued document is never changed here)."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "download/<int:pk>/",
                self.construct_view(DocumentFileView, part="pdf"),
                name="download",
            ),
            path(
                "download/<int:pk>/xml/",
                self.construct_view(DocumentFileView, part="xml"),
                name="download_xml",
            ),
            path("export/", self.construct_view(DocumentExportView), name="export"),
        ]


@hooks.register("register_admin_viewset")
def register_document_viewset() -> DocumentViewSet:
    return DocumentViewSet("issued_documents")
