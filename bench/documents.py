#!/usr/bin/env python
"""Documents benchmark: how many receipts (qualified invoices: PDF + JP PINT XML, numbered,
hashed and stored) are issued per second for trips of six items at six partners, and what one
trip's issuing costs in SQL.

Builds its own PostgreSQL database (dropped and created again), migrates it and creates, with
the ORM, six partners (an inn, an office, a farm, a trail guide, a kitchen, a boat) with one
session per day for `--trips` days; then holds one six-item trip per day
(`booking.services.trips.hold_trip`), confirms it and records its payment as paid, as the
payment path does. Then, through `booking.services.documents.issue_for_payment` (what the
`issue_documents` task runs):

1. SQL for one trip's six receipts (CaptureQueriesContext);
2. one process, trips one after another: documents/s;
3. `--processes` processes at once (like a Celery worker with that concurrency), each taking
   its own trips: documents/s, and every number unique and without gaps per seller;
4. the trip pack (ZIP with index) of a trip: packs/s.

    .venv/bin/python bench/documents.py            # about a minute

Writes bench/results/documents.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Any

from harness import RESULTS, ROOT, base_env, manage, recreate_database, setup_django

DB_NAME = "bench_documents"
GOAL = 20  # documents/s for trips of six items on this machine (issue 17)
PARTNERS = [
    ("白浜温泉の宿", "stay", "room_night", "room", 12000),
    ("南紀白浜コワーキング", "desk", "desk_day", "day", 2200),
    ("みかん農園", "experience", "person_session", "adult", 5500),
    ("熊野古道ガイド", "experience", "person_session", "adult", 8800),
    ("梅干し作り体験", "experience", "person_session", "adult", 3300),
    ("田辺湾クルーズ", "experience", "person_session", "adult", 4400),
]


def build(trips: int) -> list[int]:
    """Six partners with a session a day, and one paid six-item trip a day; the payments."""
    from django.utils import timezone
    from wagtail.models import Page

    from booking.models import Booking, Offer, PartnerOrganisation, Payment, PriceCategory, Slot
    from booking.services.holds import HoldItem, HoldRequest
    from booking.services.jst import at, today
    from booking.services.trips import hold_trip

    root = Page.get_first_root_node()
    offers = []
    for number, (name, kind, unit, code, price) in enumerate(PARTNERS, start=1):
        organisation = PartnerOrganisation.objects.create(
            name=name,
            contact_name="山田",
            email=f"p{number}@example.jp",
            phone="0",
            address="和歌山県西牟婁郡白浜町",
            invoice_registration_number=f"T{number:013d}",
        )
        offer = Offer.objects.create(
            organisation=organisation, page=root, name=name, kind=kind, unit=unit
        )
        category = PriceCategory.objects.create(offer=offer, code=code, name=code, price=price)
        offers.append((offer, category.pk))
    first = today() + timedelta(days=3)
    payment_ids = []
    now = timezone.now()
    for offset in range(trips):
        day = first + timedelta(days=offset)
        requests = []
        for offer, category in offers:
            slot = Slot.objects.create(
                offer=offer,
                date=day,
                starts_at=at(day, clock_time(9)),
                ends_at=at(day, clock_time(17)),
                capacity=10,
            )
            requests.append(HoldRequest(offer, [HoldItem((slot.pk,), category, 2)]))
        held = hold_trip(requests)
        trip = held.trip
        trip.from_plan = True
        trip.invoice_name = "株式会社ベンチマーク 総務部"
        trip.save()
        Booking.objects.filter(trip=trip).update(
            status=Booking.Status.CONFIRMED, confirmed_at=now, guest_name="山田 太郎"
        )
        payment = Payment.objects.create(
            trip=trip,
            checkout_session_id=f"cs_bench_{offset}",
            checkout_url="https://checkout.example/",
            amount=sum(b.total for b in trip.bookings.all()),
            status=Payment.Status.PAID,
            expires_at=now,
            paid_at=now,
        )
        payment_ids.append(payment.pk)
    return payment_ids


def sql_per_trip(payment_id: int) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from booking.services.documents import issue_for_payment

    with CaptureQueriesContext(connection) as captured:
        issued = issue_for_payment(payment_id)
    return len(captured), len(issued)


def issue_all(payment_ids: list[int]) -> int:
    """Issue the receipts of these payments in this process; how many were issued."""
    from django.db import connection

    from booking.services.documents import issue_for_payment

    try:
        return sum(len(issue_for_payment(pk)) for pk in payment_ids)
    finally:
        connection.close()


def _worker(env: dict[str, str], payment_ids: list[int], ready) -> tuple[int, float, float]:
    """A process like a Celery worker's: set up (Django, WeasyPrint) before the clock starts,
    then issuing its trips; its count and the wall-clock times it started and ended."""
    setup_django(env)
    from booking.services.documents import _weasyprint_html

    _weasyprint_html()
    ready.wait()
    started = time.time()
    issued = issue_all(payment_ids)
    return issued, started, time.time()


def in_processes(env: dict[str, str], payment_ids: list[int], processes: int) -> dict[str, Any]:
    """Each process issues its share; documents/s from the first start to the last end."""
    shares = [payment_ids[n::processes] for n in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        ready = manager.Barrier(processes)
        with context.Pool(processes) as pool:
            results = pool.starmap(_worker, [(env, share, ready) for share in shares])
    elapsed = max(end for _n, _s, end in results) - min(start for _n, start, _e in results)
    issued = sum(n for n, _s, _e in results)
    return {
        "processes": processes,
        "trips": len(payment_ids),
        "documents": issued,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(issued / elapsed, 1),
    }


def one_process(payment_ids: list[int]) -> dict[str, Any]:
    started = time.monotonic()
    issued = issue_all(payment_ids)
    elapsed = time.monotonic() - started
    return {
        "processes": 1,
        "trips": len(payment_ids),
        "documents": issued,
        "seconds": round(elapsed, 2),
        "documents_per_s": round(issued / elapsed, 1),
    }


def numbers_without_gaps() -> bool:
    from booking.models import Document

    by_seller: dict[int, list[int]] = defaultdict(list)
    for organisation_id, number in Document.objects.values_list("organisation_id", "number"):
        by_seller[organisation_id].append(int(number.rsplit("-", 1)[1]))
    return all(sorted(n) == list(range(1, len(n) + 1)) for n in by_seller.values())


def packs(rounds: int) -> dict[str, Any]:
    from booking.models import Trip
    from booking.services.document_packs import trip_pack

    trips = list(Trip.objects.filter(documents__isnull=False).distinct()[:rounds])
    started = time.monotonic()
    sizes = [len(trip_pack(trip, "ja")) for trip in trips]
    elapsed = time.monotonic() - started
    return {
        "packs": len(trips),
        "packs_per_s": round(len(trips) / elapsed, 1),
        "kb_median": round(sorted(sizes)[len(sizes) // 2] / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trips", type=int, default=60)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    env = base_env(8000, "", DB_NAME, media_root=ROOT / "var" / "bench-media-documents")
    print(f"database {DB_NAME}: drop, create, migrate…", flush=True)
    recreate_database(DB_NAME)
    manage(env, "migrate", "--noinput")
    setup_django(env)
    payment_ids = build(args.trips)
    print(f"{args.trips} paid trips of six items at six partners", flush=True)

    statements, first_issued = sql_per_trip(payment_ids[0])
    half = len(payment_ids[1:]) // 3
    alone = one_process(payment_ids[1 : 1 + half])
    together = in_processes(env, payment_ids[1 + half :], args.processes)
    packed = packs(10)
    result = {
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "sql_per_trip_of_six": statements,
        "documents_per_trip": first_issued,
        "one_process": alone,
        "in_processes": together,
        "trip_packs": packed,
        "numbers_unique_without_gaps": numbers_without_gaps(),
        "goal_documents_per_s": GOAL,
        "goal_met": together["documents_per_s"] >= GOAL,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "documents.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    complete = together["documents"] == 6 * together["trips"] and first_issued == 6
    return 0 if complete and result["numbers_unique_without_gaps"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
