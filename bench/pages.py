#!/usr/bin/env python
"""Page benchmark: how fast the demo site serves its main pages, uncached and cached.

Builds its own PostgreSQL database (dropped and created again), migrates it, seeds the demo
content and collects static files, then serves the site with gunicorn on 127.0.0.1 in
production settings (DEBUG off) three times: "cold" with the page cache and the fragment cache
off (every request renders everything from the database), "uncached" with the page cache off
(the shared fragments, such as card grids, kept until the next publish: what a signed-in visitor
or a visitor with a session gets) and "cached" with both on. Each run is warmed up, then measured
with `wrk` (or a small threaded load tool when wrk is missing):
requests/s and p50/p99 latency for /livez (the ceiling: a view that does nothing) and for
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
import os
import shutil
import statistics
import sys
import threading
import time
import urllib.request
from typing import Any

from harness import (
    DB_SERVER,
    RESULTS,
    base_env,
    flush_redis,
    free_port,
    gunicorn,
    inspect_pages,
    redis_is_up,
    run_wrk,
    setup_demo,
    warm_up,
    write_results,
)

DB_NAME = os.environ.get("BENCH_DB_NAME", "bench_pages")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
QUERY_BUDGET = 12
UNCACHED_TARGET = 0.10  # of the ceiling
CACHED_TARGET = 0.70
MODES = ("cold", "uncached", "cached")


# --- load --------------------------------------------------------------------------------------


def fetch_headers(base: str, path: str) -> dict[str, str]:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        response.read()
        return {key.lower(): value for key, value in response.headers.items()}


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
    with gunicorn(env, port, args.workers, args.worker_class, args.threads) as (base, _pid):
        paths = ["/livez"] + [page["url"] for page in pages.values()]
        warm_up(base, paths, rounds=20)
        for name, path in [("livez", "/livez")] + [(n, p["url"]) for n, p in pages.items()]:
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
        ceiling = run["livez"]["rps"]
        counted = cold_pages if mode == "cold" else pages
        for name, figures in run.items():
            queries = counted[name]["queries"] if name in counted else 0
            ratio = figures["rps"] / ceiling if ceiling else 0.0
            if name == "livez":
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
    env = base_env(8000, cache_url, DB_NAME)
    print(
        f"{cores} cores; database {DB_SERVER}/{DB_NAME}; cache {cache_url or 'local memory'}; "
        f"load {'wrk' if shutil.which('wrk') and not args.python_load else 'python threads'}"
    )
    if not args.skip_setup:
        setup_demo(env, args.image_size, DB_NAME)
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
    print(f"\nwritten {write_results('pages', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
