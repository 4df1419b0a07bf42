"""Loads the back office's screens (booking.backoffice), each registering its own admin hooks."""

from booking.backoffice import applications, bookings, reports

__all__ = ["applications", "bookings", "reports"]
