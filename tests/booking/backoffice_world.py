"""Two partner organisations with their profile pages and an experience page each, their users
(A through the organisation's group, B as a member), an editor and an admin user of neither: the
cast of the back-office tests."""

from dataclasses import dataclass
from datetime import date, timedelta

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


def offer_form(organisation, page, first_day: date, days: int, weekdays: str, **changes) -> dict:
    """The admin POST of a new experience offer: one adult price and one schedule of `days` days
    from `first_day` on `weekdays` (09:00–11:00, 6 places), no closed dates."""
    data = {
        "organisation": organisation.pk,
        "page": page.pk,
        "name": "朝の梅林ガイド",
        "name_en": "Morning ume walk",
        "kind": "experience",
        "unit": "person_session",
        "active": "on",
        "min_per_booking": "1",
        "max_per_booking": "8",
        "lead_time_hours": "0",
        "free_cancellation_days": "3",
        "late_cancellation_refund_percent": "50",
        "instant_booking": "on",
        **management("price_categories", 1),
        "price_categories-0-code": "adult",
        "price_categories-0-name": "大人",
        "price_categories-0-name_en": "Adult",
        "price_categories-0-price": "4000",
        "price_categories-0-sort_order": "0",
        "price_categories-0-follows_slot_override": "on",
        **management("schedules", 1),
        "schedules-0-start_date": first_day.isoformat(),
        "schedules-0-end_date": (first_day + timedelta(days=days - 1)).isoformat(),
        "schedules-0-weekdays": list(weekdays),
        "schedules-0-start_time": "09:00",
        "schedules-0-end_time": "11:00",
        "schedules-0-half_day_split": "13:00",
        "schedules-0-capacity": "6",
        **management("closed_dates", 0),
    }
    data.update(changes)
    return data


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
