"""The e-mail for one outbox row (`BookingEmail`): its recipient, language, subject, text and HTML
bodies and attachments. Sending and queueing belong to `outbox.py`; this module only builds.

The words live in per-language templates that editors can read and change, under
`templates/booking/email/<language>/`: `<kind>.subject.txt`, `<kind>.txt` and `<kind>.html`,
with the shared pieces (`_booking`, `_lines`, `_receipt`) beside them and the HTML layout in
`templates/booking/email/base.html`. Subjects and text bodies are rendered without HTML escaping
(they are plain text); HTML bodies are escaped as usual. Everything renders in the message's
language and in Japan time.

A trip's guest messages (`trip_confirmation`, `trip_late_payment`, `trip_duplicate_payment`) are
filed under its first booking and cover every booking of the trip: each item with its own
seller, manage link and receipt, one calendar file with every event, one check-in code per
item. `trip_cancellation` is filed under the first item cancelled with the whole trip and lists
what was cancelled then, with each item's refund, and what was kept.

A date change's messages (`dates_changed`, `partner_dates_changed`, `dates_not_changed`) are one
per change (`BookingEmail.date_change`) and name its days and totals before and after and what
the difference did; the guest's news of new dates carries the calendar file again, its events
under the same UIDs with a higher SEQUENCE, so calendars move them.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from email.mime.image import MIMEImage
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch, Sum
from django.urls import reverse
from django.utils import timezone, translation

from booking.content import content
from booking.models import Booking, BookingEmail, BookingLine, DateChange, Payment, Refund, Trip
from core import links

from . import date_changes, refunds
from .accounts import LineSummary, booking_summaries, booking_summary
from .cancellation import cancellation_terms, is_paid
from .ics import booking_ics, trip_ics
from .jst import JST, local_date
from .manage_links import booking_language, manage_url
from .qr import CONTENT_ID, check_in_png
from .receipts import receipt_for
from .refunds import payments_of
from .templated_emails import common_context, render_parts

Kind = BookingEmail.Kind

PARTNER_KINDS = frozenset(
    {
        Kind.PARTNER_NEW_BOOKING,
        Kind.PARTNER_CANCELLATION,
        Kind.PARTNER_REQUEST,
        Kind.PARTNER_DATES_CHANGED,
    }
)
CALENDAR_KINDS = frozenset({Kind.CONFIRMATION, Kind.REMINDER, Kind.DATES_CHANGED})
TRIP_KINDS = frozenset(
    {
        Kind.TRIP_CONFIRMATION,
        Kind.TRIP_LATE_PAYMENT,
        Kind.TRIP_DUPLICATE_PAYMENT,
        Kind.TRIP_CANCELLATION,
    }
)
PARTNER_LANGUAGE = "ja"


def message_language(email: BookingEmail) -> str:
    """The language to write in: the booking's for the guest, Japanese for the host."""
    if email.kind in PARTNER_KINDS:
        return PARTNER_LANGUAGE
    return booking_language(email.booking)


def recipients(email: BookingEmail) -> list[str]:
    """Who receives the message: the guest (the booking's address, else its account's) or the
    partner organisation; an empty list when there is no address to write to."""
    booking = email.booking
    if email.kind in PARTNER_KINDS:
        address = booking.offer.organisation.email
    else:
        address = booking.guest_email or (booking.user.email if booking.user_id else "")
    return [address] if address else []


def build_message(email: BookingEmail, *, base_url: str | None = None) -> EmailMultiAlternatives:
    """The complete message for one outbox row, in the right language, to the right person."""
    booking = email.booking
    kind = Kind(email.kind).value
    language = message_language(email)
    base_url = (base_url or links.base_url()).rstrip("/")
    with translation.override(language), timezone.override(JST):
        if email.kind in TRIP_KINDS:
            context = _trip_context(email, language, base_url)
        else:
            context = _context(email, language, base_url)
    subject, text, html = render_parts(kind, language, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients(email),
        reply_to=_reply_to(email),
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if email.kind in CALENDAR_KINDS:
        message.attach(
            f"booking-{booking.reference}.ics",
            booking_ics(
                booking,
                language,
                base_url=base_url,
                venue=context["venue"],
                sequence=context["calendar_sequence"],
            ),
            "text/calendar",
        )
        message.attach(_inline_image(check_in_png(booking, base_url), CONTENT_ID))
    if email.kind == Kind.TRIP_CONFIRMATION:
        trip = context["trip"]
        message.attach(
            f"trip-{trip.reference}.ics",
            trip_ics(
                context["bookings"],
                language,
                base_url=base_url,
                venues=context["venues"],
                periods={item["booking"].pk: item["summary"].periods for item in context["items"]},
            ),
            "text/calendar",
        )
        for item in context["items"]:
            message.attach(_inline_image(check_in_png(item["booking"], base_url), item["qr_id"]))
    return message


def _inline_image(png: bytes, content_id: str) -> MIMEImage:
    """A PNG the HTML body shows with `cid:<content_id>`."""
    image = MIMEImage(png, "png")
    image.add_header("Content-ID", f"<{content_id}>")
    image.add_header("Content-Disposition", "inline", filename=f"{content_id}.png")
    return image


def _context(email: BookingEmail, language: str, base_url: str) -> dict[str, Any]:
    """What the templates see. Partner messages get no manage link (it would let the host
    cancel the guest's booking) and nothing from the guest register but its size."""
    booking = email.booking
    offer = booking.offer
    organisation = offer.organisation
    summary = booking_summary(booking, language, timezone.now())
    book_url = base_url + _path("booking:offer", language, pk=offer.pk)
    refund_amount = None
    if email.kind == Kind.DUPLICATE_PAYMENT:
        refund = next(iter(_second_payment(booking.refunds.all())), None)
    elif email.kind in CANCELLATION_KINDS:
        refund, refund_amount = _cancellation_refund(booking)
    else:
        refund = _refund(booking)
    context: dict[str, Any] = {
        "kind": email.kind,
        "for_partner": email.kind in PARTNER_KINDS,
        **common_context(language, base_url),
        "booking": booking,
        "offer": offer,
        "organisation": organisation,
        "seller_name": organisation.display_name(language),
        "seller_address": organisation.display_address(language),
        "summary": summary,
        "offer_name": summary.offer_name,
        "lines": summary.lines,
        "periods": summary.periods,
        "is_stay": summary.is_stay,
        "offer_url": _absolute(summary.offer_url, base_url) or book_url,
        "book_url": book_url,
        "refund": refund,
        "refund_amount": refund_amount
        if refund_amount is not None
        else (refund.amount if refund else 0),
        "refunded_at": (refund.refunded_at or refund.created_at) if refund else None,
        "cancelled_by_host": bool(refund and refund.reason == Refund.Reason.PARTNER_CANCELLED),
        "paid": summary.paid,
        # Request to book: the host's deadline, and how a request ended (declined, timed_out,
        # unavailable) with the host's message, if any.
        "respond_by": booking.hold_expires_at,
        "request_outcome": booking.request_outcome,
        "host_message": booking.host_message,
    }
    if email.date_change_id is not None:
        context.update(_date_change_context(email, summary.is_stay))
    if email.kind in PARTNER_KINDS:
        context["admin_url"] = base_url + reverse("wagtailadmin_home")
        context["requests_url"] = base_url + reverse("booking_requests:index")
        context["quantities"] = _quantities(summary.lines)
        context["registered_guests"] = booking.guests.count() if context["is_stay"] else 0
        return context
    context["manage_url"] = manage_url(booking, base_url=base_url)
    context["venue"] = content().venue_of(offer.page_id, language)
    if email.kind == Kind.LATE_PAYMENT and refund is None:
        context["refund_amount"] = _amount_paid(booking)
    if email.date_change_id is not None:
        context["booking_kept"] = booking.status == Booking.Status.CONFIRMED
        can_change = date_changes.can_change(booking, timezone.now())
        context["change_until"] = date_changes.change_deadline(booking) if can_change else None
    if email.kind in CALENDAR_KINDS:
        context["qr_cid"] = f"cid:{CONTENT_ID}"
        context["calendar_sequence"] = _calendar_sequence(email)
    if email.kind == Kind.CONFIRMATION:
        context["receipt"] = receipt_for(booking, language, summary.lines)
    return context


def _date_change_context(email: BookingEmail, is_stay: bool) -> dict[str, Any]:
    """What a date change's templates see besides the booking's current lines: the days before
    and after, the totals, and the money (`money`: "extra" paid on `extra_paid_at`, "refund"
    owed back, or "same"); for a change not made, `refund_amount` is what its payment gives
    back. One query at most."""
    change: DateChange = email.date_change
    difference = change.difference
    context: dict[str, Any] = {
        "change": change,
        "old_dates": _days(change.old_first_day, change.old_last_day, is_stay),
        "new_dates": _days(change.new_first_day, change.new_last_day, is_stay),
        "old_total": change.old_total,
        "new_total": change.new_total,
        "difference": abs(difference),
        "money": "extra" if difference > 0 else "refund" if difference < 0 else "same",
        "extra_paid_at": None,
    }
    if email.kind == Kind.DATES_NOT_CHANGED:
        given_back = Refund.objects.filter(
            payment__date_change=change, reason=Refund.Reason.LATE_PAYMENT
        ).aggregate(total=Sum("amount"))["total"]
        context["refund_amount"] = given_back or abs(difference)
    elif difference > 0:
        paid = (
            change.payments.filter(status=Payment.Status.PAID)
            .exclude(refunds__reason=Refund.Reason.LATE_PAYMENT)
            .order_by("paid_at")
            .first()
        )
        context["extra_paid_at"] = paid.paid_at if paid else None
    return context


def _days(first: date, last: date, is_stay: bool) -> dict[str, Any]:
    """A change's days as the messages name them: a stay from its first night to its check-out
    (the day after its last night), anything else from its first to its last day."""
    end = last + timedelta(days=1) if is_stay else last
    return {"first": first, "last": end, "one_day": end == first}


def _calendar_sequence(email: BookingEmail) -> int:
    """The calendar file's SEQUENCE: how many times the booking has moved (up to the message's
    own change), so that a later file replaces the events of an earlier one."""
    done = DateChange.objects.filter(booking_id=email.booking_id, status=DateChange.Status.DONE)
    if email.date_change_id is not None and email.date_change.done_at is not None:
        done = done.filter(done_at__lte=email.date_change.done_at)
    return done.count()


def _trip_context(email: BookingEmail, language: str, base_url: str) -> dict[str, Any]:
    """What a trip's templates see: the trip and each of its bookings in the order they were
    held, with its summary, seller, place and manage link; the confirmation adds each item's
    receipt and check-in code, the late and second-payment messages what went back (per item
    and in all: for a second payment, that payment's refunds only).

    A fixed number of queries however many items there are (their summaries and places are
    read together).
    The cancellation is built by `_trip_cancellation_context`."""
    trip: Trip = email.booking.trip
    if email.kind == Kind.TRIP_CANCELLATION:
        return _trip_cancellation_context(email, trip, language, base_url)
    bookings = list(
        trip.bookings.select_related("offer", "offer__organisation", "offer__page")
        .prefetch_related("refunds")
        .order_by("pk")
    )
    confirmation = email.kind == Kind.TRIP_CONFIRMATION
    refunds = [refund for booking in bookings for refund in booking.refunds.all()]
    if email.kind == Kind.TRIP_DUPLICATE_PAYMENT:
        given_back = _second_payment(refunds)
    else:
        given_back = [r for r in refunds if r.reason == Refund.Reason.LATE_PAYMENT]
    venues = content().venues_of({booking.offer.page_id for booking in bookings}, language)
    items = []
    summaries = booking_summaries(bookings, language, timezone.now())
    for booking, summary in zip(bookings, summaries, strict=True):
        offer = booking.offer
        organisation = offer.organisation
        item: dict[str, Any] = {
            "booking": booking,
            "summary": summary,
            "offer_name": summary.offer_name,
            "organisation": organisation,
            "seller_name": organisation.display_name(language),
            "seller_address": organisation.display_address(language),
            "offer_url": _absolute(summary.offer_url, base_url)
            or base_url + _path("booking:offer", language, pk=offer.pk),
            "venue": venues.get(offer.page_id),
            "manage_url": manage_url(booking, base_url=base_url),
            "refund_amount": sum(r.amount for r in given_back if r.booking_id == booking.pk),
        }
        if confirmation:
            item["receipt"] = receipt_for(booking, language, summary.lines)
            item["qr_id"] = f"{CONTENT_ID}-{booking.reference}"
            item["qr_cid"] = f"cid:{item['qr_id']}"
        items.append(item)
    refunded = sum(item["refund_amount"] for item in items)
    if email.kind == Kind.TRIP_LATE_PAYMENT and not refunded:
        paid = trip.payments.filter(status=Payment.Status.PAID, booking__isnull=True).first()
        refunded = paid.amount if paid else sum(booking.total for booking in bookings)
    return {
        **_trip_common(email, trip, bookings, items, language, base_url),
        "venues": venues,
        "total": sum(booking.total for booking in bookings),
        "tax": sum(booking.tax for booking in bookings),
        "invoice_name": trip.invoice_name,
        "refund_amount": refunded,
        "all_confirmed": all(booking.status == Booking.Status.CONFIRMED for booking in bookings),
        "plan_url": base_url + _path("booking:trip_plan", language),
        "trip_url": base_url + _path("booking:trip_status", language, reference=trip.reference),
    }


def _trip_common(
    email: BookingEmail,
    trip: Trip,
    bookings: list[Booking],
    items: list[dict[str, Any]],
    language: str,
    base_url: str,
) -> dict[str, Any]:
    """What every trip message's templates see: the trip, its bookings, the items it lists and
    their sellers (for the footer)."""
    return {
        "kind": email.kind,
        "for_partner": False,
        **common_context(language, base_url),
        "trip": trip,
        "booking": email.booking,
        "bookings": bookings,
        "items": items,
        "sellers": _sellers(items),
    }


def _trip_cancellation_context(
    email: BookingEmail, trip: Trip, language: str, base_url: str
) -> dict[str, Any]:
    """The whole trip cancelled: the items cancelled with the message's booking (one call of
    trips.cancel_trip gives them one `cancelled_at`), each with its seller, dates and the refund
    its own policy gave; the items still booked (started, so kept); the total going back and
    the trip's page. A fixed number of queries whatever the number of items."""
    bookings = list(
        trip.bookings.select_related("offer", "offer__organisation")
        .prefetch_related(
            "refunds", Prefetch("lines", queryset=BookingLine.objects.select_related("slot"))
        )
        .order_by("pk")
    )
    anchor = next((b for b in bookings if b.pk == email.booking_id), email.booking)
    cancelled_at = anchor.cancelled_at
    cancelled, kept = [], []
    for booking in bookings:
        if booking.status == Booking.Status.CANCELLED and booking.cancelled_at == cancelled_at:
            cancelled.append(_trip_cancellation_item(booking, language, base_url))
        elif booking.status == Booking.Status.CONFIRMED:
            kept.append(_trip_cancellation_item(booking, language, base_url))
    return {
        **_trip_common(email, trip, bookings, cancelled + kept, language, base_url),
        "cancelled_items": cancelled,
        "kept_items": kept,
        "cancelled_at": cancelled_at,
        "refund_amount": sum(item["refund_amount"] for item in cancelled),
        "paid": any(item["paid"] for item in cancelled),
        "trip_url": base_url + _path("booking:trip_status", language, reference=trip.reference),
    }


def _trip_cancellation_item(booking: Booking, language: str, base_url: str) -> dict[str, Any]:
    """One item of a cancelled trip, cancelled or kept, from what is already loaded (its offer,
    seller, refunds and lines with their slots): its Japanese first and last days, and the
    refund owed for cancelling it with the trip (0 when its policy gave none, it was never
    paid, or it was kept)."""
    offer = booking.offer
    organisation = offer.organisation
    slots = [line.slot for line in booking.lines.all()]
    return {
        "booking": booking,
        "offer_name": offer.display_name(language),
        "organisation": organisation,
        "seller_name": organisation.display_name(language),
        "manage_url": manage_url(booking, base_url=base_url),
        "first_day": min((local_date(s.starts_at) for s in slots), default=booking.service_date),
        "last_day": max((local_date(s.ends_at) for s in slots), default=booking.service_date),
        "paid": is_paid(booking),
        "terms": cancellation_terms(offer, language),
        "refund_amount": sum(
            refund.amount
            for refund in booking.refunds.all()
            if refund.reason == Refund.Reason.TRIP_CANCELLED
        ),
    }


def _sellers(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each business the trip's items are bought from, once, and how to reach it."""
    sellers: dict[int, dict[str, str]] = {}
    for item in items:
        organisation = item["organisation"]
        sellers.setdefault(
            organisation.pk,
            {"name": item["seller_name"], "phone": organisation.phone, "email": organisation.email},
        )
    return list(sellers.values())


def _path(name: str, language: str, **kwargs: Any) -> str:
    """A site URL's path under the language's prefix."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _absolute(url: str, base_url: str) -> str:
    """An absolute form of a page URL (Wagtail gives a path when the site is the only one)."""
    return base_url + url if url.startswith("/") else url


def _reply_to(email: BookingEmail) -> list[str]:
    """Replies reach the other party: the guest's go to the host, the host's to the guest. A
    trip's messages name several hosts (each item gives its seller's contact): replies come to
    the site's own address."""
    if email.kind in TRIP_KINDS:
        return []
    booking = email.booking
    address = (
        booking.guest_email if email.kind in PARTNER_KINDS else booking.offer.organisation.email
    )
    return [address] if address else []


# The cancellation's messages tell its refund: every row it owed (one per payment when a dearer
# date change added a second), never a date change's difference or a late payment.
CANCELLATION_KINDS = frozenset({Kind.CANCELLATION, Kind.PARTNER_CANCELLATION, Kind.REFUND})


def _cancellation_refund(booking: Booking) -> tuple[Refund | None, int]:
    """The booking's cancellation refund: its latest row (the one that went through last, for
    its date and reason) and the total of its rows."""
    rows = [r for r in booking.refunds.all() if r.reason in refunds.CANCELLATION_REASONS]
    done = [r for r in rows if r.status == Refund.Status.SUCCEEDED]
    latest = max(done or rows, key=lambda r: (r.refunded_at or r.created_at, r.pk), default=None)
    return latest, sum(r.amount for r in rows)


def _refund(booking: Booking) -> Refund | None:
    """The booking's refund: the latest that went through, else the latest recorded."""
    refunds = list(booking.refunds.all())
    succeeded = (r for r in refunds if r.status == Refund.Status.SUCCEEDED)
    return next(succeeded, refunds[0] if refunds else None)


def _second_payment(refunds: Iterable[Refund]) -> list[Refund]:
    """Of a booking's or a trip's refunds, those of the payment given back in full last (the
    second payment: any payment given back as late came before the one that confirmed)."""
    given_back = [refund for refund in refunds if refund.reason == Refund.Reason.LATE_PAYMENT]
    last = max(given_back, key=lambda refund: refund.pk, default=None)
    return [r for r in given_back if last is not None and r.payment_id == last.payment_id]


def _amount_paid(booking: Booking) -> int:
    """What the guest paid (the paid payment's amount, else the booking's total)."""
    payment = payments_of(booking).filter(status=Payment.Status.PAID).first()
    return payment.amount if payment else booking.total


def _quantities(lines: list[LineSummary]) -> list[dict[str, Any]]:
    """How many of each price category were booked (the most on any one slot)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.category] = max(counts.get(line.category, 0), line.quantity)
    return [{"category": category, "quantity": count} for category, count in counts.items()]
