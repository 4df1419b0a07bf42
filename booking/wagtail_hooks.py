"""Loads the back office's screens (booking.backoffice, and the partner applications of
booking.onboarding), each registering its own admin hooks."""

from booking.backoffice import bookings, manifest, offers, reports
from booking.onboarding import admin as onboarding_admin

__all__ = ["bookings", "manifest", "offers", "onboarding_admin", "reports"]
