#!/usr/bin/env python
"""Search benchmark: the availability search on a year of slots and 200,000 booking lines.

Builds its own PostgreSQL database (dropped and created again), migrates it and seeds it fast:
pages with Page.add_child (search and reference indexing off), offers and prices with
bulk_create, slots, bookings and their lines with COPY. Then it times ~200 varied searches
(date or date range + people + area + kind, the SQL of one results page: its count and its
first twelve rows) and the search page itself through Django's test client, prints a table,
the EXPLAIN ANALYZE of the slowest kind of query, and writes bench/results/search.json.

    .venv/bin/python bench/search.py                 # seed and measure, a few minutes
    .venv/bin/python bench/search.py --skip-setup    # reuse the database of the last run
    .venv/bin/python bench/search.py --offers 500    # a smaller seed

See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as clock
from typing import Any

from harness import (
    DB_SERVER,
    percentile_rounded_index,
    recreate_database,
    setup_django,
    write_results,
)

DB_NAME = os.environ.get("BENCH_DB_NAME", "bench_search")
QUERY_TARGET_MS = 50
PAGE_TARGET_MS = 100
AREAS = 12
PARTNERS = 60
BOOKING_LINES = 200_000
DAYS = 365
SEED = 20260401
ROOM = {"name": "和室", "capacity": 2, "beds": "布団", "price_from": 9000, "description": ""}


# --- seeding -----------------------------------------------------------------------------------


def seed(offer_count: int) -> dict[str, float]:
    """Pages, offers, prices, a year of slots and the booking lines; returns timings (s)."""
    from django.core.management import call_command
    from django.test.utils import override_settings
    from wagtail.signal_handlers import disable_reference_index_auto_update

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    no_index = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    with override_settings(WAGTAILSEARCH_BACKENDS=no_index), disable_reference_index_auto_update():
        pages = seed_pages(offer_count)
    timings["pages"] = time.perf_counter() - started

    started = time.perf_counter()
    offers = seed_offers(pages)
    timings["offers"] = time.perf_counter() - started

    started = time.perf_counter()
    slot_count = copy_slots(offers)
    timings["slots"] = time.perf_counter() - started

    started = time.perf_counter()
    copy_bookings(offers)
    timings["bookings"] = time.perf_counter() - started

    timings["slot_rows"] = slot_count
    return timings


def seed_pages(offer_count: int) -> list[tuple[Any, str]]:
    """A home, areas, partners and `offer_count` listing pages; returns (page, kind) pairs."""
    from django.db import transaction
    from wagtail.models import Locale, Page, Site

    from core.models import SiteSettings
    from home.models import HomePage
    from workation.models import (
        Amenity,
        AreaIndexPage,
        AreaPage,
        ExperienceCategory,
        ExperiencePage,
        Language,
        OfficePage,
        PartnerIndexPage,
        PartnerPage,
        StayPage,
    )

    rng = random.Random(SEED)
    ja = Locale.objects.get_or_create(language_code="ja")[0]
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    with transaction.atomic():
        home = root.add_child(
            instance=HomePage(
                title="わかやまワーケーション",
                slug="bench-home",
                hero_title="海と森のあいだで働く",
                hero_lead="ベンチマーク",
                locale=ja,
            )
        )
        site = Site.objects.get(is_default_site=True)
        welcome = site.root_page
        site.root_page, site.hostname, site.port = home, "testserver", 80
        site.save()
        if welcome.pk != home.pk:
            welcome.delete()
        SiteSettings.objects.get_or_create(site=site, defaults={"organisation_name": "bench"})
        area_index = home.add_child(instance=AreaIndexPage(title="エリア", slug="areas"))
        areas = [
            area_index.add_child(
                instance=AreaPage(
                    title=f"エリア{i}",
                    slug=f"area-{i}",
                    lead="bench",
                    latitude="33.7",
                    longitude="135.4",
                )
            )
            for i in range(AREAS)
        ]
        partner_index = home.add_child(instance=PartnerIndexPage(title="パートナー", slug="p"))
        partners = [
            partner_index.add_child(
                instance=PartnerPage(
                    title=f"パートナー{i}",
                    slug=f"partner-{i}",
                    area=areas[i % AREAS],
                    description="<p>bench</p>",
                )
            )
            for i in range(PARTNERS)
        ]
        amenities = [Amenity.objects.create(name=f"設備{i}", locale=ja) for i in range(10)]
        languages = [
            Language.objects.get_or_create(code=code, defaults={"name": code})[0]
            for code in ("ja", "en", "zh")
        ]
        categories = [
            ExperienceCategory.objects.create(name=f"体験{i}", slug=f"cat-{i}", locale=ja)
            for i in range(6)
        ]
    made: list[tuple[Any, str]] = []
    kinds = ["desk"] * 4 + ["stay"] * 3 + ["experience"] * 3
    for start in range(0, offer_count, 250):
        with transaction.atomic():
            for i in range(start, min(start + 250, offer_count)):
                kind = kinds[i % len(kinds)]
                partner = partners[i % PARTNERS]
                common = {
                    "title": f"{kind}-{i}",
                    "slug": f"{kind}-{i}",
                    "area": areas[rng.randrange(AREAS)],
                    "listing_summary": "bench",
                }
                if kind == "desk":
                    page = OfficePage(**common)
                elif kind == "stay":
                    page = StayPage(
                        stay_type="ryokan",
                        check_in_from="15:00",
                        check_out_until="10:00",
                        room_types=[("room", ROOM)],
                        **common,
                    )
                else:
                    page = ExperiencePage(
                        duration_minutes=90,
                        meeting_point="bench",
                        category=rng.choice(categories),
                        **common,
                    )
                page = partner.add_child(instance=page)
                # ParentalManyToMany values stay in memory until committed.
                page.amenities.set(rng.sample(amenities, rng.randrange(0, 5)))
                page.languages.set(rng.sample(languages, rng.randrange(1, 3)))
                page.amenities.commit()
                page.languages.commit()
                made.append((page, kind))
    return made


def seed_offers(pages: list[tuple[Any, str]]) -> list[dict[str, Any]]:
    """One offer per listing page, with one to three price categories."""
    from booking.models import Offer, PartnerOrganisation, PriceCategory

    rng = random.Random(SEED + 1)
    organisations = PartnerOrganisation.objects.bulk_create(
        PartnerOrganisation(
            name=f"事業者{i}", contact_name="bench", email="b@example.jp", phone="0", address="x"
        )
        for i in range(PARTNERS)
    )
    units = {"desk": ["desk_day", "desk_half_day"], "stay": ["room_night"], "experience": []}
    offers = []
    for index, (page, kind) in enumerate(pages):
        unit = rng.choice(units[kind] or ["person_session"])
        offers.append(
            Offer(
                organisation=organisations[index % PARTNERS],
                page_id=page.pk,
                name=f"offer {index}",
                kind=kind,
                unit=unit,
                max_per_booking=10,
                lead_time_hours=rng.choice([0, 0, 0, 24, 48]),
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=1000)
    prices = []
    for offer in offers:
        base = rng.randrange(10, 300) * 100
        for n in range(rng.randrange(1, 4)):
            prices.append(
                PriceCategory(offer=offer, code=f"c{n}", name="大人", price=base + n * 1000)
            )
    PriceCategory.objects.bulk_create(prices, batch_size=5000)
    return [
        {"id": offer.pk, "kind": offer.kind, "unit": offer.unit, "page": offer.page_id}
        for offer in offers
    ]


def copy_slots(offers: list[dict[str, Any]]) -> int:
    """A year of slots per offer with COPY: sessions, nights, or desk mornings and afternoons."""
    from django.db import connection, transaction

    from booking.services.jst import at, today

    rng = random.Random(SEED + 2)
    first = today()

    count = 0
    columns = "offer_id, date, part, starts_at, ends_at, capacity, closed"
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY booking_slot ({columns}) FROM STDIN") as copy:
            for offer in offers:
                capacity = {"desk": rng.randrange(6, 30), "stay": rng.randrange(2, 10)}.get(
                    offer["kind"], rng.randrange(4, 16)
                )
                for offset in range(DAYS):
                    day = first + timedelta(days=offset)
                    closed = rng.random() < 0.03
                    if offer["kind"] == "desk":
                        parts = [("am", clock(9), clock(13)), ("pm", clock(13), clock(18))]
                        for part, begin, end in parts:
                            copy.write_row(
                                (
                                    offer["id"],
                                    day,
                                    part,
                                    at(day, begin),
                                    at(day, end),
                                    capacity,
                                    closed,
                                )
                            )
                            count += 1
                    elif offer["kind"] == "stay":
                        copy.write_row(
                            (
                                offer["id"],
                                day,
                                "",
                                at(day, clock(15)),
                                at(day + timedelta(days=1), clock(10)),
                                capacity,
                                closed,
                            )
                        )
                        count += 1
                    else:
                        copy.write_row(
                            (
                                offer["id"],
                                day,
                                "",
                                at(day, clock(10)),
                                at(day, clock(12)),
                                capacity,
                                closed,
                            )
                        )
                        count += 1
    return count


def copy_bookings(offers: list[dict[str, Any]]) -> None:
    """BOOKING_LINES bookings of one line each, crowded into the next three months."""
    from django.db import connection, transaction
    from django.utils import timezone

    from booking.services.jst import today

    rng = random.Random(SEED + 3)
    now = timezone.now()
    horizon = today() + timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, s.offer_id, s.date, s.capacity FROM booking_slot s "
            "WHERE s.date < %s ORDER BY s.id",
            [horizon],
        )
        slots = cursor.fetchall()
        cursor.execute("SELECT offer_id, MIN(id) FROM booking_pricecategory GROUP BY offer_id")
        category = dict(cursor.fetchall())
    statuses = ["confirmed"] * 16 + ["held", "awaiting_payment", "cancelled", "expired"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('booking_booking', 'id'))")
        first_id = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(pg_get_serial_sequence('booking_trip', 'id'))")
        first_trip = cursor.fetchone()[0]
        with cursor.cursor.copy(  # every booking is in a trip: one-item trips, as booked alone
            "COPY booking_trip (id, reference, language, invoice_name, from_plan, created_at, "
            "updated_at) FROM STDIN"
        ) as copy:
            for n in range(BOOKING_LINES):
                copy.write_row((first_trip + n, f"T{n:09d}", "ja", "", False, now, now))
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('booking_trip', 'id'), %s)",
            [first_trip + BOOKING_LINES],
        )
        with cursor.cursor.copy(
            "COPY booking_booking (id, reference, offer_id, trip_id, status, hold_expires_at, "
            "language, guest_name, guest_name_kana, guest_email, guest_phone, guest_notes, "
            "service_date, total, created_at, updated_at) FROM STDIN"
        ) as copy:
            lines = []
            for n in range(BOOKING_LINES):
                slot_id, offer_id, day, capacity = slots[rng.randrange(len(slots))]
                status = rng.choice(statuses)
                expires = now + timedelta(minutes=rng.choice([-30, 30]))
                booking_id = first_id + n
                copy.write_row(
                    (
                        booking_id,
                        f"B{n:09d}",
                        offer_id,
                        first_trip + n,
                        status,
                        expires,
                        "ja",
                        "bench",
                        "",
                        "",
                        "",
                        "",
                        day,
                        0,
                        now,
                        now,
                    )
                )
                lines.append((booking_id, slot_id, category[offer_id], rng.randrange(1, 4), 0))
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('booking_booking', 'id'), %s)",
            [first_id + BOOKING_LINES],
        )
        with cursor.cursor.copy(
            "COPY booking_bookingline (booking_id, slot_id, price_category_id, quantity, "
            "unit_price) FROM STDIN"
        ) as copy:
            for row in lines:
                copy.write_row(row)


# --- measuring ---------------------------------------------------------------------------------


def line(name: str, values: list[float]) -> str:
    """One row of the table: count, p50, p95 and max in ms."""
    return (
        f"  {name:<38} {len(values):>4} {percentile_rounded_index(values, 0.5):>8.1f} "
        f"{percentile_rounded_index(values, 0.95):>8.1f} {max(values):>8.1f}"
    )


def random_queries(count: int) -> list[dict[str, Any]]:
    """Varied searches: a date or a range in the next four months, people, area and kind."""
    from booking.services.jst import today

    rng = random.Random(SEED + 4)
    first = today()
    queries = []
    for n in range(count):
        start = first + timedelta(days=rng.randrange(1, 120))
        length = rng.choice([0, 0, 1, 2, 3, 6])
        params: dict[str, Any] = {
            "kind": ["desk", "stay", "experience", ""][n % 4],
            "area": f"area-{rng.randrange(AREAS)}",
            "people": rng.randrange(1, 5),
        }
        if length:
            params.update(
                date_from=start.isoformat(), date_to=(start + timedelta(length)).isoformat()
            )
        else:
            params["date"] = start.isoformat()
        if params["kind"] == "stay":
            params["rooms"] = rng.randrange(1, 3)
            if not length:
                params.pop("date")
                params.update(
                    date_from=start.isoformat(), date_to=(start + timedelta(days=2)).isoformat()
                )
        queries.append({key: value for key, value in params.items() if value != ""})
    return queries


def time_queries(queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SQL of one results page (every match in order, twelve offers, their cards' data)."""
    from django.db import connection, reset_queries
    from django.test import RequestFactory
    from django.utils import translation

    from workation.search import queries as search
    from workation.search.filters import OfferFilter

    factory = RequestFactory()
    rows = []
    with translation.override("ja"):
        for params in queries:
            request = factory.get("/ja/search/", params)
            filterset = OfferFilter(request.GET, request=request)
            assert filterset.is_valid(), filterset.errors
            queryset = filterset.qs
            reset_queries()
            started = time.perf_counter()
            found = search.matches(queryset)  # as the view does: the search runs once
            total = len(found)
            page = search.offers_of(found[:12])
            cards = search.cards(page, filterset.criteria, filterset.locale, filterset.now)
            elapsed = (time.perf_counter() - started) * 1000
            rows.append(
                {
                    "params": params,
                    "ms": elapsed,
                    "db_ms": sum(float(q["time"]) for q in connection.queries) * 1000,
                    "results": total,
                    "cards": len(cards),
                    "queries": len(connection.queries),
                    "type": _query_type(params),
                }
            )
    return rows


def _query_type(params: dict[str, Any]) -> str:
    kind = params.get("kind", "any")
    return f"{kind}, {'range' if 'date_to' in params else 'one date'}"


def time_pages(queries: list[dict[str, Any]]) -> list[float]:
    """The search page through the test client (HTML, first page of results), in ms."""
    from django.test import Client

    client = Client()
    client.get("/ja/search/")
    timings = []
    for params in queries:
        started = time.perf_counter()
        response = client.get("/ja/search/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert b"error-summary" not in response.content, params
    return timings


def explain(params: dict[str, Any]) -> str:
    """EXPLAIN ANALYZE of one results page's row query."""
    from django.db import connection
    from django.test import RequestFactory
    from django.utils import translation

    from workation.search.filters import OfferFilter

    with translation.override("ja"):
        request = RequestFactory().get("/ja/search/", params)
        filterset = OfferFilter(request.GET, request=request)
        filterset.is_valid()
        sql, sql_params = filterset.qs[:12].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", sql_params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _setting(name: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-setup", action="store_true", help="reuse the last database")
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    timings: dict[str, float] = {}
    if not args.skip_setup:
        recreate_database(DB_NAME)
    # The test settings in this process (DEBUG is switched on below to count queries), unless
    # DJANGO_SETTINGS_MODULE says otherwise.
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.test")
    setup_django(
        {"DATABASE_URL": f"{DB_SERVER}/{DB_NAME}", "DJANGO_SETTINGS_MODULE": settings_module}
    )
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = True  # count queries (connection.queries)
    settings.ALLOWED_HOSTS = ["testserver"]
    if not args.skip_setup:
        started = time.perf_counter()
        timings = seed(args.offers)
        timings["total"] = time.perf_counter() - started
        connection.cursor().execute("ANALYZE")
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the models may have moved on since

    with connection.cursor() as cursor:
        counts = {}
        for table in ("booking_offer", "booking_slot", "booking_booking", "booking_bookingline"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]

    queries = random_queries(args.queries)
    time_queries(queries[:20])  # warm up
    rows = time_queries(queries)
    settings.DEBUG = False
    time_pages(queries[:20])  # warm up
    page_ms = time_pages(queries)

    by_type: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row["ms"])
    query_ms = [row["ms"] for row in rows]
    db_ms = [row["db_ms"] for row in rows]
    slowest_type = max(by_type, key=lambda name: percentile_rounded_index(by_type[name], 0.95))
    slowest = max((row for row in rows if row["type"] == slowest_type), key=lambda r: r["ms"])

    print(f"\nPostgreSQL database {DB_NAME}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    if timings:
        print(
            "Seeding (s): "
            + ", ".join(f"{k} {v:.1f}" for k, v in timings.items() if k != "slot_rows")
        )
    print(f"PostgreSQL jit = {_setting('jit')}")
    header = f"{'search (SQL of one results page)':<40} {'n':>4}"
    print(f"\n{header} {'p50 ms':>8} {'p95 ms':>8} {'max':>8}")
    for name in sorted(by_type):
        print(line(name, by_type[name]))
    q50, q95 = percentile_rounded_index(query_ms, 0.5), percentile_rounded_index(query_ms, 0.95)
    p50, p95 = percentile_rounded_index(page_ms, 0.5), percentile_rounded_index(page_ms, 0.95)
    queries_per_page = sorted({row["queries"] for row in rows})
    print(line("all searches (ORM + SQL)", query_ms))
    print(line("all searches, time in PostgreSQL", db_ms))
    print(line("search page (test client, HTML)", page_ms))
    print(f"\nSQL queries per results page (matches, offers, cards): {queries_per_page}")
    print(f"Mean results per search: {statistics.mean(r['results'] for r in rows):.1f}")
    d50, d95 = percentile_rounded_index(db_ms, 0.5), percentile_rounded_index(db_ms, 0.95)
    verdict_q = "OK" if q95 <= QUERY_TARGET_MS else "OVER"
    verdict_p = "OK" if p95 <= PAGE_TARGET_MS else "OVER"
    print(f"Targets: search p95 <= {QUERY_TARGET_MS} ms: {verdict_q}; ", end="")
    print(f"page p95 <= {PAGE_TARGET_MS} ms: {verdict_p}")
    plan = explain(slowest["params"])
    print(
        f"\nEXPLAIN ANALYZE of the slowest query type ({slowest_type}): {slowest['params']}\n{plan}"
    )

    result = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "database": DB_NAME,
        "rows": counts,
        "seed_seconds": timings,
        "search_ms": {"p50": q50, "p95": q95, "max": max(query_ms), "n": len(query_ms)},
        "search_sql_ms": {"p50": d50, "p95": d95, "max": max(db_ms), "n": len(db_ms)},
        "jit": _setting("jit"),
        "search_ms_by_type": {
            name: {
                "p50": percentile_rounded_index(v, 0.5),
                "p95": percentile_rounded_index(v, 0.95),
                "n": len(v),
            }
            for name, v in by_type.items()
        },
        "page_ms": {"p50": p50, "p95": p95, "max": max(page_ms), "n": len(page_ms)},
        "queries_per_results_page": queries_per_page,
        "targets": {"search_p95_ms": QUERY_TARGET_MS, "page_p95_ms": PAGE_TARGET_MS},
        "slowest": {"type": slowest_type, "params": slowest["params"], "plan": plan.splitlines()},
    }
    print(f"\nWrote {write_results('search', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
