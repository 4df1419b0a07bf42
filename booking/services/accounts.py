"""Bookings seen from a guest's account: their list, opening one by reference, and linking the
bookings made as a guest once the same e-mail address is verified."""

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail.models import Locale, Page

from booking.models import Booking, BookingLine

from . import cancellation
from .ics import Period, periods_of
from .jst import today

REFERENCE_RE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")


def my_bookings(user, now: datetime | None = None) -> QuerySet[Booking]:
    """The user's bookings, upcoming first (soonest first), then past ones (latest first).

    Holds that ran out are left out: they never became bookings.
    """
    now = now or timezone.now()
    first_day = today(now)
    return (
        Booking.objects.filter(user=user, date_change_hold__isnull=True)
        .exclude(status=Booking.Status.EXPIRED)
        .exclude(status__in=Booking.HOLDING, hold_expires_at__lte=now)
        .select_related("offer")
        .annotate(
            is_past=Case(
                When(service_date__lt=first_day, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            upcoming_day=Case(When(service_date__gte=first_day, then=F("service_date"))),
            past_day=Case(When(service_date__lt=first_day, then=F("service_date"))),
        )
        .order_by(
            "is_past",
            F("upcoming_day").asc(nulls_last=True),
            F("past_day").desc(nulls_last=True),
            "-created_at",
            "-pk",
        )
    )


def booking_for_owner(user, reference: str) -> Booking | None:
    """The signed-in user's own booking with this reference, or None."""
    if user is None or not user.is_authenticated or not isinstance(reference, str):
        return None
    reference = reference.strip().upper()
    if not REFERENCE_RE.match(reference):
        return None
    return (
        Booking.objects.select_related("offer", "user")
        .filter(user=user, reference=reference, date_change_hold__isnull=True)
        .first()
    )


def attach_guest_bookings(user, email: str) -> int:
    """Give the user the bookings made as a guest with this (verified) e-mail address;
    returns how many were attached. Bookings that already belong to someone are left alone."""
    email = (email or "").strip()
    if user is None or not user.pk or not email:
        return 0
    return Booking.objects.filter(Q(user__isnull=True) & Q(guest_email__iexact=email)).update(
        user=user
    )


@dataclass(frozen=True)
class LineSummary:
    """One booked line as the guest reads it."""

    day: date
    starts_at: datetime
    ends_at: datetime
    part: str
    category: str
    quantity: int
    unit_price: int
    amount: int


@dataclass(frozen=True)
class BookingSummary:
    """Everything the manage page shows about a booking, in one language."""

    booking: Booking
    offer_name: str
    offer_url: str
    status: str
    status_label: str
    lines: list[LineSummary]
    total: int
    tax: int
    terms: str
    can_cancel: bool
    refund_if_cancelled_now: int
    paid: bool
    free_until: datetime | None
    refund_due: int
    periods: list[Period]
    is_stay: bool


def booking_summary(booking: Booking, language: str, now: datetime) -> BookingSummary:
    """The booking's lines, money, status and cancellation terms for the manage page."""
    return booking_summaries([booking], language, now)[0]


def booking_summaries(
    bookings: Sequence[Booking], language: str, now: datetime
) -> list[BookingSummary]:
    """`booking_summary` of each booking (with its offer and page loaded), in a fixed number
    of queries however many there are: every line with its slot and price in one, the offers'
    pages in the language in one, so a trip's pages and e-mails do not grow with its items."""
    lines_of: dict[int, list[BookingLine]] = defaultdict(list)
    for line in (
        BookingLine.objects.filter(booking__in=[booking.pk for booking in bookings])
        .select_related("slot", "price_category")
        .order_by("slot__starts_at", "price_category__sort_order", "pk")
    ):
        lines_of[line.booking_id].append(line)
    urls = _offer_urls([booking.offer.page for booking in bookings], language)
    return [
        _summary(booking, lines_of[booking.pk], urls.get(booking.offer.page_id, ""), language, now)
        for booking in bookings
    ]


def _summary(
    booking: Booking, booked: list[BookingLine], offer_url: str, language: str, now: datetime
) -> BookingSummary:
    lines = [
        LineSummary(
            day=line.slot.date,
            starts_at=line.slot.starts_at,
            ends_at=line.slot.ends_at,
            part=line.slot.get_part_display() if line.slot.part else "",
            category=line.price_category.display_name(language),
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
        )
        for line in booked
    ]
    slots = sorted({line.slot for line in booked}, key=lambda slot: (slot.starts_at, slot.pk))
    cancellation.remember_service_start(booking, [slot.starts_at for slot in slots])
    status = cancellation.display_status(booking, now)
    cancellable = cancellation.can_cancel(booking, now)
    paid = cancellation.is_paid(booking)
    deadline = cancellation.free_cancellation_deadline(booking)
    return BookingSummary(
        booking=booking,
        offer_name=booking.offer.display_name(language),
        offer_url=offer_url,
        status=status,
        status_label=str(Booking.Status(status).label),
        lines=lines,
        total=booking.total,
        tax=booking.tax,
        terms=cancellation.cancellation_terms(booking.offer, language),
        can_cancel=cancellable,
        refund_if_cancelled_now=cancellation.refund_amount(booking, now) if cancellable else 0,
        paid=paid,
        free_until=deadline if paid and now <= deadline else None,
        refund_due=cancellation.refund_due(booking),
        periods=periods_of(booking.offer.kind, slots),
        is_stay=booking.offer.kind == booking.offer.Kind.STAY,
    )


def _offer_urls(pages: Sequence[Page], language: str) -> dict[int, str]:
    """Each offer page's address in the language (its own where untranslated), by page id;
    only live pages below the root have one (one query for the translations)."""
    locale = Locale.objects.filter(language_code=language).first()
    keys = {page.translation_key for page in pages if locale and page.locale_id != locale.pk}
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale)
    }
    urls: dict[int, str] = {}
    for page in pages:
        localized = translated.get(page.translation_key, page)
        if localized.live and localized.depth >= 2:
            urls[page.pk] = localized.get_url() or ""
    return urls
