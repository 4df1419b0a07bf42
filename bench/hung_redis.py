#!/usr/bin/env python
"""Hung Redis benchmark: what a cache that accepts connections but never answers costs a page.

Builds (or with --skip-setup reuses) its own PostgreSQL database with the demo content, opens a
port that accepts connections and never answers (Redis hung), and serves the site with gunicorn
(production settings, 2 sync workers, the page cache on) with every cache on that port, twice:
"before" with CACHE_PAUSE_SECONDS=0 (each cache call waits out its socket timeout, as before the
pause existed) and "after" with the default pause (one timeout, then the cache is skipped). Each
run requests /healthz, the home page and an office page in turn, 10 times each, one at a time,
and reports the median and worst seconds per path.

    .venv/bin/python bench/hung_redis.py               # a few minutes (the demo seed)
    .venv/bin/python bench/hung_redis.py --skip-setup  # reuse the database of the last run

Writes bench/results/hung_redis.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import time
import urllib.error
import urllib.request

from harness import base_env, free_port, gunicorn, inspect_pages, setup_demo, write_results

DB_NAME = os.environ.get("BENCH_DB_NAME", "bench_hung_redis")
ROUNDS = 10


def silent_port() -> socket.socket:
    """A listening socket that nobody reads: connections complete, commands get no answer."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1024)
    return server


def timed(url: str) -> tuple[float, int]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    return time.monotonic() - started, status


def measure(env: dict[str, str], port: int, paths: dict[str, str]) -> dict[str, dict]:
    with gunicorn(env, port, workers=2, log_name="hung_redis") as (base, _pid):
        seconds: dict[str, list[float]] = {name: [] for name in paths}
        statuses: dict[str, set[int]] = {name: set() for name in paths}
        for _ in range(ROUNDS):
            for name, path in paths.items():
                took, status = timed(base + path)
                seconds[name].append(took)
                statuses[name].add(status)
    return {
        name: {
            "median_s": round(statistics.median(values), 3),
            "worst_s": round(max(values), 3),
            "statuses": sorted(statuses[name]),
        }
        for name, values in seconds.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--skip-setup", action="store_true", help="reuse the database")
    args = parser.parse_args()

    port = free_port()
    env = base_env(port, "", DB_NAME)
    if not args.skip_setup:
        setup_demo(env, "640x400", DB_NAME)
    pages = inspect_pages(env)
    paths = {"healthz": "/healthz", "home": "/ja/", "office": pages["office"]["url"]}

    hung = silent_port()
    cache_url = f"redis://127.0.0.1:{hung.getsockname()[1]}/1"
    result = {"rounds": ROUNDS, "paths": paths}
    for name, pause in (("before (no pause)", "0"), ("after (pause 10 s)", "10")):
        print(f"\n{name}: every cache on a hung Redis…", flush=True)
        result[name] = measure(
            {**env, "CACHE_URL": cache_url, "CACHE_PAUSE_SECONDS": pause}, port, paths
        )
        for path_name, figures in result[name].items():
            print(
                f"  {path_name:<10} median {figures['median_s']:>6.3f} s"
                f"  worst {figures['worst_s']:>6.3f} s  HTTP {figures['statuses']}"
            )
    hung.close()
    print(f"\nwritten to {write_results('hung_redis', result)}")


if __name__ == "__main__":
    main()
