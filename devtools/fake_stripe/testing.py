"""`FakeStripe`: the fake Stripe in a background thread of a test or benchmark, on a free port of
127.0.0.1, with synchronous helpers over its `/_test/` control endpoints.

Only one may run per process at a time, because localstripe keeps its objects in one
module-global store.
"""

import asyncio
import json
import logging
import threading
import urllib.error
import urllib.request
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

from aiohttp import web

from devtools.fake_stripe.server import bind_loopback, build_app

log = logging.getLogger(__name__)

_RUNNING = threading.Lock()


class FakeStripeError(Exception):
    """A control endpoint answered with an error."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class _Unset:
    """Marks a `configure` argument that was not given (None means "clear it")."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


class FakeStripe:
    """A running fake Stripe: point `stripe.StripeClient(fake.secret_key,
    base_addresses={"api": fake.api_base})` at it. Use as a context manager or start()/stop()."""

    secret_key = "sk_test_fake"

    def __init__(
        self,
        webhook_url: str | None = None,
        webhook_secret: str | None = "whsec_test",
        auto_deliver: bool = False,
    ) -> None:
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.auto_deliver = auto_deliver
        self._api_base: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def api_base(self) -> str:
        """`http://127.0.0.1:<port>`, the value for `base_addresses={"api": ...}`."""
        if self._api_base is None:
            raise RuntimeError("FakeStripe is not running: call start() or use it in a with block")
        return self._api_base

    def start(self) -> Self:
        """Serve in a daemon thread; raises RuntimeError if another FakeStripe is running."""
        if not _RUNNING.acquire(blocking=False):
            raise RuntimeError(
                "another FakeStripe is already running in this process: localstripe keeps its "
                "objects in one module-global store, so stop() the other one first"
            )
        sock = None
        try:
            sock = bind_loopback("127.0.0.1", 0)
            api_base = f"http://127.0.0.1:{sock.getsockname()[1]}"
            app = build_app(
                public_url=api_base,
                webhook_url=self.webhook_url,
                webhook_secret=self.webhook_secret,
                auto_deliver=self.auto_deliver,
            )
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(
                target=self._loop.run_forever, name="fake-stripe", daemon=True
            )
            self._thread.start()
            self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
            self._await(self._serve(self._runner, sock))
            self._api_base = api_base
        except BaseException:
            if sock is not None:
                sock.close()
            self._shutdown()
            raise
        return self

    def stop(self) -> None:
        """Stop serving and forget all state (a no-op if not running)."""
        if self._loop is not None:
            self._shutdown()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def events(self, type: str | None = None) -> list[dict[str, Any]]:
        """Every event recorded so far (oldest first), whole, optionally of one type."""
        query = "?full=1" + (f"&type={quote(type)}" if type else "")
        return [item["event"] for item in self._control("GET", "/_test/events" + query)]

    def deliveries(self, event_id: str) -> list[int | None]:
        """The HTTP status of each delivery attempt of an event so far."""
        for item in self._control("GET", "/_test/events"):
            if item["id"] == event_id:
                return item["deliveries"]
        raise FakeStripeError(404, f"No such event: '{event_id}'")

    def signed(self, event_id: str, timestamp: int | None = None) -> tuple[bytes, dict[str, str]]:
        """The event's exact body and its headers signed now (or at `timestamp`), to post to a
        webhook view yourself."""
        query = "" if timestamp is None else f"?timestamp={int(timestamp)}"
        answer = self._control("GET", f"/_test/events/{quote(event_id)}/signed{query}")
        return answer["payload"].encode(), answer["headers"]

    def deliver(self, event_id: str) -> int | None:
        """Deliver an event now to the webhook URL; its HTTP status, None if unreachable."""
        return self._control("POST", f"/_test/events/{quote(event_id)}/deliver")["status"]

    def pay(self, session_id: str) -> dict[str, Any]:
        """Pay an open checkout session as the test page's button does; the session after."""
        return self._control("POST", f"/_test/sessions/{quote(session_id)}/pay")

    def expire(self, session_id: str) -> dict[str, Any]:
        """Expire an open checkout session as the test page's button does; the session after."""
        return self._control("POST", f"/_test/sessions/{quote(session_id)}/expire")

    def advance(self, seconds: float, *, sweep: bool = True) -> int:
        """Move the fake's clock forward; sessions now past expires_at expire at once (or, with
        sweep=False, at the next read or background check). Returns the fake's new time."""
        return self._control("POST", "/_test/clock", {"advance": seconds, "sweep": sweep})["now"]

    def configure(
        self,
        *,
        webhook_url: str | None | _Unset = UNSET,
        webhook_secret: str | None | _Unset = UNSET,
        auto_deliver: bool | _Unset = UNSET,
    ) -> dict[str, Any]:
        """Change the webhook settings given (others stay); answers the settings now."""
        body: dict[str, Any] = {}
        if not isinstance(webhook_url, _Unset):
            body["webhook_url"] = webhook_url
        if not isinstance(webhook_secret, _Unset):
            body["webhook_secret"] = webhook_secret
        if not isinstance(auto_deliver, _Unset):
            body["auto_deliver"] = auto_deliver
        return self._control("POST", "/_test/config", body)

    def reset(self) -> None:
        """Forget every object, event and idempotency key; the clock goes back to real time."""
        self._control("POST", "/_test/reset")

    def _control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.api_base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"} if data is not None else {},
        )
        try:
            with self._opener.open(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            try:
                message = json.loads(text)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = text
            raise FakeStripeError(error.code, message) from None

    def _await(self, coroutine: Any) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)

    @staticmethod
    async def _serve(runner: web.AppRunner, sock: Any) -> None:
        await runner.setup()
        await web.SockSite(runner, sock).start()

    def _shutdown(self) -> None:
        try:
            if self._runner is not None and self._loop is not None:
                self._await(self._runner.cleanup())
        except Exception:
            log.exception("stopping the fake Stripe failed")
        finally:
            if self._loop is not None:
                self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            if self._loop is not None and not self._loop.is_running():
                self._loop.close()
            self._runner = self._loop = self._thread = None
            self._api_base = None
            _RUNNING.release()
