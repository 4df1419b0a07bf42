"""Which bookings this browser may continue: those it held, or the signed-in owner's."""

from django.http import Http404, HttpRequest

from booking.models import Booking

SESSION_KEY = "booking_references"
REMEMBERED = 20


def remember_booking(request: HttpRequest, booking: Booking) -> None:
    """Let this browser continue the checkout of a booking it just held."""
    references = [ref for ref in request.session.get(SESSION_KEY, []) if ref != booking.reference]
    request.session[SESSION_KEY] = [booking.reference, *references][:REMEMBERED]


def booking_in_checkout(request: HttpRequest, reference: str) -> Booking:
    """The booking, if this browser held it or the signed-in user owns it; else 404."""
    booking = (
        Booking.objects.select_related("offer", "offer__page", "offer__organisation")
        .filter(reference=str(reference)[:12])
        .first()
    )
    if booking is None:
        raise Http404
    mine = booking.reference in request.session.get(SESSION_KEY, [])
    owned = request.user.is_authenticated and booking.user_id == request.user.pk
    if not (mine or owned):
        raise Http404
    return booking
