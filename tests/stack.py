"""Real processes for the tests that are about them: a private Redis server, a gunicorn web
server, a Celery worker, and an SMTP server that keeps what it receives.

A missing part (the redis-server binary, say) skips the test with the reason on a developer's
machine and fails it under CI (CI=true), where it must never be skipped.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def need(available: bool, why: str) -> None:
    """Skip (with the reason) when a part is missing, or fail under CI."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why} (CI must run this test)")
    pytest.skip(why)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check: Callable[[], object], timeout: float, what: str, every: float = 0.1):
    """Poll `check` until it returns something true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def database_url() -> str:
    """The URL of the database this test runs on (the test database), for child processes."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps every message it is given."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        self._lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink._lock:
                    sink.messages.append(message_from_bytes(envelope.content))
                return "250 OK"

        self.port = free_port()
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def received(self, to: str, subject_has: str = "") -> list[Message]:
        """The messages sent to `to` whose decoded subject contains `subject_has`."""
        from email.header import decode_header, make_header

        with self._lock:
            found = list(self.messages)
        return [
            message
            for message in found
            if to in str(message.get("To", ""))
            and subject_has in str(make_header(decode_header(message.get("Subject", ""))))
        ]


class RedisServer:
    """A private redis-server that a test may stop and start again. It keeps nothing on disk,
    unless `persistent`: then it keeps an append-only file, as the documented broker does, and
    comes back after a restart with what it held."""

    def __init__(self, persistent: bool = False) -> None:
        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.port = free_port()
        self.persistent = persistent
        self._dir = tempfile.mkdtemp(prefix="test-redis-")
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        need(Path(self.binary).exists(), "redis-server is not installed")
        self._process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "yes" if self.persistent else "no", "--dir", self._dir]
            + (["--appendfsync", "always"] if self.persistent else []),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, 10, "redis-server to answer")
        return self

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(10)
        self._process = None

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)


class Child:
    """A child process with its output in a log file, stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log = log_dir / f"{name}.log"
        self._file = self.log.open("wb")
        self.process = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=self._file, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        """The pids of this process's children (a Celery worker's pool processes)."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._file.close()


def child_env(**values: str) -> dict[str, str]:
    """The environment for the site's processes: the test settings, this test's database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "EMAIL_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url(),
        PYTHONUNBUFFERED="1",
        **values,
    )
    return env


def start_web(env: dict[str, str], log_dir: Path) -> tuple[Child, str]:
    """gunicorn with two workers on a free port; returns it and its base URL once it answers."""
    port = free_port()
    web = Child(
        "web",
        [str(VENV_BIN / "gunicorn"), "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
        + ["--timeout", "60"],
        env,
        log_dir,
    )
    base = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                return response.status == 200
        except OSError:
            if web.process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{web.output()[-3000:]}")
            return False

    wait_for(healthy, 60, "gunicorn to answer", every=0.3)
    return web, base


def start_worker(env: dict[str, str], log_dir: Path, concurrency: int = 2) -> Child:
    """A Celery worker (prefork pool) on every queue, once it says it is ready."""
    worker = Child(
        "worker",
        [str(VENV_BIN / "celery"), "-A", "config", "worker", "-Q", "default,mail,webhooks,images"]
        + ["-c", str(concurrency), "-P", "prefork", "-l", "info"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        env,
        log_dir,
    )

    def ready() -> bool:
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited:\n{worker.output()[-3000:]}")
        return " ready." in worker.output()

    wait_for(ready, 60, "the Celery worker to be ready", every=0.3)
    return worker


class HeldProxy:
    """An HTTP proxy to `target` that holds requests whose path starts with `hold_prefix` until
    `release()` (or 60 s), so a test can act while a process waits on one. `arrived` counts them."""

    def __init__(self, target: str, hold_prefix: str) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.arrived = 0
        self._released = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _forward(self) -> None:
                if self.path.startswith(hold_prefix):
                    proxy.arrived += 1
                    proxy._released.wait(60)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                request = urllib.request.Request(
                    target + self.path, data=body, headers=headers, method=self.command
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        status, payload, kind = answer.status, answer.read(), answer.headers
                except urllib.error.HTTPError as error:
                    status, payload, kind = error.code, error.read(), error.headers
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind.get("Content-Type", "application/json"))
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the caller was killed while it waited

            do_GET = do_POST = do_DELETE = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "HeldProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    def release(self) -> None:
        self._released.set()
