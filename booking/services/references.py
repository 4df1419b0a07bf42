"""Short, human-friendly booking references: 8 characters with no look-alikes (0/O, 1/I/L)."""

import secrets

from booking.models import Booking

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_reference() -> str:
    """A random unused reference such as 'K7M2-QX9A' (about 10^12 possibilities)."""
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        reference = f"{raw[:4]}-{raw[4:]}"
        if not Booking.objects.filter(reference=reference).exists():
            return reference
