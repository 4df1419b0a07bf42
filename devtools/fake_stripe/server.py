"""The fake Stripe aiohttp application: localstripe's own API routes and auth rules, plus Checkout
Sessions, idempotency keys, the TEST payment page, event delivery and the `/_test/` controls.

State lives in memory only; `bind_loopback` refuses any address but a loopback one.
"""

import asyncio
import contextlib
import functools
import inspect
import ipaddress
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web
from localstripe.errors import UserError

from devtools.fake_stripe import api, checkout, control, localstripe_bridge, page
from devtools.fake_stripe.clock import Clock
from devtools.fake_stripe.events import EventLog, WebhookSettings
from devtools.fake_stripe.idempotency import IdempotencyCache, idempotency_middleware
from devtools.fake_stripe.localstripe_bridge import localstripe_server
from devtools.fake_stripe.state import STATE, FakeState

log = logging.getLogger(__name__)

SWEEP_INTERVAL_SECONDS = 1.0
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# localstripe's routes this package leaves out (its webhook config and store flush are replaced
# by /_test/) or replaces with its own handler.
_SKIPPED_PREFIXES = ("/_config/",)
_REPLACED = {(method, path) for method, path, _ in api.ROUTES}


@web.middleware
async def _unknown_api_urls(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Stripe's JSON error for an unknown `/v1/...` URL instead of aiohttp's text 404/405."""
    try:
        return await handler(request)
    except (web.HTTPNotFound, web.HTTPMethodNotAllowed):
        if not request.path.startswith("/v1/"):
            raise
        raise UserError(
            404, f"Unrecognized request URL ({request.method}: {request.path})."
        ) from None


@web.middleware
async def _api_key_required(request: web.Request, handler: Handler) -> web.StreamResponse:
    """localstripe's auth rules (an `sk_...` key) for `/v1/...`; the page and controls are open."""
    if not request.path.startswith("/v1/"):
        return await handler(request)
    scheme = request.headers.get("Authorization", "").split(" ")[0]
    if scheme not in ("Basic", "Bearer"):
        raise UserError(401, "Unauthorized")
    return await localstripe_server.auth_middleware(request, handler)


def _as_coroutine(handler: Callable[[web.Request], object]) -> Handler:
    """localstripe's GET handlers are plain functions, which aiohttp deprecates."""
    if inspect.iscoroutinefunction(handler):
        return handler

    @functools.wraps(handler)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        """The same handler, awaitable."""
        return handler(request)

    return wrapper


def _localstripe_routes() -> list[tuple[str, str, Handler]]:
    routes = []
    for route in localstripe_server.app.router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if path.startswith(_SKIPPED_PREFIXES) or (route.method, path) in _REPLACED:
            continue
        routes.append((route.method, path, _as_coroutine(route.handler)))
    return routes


async def _sweep_expired(state: FakeState, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            checkout.expire_due_sessions(state.clock.now())
        except Exception:  # one bad sweep must not stop the next ones
            log.exception("checking for expired checkout sessions failed")


def build_app(
    *,
    public_url: str,
    webhook_url: str | None,
    webhook_secret: str | None,
    auto_deliver: bool = True,
    clock: Clock | None = None,
    sweep_interval: float = SWEEP_INTERVAL_SECONDS,
) -> web.Application:
    """The fake Stripe application; `public_url` is where browsers reach it (for session URLs).

    Starting it clears localstripe's store; only one may run per process at a time.
    """
    clock = clock or Clock()
    settings = WebhookSettings(url=webhook_url, secret=webhook_secret, auto_deliver=auto_deliver)
    state = FakeState(
        public_url=public_url.rstrip("/"),
        clock=clock,
        webhooks=settings,
        events=EventLog(clock, settings),
        idempotency=IdempotencyCache(clock),
    )
    app = web.Application(
        middlewares=[
            localstripe_server.error_middleware,
            _unknown_api_urls,
            _api_key_required,
            idempotency_middleware(state.idempotency),
        ]
    )
    app[STATE] = state
    for method, path, handler in [
        *api.ROUTES,
        *_localstripe_routes(),
        *page.ROUTES,
        *control.ROUTES,
    ]:
        app.router.add_route(method, path, handler)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        """Claim localstripe's events and start clean; stop the workers and clear at the end."""
        sink = state.events.record
        localstripe_bridge.attach(sink)
        state.reset()
        await state.events.start()
        sweeper = asyncio.get_running_loop().create_task(_sweep_expired(state, sweep_interval))
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            await state.events.stop()
            state.reset()
            localstripe_bridge.detach(sink)

    app.cleanup_ctx.append(lifecycle)
    return app


def bind_loopback(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A TCP socket bound to `host`:`port` (0: any free port), which must be a loopback address:
    the fake is for this machine only."""
    try:
        address = ipaddress.ip_address("127.0.0.1" if host == "localhost" else host)
    except ValueError:
        raise ValueError(f"{host!r} is not an IP address; use 127.0.0.1") from None
    if not address.is_loopback:
        raise ValueError(f"refusing to listen on {host}: the fake Stripe binds loopback only")
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((str(address), port))
    except OSError:
        sock.close()
        raise
    return sock
