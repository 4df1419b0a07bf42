from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Booking"

    def ready(self) -> None:
        """Connect the signal handlers (guest bookings follow a verified e-mail address)."""
        from booking import signals  # noqa: F401
