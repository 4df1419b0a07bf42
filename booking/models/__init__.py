from .bookings import Booking, BookingLine, GuestRegisterEntry
from .offers import Offer, PriceCategory
from .organisations import PartnerOrganisation
from .slots import ClosedDate, Schedule, Slot

__all__ = [
    "Booking",
    "BookingLine",
    "ClosedDate",
    "GuestRegisterEntry",
    "Offer",
    "PartnerOrganisation",
    "PriceCategory",
    "Schedule",
    "Slot",
]
