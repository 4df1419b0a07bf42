"""Bookings in any state, for the accounts and cancellation tests (made directly, so that past
and already-confirmed bookings need no checkout)."""

from datetime import date, time, timedelta

from django.utils import timezone

from booking.models import Booking, BookingLine, Offer
from booking.services.jst import today
from booking.services.references import new_reference
from tests.booking.factories import OfferFactory, PriceCategoryFactory, TripFactory, make_slot


def make_booking(
    offer: Offer | None = None,
    *,
    day: date | None = None,
    status: str = Booking.Status.CONFIRMED,
    user=None,
    guest_email: str = "",
    language: str = "ja",
    quantity: int = 2,
    unit_price: int = 5500,
    capacity: int = 5,
    starts: time = time(10, 0),
    hold_minutes: int = 35,
) -> Booking:
    """A booking of `quantity` adults on one slot of `day` (default: in ten days)."""
    offer = offer or OfferFactory()
    day = day or today() + timedelta(days=10)
    category = offer.price_categories.first() or PriceCategoryFactory(
        offer=offer, code="adult", price=unit_price
    )
    slot = offer.slots.filter(date=day).first() or make_slot(
        offer, day, capacity=capacity, starts=starts, ends=time(starts.hour + 2, starts.minute)
    )
    now = timezone.now()
    booking = Booking.objects.create(
        trip=TripFactory(),
        reference=new_reference(),
        offer=offer,
        status=status,
        hold_expires_at=now + timedelta(minutes=hold_minutes),
        user=user,
        guest_email=guest_email or (user.email if user is not None else "guest@example.jp"),
        guest_name="和歌山 花子",
        language=language,
        service_date=day,
        total=quantity * unit_price,
        confirmed_at=now if status == Booking.Status.CONFIRMED else None,
    )
    BookingLine.objects.create(
        booking=booking,
        slot=slot,
        price_category=category,
        quantity=quantity,
        unit_price=unit_price,
    )
    return booking
