from .applications import PartnerApplication
from .bookings import Booking, BookingLine, GuestRegisterEntry
from .date_changes import DateChange
from .documents import Document, DocumentSequence
from .offers import Offer, PriceCategory
from .organisations import PartnerOrganisation
from .payments import BookingEmail, Payment, Refund, WebhookEvent
from .slots import ClosedDate, Schedule, Slot
from .trips import Trip, TripPlan, TripPlanItem

__all__ = [
    "Booking",
    "BookingEmail",
    "BookingLine",
    "ClosedDate",
    "DateChange",
    "Document",
    "DocumentSequence",
    "GuestRegisterEntry",
    "Offer",
    "PartnerApplication",
    "PartnerOrganisation",
    "Payment",
    "PriceCategory",
    "Refund",
    "Schedule",
    "Slot",
    "Trip",
    "TripPlan",
    "TripPlanItem",
    "WebhookEvent",
]
