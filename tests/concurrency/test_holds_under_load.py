"""Capacity is never exceeded under concurrent holds, on whichever database the suite runs on
(SQLite by default, PostgreSQL when DATABASE_URL points at it), with real threads and
separate connections. The control run first proves the race exists without the lock."""

import threading
import time as clock
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone, translation

from booking.models import Booking, BookingLine, Offer, Slot
from booking.services import holds
from booking.services.holds import Busy, HoldError, HoldItem, SoldOut, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs: list[Callable[[], object]]) -> Counter:
    """Start every job at once on its own thread and connection; count how each ended."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], object]) -> str:
        try:
            barrier.wait()
            job()
            return "held"
        except SoldOut:
            return "sold_out"
        except Busy:
            return "busy"
        except HoldError as exc:
            return f"refused: {exc.message}"
        except Exception as exc:  # noqa: BLE001 - any other ending is the failure we count
            return f"error: {type(exc).__name__}: {exc}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return Counter(pool.map(run, jobs))


def experience_with_slot(capacity: int) -> tuple[Offer, Slot, int]:
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer)
    slot = make_slot(offer, today() + timedelta(days=7), capacity=capacity)
    return offer, slot, category.pk


def held_units(slot: Slot) -> int:
    return sum(
        BookingLine.objects.filter(slot=slot, booking__status=Booking.Status.HELD).values_list(
            "quantity", flat=True
        )
    )


def test_without_the_lock_two_guests_both_take_the_last_place(settings, monkeypatch):
    """Control run: with locking switched off and a pause after counting, capacity 1 is sold
    twice. If this ever stops failing the capacity, the locked tests below prove nothing."""
    settings.BOOKING_HOLD_LOCKING = False
    monkeypatch.setattr(holds, "after_count", lambda: clock.sleep(0.3))
    offer, slot, category_id = experience_with_slot(capacity=1)
    item = HoldItem(slot_ids=(slot.pk,), category_id=category_id, quantity=1)

    outcomes = run_together([lambda: create_hold(offer, [item])] * 2)

    assert outcomes == Counter({"held": 2})
    assert held_units(slot) == 2 > slot.capacity


def test_twenty_guests_racing_for_five_places_get_exactly_five_holds(monkeypatch):
    monkeypatch.setattr(holds, "after_count", lambda: clock.sleep(0.01))
    offer, slot, category_id = experience_with_slot(capacity=5)
    item = HoldItem(slot_ids=(slot.pk,), category_id=category_id, quantity=1)

    outcomes = run_together([lambda: create_hold(offer, [item])] * 20)

    assert outcomes["held"] == 5
    assert outcomes["sold_out"] + outcomes["busy"] == 15, outcomes
    assert sum(outcomes.values()) == 20, outcomes
    assert held_units(slot) == 5


def test_overlapping_stays_requested_in_opposite_orders_never_deadlock():
    offer = OfferFactory(kind=Offer.Kind.STAY, unit=Offer.Unit.ROOM_NIGHT, max_per_booking=4)
    room = PriceCategoryFactory(offer=offer, code="room", price=12000)
    for round_number in range(5):
        first = today() + timedelta(days=10 + round_number * 5)
        nights = make_nights(offer, first, 3, capacity=1)
        forward = [HoldItem((n.pk,), room.pk, 1) for n in nights]
        backward = list(reversed(forward))
        overlapping = [HoldItem((n.pk,), room.pk, 1) for n in reversed(nights[1:])]

        outcomes = run_together(
            [
                lambda items=forward: create_hold(offer, items),
                lambda items=backward: create_hold(offer, items),
                lambda items=overlapping: create_hold(offer, items),
            ]
        )

        assert outcomes["held"] == 1, outcomes
        assert outcomes["sold_out"] + outcomes["busy"] == 2, outcomes
        winner = Booking.objects.get(lines__slot=nights[1])
        assert [held_units(night) for night in nights] == [
            1 if winner.lines.filter(slot=night).exists() else 0 for night in nights
        ]
        assert all(held_units(night) <= night.capacity for night in nights)


def test_a_lock_held_elsewhere_gives_busy_and_writes_nothing(settings):
    settings.BOOKING_LOCK_TIMEOUT_MS = 300
    offer, slot, category_id = experience_with_slot(capacity=5)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        try:
            with transaction.atomic():
                # PostgreSQL: a row lock on the slot; SQLite: the write lock taken at BEGIN.
                Slot.objects.select_for_update().filter(pk=slot.pk).update(capacity=5)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises(Busy) as refused, translation.override("en"):
            create_hold(offer, [HoldItem((slot.pk,), category_id, 1)])
    finally:
        release.set()
        holder.join()

    assert refused.value.status == 409
    assert "try again" in refused.value.message
    assert not Booking.objects.exists()
    assert not BookingLine.objects.exists()


def test_an_expired_hold_never_blocks_the_next_guest_with_no_sweep():
    offer, slot, category_id = experience_with_slot(capacity=1)
    item = HoldItem((slot.pk,), category_id, 1)
    long_ago = timezone.now() - holds.hold_duration() - timedelta(seconds=1)
    stale = create_hold(offer, [item], now=long_ago)
    assert stale.status == Booking.Status.HELD  # nothing swept it

    fresh = create_hold(offer, [item])

    assert fresh.hold_is_live()
    assert not stale.hold_is_live()
    with pytest.raises(SoldOut):
        create_hold(offer, [item])
