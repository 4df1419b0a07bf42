"""Signal handlers: bookings made as a guest follow the e-mail address once it is verified."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from booking.services.accounts import attach_guest_bookings


@receiver(email_confirmed, dispatch_uid="booking.link_guest_bookings_on_confirmation")
def link_guest_bookings_on_confirmation(sender, request, email_address, **kwargs) -> None:
    """A newly verified address brings the guest bookings made with it into the account."""
    attach_guest_bookings(email_address.user, email_address.email)


@receiver(user_logged_in, dispatch_uid="booking.link_guest_bookings_on_login")
def link_guest_bookings_on_login(sender, request, user, **kwargs) -> None:
    """Guest bookings made later with an already verified address join the account at login."""
    for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    ):
        attach_guest_bookings(user, email)
