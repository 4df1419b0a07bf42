"""Loads the back office's screens (booking.backoffice), each registering its own admin hooks."""

from booking.backoffice import applications, bookings, manifest, offers, reports

__all__ = ["applications", "bookings", "manifest", "offers", "reports"]
