"""A guest asks for new manage links by e-mail (the old ones expired or got lost).

The answer on the site is the same whether or not the address has bookings, so the form tells
no one who booked. The message goes only to that address, through the outbox, and at most once
per address per REQUEST_WINDOW_MINUTES whoever asks: the form cannot be used to flood an inbox.
It lists the address's bookings, latest first, each with a link made when the message is built.
"""

import hashlib

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from booking.models import Booking
from core import links, outgoing

from .manage_links import link_expires_at, manage_url
from .templated_emails import site_language, templated_message

REQUEST_WINDOW_MINUTES = 10
MAX_BOOKINGS = 20
SHOWN_STATUSES = (Booking.Status.CONFIRMED, Booking.Status.CANCELLED)


def request_links(address: str, language: str) -> bool:
    """Queue the message with new links to `address`; False if one was queued for it within
    the last REQUEST_WINDOW_MINUTES (then nothing more is sent)."""
    address = address.strip()
    window = int(timezone.now().timestamp()) // (REQUEST_WINDOW_MINUTES * 60)
    digest = hashlib.sha256(address.casefold().encode()).hexdigest()[:32]
    with transaction.atomic():
        return outgoing.queue_email(
            links_message, address, site_language(language), key=f"manage-links:{digest}:{window}"
        )


def bookings_of(address: str) -> list[Booking]:
    """The bookings made with this address (as the guest's, or their account's), latest first."""
    address = address.strip()
    if not address:
        return []
    return list(
        Booking.objects.filter(
            Q(guest_email__iexact=address) | Q(guest_email="", user__email__iexact=address),
            status__in=SHOWN_STATUSES,
            date_change_hold__isnull=True,
        )
        .select_related("offer")
        .order_by("-service_date", "-pk")[:MAX_BOOKINGS]
    )


def links_message(address: str, language: str) -> EmailMultiAlternatives | None:
    """The message with a fresh link to each booking of the address; None when it has none."""
    bookings = bookings_of(address)
    if not bookings:
        return None
    language = site_language(language)
    now = timezone.now()
    base_url = links.base_url()
    with translation.override(language):
        rows = [
            {
                "booking": booking,
                "offer_name": booking.offer.display_name(language),
                "status_label": str(Booking.Status(booking.status).label),
                "url": manage_url(booking, base_url=base_url, issued_at=now),
                "valid_until": link_expires_at(booking, now),
            }
            for booking in bookings
        ]
    return templated_message("manage_links", language, {"rows": rows}, to=[address])
