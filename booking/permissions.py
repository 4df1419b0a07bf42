"""The back office's permission policy for bookings: read-only screens, open to editors and to
partner members, each instance only to those who may see it (booking.services.partner_scope).
Bookings change through the booking services (cancellation, refunds), never by a raw edit."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from booking.models import Booking
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
