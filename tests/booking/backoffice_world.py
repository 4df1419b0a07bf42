"""Two partner organisations with their profile pages and an experience page each, their users
(A through the organisation's group, B as a member), an editor and an admin user of neither: the
cast of the back-office tests."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission

from booking.models import Offer, PartnerOrganisation
from tests.booking.factories import OfferFactory, PartnerOrganisationFactory, PriceCategoryFactory
from tests.factories import ExperiencePageFactory, PartnerIndexPageFactory, PartnerPageFactory


def management(prefix: str, total: int, initial: int = 0) -> dict:
    """The management form of an inline formset (an offer's prices, schedules, closed dates)."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def admin_user(django_user_model, name: str, *groups: Group):
    """A user who may enter the Wagtail admin, in `groups`."""
    user = django_user_model.objects.create_user(name, f"{name}@example.jp", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(*groups)
    return user


@dataclass
class World:
    org_a: PartnerOrganisation
    org_b: PartnerOrganisation
    offer_a: Offer
    offer_b: Offer
    users: dict

    def page_of(self, organisation: PartnerOrganisation):
        return organisation.page.get_children().first()


def make_world(home, django_user_model) -> World:
    index = PartnerIndexPageFactory(parent=home)
    pages = {key: PartnerPageFactory(parent=index, title=f"{key}の事業者") for key in "ab"}
    group_a = Group.objects.create(name="Partner: A")
    org_a = PartnerOrganisationFactory(name="A農園", group=group_a, page=pages["a"])
    org_b = PartnerOrganisationFactory(name="B漁船", page=pages["b"])
    editors = Group.objects.get_or_create(name="Editors")[0]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="booking"))
    users = {
        "a": admin_user(django_user_model, "partner_a", group_a),
        "b": admin_user(django_user_model, "partner_b"),
        "editor": admin_user(django_user_model, "editor", editors),
        "stranger": admin_user(django_user_model, "stranger"),
    }
    org_b.members.add(users["b"])
    offers = {}
    for key, organisation in (("a", org_a), ("b", org_b)):
        page = ExperiencePageFactory(parent=pages[key])
        offers[key] = OfferFactory(organisation=organisation, page=page)
        PriceCategoryFactory(offer=offers[key], code="adult", price=5500)
    return World(org_a, org_b, offers["a"], offers["b"], users)
