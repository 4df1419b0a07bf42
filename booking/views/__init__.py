"""Views of the booking engine; thin: they parse input, call booking.services, render."""
