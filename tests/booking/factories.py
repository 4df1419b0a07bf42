"""Factories for the booking engine: an organisation, offers of each kind, schedules, slots."""

from datetime import date, time, timedelta

import factory
from wagtail.models import Page

from booking.models import Offer, PartnerOrganisation, PriceCategory, Schedule, Slot, Trip
from booking.services.jst import at
from booking.services.references import new_reference


def root_page() -> Page:
    """The tree's root; transactional tests flush the one migrations made, so make it again."""
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale_id=_default_locale_id())
    )


def _default_locale_id() -> int:
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="ja")[0].pk


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"紀州ファーム{n}")
    contact_name = "山田 花子"
    email = factory.Sequence(lambda n: f"partner{n}@example.jp")
    phone = "0739-00-0000"
    address = "和歌山県西牟婁郡白浜町1-1"
    invoice_registration_number = "T9234567890123"


class TripFactory(factory.django.DjangoModelFactory):
    """A booking's order; a booking made on its own is a one-item trip like this one."""

    class Meta:
        model = Trip

    reference = factory.LazyFunction(lambda: new_reference(Trip))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    page = factory.LazyFunction(root_page)
    name = factory.Sequence(lambda n: f"梅しごと体験{n}")
    name_en = factory.Sequence(lambda n: f"Ume picking {n}")
    kind = Offer.Kind.EXPERIENCE
    unit = Offer.Unit.PERSON_SESSION
    min_per_booking = 1
    max_per_booking = 20


class PriceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriceCategory

    offer = factory.SubFactory(OfferFactory)
    code = factory.Sequence(lambda n: f"cat{n}")
    name = "大人"
    name_en = "Adult"
    price = 5500


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    offer = factory.SubFactory(OfferFactory)
    start_date = factory.LazyFunction(date.today)
    capacity = 5
    start_time = time(10, 0)
    end_time = time(12, 0)


def make_slot(offer: Offer, day: date, capacity: int = 5, **kwargs) -> Slot:
    """A saved slot on a Japanese day (10:00–12:00 unless told otherwise)."""
    starts = kwargs.pop("starts", time(10, 0))
    ends = kwargs.pop("ends", time(12, 0))
    return Slot.objects.create(
        offer=offer,
        date=day,
        starts_at=at(day, starts),
        ends_at=at(day, ends),
        capacity=capacity,
        **kwargs,
    )


def make_nights(offer: Offer, first: date, count: int, capacity: int = 1) -> list[Slot]:
    """`count` consecutive night slots (15:00 to 10:00 next day)."""
    return [
        Slot.objects.create(
            offer=offer,
            date=first + timedelta(days=i),
            starts_at=at(first + timedelta(days=i), time(15, 0)),
            ends_at=at(first + timedelta(days=i + 1), time(10, 0)),
            capacity=capacity,
        )
        for i in range(count)
    ]
