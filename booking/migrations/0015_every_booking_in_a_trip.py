"""Every booking gets a trip: each booking made on its own becomes a one-item trip (its
reference, account, language and time), and each of its payments belongs to that trip. The
trips there were before came from trip plans."""

import secrets

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

BATCH = 1000
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _references(Trip, wanted: list[str]) -> list[str]:
    """The bookings' own references for their trips, except those a trip has already (a trip
    from a plan may, by chance): those get new ones. One query per batch."""
    taken = set(Trip.objects.filter(reference__in=wanted).values_list("reference", flat=True))
    references = []
    for reference in wanted:
        while reference in taken:
            raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
            reference = f"{raw[:4]}-{raw[4:]}"
            if Trip.objects.filter(reference=reference).exists():
                taken.add(reference)
        taken.add(reference)
        references.append(reference)
    return references


def one_item_trips(apps, schema_editor):
    Booking = apps.get_model("booking", "Booking")
    Payment = apps.get_model("booking", "Payment")
    Trip = apps.get_model("booking", "Trip")
    Trip.objects.update(from_plan=True)
    last = 0
    while True:
        batch = list(
            Booking.objects.filter(trip__isnull=True, pk__gt=last)
            .order_by("pk")
            .only("pk", "reference", "user_id", "language")[:BATCH]
        )
        if not batch:
            break
        last = batch[-1].pk
        references = _references(Trip, [booking.reference for booking in batch])
        trips = Trip.objects.bulk_create(
            Trip(reference=reference, user_id=booking.user_id, language=booking.language)
            for booking, reference in zip(batch, references, strict=True)
        )
        by_reference = {trip.reference: trip for trip in trips}
        if any(trip.pk is None for trip in trips):  # a database that returns no ids
            by_reference = Trip.objects.in_bulk(list(by_reference), field_name="reference")
        for booking, trip in zip(batch, trips, strict=True):
            booking.trip_id = by_reference[trip.reference].pk
        Booking.objects.bulk_update(batch, ["trip"])
    first_booked = Booking.objects.filter(trip=OuterRef("pk")).order_by("created_at")
    Trip.objects.filter(from_plan=False).update(
        created_at=Subquery(first_booked.values("created_at")[:1])
    )
    Payment.objects.filter(trip__isnull=True).update(
        trip=Subquery(Booking.objects.filter(pk=OuterRef("booking_id")).values("trip_id")[:1])
    )


def back_to_bookings_alone(apps, schema_editor):
    """Undo: payments of a booking paid alone belong to the booking only again, and the
    one-item trips go (the trips from plans stay)."""
    Booking = apps.get_model("booking", "Booking")
    Payment = apps.get_model("booking", "Payment")
    Trip = apps.get_model("booking", "Trip")
    if schema_editor.connection.vendor == "postgresql":
        # The columns are altered next in this transaction: PostgreSQL refuses that while
        # deferred foreign-key checks of these rows are pending, so check them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Payment.objects.filter(booking__isnull=False).update(trip=None)
    Booking.objects.filter(trip__from_plan=False).update(trip=None)
    Trip.objects.filter(from_plan=False).delete()


class Migration(migrations.Migration):
    dependencies = [("booking", "0014_trip_cancellation_email")]

    operations = [
        migrations.RemoveConstraint(model_name="payment", name="payment_for_booking_or_trip"),
        migrations.AddField(
            model_name="trip",
            name="from_plan",
            field=models.BooleanField(
                default=False,
                help_text="Its items are held, paid and changed together on the trip's pages.",
                verbose_name="checked out from a trip plan",
            ),
        ),
        migrations.RunPython(one_item_trips, back_to_bookings_alone),
    ]
