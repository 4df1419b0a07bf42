"""Signed manage links: a guest without an account opens and cancels a booking with one.

The token is the booking's primary key and reference, signed with the site's secret key and a
salt of its own (so no other signed value of the site can be replayed as a manage token). It
does not expire: a guest keeps the link from the confirmation e-mail for as long as the booking
exists. Any change to it (or a token for another purpose) is rejected.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from booking.models import Booking

SALT = "booking.manage-link"
# A real token is about 40 characters; anything far longer is refused before any work is done.
MAX_TOKEN_LENGTH = 200


def manage_token(booking: Booking) -> str:
    """The signed token that opens a booking's manage page."""
    return signing.Signer(salt=SALT).sign_object([booking.pk, booking.reference])


def booking_from_token(token: str) -> Booking | None:
    """The booking a token was made for, or None if it is malformed, tampered with or stale."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if (
        not isinstance(payload, list)
        or len(payload) != 2
        or not isinstance(payload[0], int)
        or not isinstance(payload[1], str)
    ):
        return None
    pk, reference = payload
    return (
        Booking.objects.select_related("offer", "user").filter(pk=pk, reference=reference).first()
    )


def booking_language(booking: Booking) -> str:
    """The booking's language if the site has it, else the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    return booking.language if booking.language in codes else settings.LANGUAGE_CODE


def manage_path(booking: Booking) -> str:
    """The manage page's path under the booking's language prefix (/ja/… or /en/…)."""
    with translation.override(booking_language(booking)):
        return reverse("booking:manage", kwargs={"token": manage_token(booking)})


def manage_url(booking: Booking, request=None, *, base_url: str | None = None) -> str:
    """The manage link: absolute with a request or a base URL (e-mails), else a path."""
    path = manage_path(booking)
    if request is not None:
        return request.build_absolute_uri(path)
    if base_url:
        return base_url.rstrip("/") + path
    return path
