"""Migration 0015/0016: every booking made on its own becomes a one-item trip, and its
payments belong to that trip; the trips from plans are marked so."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from booking.models import Booking, Payment, Trip
from tests.booking.factories import OfferFactory

BEFORE = [("booking", "0014_trip_cancellation_email")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_bookings_made_alone_become_one_item_trips_owning_their_payments():
    offer = OfferFactory()
    now = timezone.now()
    old = migrate(BEFORE)
    try:
        OldBooking = old.get_model("booking", "Booking")
        OldTrip = old.get_model("booking", "Trip")
        OldPayment = old.get_model("booking", "Payment")

        def booking(reference, trip=None, **fields):
            return OldBooking.objects.create(
                reference=reference,
                offer_id=offer.pk,
                trip=trip,
                hold_expires_at=now + timedelta(minutes=30),
                service_date=now.date(),
                total=5500,
                **fields,
            )

        planned = OldTrip.objects.create(reference="TRIP-2222")
        in_plan = booking("PLAN-3333", trip=planned)
        alone = booking("ALON-4444", language="en", status="confirmed")
        taken = booking("TRIP-2222")  # a booking whose reference a trip already has
        OldBooking.objects.filter(pk=alone.pk).update(created_at=now - timedelta(days=3))
        for number, owner in enumerate([{"booking": alone}, {"trip": planned}]):
            OldPayment.objects.create(
                **owner,
                checkout_session_id=f"cs_{number}",
                checkout_url="https://checkout.example.jp/",
                amount=5500,
                expires_at=now,
            )
    finally:
        migrate(latest())

    alone_now = Booking.objects.select_related("trip").get(pk=alone.pk)
    assert alone_now.trip.reference == "ALON-4444"
    assert alone_now.trip.language == "en"
    assert not alone_now.trip.from_plan
    assert abs(alone_now.trip.created_at - (now - timedelta(days=3))) < timedelta(seconds=1)
    assert list(alone_now.trip.bookings.all()) == [alone_now]
    assert Payment.objects.get(checkout_session_id="cs_0").trip_id == alone_now.trip_id
    assert Payment.objects.get(checkout_session_id="cs_0").booking_id == alone.pk

    assert Booking.objects.get(pk=in_plan.pk).trip_id == planned.pk
    assert Trip.objects.get(pk=planned.pk).from_plan
    assert Payment.objects.get(checkout_session_id="cs_1").trip_id == planned.pk
    clash = Booking.objects.select_related("trip").get(pk=taken.pk).trip
    assert clash.pk != planned.pk and clash.reference != "TRIP-2222"
    assert Trip.objects.count() == 3

    old = migrate(BEFORE)  # and back: the bookings are alone again, the plan's trip stays
    try:
        OldBooking = old.get_model("booking", "Booking")
        OldPayment = old.get_model("booking", "Payment")
        assert OldBooking.objects.get(pk=alone.pk).trip_id is None
        assert OldBooking.objects.get(pk=in_plan.pk).trip_id == planned.pk
        assert OldPayment.objects.get(checkout_session_id="cs_0").trip_id is None
        assert OldPayment.objects.get(checkout_session_id="cs_1").trip_id == planned.pk
        assert list(old.get_model("booking", "Trip").objects.values_list("pk", flat=True)) == [
            planned.pk
        ]
    finally:
        migrate(latest())
