"""Short, human-friendly booking references: 8 characters with no look-alikes (0/O, 1/I/L)."""

import secrets

from django.db.models import Model

from booking.models import Booking

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_reference(model: type[Model] = Booking) -> str:
    """A random reference such as 'K7M2-QX9A' (about 10^12 possibilities) that no row of
    `model` (a booking, or a trip) has yet."""
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        reference = f"{raw[:4]}-{raw[4:]}"
        if not model.objects.filter(reference=reference).exists():
            return reference


def normalise_reference(typed: str) -> str:
    """A reference as a person types or a scanner reads it ('k7m2 qx9a', 'K7M2QX9A') in its
    stored form 'K7M2-QX9A'; anything that cannot be one comes back empty."""
    raw = "".join(character for character in typed.upper() if character.isalnum())
    if len(raw) != LENGTH or any(character not in ALPHABET for character in raw):
        return ""
    return f"{raw[:4]}-{raw[4:]}"
