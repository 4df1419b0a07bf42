"""What the benchmarks share: their databases, the processes they start, load, timing, results.

Every script in bench/ imports this module, and none imports another script. It holds only
what more than one benchmark needs (or what two would otherwise each define under one name);
what a single benchmark measures stays in its own script. Scripts run as
`.venv/bin/python bench/<name>.py`, so bench/ is on sys.path and `import harness` finds this
file. See bench/README.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DB_SERVER = os.environ.get("BENCH_DB_SERVER", "postgres://postgres@127.0.0.1:5432")
TICKS = os.sysconf("SC_CLK_TCK")  # /proc counts CPU time in these
SOLD_OUT = "満席"  # in "%(date)sは満席です。", the Japanese SoldOut message of create_hold


# --- PostgreSQL, Redis and Django ----------------------------------------------------------------


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


def recreate_database(name: str) -> None:
    """Drop and create a benchmark's own database (never another one)."""
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def base_env(
    port: int, cache_url: str, db_name: str, media_root: Path = ROOT / "var" / "bench-media"
) -> dict[str, str]:
    """The environment of the site in production settings (DEBUG off, a generated SECRET_KEY,
    plain HTTP on 127.0.0.1) on the database `db_name`, with Redis caches if `cache_url`."""
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
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py <args>` in a subprocess with this environment; its output."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def setup_demo(
    env: dict[str, str], image_size: str, db_name: str, collect_static: bool = True
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


def setup_django(env: dict[str, str]) -> None:
    """Django in this process, with these settings and database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


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
    """The demo's measured pages (home, first area, office and experience in Japanese): URL,
    status, and the SQL of a second request, in a subprocess with Django's test client."""
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


# --- the processes: gunicorn, a Celery worker, the fake Stripe -----------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a process started by `background` and its children (its own process group only)."""
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


@contextlib.contextmanager
def background(name: str, command: list[str], env: dict[str, str]):
    """A process in its own process group, logging to bench/results/<name>.log.tmp; stopped
    when the block ends, also on an error or Ctrl-C."""
    log = (RESULTS / f"{name}.log.tmp").open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield process
    finally:
        stop(process)
        log.close()


def wait_until_up(
    url: str, process: subprocess.Popen, what: str, timeout: int = 30, log: Path | None = None
) -> None:
    """Wait until `url` answers 200; fail if the process exits or `timeout` s pass."""
    see = f"; see {log}" if log else ""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}{see}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer {url} within {timeout} s{see}")
        time.sleep(0.3)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    port: int,
    workers: int,
    worker_class: str = "sync",
    threads: int = 1,
    log_name: str = "gunicorn",
):
    """gunicorn on 127.0.0.1:`port` (its log: bench/results/<log_name>.log.tmp; the access log
    only with BENCH_ACCESS_LOG set); yields (base URL, master pid) once /livez answers."""
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
    with background(log_name, command, env) as process:
        base = f"http://127.0.0.1:{port}"
        log = RESULTS / f"{log_name}.log.tmp"
        wait_until_up(f"{base}/livez", process, "gunicorn", timeout=60, log=log)
        yield base, process.pid


def celery_worker(
    name: str, env: dict[str, str], queues: str, processes: int, *options: str
) -> contextlib.AbstractContextManager[subprocess.Popen]:
    """A Celery worker (`celery -A config worker`) on these queues with a pool of `processes`,
    logging to bench/results/<name>.log.tmp; stopped when the block ends."""
    command = [str(Path(PYTHON).parent / "celery"), "-A", "config", "worker", "-Q", queues]
    command += ["-c", str(processes), "-l", "warning", *options]
    return background(name, command, env)


@contextlib.contextmanager
def fake_stripe(name: str, env: dict[str, str], base: str, webhook_secret: str, webhook_url: str):
    """The local fake Stripe (`python -m devtools.fake_stripe`) at `base`, delivering signed
    webhooks to `webhook_url`; yields its process once it answers."""
    command = [PYTHON, "-m", "devtools.fake_stripe", "--host", "127.0.0.1"]
    command += ["--port", base.rsplit(":", 1)[1], "--webhook-secret", webhook_secret]
    command += ["--webhook-url", webhook_url]
    with background(name, command, env) as process:
        log = RESULTS / f"{name}.log.tmp"
        wait_until_up(f"{base}/_test/config", process, "the fake Stripe", log=log)
        yield process


# --- load, timing and the machine ----------------------------------------------------------------


def warm_up(base: str, paths: list[str], rounds: int, timeout: float = 30) -> None:
    """Fetch each path `rounds` times (renditions made, caches and connections warm)."""
    for _ in range(rounds):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=timeout) as response:
                response.read()


UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def wrk_ms(text: str) -> float:
    """A duration as wrk prints it ("512.3us", "4.1ms", "10.0s", "1.2m") in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match[1]) * UNIT[match[2]]


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, float]:
    """GET one URL with wrk: requests/s, p50 and p99 (ms), requests and errors."""
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
        "p50_ms": wrk_ms(percentiles["50"]),
        "p99_ms": wrk_ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


# Two rules of percentile, each kept by the benchmarks that used it, so that their figures stay
# comparable with their earlier runs.


def percentile_nearest_rank(values: list[float], share: float) -> float:
    """The value at rank round(share × n) of the sorted values (holds.py, load.py)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def percentile_rounded_index(values: list[float], share: float) -> float:
    """The sorted value at index round(share × (n − 1)) (search.py)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def proc_stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from its 3rd field (state) on; None if the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def machine_cpu() -> tuple[float, float]:
    """(busy CPU seconds of the whole machine, seconds since boot) from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICKS, time.monotonic()


def wait_for_quiet(max_wait: int, threshold: float = 0.15) -> dict[str, float]:
    """Wait (at most `max_wait` s) until other processes use less than `threshold` of the
    machine: the benchmark shares it with whatever else runs (tests, other benchmarks)."""
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + max_wait
    waited = 0.0
    while True:
        before = machine_cpu()
        time.sleep(1)
        after = machine_cpu()
        busy = (after[0] - before[0]) / (after[1] - before[1]) / cores
        if busy < threshold or time.monotonic() >= deadline:
            break
        if not waited:
            print(f"the machine is {busy:.0%} busy with other work; waiting…", flush=True)
        waited += 1
    if busy >= threshold:
        print(f"still {busy:.0%} busy after {max_wait} s: measuring anyway", flush=True)
    return {"busy_before": round(busy, 3), "waited_s": waited}


# --- the site's answers and the results ----------------------------------------------------------


def error_message(html: str) -> str:
    """The error the page shows (error summary or field errors), as text."""
    found = re.findall(
        r'class="(?:error-summary__title|field__error|form-errors?[^"]*)"[^>]*>(.*?)</', html, re.S
    )
    return " | ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", part)).strip() for part in found)


def write_results(name: str, result: dict[str, Any]) -> Path:
    """Write bench/results/<name>.json (indented, UTF-8, other values as text); its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
