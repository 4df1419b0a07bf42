"""Who sees which bookings in the back office: editors see every organisation's, a partner's
members only their own organisation's. Every admin screen, export and lookup goes through here,
so a partner never reaches another organisation's data, not even by guessing an id."""

from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page

from booking.models import Booking, Offer, PartnerOrganisation

# A bare hold (no details yet) or one that ran out without payment is no one's business.
HIDDEN = (Booking.Status.HELD, Booking.Status.EXPIRED)


def is_editor(user) -> bool:
    """Prefecture editors (and superusers): everything in the back office."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("booking.view_booking"))


def organisations_of(user) -> QuerySet[PartnerOrganisation]:
    """The organisations a user works for: as a member, or through the organisation's group."""
    if not (user.is_authenticated and user.is_active):
        return PartnerOrganisation.objects.none()
    return PartnerOrganisation.objects.filter(
        Q(members=user) | Q(group__in=user.groups.all())
    ).distinct()


def organisation_ids(user) -> frozenset[int]:
    """The ids of `organisations_of(user)`, read once per user object (a list checks each row
    against them without a query)."""
    cached = getattr(user, "_partner_organisation_ids", None)
    if cached is None:
        cached = frozenset(organisations_of(user).values_list("pk", flat=True))
        if user.is_authenticated:
            user._partner_organisation_ids = cached
    return cached


def can_see_bookings(user) -> bool:
    """Whether the user may open the bookings screens at all."""
    return is_editor(user) or bool(organisation_ids(user))


def can_see(user, booking: Booking) -> bool:
    """Whether the user may see this booking (no query when its offer is loaded)."""
    if booking.status in HIDDEN:
        return False
    return is_editor(user) or booking.offer.organisation_id in organisation_ids(user)


def bookings_visible_to(user) -> QuerySet[Booking]:
    """The bookings the user may see: from the final step on (new dates held for a booking's
    date change are that booking's business until they become its own)."""
    bookings = Booking.objects.exclude(status__in=HIDDEN).filter(date_change_hold__isnull=True)
    if is_editor(user):
        return bookings
    return bookings.filter(offer__organisation__in=organisation_ids(user))


def can_manage_offer(user, offer: Offer) -> bool:
    """Whether the user may see and change this offer, its prices, schedules and slots."""
    return is_editor(user) or offer.organisation_id in organisation_ids(user)


def manageable_organisations(user) -> QuerySet[PartnerOrganisation]:
    """The organisations the user may create offers for."""
    if is_editor(user):
        return PartnerOrganisation.objects.all()
    return PartnerOrganisation.objects.filter(pk__in=organisation_ids(user))


def offers_visible_to(user) -> QuerySet[Offer]:
    """The offers the user may see and manage, and filter bookings by."""
    if is_editor(user):
        return Offer.objects.all()
    return Offer.objects.filter(organisation__in=organisation_ids(user))


def offer_pages_for(user, organisation: PartnerOrganisation | None = None) -> QuerySet[Page]:
    """The pages an offer of the user's organisations (or of `organisation`) may be booked
    from: those below the organisation's profile page, in the default language."""
    organisations = manageable_organisations(user).filter(page__isnull=False)
    if organisation is not None:
        organisations = organisations.filter(pk=organisation.pk)
    below = Q()
    for path in organisations.values_list("page__path", flat=True):
        below |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    if not below:
        return Page.objects.none()
    return Page.objects.filter(below, locale=Locale.get_default()).order_by("path")
