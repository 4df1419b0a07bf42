"""Stripe's idempotency keys for every `POST /v1/...`: a key seen again with the same parameters
replays the first response without doing anything; with other parameters it is an error.

Like Stripe, a request refused before it ran (a 4xx other than 402 card errors) is not kept, so
it may be retried with the same key; keys are kept in memory for 24 hours of the fake's clock.
"""

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from aiohttp import web
from localstripe.errors import UserError

from devtools.fake_stripe.clock import Clock
from devtools.fake_stripe.localstripe_bridge import get_api_key

KEY_LIFETIME_SECONDS = 24 * 60 * 60

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class StoredResponse:
    """The first response given for a key, and what it was a response to."""

    fingerprint: str
    stored_at: int
    status: int
    body: bytes
    content_type: str
    charset: str | None

    def replay(self) -> web.Response:
        """The same response again, marked as Stripe marks replays."""
        return web.Response(
            body=self.body,
            status=self.status,
            content_type=self.content_type,
            charset=self.charset,
            headers={"Idempotent-Replayed": "true"},
        )


class IdempotencyCache:
    """Responses by (API key, idempotency key), in memory."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.entries: dict[tuple[str, str], StoredResponse] = {}
        self.lock = asyncio.Lock()

    def clear(self) -> None:
        """Forget every key."""
        self.entries.clear()

    def get(self, scope: tuple[str, str]) -> StoredResponse | None:
        """The response kept for `scope`, unless it has outlived the key lifetime."""
        entry = self.entries.get(scope)
        if entry is not None and entry.stored_at + KEY_LIFETIME_SECONDS <= self.clock.now():
            del self.entries[scope]
            return None
        return entry

    def put(self, scope: tuple[str, str], entry: StoredResponse) -> None:
        """Keep `entry`, dropping keys older than the key lifetime."""
        oldest = self.clock.now() - KEY_LIFETIME_SECONDS
        for stale in [k for k, v in self.entries.items() if v.stored_at <= oldest]:
            del self.entries[stale]
        self.entries[scope] = entry


async def _fingerprint(request: web.Request) -> str:
    body = await request.read()
    params: object
    if request.content_type == "application/x-www-form-urlencoded":
        params = sorted(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    else:
        params = body.decode("utf-8", "replace")
    canonical = json.dumps([request.method, request.path, params])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _mismatch(key: str) -> web.Response:
    message = (
        "Keys for idempotent requests can only be used with the same parameters they were "
        f"first used with. Try using a key other than '{key}' if you meant to execute a "
        "different request."
    )
    return web.json_response(
        {"error": {"type": "idempotency_error", "message": message}}, status=400
    )


def _worth_keeping(status: int) -> bool:
    return not (400 <= status < 500) or status == 402


def idempotency_middleware(cache: IdempotencyCache) -> Callable[..., Awaitable[web.StreamResponse]]:
    """An aiohttp middleware applying `cache` to `POST /v1/...` requests with an
    `Idempotency-Key` header (place it inside the auth and error middlewares)."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        """Replay, refuse or run-and-keep, one keyed request at a time."""
        key = request.headers.get("Idempotency-Key")
        if request.method != "POST" or not key or not request.path.startswith("/v1/"):
            return await handler(request)
        scope = (get_api_key(request) or "", key)
        fingerprint = await _fingerprint(request)
        async with cache.lock:
            stored = cache.get(scope)
            if stored is not None:
                return stored.replay() if stored.fingerprint == fingerprint else _mismatch(key)
            try:
                response = await handler(request)
            except UserError as error:
                response = error.to_response()
            if isinstance(response, web.Response) and _worth_keeping(response.status):
                body = response.body if isinstance(response.body, bytes) else b""
                cache.put(
                    scope,
                    StoredResponse(
                        fingerprint=fingerprint,
                        stored_at=cache.clock.now(),
                        status=response.status,
                        body=body,
                        content_type=response.content_type,
                        charset=response.charset,
                    ),
                )
            return response

    return middleware
