#!/usr/bin/env python
"""Trip benchmark: how many 3-item trips (a night at an inn, a desk day at an office, a place
on a farm experience: three partners) are held per second, alone and against each other, and
what one costs in SQL.

Builds its own PostgreSQL database (dropped and created again), migrates it and creates, with
the ORM, an inn, an office and a farm with one night, one desk day (two half-day slots) and one
session per day for `--days` days, plenty of capacity. Then, in this process, through
`booking.services.trips.hold_trip` (the service the trip checkout calls):

1. SQL per trip: the statements of one trip of three items (CaptureQueriesContext);
2. uncontended: `--threads` threads, each holding trips on its own days (no two trips wait for
   the same row), for `--seconds`; trips/s;
3. contended: rounds of 8 threads racing, in four different item orders, for the last room and
   the last desk of a day: each round exactly one trip held, the others sold out (or busy), no
   deadlock or other error; trips/s over the rounds and the time a round takes;
4. released: every trip held is then released (its bookings expired, as the sweep does) and the
   places counted free again.

    .venv/bin/python bench/trips.py                   # about half a minute

Writes bench/results/trips.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Any

from harness import RESULTS, base_env, manage, recreate_database, setup_django

DB_NAME = "bench_trips"
GOAL = 50  # trips/s uncontended on this machine (issue 16)


def build(days: int) -> dict[str, Any]:
    """The three offers and, per day, the requests a trip makes of them."""
    from wagtail.models import Page

    from booking.models import Offer, PartnerOrganisation, PriceCategory, Slot
    from booking.services.holds import HoldItem, HoldRequest
    from booking.services.jst import at, today

    root = Page.get_first_root_node()

    def offer(name: str, kind: str, unit: str, code: str, price: int) -> tuple[Offer, int]:
        organisation = PartnerOrganisation.objects.create(
            name=name, contact_name="山田", email=f"{code}@example.jp", phone="0", address="和歌山"
        )
        made = Offer.objects.create(
            organisation=organisation, page=root, name=name, kind=kind, unit=unit
        )
        return made, PriceCategory.objects.create(offer=made, code=code, name=code, price=price).pk

    inn, room = offer("宿", Offer.Kind.STAY, Offer.Unit.ROOM_NIGHT, "room", 12000)
    office, desk = offer("オフィス", Offer.Kind.DESK, Offer.Unit.DESK_DAY, "day", 2200)
    farm, adult = offer("農園", Offer.Kind.EXPERIENCE, Offer.Unit.PERSON_SESSION, "adult", 5500)
    first = today() + timedelta(days=3)
    per_day = []
    for offset in range(days):
        day = first + timedelta(days=offset)

        def slot(of: Offer, start: int, end: int, capacity: int, part: str = "", day=day) -> int:
            ends = day + timedelta(days=1) if end <= start else day
            return Slot.objects.create(
                offer=of,
                date=day,
                part=part,
                starts_at=at(day, clock_time(start)),
                ends_at=at(ends, clock_time(end)),
                capacity=capacity,
            ).pk

        night = slot(inn, 15, 10, 1000)
        am, pm = slot(office, 9, 13, 1000, "am"), slot(office, 13, 18, 1000, "pm")
        session = slot(farm, 7, 8, 1000)
        per_day.append(
            [
                HoldRequest(inn, [HoldItem((night,), room, 1)]),
                HoldRequest(office, [HoldItem((am, pm), desk, 1)]),
                HoldRequest(farm, [HoldItem((session,), adult, 1)]),
            ]
        )
    return {"per_day": per_day, "offers": (inn, office, farm), "ids": (room, desk, adult)}


def sql_per_trip(requests: list) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from booking.services.trips import hold_trip

    with CaptureQueriesContext(connection) as captured:
        hold_trip(requests)
    return len(captured)


def uncontended(per_day: list, threads: int, seconds: float) -> dict[str, Any]:
    """Each thread holds trips on its own days, one after another, until time is up."""
    from django.db import connection

    from booking.services.trips import hold_trip

    counts = Counter()
    deadline = time.monotonic() + seconds

    def run(number: int) -> None:
        mine = per_day[number::threads]
        index = 0
        try:
            while time.monotonic() < deadline:
                hold_trip(mine[index % len(mine)])
                counts["held"] += 1
                index += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported, not hidden
            counts[f"error: {type(exc).__name__}"] += 1
        finally:
            connection.close()

    started = time.monotonic()
    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    return {
        "threads": threads,
        "seconds": round(elapsed, 2),
        "trips": counts["held"],
        "trips_per_s": round(counts["held"] / elapsed, 1),
        "errors": {k: v for k, v in counts.items() if k != "held"},
    }


def contended(rounds: int) -> dict[str, Any]:
    """Rounds of 8 trips racing for one last room and one last desk, in four item orders."""
    from django.db import connection

    from booking.models import Offer, PriceCategory, Slot
    from booking.services.holds import Busy, HoldItem, HoldRequest, ItemRefused, SoldOut
    from booking.services.jst import at, today
    from booking.services.trips import hold_trip

    inn = Offer.objects.get(kind=Offer.Kind.STAY)
    office = Offer.objects.get(kind=Offer.Kind.DESK)
    room = PriceCategory.objects.get(offer=inn).pk
    desk = PriceCategory.objects.get(offer=office).pk
    outcomes: Counter = Counter()
    round_times = []
    for number in range(rounds):
        day = today() + timedelta(days=400 + number)
        night = Slot.objects.create(
            offer=inn,
            date=day,
            starts_at=at(day, clock_time(15)),
            ends_at=at(day + timedelta(days=1), clock_time(10)),
            capacity=1,
        ).pk
        halves = [
            Slot.objects.create(
                offer=office,
                date=day,
                part=part,
                starts_at=at(day, clock_time(start)),
                ends_at=at(day, clock_time(end)),
                capacity=1,
            ).pk
            for part, start, end in (("am", 9, 13), ("pm", 13, 18))
        ]
        room_request = HoldRequest(inn, [HoldItem((night,), room, 1)])
        desk_request = HoldRequest(office, [HoldItem(tuple(halves), desk, 1)])
        orders = [[room_request, desk_request], [desk_request, room_request]] * 4
        barrier = threading.Barrier(len(orders))

        def race(requests: list, barrier: threading.Barrier = barrier) -> None:
            try:
                barrier.wait()
                hold_trip(requests)
                outcomes["held"] += 1
            except ItemRefused as refused:
                kind = "sold_out" if isinstance(refused.refused, SoldOut) else "refused"
                outcomes[kind] += 1
            except Busy:
                outcomes["busy"] += 1
            except Exception as exc:  # noqa: BLE001 - a deadlock would land here
                outcomes[f"error: {type(exc).__name__}"] += 1
            finally:
                connection.close()

        started = time.monotonic()
        workers = [threading.Thread(target=race, args=(order,)) for order in orders]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        round_times.append(time.monotonic() - started)
    trips = sum(outcomes.values())
    return {
        "rounds": rounds,
        "trips_per_round": 8,
        "outcomes": dict(outcomes),
        "exactly_one_per_round": outcomes["held"] == rounds,
        "trips_per_s": round(trips / sum(round_times), 1),
        "round_ms_median": round(sorted(round_times)[len(round_times) // 2] * 1000, 1),
    }


def release_all() -> dict[str, Any]:
    """Expire every held booking (what the sweep does when holds run out) and check that the
    places are free again."""
    from django.utils import timezone

    from booking.models import Booking, Slot
    from booking.services import availability

    started = time.monotonic()
    released = Booking.objects.filter(status=Booking.Status.HELD).update(
        status=Booking.Status.EXPIRED
    )
    elapsed = time.monotonic() - started
    slots = list(Slot.objects.all())
    free = availability.free_capacity(slots, timezone.now())
    return {
        "bookings_released": released,
        "seconds": round(elapsed, 3),
        "all_places_free": all(free[slot.pk] == slot.capacity for slot in slots),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=300)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    env = base_env(8000, "", DB_NAME)
    print(f"database {DB_NAME}: drop, create, migrate…", flush=True)
    recreate_database(DB_NAME)
    manage(env, "migrate", "--noinput")
    setup_django(env)
    data = build(args.days)
    print(f"{args.days} days of a night, a desk day and a session at three partners", flush=True)

    statements = sql_per_trip(data["per_day"][0])
    alone = uncontended(data["per_day"][1:], args.threads, args.seconds)
    single = uncontended(data["per_day"][1:], 1, args.seconds / 2)
    against = contended(args.rounds)
    released = release_all()

    result = {
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "sql_per_trip_of_three": statements,
        "uncontended": alone,
        "uncontended_one_thread": single,
        "contended": against,
        "released": released,
        "goal_trips_per_s": GOAL,
        "goal_met": alone["trips_per_s"] >= GOAL,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "trips.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    ok = (
        not alone["errors"]
        and against["exactly_one_per_round"]
        and not [k for k in against["outcomes"] if k.startswith("error")]
        and released["all_places_free"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
