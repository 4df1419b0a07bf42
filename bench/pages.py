#!/usr/bin/env python
"""Page benchmark: how fast the demo site serves its main pages, uncached and cached.

Builds its own PostgreSQL database (dropped and created again), migrates it, seeds the demo
content and collects static files, then serves the site with gunicorn on 127.0.0.1 in
production settings (DEBUG off) three times: "cold" with the page cache and the fragment cache
off (every request renders everything from the database), "uncached" with the page cache off
(the shared fragments, such as card grids, kept until the next publish: what a signed-in visitor
or a visitor with a session gets) and "cached" with both on. Each run is warmed up, then measured
with `wrk` (or a small threaded load tool when wrk is missing):
requests/s and p50/p99 latency for /healthz (the ceiling: a view that does nothing) and for
the home page, an area page, an office page and an experience page. SQL queries per page are
counted in-process with Django's test client against the same database, with and without
fragments.

    .venv/bin/python bench/pages.py                  # everything, a few minutes
    .venv/bin/python bench/pages.py --skip-setup     # reuse the database from the last run
    .venv/bin/python bench/pages.py --sql            # also print each page's SQL

Writes bench/results/pages.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DB_SERVER = os.environ.get("BENCH_DB_SERVER", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_DB_NAME", "bench_pages")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
QUERY_BUDGET = 12
UNCACHED_TARGET = 0.10  # of the ceiling
CACHED_TARGET = 0.70
MODES = ("cold", "uncached", "cached")


# --- environment -------------------------------------------------------------------------------


def redis_is_up(url: str) -> bool:
    match = re.match(r"redis://([^:/]+):(\d+)", url)
    if not match:
        return False
    try:
        with socket.create_connection((match[1], int(match[2])), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def flush_redis(url: str) -> None:
    """Empty the benchmark's own Redis database (never another one)."""
    match = re.match(r"redis://([^:/]+):(\d+)/(\d+)", url)
    if not match:
        return
    with socket.create_connection((match[1], int(match[2])), timeout=2) as sock:
        db = match[3].encode()
        sock.sendall(b"*2\r\n$6\r\nSELECT\r\n$%d\r\n%s\r\n*1\r\n$7\r\nFLUSHDB\r\n" % (len(db), db))
        time.sleep(0.1)
        sock.recv(64)


def base_env(port: int, cache_url: str, db_name: str = DB_NAME) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("DEBUG", "DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "PAGE_CACHE_ENABLED")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"{DB_SERVER}/{db_name}",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def recreate_database(name: str = DB_NAME) -> None:
    """Drop and create a benchmark's own database (never another one). Every bench uses this."""
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup(
    env: dict[str, str], image_size: str, db_name: str = DB_NAME, collect_static: bool = True
) -> None:
    """A fresh database with the demo content (and the static files, unless told not to)."""
    started = time.monotonic()
    print(f"database {db_name}: drop, create, migrate…", flush=True)
    recreate_database(db_name)
    shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    manage(env, "migrate", "--noinput")
    print(f"seed_demo --image-size {image_size}…", flush=True)
    manage(env, "seed_demo", "--image-size", image_size)
    if collect_static:
        print("collectstatic…", flush=True)
        manage(env, "collectstatic", "--noinput", "--clear")
    print(f"set up in {time.monotonic() - started:.0f} s", flush=True)


# --- in-process inspection: URLs and queries ---------------------------------------------------

INSPECT = r"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.core.cache import caches
from wagtail.models import Locale
from workation.models import AreaPage, ExperiencePage, OfficePage

ja = Locale.objects.get(language_code="ja")
def first(model):
    page = model.objects.live().public().filter(locale=ja).order_by("path").first()
    return page.url if page else None
pages = {"home": "/ja/", "area": first(AreaPage), "office": first(OfficePage),
         "experience": first(ExperiencePage)}
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for name, url in pages.items():
    for alias in ("default", "pages", "renditions"):
        caches[alias].clear()
    warm = client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    out[name] = {"url": url, "status": response.status_code, "warm_status": warm.status_code,
                 "queries": len(ctx), "sql": [q["sql"] for q in ctx.captured_queries]}
print(json.dumps(out))
"""


def inspect_pages(env: dict[str, str], fragments: bool = True) -> dict[str, Any]:
    env = {
        **env,
        "PAGE_CACHE_ENABLED": "false",
        "FRAGMENT_CACHE_ENABLED": "true" if fragments else "false",
    }
    result = subprocess.run(
        [PYTHON, "-c", INSPECT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"inspection failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, worker_class: str, threads: int):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
        "--access-logfile",
        "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
    ]
    log = (RESULTS / "gunicorn.log.tmp").open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        stop(process)
        log.close()


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group only)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# --- load --------------------------------------------------------------------------------------


def warm_up(base: str, paths: list[str], rounds: int = 20) -> None:
    for _ in range(rounds):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                response.read()


def fetch_headers(base: str, path: str) -> dict[str, str]:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        response.read()
        return {key.lower(): value for key, value in response.headers.items()}


UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match[1]) * UNIT[match[2]]


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, float]:
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    percentiles = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m))\s*$", out, re.M))
    if set(percentiles) != {"50", "99"}:
        raise RuntimeError(f"could not read wrk's latency distribution:\n{out}\n{result.stderr}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


def run_python_load(url: str, seconds: int, connections: int) -> dict[str, float]:
    """A small closed-loop load generator (one keep-alive connection per thread)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", parts.path or "/")
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "requests": len(latencies),
        "errors": errors,
        "socket_errors": "",
    }


def measure(base: str, path: str, args: argparse.Namespace) -> dict[str, float]:
    if shutil.which("wrk") and not args.python_load:
        return run_wrk(base + path, args.duration, args.connections, args.wrk_threads)
    return run_python_load(base + path, args.duration, args.connections)


# --- the run -----------------------------------------------------------------------------------


def serve_and_measure(
    env: dict[str, str], pages: dict[str, Any], label: str, args: argparse.Namespace
) -> dict[str, Any]:
    port = free_port()
    env = {
        **env,
        "PAGE_CACHE_ENABLED": "true" if label == "cached" else "false",
        "FRAGMENT_CACHE_ENABLED": "false" if label == "cold" else "true",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }
    if env.get("CACHE_URL"):
        flush_redis(env["CACHE_URL"])
    print(
        f"\n{label}: gunicorn {args.workers} × {args.worker_class}"
        f"{f' ({args.threads} threads)' if args.worker_class == 'gthread' else ''}, "
        f"{args.connections} connections, {args.duration} s each",
        flush=True,
    )
    out: dict[str, Any] = {}
    with gunicorn(env, port, args.workers, args.worker_class, args.threads) as base:
        paths = ["/healthz"] + [page["url"] for page in pages.values()]
        warm_up(base, paths)
        for name, path in [("healthz", "/healthz")] + [(n, p["url"]) for n, p in pages.items()]:
            headers = fetch_headers(base, path)
            figures = measure(base, path, args)
            figures["x_cache"] = headers.get("x-cache", "")
            figures["url"] = path
            out[name] = figures
            print(
                f"  {name:<11} {path:<45} {figures['rps']:>8.0f} req/s  "
                f"p50 {figures['p50_ms']:>6.1f} ms  p99 {figures['p99_ms']:>6.1f} ms"
                f"{'  X-Cache ' + figures['x_cache'] if figures['x_cache'] else ''}"
                f"{'  ERRORS ' + str(figures['errors']) if figures['errors'] else ''}",
                flush=True,
            )
    return out


def report(
    pages: dict[str, Any], cold_pages: dict[str, Any], runs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    rows = []
    for mode, run in runs.items():
        ceiling = run["healthz"]["rps"]
        counted = cold_pages if mode == "cold" else pages
        for name, figures in run.items():
            queries = counted[name]["queries"] if name in counted else 0
            ratio = figures["rps"] / ceiling if ceiling else 0.0
            if name == "healthz":
                verdict = "ceiling"
            elif mode == "cold":
                verdict = "(no target)"
            elif mode == "uncached":
                ok = ratio >= UNCACHED_TARGET and queries <= QUERY_BUDGET
                verdict = "ok" if ok else "MISSED"
            else:
                verdict = "ok" if ratio >= CACHED_TARGET else "MISSED"
            rows.append(
                {
                    "mode": mode,
                    "page": name,
                    "url": figures["url"],
                    "queries": queries,
                    "rps": round(figures["rps"], 1),
                    "p50_ms": round(figures["p50_ms"], 2),
                    "p99_ms": round(figures["p99_ms"], 2),
                    "ratio_to_ceiling": round(ratio, 3),
                    "errors": figures["errors"],
                    "x_cache": figures["x_cache"],
                    "target": verdict,
                }
            )
    print(
        f"\n{'mode':<9} {'page':<11} {'queries':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'ratio':>7}  target"
    )
    for row in rows:
        print(
            f"{row['mode']:<9} {row['page']:<11} {row['queries']:>7} {row['rps']:>9.0f} "
            f"{row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['ratio_to_ceiling']:>7.1%}  "
            f"{row['target']}"
        )
    print(
        f"\ntargets: uncached >= {UNCACHED_TARGET:.0%} of the ceiling with <= {QUERY_BUDGET} "
        f"queries; cached >= {CACHED_TARGET:.0%} of the ceiling; cold is shown for reference"
    )
    return rows


def main() -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=2 * cores)
    parser.add_argument("--wrk-threads", type=int, default=max(1, min(cores, 2)))
    parser.add_argument("--workers", type=int, default=cores + 1)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--image-size", default="800x500", help="seed_demo --image-size")
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database")
    parser.add_argument("--python-load", action="store_true", help="do not use wrk")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument("--only", choices=MODES, help="run one mode only")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    cache_url = REDIS_URL if redis_is_up(REDIS_URL) else ""
    env = base_env(8000, cache_url)
    print(
        f"{cores} cores; database {DB_SERVER}/{DB_NAME}; cache {cache_url or 'local memory'}; "
        f"load {'wrk' if shutil.which('wrk') and not args.python_load else 'python threads'}"
    )
    if not args.skip_setup:
        setup(env, args.image_size)
    pages = inspect_pages(env)
    cold_pages = inspect_pages(env, fragments=False)
    for name, page in pages.items():
        print(
            f"  {name:<11} {page['url']:<45} {page['status']}  {page['queries']} queries "
            f"({cold_pages[name]['queries']} without fragments)"
        )
        if args.sql:
            for number, sql in enumerate(page["sql"], 1):
                print(f"      {number:>2}. {sql[:300]}")
        if page["status"] != 200:
            raise SystemExit(f"{page['url']} answered {page['status']}")

    runs: dict[str, dict[str, Any]] = {}
    for mode in MODES:
        if args.only and args.only != mode:
            continue
        runs[mode] = serve_and_measure(env, pages, mode, args)
    rows = report(pages, cold_pages, runs)
    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cores": cores, "platform": sys.platform},
        "server": {
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "settings": "config.settings.production",
        },
        "load": {
            "tool": "wrk" if shutil.which("wrk") and not args.python_load else "python",
            "connections": args.connections,
            "seconds": args.duration,
        },
        "cache": cache_url or "locmem",
        "pages": {
            name: {
                **{k: v for k, v in page.items() if k != "sql"},
                "queries_without_fragments": cold_pages[name]["queries"],
            }
            for name, page in pages.items()
        },
        "sql": {name: page["sql"] for name, page in pages.items()},
        "results": rows,
    }
    (RESULTS / "pages.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {RESULTS / 'pages.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
