"""Guests' personal data: how long it is kept, and what a guest can take away or erase.

- The guest register (旅館業法) must be kept three years; after that a beat job deletes it,
  with the e-mail address, phone number, kana and notes of those bookings. The booking itself
  (name, what, when, how much) stays as the accounting record.
- A guest downloads everything stored about them as JSON, and may delete their account: it is
  refused while a booking is still to come; otherwise the account goes, its bookings are
  detached and stripped of contact details, and the registers still inside their legal three
  years wait for the job above.
"""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from booking.models import Booking, GuestRegisterEntry

from .jst import local_date, today

REGISTER_YEARS = 3


class CannotDelete(Exception):
    """The account cannot be deleted yet; `message` says why, for the guest."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def retention_cutoff(on: date | None = None) -> date:
    """Bookings whose first day is before this date are past their three years."""
    on = on or today()
    try:
        return on.replace(year=on.year - REGISTER_YEARS)
    except ValueError:  # 29 February
        return on.replace(year=on.year - REGISTER_YEARS, day=28)


def purge_expired_personal_data(on: date | None = None) -> int:
    """Delete the guest registers (and e-mail, phone, kana and notes) of bookings more than three
    years old. Returns how many bookings were cleaned; running it twice does nothing more."""
    old = Booking.objects.filter(service_date__lt=retention_cutoff(on))
    dirty = old.filter(
        Q(guests__isnull=False)
        | ~Q(guest_email="")
        | ~Q(guest_phone="")
        | ~Q(guest_notes="")
        | ~Q(guest_name_kana="")
    ).values_list("pk", flat=True)
    ids = list(dirty.distinct())
    with transaction.atomic():
        GuestRegisterEntry.objects.filter(booking_id__in=ids).delete()
        Booking.objects.filter(pk__in=ids).update(
            guest_email="",
            guest_phone="",
            guest_notes="",
            guest_name_kana="",
            updated_at=timezone.now(),
        )
    return len(ids)


def export(user) -> dict[str, Any]:
    """Everything stored about the user's account and bookings, as JSON-ready data."""
    bookings = (
        Booking.objects.filter(user=user)
        .select_related("offer", "trip")
        .prefetch_related("lines__price_category", "guests", "trip__payments", "refunds", "emails")
        .order_by("created_at")
    )
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        },
        "bookings": [_booking(booking) for booking in bookings],
    }


def upcoming(user, now: datetime | None = None) -> list[Booking]:
    """The user's bookings that are confirmed or in checkout and not over yet."""
    now = now or timezone.now()
    return list(
        Booking.objects.filter(user=user)
        .filter(Booking.takes_capacity_q(now))
        .annotate(ends=Max("lines__slot__ends_at"))
        .filter(ends__gt=now)
    )


def delete_account(user, now: datetime | None = None) -> int:
    """Delete a guest's account and strip its bookings of contact details (see the module's
    rules); returns how many bookings were detached. Staff and partner accounts are refused:
    the back office has other owners for their data."""
    if user.is_staff or user.is_superuser or user.partner_organisations.exists():
        raise CannotDelete(
            _("This account works in the back office; ask the prefecture's editors to close it.")
        )
    if upcoming(user, now):
        raise CannotDelete(
            _("You have bookings still to come: cancel them first, or wait until they are over.")
        )
    cutoff = retention_cutoff(local_date(now or timezone.now()))
    with transaction.atomic():
        bookings = Booking.objects.select_for_update().filter(user=user)
        ids = list(bookings.values_list("pk", flat=True))
        GuestRegisterEntry.objects.filter(
            booking_id__in=ids, booking__service_date__lt=cutoff
        ).delete()
        Booking.objects.filter(pk__in=ids).update(
            user=None,
            guest_email="",
            guest_phone="",
            guest_notes="",
            guest_name_kana="",
            updated_at=timezone.now(),
        )
        user.delete()
    return len(ids)


def _booking(booking: Booking) -> dict[str, Any]:
    return {
        "reference": booking.reference,
        "offer": booking.offer.name,
        "status": booking.status,
        "first_day": booking.service_date.isoformat(),
        "total_yen": booking.total,
        "language": booking.language,
        "name": booking.guest_name,
        "name_kana": booking.guest_name_kana,
        "email": booking.guest_email,
        "phone": booking.guest_phone,
        "notes": booking.guest_notes,
        "created_at": _iso(booking.created_at),
        "confirmed_at": _iso(booking.confirmed_at),
        "cancelled_at": _iso(booking.cancelled_at),
        "checked_in_at": _iso(booking.checked_in_at),
        "lines": [
            {
                "price": line.price_category.name,
                "quantity": line.quantity,
                "unit_price_yen": line.unit_price,
            }
            for line in booking.lines.all()
        ],
        "guest_register": [
            {
                "name": guest.name,
                "address": guest.address,
                "phone": guest.phone,
                "lives_in_japan": guest.lives_in_japan,
                "nationality": guest.nationality,
                "passport_number": guest.passport_number,
            }
            for guest in booking.guests.all()
        ],
        "payments": [
            {"amount_yen": p.amount, "status": p.status, "paid_at": _iso(p.paid_at)}
            for p in booking.trip.payments.all()
        ],
        "trip": booking.trip.reference if booking.trip.from_plan else None,
        "refunds": [
            {"amount_yen": r.amount, "status": r.status, "created_at": _iso(r.created_at)}
            for r in booking.refunds.all()
        ],
        "emails": [{"kind": e.kind, "status": e.status} for e in booking.emails.all()],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
