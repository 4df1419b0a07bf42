"""Signed manage links: a guest without an account opens and cancels a booking with one.

The token is the booking's primary key, its reference and the moment it was made, signed with
the site's secret key and a salt of its own (so no other signed value of the site can be replayed
as a manage token). Any change to it (or a token for another purpose) is rejected.

A link works until the booking's last session or night ends plus
BOOKING_MANAGE_LINK_DAYS_AFTER_END days, or, if later, for BOOKING_MANAGE_LINK_RENEWED_DAYS days
after it was made: a guest who asks for a new link (link_requests.py) after the stay can still
open it for that long. A leaked link therefore stops working a while after the stay; the guest
never loses access, since a new link goes to the booking's address. Tokens of the first form
(no moment) work until the stay ends plus the grace days.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from booking.models import Booking
from core import links

from .jst import JST

SALT = "booking.manage-link"
# A real token is about 40 characters; anything far longer is refused before any work is done.
MAX_TOKEN_LENGTH = 200


def manage_token(booking: Booking, issued_at: datetime | None = None) -> str:
    """The signed token that opens a booking's manage page, made at `issued_at` (now)."""
    issued = int((issued_at or timezone.now()).timestamp())
    return signing.Signer(salt=SALT).sign_object([booking.pk, booking.reference, issued])


@dataclass(frozen=True)
class OpenedLink:
    """What a well-formed token opens: its booking, and whether the link has run out."""

    booking: Booking
    expired: bool


def open_token(token: str, now: datetime | None = None) -> OpenedLink | None:
    """The booking a token was made for and whether it has expired; None if the token is
    malformed, tampered with or names no booking."""
    payload = _payload(token)
    if payload is None:
        return None
    pk, reference, issued = payload
    booking = (
        Booking.objects.select_related("offer", "user").filter(pk=pk, reference=reference).first()
    )
    if booking is None:
        return None
    return OpenedLink(booking, (now or timezone.now()) >= link_expires_at(booking, issued))


def booking_from_token(token: str, now: datetime | None = None) -> Booking | None:
    """The booking a token opens now, or None if it is malformed, tampered with or expired."""
    opened = open_token(token, now)
    return opened.booking if opened is not None and not opened.expired else None


def link_expires_at(booking: Booking, issued: datetime | None = None) -> datetime:
    """When a link made at `issued` stops working (see the module's docstring)."""
    ends = booking.lines.aggregate(end=Max("slot__ends_at"))["end"]
    if ends is None:  # no lines (never the case for a real booking): the end of its first day
        ends = datetime.combine(booking.service_date, datetime.max.time(), tzinfo=JST)
    expires = ends + timedelta(days=settings.BOOKING_MANAGE_LINK_DAYS_AFTER_END)
    if issued is not None:
        expires = max(expires, issued + timedelta(days=settings.BOOKING_MANAGE_LINK_RENEWED_DAYS))
    return expires


def _payload(token: str) -> tuple[int, str, datetime | None] | None:
    """The primary key, reference and moment of issue a genuine token carries."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not isinstance(payload, list) or len(payload) not in (2, 3):
        return None
    pk, reference, *issued = payload
    if not isinstance(pk, int) or not isinstance(reference, str):
        return None
    if not issued:
        return pk, reference, None
    if not isinstance(issued[0], int) or not 0 <= issued[0] < 2**40:
        return None
    return pk, reference, datetime.fromtimestamp(issued[0], tz=JST)


def booking_language(booking: Booking) -> str:
    """The booking's language if the site has it, else the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    return booking.language if booking.language in codes else settings.LANGUAGE_CODE


def manage_path(booking: Booking, issued_at: datetime | None = None) -> str:
    """The manage page's path under the booking's language prefix (/ja/… or /en/…)."""
    with translation.override(booking_language(booking)):
        return reverse("booking:manage", kwargs={"token": manage_token(booking, issued_at)})


def manage_url(
    booking: Booking,
    request=None,
    *,
    base_url: str | None = None,
    issued_at: datetime | None = None,
) -> str:
    """The manage link: absolute (on the site's base URL) with a request or a given base URL
    (e-mails), else a path."""
    path = manage_path(booking, issued_at)
    if request is not None:
        return links.absolute_url(path)
    if base_url:
        return base_url.rstrip("/") + path
    return path
