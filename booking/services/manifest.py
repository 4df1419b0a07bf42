"""The daily manifest: for one Japanese day, each session, night or desk half-day of the offers a
user may see, with who comes, how many of each price, their notes, the guest register for stays
and whether they have checked in. Three queries, whatever the number of slots and guests."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from booking.models import Booking, BookingLine, GuestRegisterEntry, Offer, Slot

from . import partner_scope


@dataclass
class ManifestEntry:
    """One confirmed booking on a slot."""

    booking: Booking
    quantities: list[tuple[str, int]] = field(default_factory=list)
    guests: list[GuestRegisterEntry] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(quantity for _, quantity in self.quantities)


@dataclass
class ManifestSlot:
    slot: Slot
    entries: list[ManifestEntry] = field(default_factory=list)

    @property
    def booked(self) -> int:
        return sum(entry.units for entry in self.entries)

    @property
    def checked_in(self) -> int:
        return sum(1 for entry in self.entries if entry.booking.checked_in_at is not None)


def day_manifest(user, day: date, offer: Offer | None = None) -> list[ManifestSlot]:
    """The user's slots on `day` (one offer's, if given), in time order, with their confirmed
    bookings; empty for a user who is neither an editor nor a partner."""
    offers = partner_scope.offers_visible_to(user)
    if offer is not None:
        offers = offers.filter(pk=offer.pk)
    slots = list(
        Slot.objects.filter(date=day, offer__in=offers)
        .select_related("offer")
        .order_by("starts_at", "offer__name", "pk")
    )
    by_slot = {slot.pk: ManifestSlot(slot=slot) for slot in slots}
    lines = (
        BookingLine.objects.filter(slot_id__in=by_slot, booking__status=Booking.Status.CONFIRMED)
        .select_related("booking", "price_category")
        .order_by("booking__guest_name", "booking_id", "price_category__sort_order")
    )
    entries: dict[tuple[int, int], ManifestEntry] = {}
    for line in lines:
        key = (line.slot_id, line.booking_id)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = ManifestEntry(booking=line.booking)
            by_slot[line.slot_id].entries.append(entry)
        entry.quantities.append((line.price_category.name, line.quantity))
    stay_bookings = {
        entry.booking.pk for entry in entries.values() if entry.booking.offer_id in _stays(slots)
    }
    guests: dict[int, list[GuestRegisterEntry]] = defaultdict(list)
    if stay_bookings:
        for guest in GuestRegisterEntry.objects.filter(booking_id__in=stay_bookings).order_by("pk"):
            guests[guest.booking_id].append(guest)
    for entry in entries.values():
        entry.guests = guests.get(entry.booking.pk, [])
    return list(by_slot.values())


def _stays(slots: list[Slot]) -> set[int]:
    return {slot.offer_id for slot in slots if slot.offer.kind == Offer.Kind.STAY}
