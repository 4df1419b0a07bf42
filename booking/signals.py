"""Signal handlers: bookings made as a guest follow the e-mail address once it is verified, and
a trip planned before signing in joins the account's."""

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from booking.models import Offer, PartnerOrganisation, PriceCategory
from booking.services.accounts import attach_guest_bookings
from booking.services.trip_plans import anonymous_plan, merge_plans, plan_for_user
from core.generation import purge_pages


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


@receiver(user_logged_in, dispatch_uid="booking.merge_trip_plan_on_login")
def merge_trip_plan_on_login(sender, request, user, **kwargs) -> None:
    """The trip this browser planned before signing in joins the account's plan (items the
    account's plan has already are not doubled)."""
    source = anonymous_plan(request) if request is not None else None
    if source is not None:
        merge_plans(source, plan_for_user(user, source.language))


@receiver(post_save, sender=Offer, dispatch_uid="booking.purge_pages_on_offer_save")
@receiver(post_delete, sender=Offer, dispatch_uid="booking.purge_pages_on_offer_delete")
@receiver(post_save, sender=PriceCategory, dispatch_uid="booking.purge_pages_on_price_save")
@receiver(post_delete, sender=PriceCategory, dispatch_uid="booking.purge_pages_on_price_delete")
@receiver(post_save, sender=PartnerOrganisation, dispatch_uid="booking.purge_pages_on_seller_save")
def purge_pages_on_offer_change(sender, **kwargs) -> None:
    """Content pages list their offers, prices and sellers (the 特定商取引法 page): cached
    copies must go when those change."""
    transaction.on_commit(purge_pages)
