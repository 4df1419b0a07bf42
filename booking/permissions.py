"""The back office's permission policies, open to editors and to partner members, each instance
only to those who may see it (booking.services.partner_scope). Bookings and documents are
read-only screens: they change through the booking services (cancellation, refunds, issuing),
never by a raw edit."""

from django.db.models import QuerySet
from wagtail.permission_policies.base import ModelPermissionPolicy

from booking.models import Booking, Document, Offer, PartnerOrganisation
from booking.services import partner_scope

READ = "view"


class BookingPermissionPolicy(ModelPermissionPolicy):
    def __init__(self) -> None:
        super().__init__(Booking)

    def user_has_permission(self, user, action: str) -> bool:
        return action == READ and partner_scope.can_see_bookings(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return READ in actions and partner_scope.can_see_bookings(user)

    def user_has_permission_for_instance(self, user, action: str, instance: Booking) -> bool:
        return action == READ and partner_scope.can_see(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance: Booking) -> bool:
        return (
            self.user_has_permission_for_instance(user, READ, instance)
            if READ in actions
            else False
        )

    def instances_user_has_permission_for(self, user, action: str):
        if action != READ:
            return Booking.objects.none()
        return partner_scope.bookings_visible_to(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, READ if READ in actions else "")


OFFER_ACTIONS = frozenset({"view", "add", "change"})


class OfferPermissionPolicy(ModelPermissionPolicy):
    """Offers: editors manage every organisation's, a partner's members their own. Nobody
    deletes one (bookings point at it): taking it off sale is the way to stop selling."""

    def __init__(self) -> None:
        super().__init__(Offer)

    def user_has_permission(self, user, action: str) -> bool:
        return action in OFFER_ACTIONS and partner_scope.can_see_bookings(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance: Offer) -> bool:
        return action in OFFER_ACTIONS and partner_scope.can_manage_offer(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance: Offer) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action: str):
        if action not in OFFER_ACTIONS:
            return Offer.objects.none()
        return partner_scope.offers_visible_to(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not OFFER_ACTIONS.intersection(actions):
            return Offer.objects.none()
        return partner_scope.offers_visible_to(user)


ORGANISATION_ACTIONS = frozenset({"view", "change"})


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Partner organisations: editors see and change every one, a partner's members their own.
    Nobody adds or deletes one here: approving an application makes it."""

    def __init__(self) -> None:
        super().__init__(PartnerOrganisation)

    def user_has_permission(self, user, action: str) -> bool:
        return action in ORGANISATION_ACTIONS and partner_scope.can_see_bookings(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return action in ORGANISATION_ACTIONS and (
            partner_scope.is_editor(user) or instance.pk in partner_scope.organisation_ids(user)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action: str):
        if action not in ORGANISATION_ACTIONS:
            return PartnerOrganisation.objects.none()
        return partner_scope.manageable_organisations(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not ORGANISATION_ACTIONS.intersection(actions):
            return PartnerOrganisation.objects.none()
        return partner_scope.manageable_organisations(user)


def documents_visible_to(user) -> QuerySet[Document]:
    """The documents the user may see (once rendered): editors every one, a partner's members
    those whose seller is one of their organisations, anyone else none."""
    rendered = Document.objects.exclude(sha256="")
    if partner_scope.is_editor(user):
        return rendered
    return rendered.filter(organisation__in=partner_scope.organisation_ids(user))


class DocumentPermissionPolicy(ModelPermissionPolicy):
    """Documents: read (and download) only, editors every organisation's, a partner's members
    their own. An issued document is never changed: the documents service voids and replaces."""

    def __init__(self) -> None:
        super().__init__(Document)

    def user_has_permission(self, user, action: str) -> bool:
        return action == READ and partner_scope.can_see_bookings(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return READ in actions and partner_scope.can_see_bookings(user)

    def user_has_permission_for_instance(self, user, action: str, instance: Document) -> bool:
        return action == READ and (
            partner_scope.is_editor(user)
            or instance.organisation_id in partner_scope.organisation_ids(user)
        )

    def user_has_any_permission_for_instance(self, user, actions, instance: Document) -> bool:
        return READ in actions and self.user_has_permission_for_instance(user, READ, instance)

    def instances_user_has_permission_for(self, user, action: str):
        if action != READ:
            return Document.objects.none()
        return documents_visible_to(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if READ not in actions:
            return Document.objects.none()
        return documents_visible_to(user)
