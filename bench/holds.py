#!/usr/bin/env python
"""Hold benchmark: how many holds per second the booking form takes, and whether a contended
slot ever oversells.

Builds its own PostgreSQL database (dropped and created again), migrates it and creates, with
the ORM, one experience offer with 2,000 future slots of capacity 1,000 (the uncontended run)
and one offer with a single slot of capacity 20 (the contended run). Counts the SQL of one hold
in-process (Django's test client, CaptureQueriesContext), then serves the site with gunicorn on
127.0.0.1 (2 sync workers, production settings, DEBUG off) and measures:

1. /livez with wrk: the ceiling, a view that does nothing;
2. uncontended holds for 10 s with wrk and a Lua script: each POST (CSRF cookie and token
   fetched once beforehand) takes 1 place on the next slot of the list, so no two requests in a
   row wait for the same row lock; 302 is a hold, anything else is counted;
3. contended holds: exactly 200 POSTs from 50 concurrent clients (Python threads, one CSRF
   pair each) on the one slot of capacity 20: exactly 20 holds (counted in the database after),
   every other answer a clean 409 "sold out", no 5xx, no connection error.

CPU per hold is read from /proc: the gunicorn workers' and their PostgreSQL backends' CPU time
before and after the uncontended run, divided by the holds taken.

    .venv/bin/python bench/holds.py                  # everything, about a minute or two
    .venv/bin/python bench/holds.py --sql            # also print the SQL of one hold

Writes bench/results/holds.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from harness import (
    DB_SERVER,
    RESULTS,
    SOLD_OUT,
    TICKS,
    base_env,
    error_message,
    flush_redis,
    free_port,
    gunicorn,
    machine_cpu,
    manage,
    percentile_nearest_rank,
    proc_stat,
    recreate_database,
    redis_is_up,
    run_wrk,
    setup_django,
    wait_for_quiet,
    write_results,
    wrk_ms,
)

DB_NAME = os.environ.get("BENCH_HOLDS_DB_NAME", "bench_holds")
REDIS_URL = os.environ.get("BENCH_HOLDS_REDIS_URL", "redis://127.0.0.1:6379/6")
HOLDS_TARGET = 150  # holds per second, uncontended
SLOTS_PER_DAY = 10  # 08:00 to 17:00, one hour each
PRETIX = {
    "places_per_s": 34,
    "ratio_to_bare_view": 0.03,
    "sql_per_reservation": 31,
    "cpu_ms_per_reservation": 50,
}


# --- the database --------------------------------------------------------------------------------


def create_offers(slot_count: int, contended_capacity: int) -> dict[str, Any]:
    """An experience offer with `slot_count` slots of capacity 1,000 from tomorrow on, and one
    with a single slot of `contended_capacity`, both on the tree's root page."""
    from wagtail.models import Page

    from booking.models import Offer, PartnerOrganisation, PriceCategory, Slot
    from booking.services.jst import at, today

    root = Page.get_first_root_node()
    organisation = PartnerOrganisation.objects.create(
        name="ベンチ農園",
        contact_name="山田 花子",
        email="bench@example.jp",
        phone="0739-00-0000",
        address="和歌山県西牟婁郡白浜町1-1",
    )

    def offer(name: str) -> tuple[Offer, PriceCategory]:
        made = Offer.objects.create(
            organisation=organisation,
            page=root,
            name=name,
            name_en=name,
            kind=Offer.Kind.EXPERIENCE,
            unit=Offer.Unit.PERSON_SESSION,
            min_per_booking=1,
            max_per_booking=20,
        )
        category = PriceCategory.objects.create(
            offer=made, code="adult", name="大人", name_en="Adult", price=5500
        )
        return made, category

    first = today() + timedelta(days=1)
    open_offer, open_category = offer("梅しごと体験 (bench)")
    slots = []
    for number in range(slot_count):
        day = first + timedelta(days=number // SLOTS_PER_DAY)
        hour = 8 + number % SLOTS_PER_DAY
        slots.append(
            Slot(
                offer=open_offer,
                date=day,
                starts_at=at(day, datetime.min.time().replace(hour=hour)),
                ends_at=at(day, datetime.min.time().replace(hour=hour + 1)),
                capacity=1000,
            )
        )
    Slot.objects.bulk_create(slots, batch_size=1000)
    busy_offer, busy_category = offer("人気の体験 (bench)")
    busy_slot = Slot.objects.create(
        offer=busy_offer,
        date=first,
        starts_at=at(first, datetime.min.time().replace(hour=10)),
        ends_at=at(first, datetime.min.time().replace(hour=12)),
        capacity=contended_capacity,
    )
    return {
        "open": {
            "offer": open_offer.pk,
            "category": open_category.pk,
            "slots": [
                (slot.pk, slot.date.isoformat())
                for slot in Slot.objects.filter(offer=open_offer).order_by("starts_at")
            ],
        },
        "busy": {
            "offer": busy_offer.pk,
            "category": busy_category.pk,
            "slot": busy_slot.pk,
            "date": busy_slot.date.isoformat(),
            "capacity": contended_capacity,
        },
    }


def hold_form(token: str, slot: int, day: str, category: int) -> str:
    return f"csrfmiddlewaretoken={token}&date={day}&slot={slot}&qty_{category}=1"


def inspect_one_hold(data: dict[str, Any], timed: int, profile: bool) -> dict[str, Any]:
    """The SQL of one hold through the whole stack (middleware, session, view), and the
    in-process time of a few more, on slots of the uncontended offer. One client, so the
    middleware is loaded once as in a worker; its cookies are cleared before each hold (a new
    visitor, a new session, as with wrk)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    offer, category = data["open"]["offer"], data["open"]["category"]
    slots = data["open"]["slots"]
    url = f"/ja/booking/offers/{offer}/hold/"

    client = Client()

    def post(slot: tuple[int, str]):
        client.cookies.clear()
        return client.post(
            url,
            {"date": slot[1], "slot": slot[0], f"qty_{category}": 1},
            HTTP_HOST="127.0.0.1",
        )

    warm = post(slots[-1])
    with CaptureQueriesContext(connection) as ctx:
        response = post(slots[-2])
    # Read them now: the next request's request_started signal empties the log they point to.
    captured = [query["sql"] for query in ctx.captured_queries]
    if response.status_code != 302:
        raise RuntimeError(f"the in-process hold answered {response.status_code}, not 302")
    times = []
    profiler = cProfile.Profile() if profile else None
    for index in range(timed):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        answer = post(slots[-3 - index])
        if profiler:
            profiler.disable()
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 302:
            raise RuntimeError(f"an in-process hold answered {answer.status_code}")
    if profiler:
        print(f"profile of {timed} in-process holds (cumulative):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return {
        "status": response.status_code,
        "warm_status": warm.status_code,
        "queries": len(captured),
        "sql": captured,
        "in_process_ms_median": round(statistics.median(times), 2),
        "in_process_holds": timed,
    }


def bookings_on(slot_ids: list[int]) -> tuple[int, int]:
    """Holds (bookings) and units on these slots, from the database."""
    from django.db.models import Sum

    from booking.models import Booking, BookingLine

    lines = BookingLine.objects.filter(slot_id__in=slot_ids)
    holds = Booking.objects.filter(lines__slot_id__in=slot_ids).distinct().count()
    return holds, lines.aggregate(units=Sum("quantity"))["units"] or 0


def booking_count(offer: int) -> int:
    from booking.models import Booking

    return Booking.objects.filter(offer_id=offer).count()


# --- the CPU of the server and its database ------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = proc_stat(int(entry.name))
            if fields and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (utime and stime, fields 14 and 15)."""
    total = 0
    for pid in pids:
        fields = proc_stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def backend_cpu() -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend of the bench database (but this process's)."""
    return {pid: cpu_seconds([pid]) for pid in database_backends()}


def database_backends() -> list[int]:
    """PostgreSQL backends connected to the bench database, except this process's own."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


# --- clients -------------------------------------------------------------------------------------


def csrf_pair(base: str, offer: int, day: str) -> tuple[str, str]:
    """A csrftoken cookie and the form's token, as a browser gets them from the offer page."""
    request = urllib.request.Request(f"{base}/ja/booking/offers/{offer}/?date={day}")
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(
        (c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("csrftoken=")), ""
    )
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not cookie or not match:
        raise RuntimeError("the offer page gave no CSRF cookie or no form token")
    return cookie, match[1]


def post_hold(
    base_port: int, path: str, cookie: str, body: str
) -> tuple[int, str, float, str | None]:
    """One POST on a new connection (sync workers close it after each answer):
    (status, body, ms, error)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", base_port, timeout=30)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        return response.status, text, (time.perf_counter() - started) * 1000, None
    except (OSError, http.client.HTTPException) as exc:
        return 0, "", (time.perf_counter() - started) * 1000, f"{type(exc).__name__}: {exc}"
    finally:
        conn.close()


def answer_kind(status: int, text: str) -> str:
    if status == 302:
        return "hold"
    if status == 409:
        return "sold_out_409" if SOLD_OUT in text else "busy_409"
    if status == 400:
        return "refused_400"
    if status >= 500:
        return "server_error"
    if status == 0:
        return "connection_error"
    return "other"


LUA = r"""
-- Generated by bench/holds.py: POST a hold of 1 place, each request on the next slot.
local slots = {%(slots)s}
local path = "%(path)s"
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Cookie"] = "csrftoken=%(cookie)s",
}
local prefix = "csrfmiddlewaretoken=%(token)s&qty_%(category)d=1"
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  sent, found, refused, server_errors, other = 0, 0, 0, 0, 0
end

function request()
  local slot = slots[(sent * %(threads)d + id) %% #slots + 1]
  sent = sent + 1
  local body = prefix .. "&date=" .. slot[2] .. "&slot=" .. slot[1]
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 302 then found = found + 1
  elseif status == 409 then refused = refused + 1
  elseif status >= 500 then server_errors = server_errors + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local totals = {found = 0, refused = 0, server_errors = 0, other = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + thread:get(key) end
  end
  io.write(string.format("HOLDS found=%%d refused=%%d server_errors=%%d other=%%d\n",
    totals.found, totals.refused, totals.server_errors, totals.other))
  io.write(string.format("ERRORS connect=%%d read=%%d write=%%d timeout=%%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""


def wrk_holds(
    base: str, data: dict[str, Any], cookie: str, token: str, args: argparse.Namespace
) -> dict[str, Any]:
    """Uncontended holds with wrk and a generated Lua script."""
    open_ = data["open"]
    script = LUA % {
        "slots": ",".join(f'{{{pk},"{day}"}}' for pk, day in open_["slots"]),
        "path": f"/ja/booking/offers/{open_['offer']}/hold/",
        "cookie": cookie,
        "token": token,
        "category": open_["category"],
        "threads": args.wrk_threads,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        result = subprocess.run(
            [
                "wrk",
                f"-t{args.wrk_threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                base,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=args.duration + 60,
        )
    finally:
        os.unlink(handle.name)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = result.stdout
    percentiles = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m))\s*$", out, re.M))
    holds = re.search(r"HOLDS found=(\d+) refused=(\d+) server_errors=(\d+) other=(\d+)", out)
    errors = re.search(r"ERRORS connect=(\d+) read=(\d+) write=(\d+) timeout=(\d+)", out)
    if set(percentiles) != {"50", "99"} or not holds or not errors:
        raise RuntimeError(f"could not read wrk's output:\n{out}\n{result.stderr}")
    found, refused, server_errors, other = (int(value) for value in holds.groups())
    names = ("connect", "read", "write", "timeout")
    socket_errors = dict(zip(names, map(int, errors.groups()), strict=True))
    return {
        "tool": "wrk",
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "seconds": float(wrk_ms(re.search(r"requests in ([\d.]+(?:us|ms|s|m))", out)[1]) / 1000),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": wrk_ms(percentiles["50"]),
        "p99_ms": wrk_ms(percentiles["99"]),
        "ok": found,
        "refused": refused,
        "server_errors": server_errors,
        "other": other,
        "socket_errors": socket_errors,
        "client_cpu_s": round(
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2
        ),
    }


def contended_holds(base: str, data: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Exactly `requests` POSTs from `clients` concurrent clients on the one small slot."""
    busy = data["busy"]
    port = int(base.rsplit(":", 1)[1])
    path = f"/ja/booking/offers/{busy['offer']}/hold/"
    pairs = [csrf_pair(base, busy["offer"], busy["date"]) for _ in range(args.clients)]
    per_client = [args.requests // args.clients] * args.clients
    for index in range(args.requests % args.clients):
        per_client[index] += 1
    answers: list[tuple[int, str, float, str | None]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.clients)

    def client(number: int) -> None:
        cookie, token = pairs[number]
        body = hold_form(token, busy["slot"], busy["date"], busy["category"])
        barrier.wait()
        mine = [post_hold(port, path, cookie, body) for _ in range(per_client[number])]
        with lock:
            answers.extend(mine)

    cpu_before = time.process_time()
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    client_cpu = time.process_time() - cpu_before
    kinds = Counter(answer_kind(status, text) for status, text, *_ in answers)
    statuses = Counter(status for status, *_ in answers)
    messages: dict[str, str] = {}
    for status, text, *_ in answers:
        messages.setdefault(str(status), error_message(text))
    connection_errors = [error for *_, error in answers if error]
    latencies = [ms for *_, ms, _error in answers]
    holds_in_db, units_in_db = bookings_on([busy["slot"]])
    return {
        "tool": "python threads",
        "clients": args.clients,
        "requests": len(answers),
        "seconds": round(elapsed, 2),
        "rps": len(answers) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": percentile_nearest_rank(latencies, 0.99),
        "ok": kinds["hold"],
        "refused": kinds["sold_out_409"] + kinds["refused_400"],
        "sold_out_409": kinds["sold_out_409"],
        "busy_409": kinds["busy_409"],
        "refused_400": kinds["refused_400"],
        "server_errors": kinds["server_error"],
        "connection_errors": kinds["connection_error"],
        "connection_error_examples": connection_errors[:3],
        "other": kinds["other"],
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "messages": messages,
        "capacity": busy["capacity"],
        "holds_in_db": holds_in_db,
        "units_in_db": units_in_db,
        "client_cpu_s": round(client_cpu, 2),
    }


def warm_up_holds(
    base: str, data: dict[str, Any], cookie: str, token: str, holds: int, offset: int = 100
) -> None:
    port = int(base.rsplit(":", 1)[1])
    open_ = data["open"]
    for _ in range(20):
        with urllib.request.urlopen(f"{base}/livez", timeout=10) as response:
            response.read()
    path = f"/ja/booking/offers/{open_['offer']}/hold/"
    for index in range(holds):
        pk, day = open_["slots"][-offset - index]
        status, text, _ms_, error = post_hold(
            port, path, cookie, hold_form(token, pk, day, open_["category"])
        )
        if status != 302:
            raise RuntimeError(f"warm-up hold answered {status} {error or ''}\n{text[:2000]}")


# --- the run -------------------------------------------------------------------------------------


def table(rows: list[dict[str, Any]], ceiling: float) -> None:
    print(
        f"\n{'measurement':<24} {'requests':>8} {'ok':>6} {'refused':>7} {'errors':>6} "
        f"{'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}"
    )
    for row in rows:
        print(
            f"{row['measurement']:<24} {row['requests']:>8} {row['ok']:>6} {row['refused']:>7} "
            f"{row['errors']:>6} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} "
            f"{row['rps'] / ceiling if ceiling else 0:>7.1%}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk measurement")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--slots", type=int, default=2000, help="slots of the uncontended offer")
    parser.add_argument("--capacity", type=int, default=20, help="of the contended slot")
    parser.add_argument("--requests", type=int, default=200, help="contended POSTs")
    parser.add_argument("--clients", type=int, default=50, help="contended concurrent clients")
    parser.add_argument(
        "--max-wait", type=int, default=60, help="seconds to wait for other load to calm down"
    )
    parser.add_argument("--sql", action="store_true", help="print the SQL of one hold")
    parser.add_argument("--profile", action="store_true", help="cProfile in-process holds")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    RESULTS.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    cache_url = REDIS_URL if redis_is_up(REDIS_URL) else ""
    port = free_port()
    env = base_env(port, cache_url, DB_NAME)
    env.update(
        ALLOWED_HOSTS="127.0.0.1",
        PAGE_CACHE_ENABLED="false",
        RATE_LIMIT_HOLDS="100000000/m",  # the load comes from one address on purpose
    )
    print(
        f"{cores} cores; database {DB_SERVER}/{DB_NAME}; cache {cache_url or 'local memory'}; "
        f"gunicorn {args.workers} sync workers; load wrk"
    )
    started = time.monotonic()
    print(f"database {DB_NAME}: drop, create, migrate…", flush=True)
    recreate_database(DB_NAME)
    if cache_url:
        flush_redis(cache_url)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")  # the manifest the production storage needs
    setup_django(env)
    data = create_offers(args.slots, args.capacity)
    print(
        f"offer {data['open']['offer']}: {len(data['open']['slots'])} slots of capacity 1,000; "
        f"offer {data['busy']['offer']}: 1 slot of capacity {args.capacity}; "
        f"set up in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    inspection = inspect_one_hold(data, timed=30, profile=args.profile)
    print(
        f"one hold in-process: {inspection['queries']} SQL statements, "
        f"{inspection['in_process_ms_median']:.1f} ms (median of {inspection['in_process_holds']})"
    )
    if args.sql:
        for number, sql in enumerate(inspection["sql"], 1):
            print(f"  {number:>2}. {sql[:300]}")

    with gunicorn(env, port, args.workers, log_name="gunicorn-holds") as (base, master):
        workers = children(master)
        cookie, token = csrf_pair(base, data["open"]["offer"], data["open"]["slots"][0][1])
        warm_up_holds(base, data, cookie, token, holds=20)
        quiet = wait_for_quiet(args.max_wait)
        print(f"\nlivez: wrk {args.connections} connections, {args.duration} s…", flush=True)
        healthz = run_wrk(f"{base}/livez", args.duration, args.connections, args.wrk_threads)
        print(f"uncontended holds: wrk, {args.duration} s…", flush=True)
        warm_up_holds(base, data, cookie, token, holds=4, offset=200)  # reopen idle DB connections
        held_before = booking_count(data["open"]["offer"])
        backends_before = backend_cpu()
        cpu_before = (cpu_seconds(workers), 0.0, machine_cpu())
        uncontended = wrk_holds(base, data, cookie, token, args)
        backends_after = backend_cpu()
        backends = sorted(backends_after)
        db_delta = sum(cpu - backends_before.get(pid, 0.0) for pid, cpu in backends_after.items())
        cpu_after = (cpu_seconds(workers), db_delta, machine_cpu())
        uncontended["holds_in_db"] = booking_count(data["open"]["offer"]) - held_before
        taken = max(uncontended["ok"], 1)
        worker_cpu = cpu_after[0] - cpu_before[0]
        db_cpu = cpu_after[1] - cpu_before[1]
        busy = cpu_after[2][0] - cpu_before[2][0]
        wall = (cpu_after[2][1] - cpu_before[2][1]) or 1.0
        others = max(busy - worker_cpu - db_cpu - uncontended["client_cpu_s"], 0.0)
        uncontended["worker_cpu_ms_per_hold"] = round(worker_cpu * 1e3 / taken, 2)
        uncontended["db_cpu_ms_per_hold"] = round(db_cpu * 1e3 / taken, 2)
        uncontended["db_backends"] = len(backends)
        uncontended["machine_busy"] = round(busy / wall / cores, 3)
        uncontended["others_busy"] = round(others / wall / cores, 3)
        print(
            f"contended: {args.requests} POSTs from {args.clients} clients on one slot of "
            f"capacity {args.capacity}…",
            flush=True,
        )
        contended = contended_holds(base, data, args)

    ceiling = healthz["rps"]
    socket_errors = sum(uncontended["socket_errors"].values())
    rows = [
        {
            "measurement": "livez (ceiling)",
            "requests": healthz["requests"],
            "ok": healthz["requests"] - healthz["errors"],
            "refused": 0,
            "errors": healthz["errors"],
            "rps": healthz["rps"],
            "p50_ms": healthz["p50_ms"],
            "p99_ms": healthz["p99_ms"],
        },
        {
            "measurement": "holds, uncontended",
            "requests": uncontended["requests"],
            "ok": uncontended["ok"],
            "refused": uncontended["refused"],
            "errors": uncontended["server_errors"] + uncontended["other"] + socket_errors,
            "rps": uncontended["ok"] / uncontended["seconds"],
            "p50_ms": uncontended["p50_ms"],
            "p99_ms": uncontended["p99_ms"],
        },
        {
            "measurement": f"holds, contended ({args.capacity})",
            "requests": contended["requests"],
            "ok": contended["ok"],
            "refused": contended["refused"],
            "errors": contended["server_errors"]
            + contended["connection_errors"]
            + contended["other"]
            + contended["busy_409"],
            "rps": contended["rps"],
            "p50_ms": contended["p50_ms"],
            "p99_ms": contended["p99_ms"],
        },
    ]
    table(rows, ceiling)
    holds_rps = rows[1]["rps"]
    cpu_per_hold = uncontended["worker_cpu_ms_per_hold"] + uncontended["db_cpu_ms_per_hold"]
    in_flight = uncontended["holds_in_db"] - uncontended["ok"]
    print(
        f"\nuncontended: {holds_rps:.0f} holds/s (target >= {HOLDS_TARGET}: "
        f"{'ok' if holds_rps >= HOLDS_TARGET else 'MISSED'}); {uncontended['holds_in_db']} new "
        f"bookings in the database for {uncontended['ok']} answers 302 ({in_flight} still in "
        f"flight when wrk stopped); wrk used {uncontended['client_cpu_s']:.1f} s CPU; "
        f"machine {uncontended['machine_busy']:.0%} busy, "
        f"{uncontended['others_busy']:.0%} by other processes"
        f"{' (NOT QUIET: figures are low)' if uncontended['others_busy'] > 0.1 else ''}"
    )
    print(
        f"per hold: {inspection['queries']} SQL statements; CPU {cpu_per_hold:.1f} ms "
        f"({uncontended['worker_cpu_ms_per_hold']:.1f} ms gunicorn worker + "
        f"{uncontended['db_cpu_ms_per_hold']:.1f} ms PostgreSQL backend); "
        f"{inspection['in_process_ms_median']:.1f} ms in-process (test client)"
    )
    exact = (
        contended["holds_in_db"] == args.capacity
        and contended["units_in_db"] == args.capacity
        and contended["ok"] == args.capacity
    )
    clean = rows[2]["errors"] == 0 and contended["requests"] == args.requests
    all_409 = contended["sold_out_409"] == args.requests - args.capacity
    print(
        f"contended: {contended['ok']} answers 302, {contended['holds_in_db']} holds "
        f"({contended['units_in_db']} places) in the database for capacity {args.capacity}: "
        f"{'ok' if exact else 'FAILED'}; refusals: {contended['sold_out_409']} 409 sold out, "
        f"{contended['refused_400']} 400 form refusals, {contended['busy_409']} 409 busy; "
        f"{contended['server_errors']} 5xx, {contended['connection_errors']} connection errors, "
        f"{contended['other']} other: {'ok' if clean else 'FAILED'}; "
        f"every refusal a 409 sold out: {'ok' if all_409 else 'MISSED'} "
        f"(client CPU {contended['client_cpu_s']:.1f} s)"
    )
    for status, message in contended["messages"].items():
        print(f"  {status}: {message[:160] or '(no error shown)'}")
    print(
        f"\n{'':<26} {'places/s':>9} {'of bare view':>13} {'SQL/hold':>9} {'CPU ms/hold':>12}\n"
        f"{'this site':<26} {holds_rps:>9.0f} {holds_rps / ceiling:>13.1%} "
        f"{inspection['queries']:>9} {cpu_per_hold:>12.1f}\n"
        f"{'pretix (BOOKING-NOTES)':<26} {PRETIX['places_per_s']:>9} "
        f"{PRETIX['ratio_to_bare_view']:>13.0%} {PRETIX['sql_per_reservation']:>9} "
        f"{PRETIX['cpu_ms_per_reservation']:>12}"
    )

    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cores": cores, "platform": sys.platform},
        "server": {
            "workers": args.workers,
            "worker_class": "sync",
            "settings": "config.settings.production",
            "cache": cache_url or "locmem",
        },
        "load": {
            "tool": "wrk (healthz, uncontended), python threads (contended)",
            "connections": args.connections,
            "wrk_threads": args.wrk_threads,
            "seconds": args.duration,
        },
        "data": {
            "uncontended_slots": len(data["open"]["slots"]),
            "uncontended_capacity": 1000,
            "contended_capacity": args.capacity,
        },
        "per_hold": {
            "queries": inspection["queries"],
            "in_process_ms_median": inspection["in_process_ms_median"],
            "worker_cpu_ms": uncontended["worker_cpu_ms_per_hold"],
            "db_cpu_ms": uncontended["db_cpu_ms_per_hold"],
            "cpu_ms": round(cpu_per_hold, 2),
        },
        "targets": {
            "uncontended_holds_per_s": HOLDS_TARGET,
            "uncontended_ok": holds_rps >= HOLDS_TARGET,
            "contended_exact": exact,
            "contended_no_errors": clean,
            "contended_every_refusal_409_sold_out": all_409,
        },
        "machine_before": quiet,
        "results": [{**row, "ratio_to_ceiling": round(row["rps"] / ceiling, 4)} for row in rows],
        "livez": healthz,
        "uncontended": uncontended,
        "contended": contended,
        "pretix": PRETIX,
        "sql": inspection["sql"],
    }
    print(f"\nwritten {write_results('holds', result)}")
    return 0 if exact and clean else 1


if __name__ == "__main__":
    sys.exit(main())
