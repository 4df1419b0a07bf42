"""The one-time tokens of partner invitations: Django's password-reset tokens with a salt of
their own, so that a token from "forgot my password" (or any other feature) never opens an
invitation link, nor the reverse."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "booking.services.invitation_tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()
