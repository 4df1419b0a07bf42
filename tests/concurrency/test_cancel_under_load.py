"""A booking cancelled by several requests at once (double clicks, two tabs) is cancelled once
and its refund is owed once, on SQLite and on PostgreSQL, with real threads and connections."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from booking.models import Booking
from booking.services.cancellation import cancel_by_guest
from tests.booking.account_factories import make_booking

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_cancellations_cancel_once_and_owe_one_refund():
    booking = make_booking()
    copies = [Booking.objects.select_related("offer").get(pk=booking.pk) for _ in range(6)]
    barrier = threading.Barrier(len(copies))
    now = timezone.now()

    def cancel(copy: Booking) -> tuple[bool, int]:
        try:
            barrier.wait()
            result = cancel_by_guest(copy, now)
            return result.cancelled, result.refund_amount
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(copies)) as pool:
        results = list(pool.map(cancel, copies))

    assert sorted(results, reverse=True) == [(True, booking.total)] + [(False, 0)] * 5
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
