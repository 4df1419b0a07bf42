"""Which booking a manage link opens (or its signed-in owner's reference), and the pages that
say why one does not: shared by the manage page and every page under it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from booking.forms import ManageLinkRequestForm
from booking.models import Booking
from booking.services import accounts
from booking.services.manage_links import open_token


class LinkExpired(Exception):
    """The manage link was genuine but has run out."""


def booking_for(request: HttpRequest, token: str) -> Booking | None:
    """The booking a manage link opens, or the signed-in owner's booking with that reference;
    raises LinkExpired for a genuine link that has run out (unless its owner is signed in)."""
    opened = open_token(token)
    if opened is not None and not opened.expired:
        return opened.booking
    if opened is None:
        return accounts.booking_for_owner(request.user, token)
    if request.user.is_authenticated and opened.booking.user_id == request.user.pk:
        return opened.booking
    raise LinkExpired


def opened_booking(request: HttpRequest, token: str) -> Booking | HttpResponse:
    """The booking the link opens, or the page that says why it does not (404, 410)."""
    try:
        booking = booking_for(request, token)
    except LinkExpired:
        return expired_page(request)
    return not_found_page(request) if booking is None else booking


def not_found_page(request: HttpRequest) -> HttpResponse:
    return render(request, "booking/manage_not_found.html", status=404)


def expired_page(request: HttpRequest) -> HttpResponse:
    """410: the link ran out; the page offers to send a new one."""
    context = {"form": ManageLinkRequestForm(), "expired": True}
    return render(request, "booking/manage_link_request.html", context, status=410)
