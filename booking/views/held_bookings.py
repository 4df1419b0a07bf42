"""Which bookings and trips this browser may continue: those it held, or the signed-in owner's.

The references a browser held live in a signed cookie rather than the session, so taking a
hold writes nothing but the hold itself (no session row, no extra transaction).
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse

from booking.models import Booking, Trip

COOKIE = "booking_refs"
SALT = "booking.views.session"  # its old module name, kept: a new salt would void the cookies
REMEMBERED = 20
MAX_AGE = 60 * 60 * 24 * 30


def _held_references(request: HttpRequest) -> list[str]:
    try:
        value = request.get_signed_cookie(COOKIE, default="", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    return [reference for reference in value.split(",") if reference]


def remember_booking(request: HttpRequest, response: HttpResponse, booking: Booking) -> None:
    """Let this browser continue the checkout of a booking it just held."""
    remember_reference(request, response, booking.reference)


def remember_reference(request: HttpRequest, response: HttpResponse, reference: str) -> None:
    """Let this browser continue the checkout of a booking or a trip it just held."""
    references = [ref for ref in _held_references(request) if ref != reference]
    response.set_signed_cookie(
        COOKIE,
        ",".join([reference, *references][:REMEMBERED]),
        salt=SALT,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def booking_in_checkout(request: HttpRequest, reference: str) -> Booking:
    """The booking, if this browser held it or the signed-in user owns it; else 404."""
    booking = (
        Booking.objects.select_related("offer", "offer__page", "offer__organisation", "trip")
        .filter(reference=str(reference)[:12])
        .first()
    )
    if booking is None:
        raise Http404
    mine = booking.reference in _held_references(request)
    owned = request.user.is_authenticated and booking.user_id == request.user.pk
    if not (mine or owned):
        raise Http404
    return booking


def trip_in_checkout(request: HttpRequest, reference: str) -> Trip:
    """The trip checked out from a plan, if this browser held it or the signed-in user owns
    it; else 404 (a booking made alone is a one-item trip, shown on the booking's own pages)."""
    trip = Trip.objects.filter(reference=str(reference)[:12], from_plan=True).first()
    if trip is None:
        raise Http404
    mine = trip.reference in _held_references(request)
    owned = request.user.is_authenticated and trip.user_id == request.user.pk
    if not (mine or owned):
        raise Http404
    return trip
