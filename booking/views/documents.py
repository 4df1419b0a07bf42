"""A booking's documents for its guest: the receipt and return-invoice PDFs (the original on the
first download, a copy marked 再発行 after), and the addressee the trip's receipts carry."""

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from booking.forms import AddresseeForm
from booking.models import Trip
from booking.services import document_packs, documents
from booking.services.queue import after_commit
from core.rate_limits import over_limit, too_many_requests

from .held_bookings import trip_in_checkout
from .manage_access import not_found_page, opened_booking

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def document(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """One of the booking's documents as a PDF, for whoever holds the manage link."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    found = documents.visible_to_guest(booking).filter(pk=pk).first()
    if found is None:
        return not_found_page(request)
    try:
        pdf = documents.addressee_copy(found)
    except (documents.DocumentTampered, OSError):
        logger.exception("document %s cannot be read or no longer matches its hash", found.number)
        messages.error(request, _("This document cannot be shown right now. We have been told."))
        return redirect(reverse("booking:manage", kwargs={"token": token}))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_GET
def booking_trip_pack(request: HttpRequest, token: str) -> HttpResponse:
    """Every document of the booking's trip in one ZIP, for whoever holds the manage link."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    return _pack(request, booking.trip, reverse("booking:manage", kwargs={"token": token}))


@never_cache
@require_GET
def trip_pack(request: HttpRequest, reference: str) -> HttpResponse:
    """Every document of a trip in one ZIP, from the trip's page (its browser or owner)."""
    trip = trip_in_checkout(request, reference)
    return _pack(request, trip, reverse("booking:trip_status", kwargs={"reference": reference}))


def _pack(request: HttpRequest, trip: Trip, back: str) -> HttpResponse:
    if not document_packs.trip_documents(trip).exists():
        messages.info(request, _("The trip has no documents yet."))
        return redirect(back)
    try:
        pack = document_packs.trip_pack(trip, _language())
    except (documents.DocumentTampered, OSError):
        logger.exception("a document of trip %s cannot be read or no longer matches", trip)
        messages.error(request, _("This document cannot be shown right now. We have been told."))
        return redirect(back)
    response = HttpResponse(pack, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="documents-{trip.reference}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def _language() -> str:
    return (translation.get_language() or "ja").split("-")[0]


@never_cache
@require_POST
def addressee(request: HttpRequest, token: str) -> HttpResponse:
    """Change whom the trip's receipts are made out to; they are printed or issued again."""
    booking = opened_booking(request, token)
    if isinstance(booking, HttpResponse):
        return booking
    if over_limit(request, "addressee"):
        return too_many_requests(request)
    form = AddresseeForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("invoice_name", []):
            messages.error(request, error)
        return redirect(reverse("booking:manage", kwargs={"token": token}) + "#documents")
    trip = booking.trip
    name = form.cleaned_data["invoice_name"].strip()
    if name != trip.invoice_name:
        trip.invoice_name = name
        trip.save(update_fields=["invoice_name", "updated_at"])
        after_commit("readdress_documents", trip.pk)
        told = _("The receipts will now be made out to %(name)s.") % {"name": name}
        messages.success(request, told)
    return redirect(reverse("booking:manage", kwargs={"token": token}) + "#documents")
