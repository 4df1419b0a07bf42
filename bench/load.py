#!/usr/bin/env python
"""Load run: simulated visitors browsing and booking against the whole stack on one machine.

Builds its own PostgreSQL database (dropped and created again) with the demo content, makes a
few "hot" sessions of small capacity, then runs the site as in production: gunicorn (sync
workers, production settings, page cache on, Redis cache), a Celery worker on the default, mail,
webhooks and images queues (Redis broker, e-mails to the console backend), and the local fake Stripe
delivering its webhooks to the site. N simulated users (asyncio + aiohttp, their own cookies
each) browse pages and search, or book: offer page, hold 1–3 places (often on a hot session, so
they compete), guest details, final confirmation, payment at the fake Stripe, and the status
page polled until the booking is confirmed; some abandon after the hold.

    .venv/bin/python bench/load.py                       # 200 users for 120 s
    .venv/bin/python bench/load.py --users 50 --duration 30 --skip-setup

Reports requests, errors and p50/p95/p99 latency per endpoint, then checks against the database:
no errors, no oversold slot, every paid booking confirmed, no booking without lines. Writes
bench/results/load.json and exits 1 if a check fails. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import sys
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp
from harness import (
    DB_SERVER,
    RESULTS,
    ROOT,
    SOLD_OUT,
    TICKS,
    base_env,
    celery_worker,
    error_message,
    fake_stripe,
    flush_redis,
    free_port,
    gunicorn,
    machine_cpu,
    percentile_nearest_rank,
    proc_stat,
    redis_is_up,
    setup_demo,
    setup_django,
    wait_for_quiet,
    warm_up,
    write_results,
)

DB_NAME = os.environ.get("BENCH_LOAD_DB_NAME", "bench_load")
CACHE_URL = os.environ.get("BENCH_LOAD_REDIS_URL", "redis://127.0.0.1:6379/7")
BROKER_URL = os.environ.get("BENCH_LOAD_BROKER_URL", "redis://127.0.0.1:6379/8")
WEBHOOK_SECRET = "whsec_bench_load"
NO_LIMIT = "100000000/m"  # every simulated user comes from 127.0.0.1
MEDIA_ROOT = ROOT / "var" / "bench-load-media"
SERVER_LOG = RESULTS / "gunicorn-load.log.tmp"

# Browsing: what a visitor opens after the home page, and how often (weights).
BROWSE = {
    "area": 3,
    "listing index": 2,
    "office": 3,
    "experience": 3,
    "stay": 3,
    "story": 1,
    "partner": 1,
    "search": 4,
}
POLL_TRIES = 60  # as static/js/booking.js: every second 10 times, then every 3 s
FEWER_LEFT = ("の残りは", " left on ")
BUSY = ("予約が集中", "Many people are booking")
GUEST = {
    "guest_name": "和歌山 花子",
    "guest_name_kana": "ワカヤマ ハナコ",
    "guest_phone": "090-1234-5678",
}


# --- the data the users work on --------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A session a user may book: its offer, slot, day, price category and pages."""

    offer: int
    slot: int
    date: str
    category: int
    other_categories: tuple[int, ...]
    page: dict[str, str]  # language -> the experience page's path
    hot: bool


def prepare(hot_count: int, hot_capacity: int, days: int) -> dict[str, Any]:
    """The URLs to browse, the search vocabulary and the sessions to book (in-process ORM); makes
    `hot_count` sessions of `hot_capacity` places, on different offers, for users to fight over."""
    from django.utils import timezone
    from wagtail.models import Page

    from booking.models import Offer, Slot
    from booking.services.jst import today
    from workation.models import (
        AreaPage,
        ExperienceCategory,
        ExperiencePage,
        ListingIndexPage,
        OfficePage,
        PartnerPage,
        StayPage,
        StoryPage,
    )

    kinds = {
        "area": AreaPage,
        "listing index": ListingIndexPage,
        "office": OfficePage,
        "experience": ExperiencePage,
        "stay": StayPage,
        "story": StoryPage,
        "partner": PartnerPage,
    }
    urls: dict[str, dict[str, list[str]]] = {"ja": {"home": ["/ja/"]}, "en": {"home": ["/en/"]}}
    for language in urls:
        for name, model in kinds.items():
            found = model.objects.live().public().filter(locale__language_code=language)
            urls[language][name] = [page.url for page in found.order_by("path")]
    search = {
        "areas": list(
            AreaPage.objects.live()
            .filter(locale__language_code="ja")
            .values_list("slug", flat=True)
        ),
        "categories": list(ExperienceCategory.objects.values_list("slug", flat=True)),
        "today": today().isoformat(),
    }

    now = timezone.now()
    offers = (
        Offer.objects.filter(
            active=True,
            kind=Offer.Kind.EXPERIENCE,
            unit=Offer.Unit.PERSON_SESSION,
            min_per_booking=1,
            max_per_booking__gte=3,
            page__live=True,
        )
        .select_related("page")
        .prefetch_related("price_categories")
        .order_by("pk")
    )
    targets: list[Target] = []
    hot_offers = 0
    for offer in offers:
        categories = sorted(offer.price_categories.all(), key=lambda c: (-c.price, c.pk))
        if not categories:
            continue
        translations = Page.objects.filter(translation_key=offer.page.translation_key).live()
        page = {p.locale.language_code: p.url for p in translations.select_related("locale")}
        earliest = now + timedelta(hours=offer.lead_time_hours + 2)
        slots = list(
            Slot.objects.filter(
                offer=offer,
                closed=False,
                starts_at__gte=earliest,
                starts_at__lt=earliest + timedelta(days=days),
            )
            .filter(lines__isnull=True)
            .order_by("starts_at")[:40]
        )
        if not slots:
            continue
        hot = hot_offers < hot_count
        if hot:
            Slot.objects.filter(pk=slots[0].pk).update(capacity=hot_capacity)
            hot_offers += 1
        for index, slot in enumerate(slots):
            targets.append(
                Target(
                    offer=offer.pk,
                    slot=slot.pk,
                    date=slot.date.isoformat(),
                    category=categories[0].pk,
                    other_categories=tuple(c.pk for c in categories[1:]),
                    page={"ja": page.get("ja", ""), "en": page.get("en", page.get("ja", ""))},
                    hot=hot and index == 0,
                )
            )
    if hot_offers < hot_count:
        raise RuntimeError(f"only {hot_offers} offers can take a hot session ({hot_count} asked)")
    return {"urls": urls, "search": search, "targets": targets}


# --- the simulated users ---------------------------------------------------------------------


class Done(Exception):
    """The run is over: the user starts nothing new."""


@dataclass
class Answer:
    status: int
    text: str
    location: str


@dataclass
class Stats:
    """Everything the users saw, by endpoint."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter = field(default_factory=Counter)
    unexpected: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    flows: Counter = field(default_factory=Counter)
    cache: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    paid: list[str] = field(default_factory=list)
    seconds_to_confirmed: list[float] = field(default_factory=list)
    polls_to_confirmed: list[int] = field(default_factory=list)

    def sample(self, text: str) -> None:
        if len(self.samples) < 20:
            self.samples.append(text)


@dataclass
class Run:
    """What every user shares: the HTTP client, addresses, data, options, clock and results."""

    http: aiohttp.ClientSession
    site: str
    stripe: str
    plan: dict[str, Any]
    hot: list[Target]
    ordinary: list[Target]
    args: argparse.Namespace
    deadline: float
    stats: Stats


class User:
    """One simulated visitor with their own cookies (kept by hand: the site's cookies are
    marked Secure and the run is plain HTTP on 127.0.0.1)."""

    def __init__(self, number: int, run: Run) -> None:
        self.number = number
        self.run = run
        self.random = random.Random(run.args.seed * 100_003 + number)
        self.cookies: dict[str, str] = {}
        self.token = ""

    async def live(self) -> None:
        args = self.run.args
        await asyncio.sleep(args.ramp_up * self.number / args.users)
        with contextlib.suppress(Done):
            while time.monotonic() < self.run.deadline:
                if self.random.random() < args.book_share:
                    await self.book()
                else:
                    await self.browse()
                await self.think()

    async def think(self) -> None:
        if time.monotonic() >= self.run.deadline:
            raise Done
        mean = self.run.args.think
        await asyncio.sleep(self.random.uniform(0.5 * mean, 1.5 * mean))

    async def request(
        self,
        endpoint: str,
        method: str,
        url: str,
        data: dict[str, Any] | None = None,
        expected: tuple[int, ...] = (200,),
        site: bool = True,
    ) -> Answer | None:
        """One request, timed and counted; None after an error or an unexpected answer."""
        stats = self.run.stats
        headers = {}
        if site and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            async with self.run.http.request(
                method, url, data=data, headers=headers, allow_redirects=False
            ) as response:
                text = await response.text(errors="replace")
                status = response.status
                set_cookies = response.headers.getall("Set-Cookie", [])
                location = response.headers.get("Location", "")
                cache = response.headers.get("X-Cache")
        except (aiohttp.ClientError, TimeoutError) as error:
            stats.errors[endpoint] += 1
            stats.statuses[endpoint][type(error).__name__] += 1
            stats.sample(f"{endpoint}: {method} {url}: {type(error).__name__} {error}")
            return None
        stats.latencies[endpoint].append((time.perf_counter() - started) * 1000)
        stats.statuses[endpoint][str(status)] += 1
        if cache:
            stats.cache[endpoint][cache] += 1
        if status >= 500:
            stats.errors[endpoint] += 1
            stats.sample(f"{endpoint}: {method} {url}: {status} {error_message(text)[:200]}")
            return None
        if status not in expected:
            stats.unexpected[endpoint] += 1
            stats.sample(f"{endpoint}: {method} {url}: {status} {error_message(text)[:200]}")
            return None
        if site:
            for header in set_cookies:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0]
                if value and "max-age=0" not in header.lower():
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
            if token:
                self.token = token[1]
        return Answer(status, text, location)

    async def get(self, endpoint: str, path: str, **kwargs: Any) -> Answer | None:
        return await self.request(endpoint, "GET", self.run.site + path, **kwargs)

    # browsing

    async def browse(self) -> None:
        urls = self.run.plan["urls"]
        language = "ja" if self.random.random() < 0.8 else "en"
        if not await self.get("home", urls[language]["home"][0]):
            return
        names = [name for name in BROWSE if name == "search" or urls[language].get(name)]
        weights = [BROWSE[name] for name in names]
        for _ in range(self.random.randint(2, 5)):
            await self.think()
            name = self.random.choices(names, weights)[0]
            if name == "search":
                answer = await self.get("search", self.search_path(language))
            else:
                answer = await self.get(name, self.random.choice(urls[language][name]))
            if answer is None:
                return

    def search_path(self, language: str) -> str:
        """A search as visitors make them: a kind, often an area, a day and people, a filter."""
        vocabulary = self.run.plan["search"]
        pick = self.random
        query: dict[str, Any] = {}
        kind = pick.choice(["", "desk", "stay", "experience", "experience"])
        if kind:
            query["kind"] = kind
        if pick.random() < 0.5 and vocabulary["areas"]:
            query["area"] = pick.choice(vocabulary["areas"])
        if kind == "experience" and pick.random() < 0.3 and vocabulary["categories"]:
            query["category"] = pick.choice(vocabulary["categories"])
        if pick.random() < 0.6:
            day = self.days_after(vocabulary["today"], pick.randint(0, 60))
            if kind == "stay":
                query["date_from"] = day
                query["date_to"] = self.days_after(day, pick.randint(1, 3))
            else:
                query["date"] = day
            query["people"] = pick.randint(1, 4)
        if pick.random() < 0.2:
            query["price_max"] = pick.choice([5000, 10000, 20000])
        if pick.random() < 0.15:
            query["page"] = 2
        return f"/{language}/search/?{urlencode(query)}"

    @staticmethod
    def days_after(day: str, days: int) -> str:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()

    # booking

    async def book(self) -> None:
        """Offer page, hold, details, final confirmation, payment, status until confirmed."""
        run, stats, pick = self.run, self.run.stats, self.random
        hot = bool(run.hot) and pick.random() < run.args.hot_share
        target = pick.choice(run.hot if hot else run.ordinary)
        language = "ja" if pick.random() < 0.85 else "en"
        stats.flows["booking journeys"] += 1
        if not await self.get("experience", target.page[language]):
            return
        await self.think()
        offer = f"/{language}/booking/offers/{target.offer}/"
        if not await self.get("offer page", f"{offer}?date={target.date}"):
            return
        if not await self.get("availability.json", f"{offer}availability/?date={target.date}"):
            return
        await self.think()
        places = pick.randint(1, 3)
        form = {
            "csrfmiddlewaretoken": self.token,
            "date": target.date,
            "slot": target.slot,
            f"qty_{target.category}": places,
            **{f"qty_{other}": 0 for other in target.other_categories},
        }
        answer = await self.request(
            "hold", "POST", run.site + f"{offer}hold/", data=form, expected=(302, 409)
        )
        if answer is None:
            return
        if answer.status == 409:
            shown = error_message(answer.text)
            if any(text in shown for text in FEWER_LEFT):
                stats.flows["hold refused: fewer places left"] += 1
            elif any(text in shown for text in BUSY):
                stats.flows["hold refused: busy, try again"] += 1
            elif SOLD_OUT in shown or "fully booked" in shown:
                stats.flows["hold refused: sold out"] += 1
            else:
                stats.flows["hold refused: other 409"] += 1
                stats.sample(f"hold 409: {shown[:200]}")
            return
        stats.flows["holds taken" + (" (hot)" if target.hot else "")] += 1
        details = urlsplit(answer.location).path
        reference = details.rstrip("/").split("/")[-2]
        if not await self.get("details", details):
            return
        await self.think()
        if pick.random() < run.args.abandon_share:
            stats.flows["abandoned after the hold"] += 1
            return
        guest = {
            **GUEST,
            "guest_email": f"load{self.number}@example.jp",
            "csrfmiddlewaretoken": self.token,
        }
        answer = await self.request(
            "details POST", "POST", run.site + details, data=guest, expected=(302,)
        )
        if answer is None:
            return
        confirm = urlsplit(answer.location).path
        if not await self.get("confirm", confirm):
            return
        await self.think()
        answer = await self.request(
            "confirm POST",
            "POST",
            run.site + confirm,
            data={"csrfmiddlewaretoken": self.token},
            expected=(302,),
        )
        if answer is None:
            return
        checkout = answer.location
        session_id = urlsplit(checkout).path.rstrip("/").split("/")[-1]
        if not await self.request("stripe: payment page", "GET", checkout, site=False):
            return
        await self.think()
        answer = await self.request(
            "stripe: pay (test control)",
            "POST",
            f"{run.stripe}/_test/sessions/{session_id}/pay",
            site=False,
        )
        if answer is None:
            return
        paid_at = time.monotonic()
        stats.paid.append(reference)
        success = json.loads(answer.text)["success_url"].replace(
            "{CHECKOUT_SESSION_ID}", session_id
        )
        answer = await self.request("paid (return)", "GET", success, expected=(302,))
        if answer is None:
            return
        if not await self.get("status page", answer.location):
            return
        await self.wait_for_confirmation(reference, language, paid_at)

    async def wait_for_confirmation(self, reference: str, language: str, paid_at: float) -> None:
        stats = self.run.stats
        for tries in range(1, POLL_TRIES + 1):
            await asyncio.sleep(1 if tries <= 10 else 3)
            answer = await self.get("status.json", f"/{language}/booking/{reference}/status.json")
            if answer is None:
                return
            if json.loads(answer.text)["status"] == "confirmed":
                stats.seconds_to_confirmed.append(time.monotonic() - paid_at)
                stats.polls_to_confirmed.append(tries)
                stats.flows["confirmed seen by the guest"] += 1
                return
        stats.flows["not confirmed while the guest waited"] += 1


async def simulate(
    site: str, stripe: str, plan: dict[str, Any], args: argparse.Namespace
) -> tuple[Stats, float]:
    """Run every user until the deadline; the stats and the seconds it took."""
    stats = Stats()
    timeout = aiohttp.ClientTimeout(total=args.timeout)
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as http:
        started = time.monotonic()
        run = Run(
            http=http,
            site=site,
            stripe=stripe,
            plan=plan,
            hot=[t for t in plan["targets"] if t.hot],
            ordinary=[t for t in plan["targets"] if not t.hot],
            args=args,
            deadline=started + args.duration,
            stats=stats,
        )
        await asyncio.gather(*(User(n, run).live() for n in range(args.users)))
        return stats, time.monotonic() - started


# --- the stack -------------------------------------------------------------------------------


def every_page(plan: dict[str, Any]) -> list[str]:
    """The paths of every page to browse, in both languages."""
    return [
        path for language in plan["urls"].values() for paths in language.values() for path in paths
    ]


def undelivered_events(stripe: str) -> int:
    """Events at the fake Stripe whose last delivery to the site did not answer 200."""
    with urllib.request.urlopen(f"{stripe}/_test/events", timeout=10) as response:
        events = json.loads(response.read())
    return sum(1 for event in events if not event["deliveries"] or event["deliveries"][-1] != 200)


def backlog(stripe: str, paid: list[str]) -> dict[str, int]:
    """What is still to do after the load: deliveries, events, e-mails, unconfirmed payments."""
    from django.db import close_old_connections

    from booking.models import Booking, BookingEmail, WebhookEvent

    close_old_connections()
    return {
        "undelivered webhooks": undelivered_events(stripe),
        "unprocessed webhook events": WebhookEvent.objects.filter(
            processed_at__isnull=True
        ).count(),
        "pending e-mails": BookingEmail.objects.filter(status=BookingEmail.Status.PENDING).count(),
        "paid, not confirmed": Booking.objects.filter(reference__in=paid)
        .exclude(status=Booking.Status.CONFIRMED)
        .count(),
    }


def drain(stripe: str, paid: list[str], timeout: float) -> tuple[dict[str, int], float]:
    """Wait (at most `timeout` s) until the fake Stripe and the worker have nothing left."""
    started = time.monotonic()
    while True:
        left = backlog(stripe, paid)
        if not any(left.values()) or time.monotonic() - started > timeout:
            return left, time.monotonic() - started
        time.sleep(1)


def outcome() -> dict[str, dict[str, int]]:
    """What the run left in the database: bookings, payments and e-mails by status, events."""
    from django.db.models import Count

    from booking.models import Booking, BookingEmail, Payment, WebhookEvent

    def by_status(model) -> dict[str, int]:
        rows = model.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        return dict(rows)

    return {
        "bookings": by_status(Booking),
        "payments": by_status(Payment),
        "emails": by_status(BookingEmail),
        "webhook_events": {"stored": WebhookEvent.objects.count()},
    }


def server_tracebacks(log: Path) -> list[str]:
    text = log.read_text(errors="replace") if log.exists() else ""
    return [part.split("\n\n")[0][:3000] for part in text.split("Traceback")[1:]]


# --- checks and report -----------------------------------------------------------------------


def checks(stats: Stats, left: dict[str, int], hot_ids: list[int]) -> list[dict[str, Any]]:
    """The end-of-run checks against the database, each PASS or FAIL with its figures."""
    from django.db.models import Count

    from booking.models import Booking, Payment, Slot
    from booking.services.availability import taken

    errors = sum(stats.errors.values())
    unexpected = sum(stats.unexpected.values())
    used_slots = list(Slot.objects.filter(lines__isnull=False).distinct())
    used = taken(slot.pk for slot in used_slots)
    oversold = [
        f"slot {slot.pk}: {used.get(slot.pk, 0)} taken, capacity {slot.capacity}"
        for slot in used_slots
        if used.get(slot.pk, 0) > slot.capacity
    ]
    hot = dict(Slot.objects.filter(pk__in=hot_ids).values_list("pk", "capacity"))
    paid = Booking.objects.filter(reference__in=stats.paid)
    paid_confirmed = paid.filter(status=Booking.Status.CONFIRMED).count()
    paid_in_db = Payment.objects.filter(status=Payment.Status.PAID)
    paid_in_db_unconfirmed = paid_in_db.exclude(booking__status=Booking.Status.CONFIRMED).count()
    lineless = Booking.objects.annotate(n=Count("lines")).filter(n=0).count()
    return [
        {
            "check": "no errors (5xx, connection errors, timeouts)",
            "ok": errors == 0,
            "detail": f"{errors} errors",
        },
        {
            "check": "no unexpected answers (4xx other than 409 on a hold)",
            "ok": unexpected == 0,
            "detail": f"{unexpected} unexpected",
        },
        {
            "check": "no oversell (confirmed + live holds <= capacity, every slot)",
            "ok": not oversold,
            "detail": (
                "; ".join(oversold[:5])
                or f"{len(used_slots)} slots booked; hot sessions "
                + ", ".join(f"{used.get(pk, 0)}/{cap}" for pk, cap in sorted(hot.items()))
            ),
        },
        {
            "check": "every paid booking confirmed",
            "ok": paid_confirmed == len(stats.paid) and paid_in_db_unconfirmed == 0,
            "detail": (
                f"{paid_confirmed} of {len(stats.paid)} paid by the users confirmed; "
                f"{paid_in_db.count()} payments paid in the database, "
                f"{paid_in_db_unconfirmed} of them unconfirmed; backlog left {left}"
            ),
        },
        {
            "check": "no booking without lines",
            "ok": lineless == 0,
            "detail": f"{lineless} of {Booking.objects.count()} bookings",
        },
    ]


def endpoint_rows(stats: Stats, seconds: float) -> list[dict[str, Any]]:
    rows = []
    for endpoint in sorted(stats.statuses, key=lambda e: -sum(stats.statuses[e].values())):
        latencies = stats.latencies[endpoint]
        count = sum(stats.statuses[endpoint].values())
        rows.append(
            {
                "endpoint": endpoint,
                "requests": count,
                "per_s": round(count / seconds, 2),
                "errors": stats.errors[endpoint],
                "unexpected": stats.unexpected[endpoint],
                "statuses": dict(sorted(stats.statuses[endpoint].items())),
                "page_cache": dict(sorted(stats.cache[endpoint].items())),
                "p50_ms": round(percentile_nearest_rank(latencies, 0.50), 1) if latencies else None,
                "p95_ms": round(percentile_nearest_rank(latencies, 0.95), 1) if latencies else None,
                "p99_ms": round(percentile_nearest_rank(latencies, 0.99), 1) if latencies else None,
                "max_ms": round(max(latencies), 1) if latencies else None,
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(
        f"\n{'endpoint':<28} {'requests':>8} {'req/s':>7} {'errors':>6} {'unexp.':>6} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  answers"
    )
    for row in rows:
        figures = " ".join(
            f"{row[key]:>8.1f}" if row[key] is not None else f"{'-':>8}"
            for key in ("p50_ms", "p95_ms", "p99_ms")
        )
        answers = " ".join(f"{status}×{n}" for status, n in row["statuses"].items())
        if row["page_cache"]:
            answers += " (" + " ".join(f"{k}×{n}" for k, n in row["page_cache"].items()) + ")"
        print(
            f"{row['endpoint']:<28} {row['requests']:>8} {row['per_s']:>7.1f} "
            f"{row['errors']:>6} {row['unexpected']:>6} {figures}  {answers}"
        )


# --- where the CPU went --------------------------------------------------------------------


class CpuSampler(threading.Thread):
    """CPU seconds by role while the load runs, read from /proc every second, so a process that
    ends meanwhile (a PostgreSQL backend closed after CONN_MAX_AGE) still counts up to its last
    sample. What no role claims is the machine's other work (tests, other benchmarks)."""

    def __init__(self, port: int, groups: dict[int, str]) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.groups = groups  # process group -> role (our helpers run in their own groups)
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.done = threading.Event()
        self.machine_before = machine_cpu()
        self.scan(baseline=True)

    def role(self, pid: int, group: int, command: str) -> str | None:
        if pid == os.getpid():
            return "load client"
        if group in self.groups:
            return self.groups[group]
        if "gunicorn" in command and f"127.0.0.1:{self.port}" in command:
            return "gunicorn"
        if command.startswith("postgres:") and f" {DB_NAME} " in command:
            return "PostgreSQL"
        if command.startswith("redis-server"):
            return "Redis (shared)"
        return None

    def scan(self, baseline: bool = False) -> None:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            fields = proc_stat(pid)
            try:
                command = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "ignore")
                )
            except OSError:
                continue
            role = self.role(pid, int(fields[2]), command) if fields else None
            if role is None:
                continue
            seconds = (int(fields[11]) + int(fields[12])) / TICKS
            if baseline:
                self.first[pid] = seconds
            self.last[pid] = (role, seconds)

    def run(self) -> None:
        while not self.done.wait(1):
            self.scan()

    def finish(self) -> dict[str, float]:
        """Cores used on average by each role, and by everything else on the machine."""
        self.done.set()
        self.join()
        self.scan()
        machine_after = machine_cpu()
        wall = machine_after[1] - self.machine_before[1]
        used: dict[str, float] = defaultdict(float)
        for pid, (role, seconds) in self.last.items():
            used[role] += seconds - self.first.get(pid, 0.0)
        busy = machine_after[0] - self.machine_before[0]
        used["other processes"] = max(busy - sum(used.values()), 0.0)
        return {role: round(seconds / wall, 2) for role, seconds in sorted(used.items())}


# --- the run ---------------------------------------------------------------------------------


def options() -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent simulated users")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load")
    parser.add_argument("--ramp-up", type=float, default=10, help="seconds to start every user")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time, seconds")
    parser.add_argument("--book-share", type=float, default=0.3, help="journeys that book")
    parser.add_argument("--hot-share", type=float, default=0.5, help="bookings on hot sessions")
    parser.add_argument("--abandon-share", type=float, default=0.3, help="bookers who leave")
    parser.add_argument("--hot", type=int, default=4, help="hot sessions")
    parser.add_argument("--hot-capacity", type=int, default=6, help="places per hot session")
    parser.add_argument("--timeout", type=float, default=30, help="client timeout, seconds")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers")
    parser.add_argument(
        "--worker-processes", type=int, default=2 * cores, help="the Celery worker's pool"
    )
    parser.add_argument("--drain-timeout", type=float, default=60, help="seconds after load")
    parser.add_argument("--max-wait", type=int, default=60, help="seconds to wait for quiet")
    parser.add_argument("--image-size", default="800x500", help="seed_demo --image-size")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database")
    parser.add_argument("--seed", type=int, default=1, help="of the users' random choices")
    return parser.parse_args()


def server_env(port: int, stripe: str) -> dict[str, str]:
    """The environment of gunicorn, the worker and the fake Stripe (production settings)."""
    env = base_env(port, CACHE_URL, DB_NAME, media_root=MEDIA_ROOT)
    for key in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "EMAIL_URL", "CELERY_KEY_PREFIX"):
        env.pop(key, None)
    env.update(
        ALLOWED_HOSTS="127.0.0.1",
        STRIPE_API_BASE=stripe,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        RATE_LIMIT_HOLDS=NO_LIMIT,
        RATE_LIMIT_CONSULTATIONS=NO_LIMIT,
        RATE_LIMIT_APPLICATIONS=NO_LIMIT,
    )
    return env


def load(args: argparse.Namespace, env: dict[str, str], plan: dict[str, Any]) -> dict[str, Any]:
    """Start the fake Stripe, the worker and gunicorn, run the users, let the worker drain."""
    port = int(env["WAGTAILADMIN_BASE_URL"].rsplit(":", 1)[1])
    stripe = env["STRIPE_API_BASE"]
    webhook_url = f"http://127.0.0.1:{port}/stripe/webhook/"
    queues = "default,mail,webhooks,images"
    with contextlib.ExitStack() as stack:
        fake = stack.enter_context(
            fake_stripe("fake-stripe-load", env, stripe, WEBHOOK_SECRET, webhook_url)
        )
        worker = stack.enter_context(
            celery_worker("worker-load", env, queues, args.worker_processes)
        )
        SERVER_LOG.write_text("")
        # Our own log (harness.gunicorn's is shared with the other benchmarks): gunicorn reads
        # GUNICORN_CMD_ARGS, and --capture-output sends Django's tracebacks there too.
        logged = {**env, "GUNICORN_CMD_ARGS": f"--error-logfile {SERVER_LOG} --capture-output"}
        site, _pid = stack.enter_context(gunicorn(logged, port, args.workers, "sync", 1))
        # Every page once, as a site that has been running for a while has them cached.
        warm_up(site, every_page(plan), rounds=1, timeout=60)
        quiet = wait_for_quiet(args.max_wait)
        load_before = os.getloadavg()[0]
        sampler = CpuSampler(port, {fake.pid: "fake Stripe", worker.pid: "Celery worker"})
        sampler.start()
        print(
            f"\n{args.users} users for {args.duration} s (ramp-up {args.ramp_up:.0f} s, think "
            f"{args.think:.1f} s on average, {args.book_share:.0%} of journeys book)…",
            flush=True,
        )
        stats, seconds = asyncio.run(simulate(site, stripe, plan, args))
        cpu = sampler.finish()
        load_after = os.getloadavg()[0]
        print(f"load over after {seconds:.0f} s; waiting for the worker to drain…", flush=True)
        left, drained = drain(stripe, stats.paid, args.drain_timeout)
        if worker.poll() is not None:
            stats.sample(f"the Celery worker exited with {worker.returncode}")
    return {
        "stats": stats,
        "seconds": seconds,
        "cpu_cores": cpu,
        "machine": {
            "before": quiet,
            "load_average_before": round(load_before, 2),
            "load_average_after": round(load_after, 2),
        },
        "left": left,
        "drained": drained,
    }


def summary(run: dict[str, Any]) -> dict[str, Any]:
    """Print the table, the journeys and the database's state; the report's figures."""
    stats, seconds = run["stats"], run["seconds"]
    rows = endpoint_rows(stats, seconds)
    print_table(rows)
    total = sum(row["requests"] for row in rows)
    cpu = run["cpu_cores"]
    print(
        f"\n{total} requests in {seconds:.0f} s ({total / seconds:.0f}/s); load average "
        f"{run['machine']['load_average_before']:.1f} before, "
        f"{run['machine']['load_average_after']:.1f} after"
    )
    print(
        f"CPU used, in cores on average (of {os.cpu_count()}): "
        + ", ".join(f"{role} {cores:.2f}" for role, cores in cpu.items())
        + (
            " — NOT QUIET: other work took CPU from the site"
            if cpu["other processes"] > 0.2
            else ""
        )
    )
    for name, count in sorted(stats.flows.items()):
        print(f"  {name:<40} {count:>6}")
    confirmed = None
    if stats.seconds_to_confirmed:
        waits, polls = stats.seconds_to_confirmed, stats.polls_to_confirmed
        confirmed = {
            "p50_s": round(percentile_nearest_rank(waits, 0.5), 2),
            "p95_s": round(percentile_nearest_rank(waits, 0.95), 2),
            "confirmed_at_first_poll": sum(1 for n in polls if n == 1),
            "most_polls": max(polls),
        }
        print(
            f'  paid to "confirmed" seen on the status page: p50 {confirmed["p50_s"]:.1f} s, '
            f"p95 {confirmed['p95_s']:.1f} s (return page, status page and polls included); "
            f"{confirmed['confirmed_at_first_poll']} of {len(polls)} at the first poll"
        )
    print(f"  drained in {run['drained']:.0f} s; left: {run['left']}")
    for sample in stats.samples:
        print(f"  ! {sample}")
    stored = outcome()
    for name, counts in stored.items():
        print(f"  {name}: {', '.join(f'{key} {n}' for key, n in counts.items()) or 'none'}")
    return {
        "requests": total,
        "requests_per_s": round(total / seconds, 1),
        "endpoints": rows,
        "flows": dict(sorted(stats.flows.items())),
        "paid_to_confirmed": confirmed,
        "database": stored,
    }


def main() -> int:
    args = options()
    for url in (CACHE_URL, BROKER_URL):
        if not redis_is_up(url):
            print(f"Redis is needed at {url} (BENCH_LOAD_REDIS_URL, BENCH_LOAD_BROKER_URL)")
            return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = server_env(port, f"http://127.0.0.1:{free_port()}")
    print(
        f"{os.cpu_count()} cores; database {DB_SERVER}/{DB_NAME}; cache {CACHE_URL}; "
        f"broker {BROKER_URL}; gunicorn {args.workers} sync workers (production settings, page "
        f"cache on); Celery worker with {args.worker_processes} processes; fake Stripe "
        f"{env['STRIPE_API_BASE']}; e-mail to the console backend; rate limits raised to "
        f"{NO_LIMIT} (every user comes from 127.0.0.1)",
        flush=True,
    )
    if not args.skip_setup:
        setup_demo(env, args.image_size, DB_NAME)  # no broker yet: seeding queues nothing
    env["CELERY_BROKER_URL"] = BROKER_URL
    flush_redis(CACHE_URL)
    flush_redis(BROKER_URL)
    setup_django(env)
    plan = prepare(args.hot, args.hot_capacity, days=60)
    hot_ids = [t.slot for t in plan["targets"] if t.hot]
    from django.db import connection

    connection.close()  # reopened for the checks, after the load
    print(
        f"{len(plan['targets'])} sessions to book on "
        f"{len({t.offer for t in plan['targets']})} offers, {len(hot_ids)} of them hot "
        f"({args.hot_capacity} places each); "
        f"{sum(len(v) for v in plan['urls']['ja'].values())} pages per language",
        flush=True,
    )

    run = load(args, env, plan)
    figures = summary(run)
    tracebacks = server_tracebacks(SERVER_LOG)
    if tracebacks:
        print(f"\n{len(tracebacks)} tracebacks in {SERVER_LOG}; the first:")
        print("Traceback" + tracebacks[0])
    results = checks(run["stats"], run["left"], hot_ids)
    print()
    for result in results:
        print(f"{'PASS' if result['ok'] else 'FAIL'}  {result['check']}: {result['detail']}")

    report = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cores": os.cpu_count(), "platform": sys.platform, **run["machine"]},
        "cpu_cores_used": run["cpu_cores"],
        "server": {
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
            "settings": "config.settings.production",
            "page_cache": True,
            "cache": CACHE_URL,
            "broker": BROKER_URL,
            "celery_worker_processes": args.worker_processes,
            "email": "console backend",
            "rate_limits": NO_LIMIT,
        },
        "load": {
            "tool": "asyncio + aiohttp",
            "users": args.users,
            "seconds": round(run["seconds"], 1),
            "ramp_up_s": args.ramp_up,
            "think_mean_s": args.think,
            "book_share": args.book_share,
            "hot_share": args.hot_share,
            "abandon_share": args.abandon_share,
            "hot_sessions": len(hot_ids),
            "hot_capacity": args.hot_capacity,
            "client_timeout_s": args.timeout,
        },
        **figures,
        "drain": {"seconds": round(run["drained"], 1), "left": run["left"]},
        "samples": run["stats"].samples,
        "server_tracebacks": len(tracebacks),
        "first_server_traceback": tracebacks[0] if tracebacks else None,
        "checks": results,
    }
    print(f"\nwritten {write_results('load', report)}")
    return 0 if all(result["ok"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
