from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Booking"

    def ready(self) -> None:
        """Connect the signal handlers (guest bookings follow a verified e-mail address) and
        register the Celery tasks, which the services enqueue by name (booking.services.queue)."""
        from booking import signals, tasks  # noqa: F401
