#!/usr/bin/env python
"""Webhook benchmark: signed Stripe deliveries acknowledged per second through HTTP, and events
processed per second end to end by one Celery worker.

Builds its own PostgreSQL database (dropped and created again), migrates it, starts the local
fake Stripe in this process, and makes N bookings awaiting payment, each with a Checkout Session
at the fake, then pays every session there (auto-delivery off). Then:

1. serves the site with gunicorn on 127.0.0.1 (production settings, DEBUG off, 2 sync workers,
   Celery broker on Redis db 6) and measures /livez (the ceiling) and the N signed
   `checkout.session.completed` deliveries, each posted once by a threaded client: answered
   per second, p50 and p99, every answer 200, every event stored, nothing processed yet (no
   worker runs, so the queue fills);
2. starts one Celery worker (prefork, two processes per core) on the `webhooks` queue only, as a
   site under load runs it, and measures events processed per second from the first to the
   last `processed_at`; each processing re-fetches the session from the fake Stripe, locks
   payment and booking, confirms, and queues two e-mails; then one worker on the `mail` queue
   sends those 2 N e-mails (console backend) and their rate is measured the same way;
3. checks every booking ended confirmed exactly once.

    .venv/bin/python bench/webhooks.py            # N = 2,000, about a minute
    .venv/bin/python bench/webhooks.py --events 500

Writes bench/results/webhooks.json. Targets: >= 300/s acknowledged, >= 100/s processed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from harness import (
    RESULTS,
    ROOT,
    base_env,
    celery_worker,
    flush_redis,
    free_port,
    gunicorn,
    manage,
    recreate_database,
    redis_is_up,
    setup_django,
    write_results,
)

DB_NAME = os.environ.get("BENCH_WEBHOOKS_DB_NAME", "bench_webhooks")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")
WEBHOOK_SECRET = "whsec_bench"
CPU: dict[str, dict[str, float]] = {}  # CPU seconds by role while each queue drained


def make_paid_sessions(count: int, fake) -> list[str]:
    """N bookings awaiting payment with a paid Checkout Session each; their event ids."""
    from django.utils import timezone

    from booking.models import Booking, BookingLine, Payment, Trip
    from booking.services import stripe_api
    from booking.services.jst import today
    from booking.services.references import new_reference
    from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot

    offer = OfferFactory(max_per_booking=count)
    category = PriceCategoryFactory(offer=offer, price=5500)
    slot = make_slot(offer, today() + timedelta(days=20), capacity=count)
    now = time.time()
    hold_until = timezone.now() + timedelta(minutes=60)
    trips = Trip.objects.bulk_create(Trip(reference=new_reference(Trip)) for _ in range(count))
    bookings = Booking.objects.bulk_create(
        Booking(
            reference=new_reference(),
            offer=offer,
            trip=trips[i],
            status=Booking.Status.AWAITING_PAYMENT,
            hold_expires_at=hold_until,
            guest_name="Bench",
            guest_email=f"bench{i}@example.jp",
            guest_phone="090",
            service_date=slot.date,
            total=5500,
        )
        for i in range(count)
    )
    BookingLine.objects.bulk_create(
        BookingLine(booking=b, slot=slot, price_category=category, quantity=1, unit_price=5500)
        for b in bookings
    )
    payments = []
    for booking in bookings:
        session = stripe_api.create_checkout_session(
            reference=booking.reference,
            lines=[("bench", 5500)],
            email=booking.guest_email,
            language="ja",
            success_url="http://127.0.0.1/paid/?session_id={CHECKOUT_SESSION_ID}",
            cancel_url="http://127.0.0.1/",
            expires_at=timezone.now() + timedelta(minutes=40),
            idempotency_key=f"bench-{booking.reference}",
        )
        payments.append(
            Payment(
                trip_id=booking.trip_id,
                booking=booking,
                checkout_session_id=session["id"],
                checkout_url=session["url"],
                amount=5500,
                expires_at=hold_until,
            )
        )
        fake.pay(session["id"])
    Payment.objects.bulk_create(payments)
    print(f"  {count} paid sessions made in {time.time() - now:.0f} s")
    return [e["id"] for e in fake.events("checkout.session.completed")]


def post_all(base: str, bodies: list[tuple[bytes, str]], threads: int) -> dict[str, Any]:
    """Post each signed delivery once from `threads` threads; rate and latency."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    queue = list(enumerate(bodies))

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                _, (body, signature) = queue.pop()
            started = time.perf_counter()
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            conn.request(
                "POST",
                "/stripe/webhook/",
                body=body,
                headers={"Content-Type": "application/json", "Stripe-Signature": signature},
            )
            status = conn.getresponse().status
            conn.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
        "statuses": statuses,
    }


def healthz_rate(base: str, count: int, threads: int) -> dict[str, Any]:
    """The same client against /livez (a view that does nothing): the ceiling."""
    host, port = base.removeprefix("http://").split(":")
    done = [0]
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if done[0] >= count:
                    return
                done[0] += 1
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            conn.request("GET", "/livez")
            conn.getresponse().read()
            conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {"per_second": round(count / (time.perf_counter() - started), 1)}


def unprocessed(model) -> bool:
    return model.objects.filter(processed_at__isnull=True).exists()


def span_of(times: list) -> float:
    return max((times[-1] - times[0]).total_seconds(), 0.001)


def cpu_by_role() -> dict[str, float]:
    """CPU seconds so far of the Celery processes, PostgreSQL and this process (which serves the
    fake Stripe), read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    totals = {"celery": 0.0, "postgres": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if "celery" in command and "worker" in command:
            totals["celery"] += seconds
        elif command.startswith("postgres"):
            totals["postgres"] += seconds
    own = os.times()
    totals["fake_stripe_and_bench"] = own.user + own.system
    return totals


def drain(queue: str, env: dict[str, str], processes: int, busy) -> float:
    """Run one Celery worker on `queue` until `busy()` is false; seconds it took."""
    name = f"worker-{queue}"
    started = time.monotonic()
    before = cpu_by_role()
    quiet = ("--without-gossip", "--without-mingle", "--without-heartbeat")
    with celery_worker(name, env, queue, processes, *quiet) as worker:
        while busy():
            if time.monotonic() - started > 600 or worker.poll() is not None:
                raise RuntimeError(
                    f"the {queue} worker did not finish; see {RESULTS / f'{name}.log.tmp'}"
                )
            time.sleep(0.5)
        after = cpu_by_role()
    CPU[queue] = {role: round(after[role] - before[role], 1) for role in after}
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument(
        "--worker-processes",
        type=int,
        default=2 * (os.cpu_count() or 2),
        help="the Celery worker's pool size (its tasks wait on PostgreSQL and Stripe)",
    )
    args = parser.parse_args()
    if not redis_is_up(BROKER):
        print(f"Redis is needed at {BROKER} (BENCH_BROKER_URL)")
        return 2

    sys.path.insert(0, str(ROOT))  # the project's packages (devtools, tests' factories)
    from devtools.fake_stripe.testing import FakeStripe

    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with FakeStripe(webhook_secret=WEBHOOK_SECRET, auto_deliver=False) as fake:
        env = base_env(port, "", DB_NAME)
        env.update(
            CELERY_BROKER_URL=BROKER,
            STRIPE_SECRET_KEY=fake.secret_key,
            STRIPE_API_BASE=fake.api_base,
            STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        )
        print(f"database {DB_NAME}: recreating and migrating")
        recreate_database(DB_NAME)
        manage(env, "migrate", "--noinput")
        setup_django(env)
        from booking.models import Booking, WebhookEvent

        events = make_paid_sessions(args.events, fake)
        flush_redis(BROKER)
        bodies = []
        for event_id in events:
            payload, headers = fake.signed(event_id)
            bodies.append((payload, headers["Stripe-Signature"]))

        with gunicorn(env, port, args.web_workers, "sync", 1) as (base, _pid):
            ceiling = healthz_rate(base, 2000, args.threads)
            acknowledged = post_all(base, bodies, args.threads)
        stored = WebhookEvent.objects.count()
        processed_before = WebhookEvent.objects.filter(processed_at__isnull=False).count()

        cores = os.cpu_count() or 2
        pool = args.worker_processes
        span = drain("webhooks", env, pool, lambda: unprocessed(WebhookEvent))
        times = sorted(WebhookEvent.objects.values_list("processed_at", flat=True))
        processed = {
            "events": len(times),
            "per_second": round((len(times) - 1) / span_of(times), 1),
            "worker_processes": pool,
            "wall_seconds_with_start_up": round(span, 1),
        }
        from booking.models import BookingEmail

        pending = BookingEmail.objects.filter(status=BookingEmail.Status.PENDING)
        drain("mail", env, pool, pending.exists)
        sent_times = sorted(BookingEmail.objects.values_list("sent_at", flat=True))
        mails = {
            "emails": len(sent_times),
            "per_second": round((len(sent_times) - 1) / span_of(sent_times), 1),
        }
        confirmed = Booking.objects.filter(status=Booking.Status.CONFIRMED).count()

    result = {
        "events": args.events,
        "ceiling_healthz": ceiling,
        "acknowledged": acknowledged,
        "stored": stored,
        "processed_before_worker": processed_before,
        "processed": processed,
        "emails": mails,
        "cpu_seconds_while_draining": CPU,
        "bookings_confirmed": confirmed,
        "machine_cores": cores,
    }
    write_results("webhooks", result)
    print()
    print(f"{'measure':<42}{'value':>12}")
    print(f"{'/livez ceiling (same client), req/s':<42}{ceiling['per_second']:>12}")
    print(f"{'deliveries acknowledged, per s':<42}{acknowledged['per_second']:>12}")
    print(f"{'  p50 / p99 ms':<42}{acknowledged['p50_ms']:>6} /{acknowledged['p99_ms']:>5}")
    print(f"{'  answers':<42}{json.dumps(acknowledged['statuses']):>12}")
    print(f"{'events processed by one worker, per s':<42}{processed['per_second']:>12}")
    print(f"{'e-mails sent by one worker, per s':<42}{mails['per_second']:>12}")
    for queue, roles in CPU.items():
        print(f"{'  CPU s while ' + queue + ' drained':<42}{json.dumps(roles)}")
    print(f"{'bookings confirmed / events':<42}{confirmed:>6} / {args.events}")
    ok = (
        acknowledged["statuses"] == {200: args.events}
        and stored == args.events
        and confirmed == args.events
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
