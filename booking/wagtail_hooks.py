"""Loads the back office's screens (booking.backoffice, and the partner applications and a new
partner's first-steps panel of booking.onboarding), each registering its own admin hooks."""

from booking.backoffice import (
    bookings,
    documents,
    manifest,
    offers,
    organisations,
    reports,
    requests,
)
from booking.onboarding import admin as onboarding_admin
from booking.onboarding import dashboard as onboarding_dashboard

__all__ = [
    "bookings",
    "documents",
    "manifest",
    "offers",
    "onboarding_admin",
    "onboarding_dashboard",
    "organisations",
    "reports",
    "requests",
]
