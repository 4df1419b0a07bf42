"""Stripe events as the fake records, signs and delivers them: each event is kept in memory in
creation order with its exact JSON body, and POSTed to the webhook URL signed like Stripe does."""

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import stripe
from localstripe.resources import Event

from devtools.fake_stripe.clock import Clock

log = logging.getLogger(__name__)

API_VERSION: str = stripe.api_version
DELIVERY_TIMEOUT_SECONDS = 10.0


@dataclass
class WebhookSettings:
    """Where and how events are delivered; changed at run time through `/_test/config`."""

    url: str | None = None
    secret: str | None = None
    auto_deliver: bool = True


@dataclass
class EventRecord:
    """One event: its exact body as sent and the HTTP status of each delivery attempt (None when
    the receiver could not be reached)."""

    id: str
    type: str
    created: int
    object_id: str | None
    payload: str
    deliveries: list[int | None] = field(default_factory=list)

    def event(self) -> dict[str, Any]:
        """The full event, as a dict."""
        return json.loads(self.payload)

    def summary(self) -> dict[str, Any]:
        """The short form listed by `GET /_test/events`."""
        return {
            "id": self.id,
            "type": self.type,
            "created": self.created,
            "object_id": self.object_id,
            "deliveries": list(self.deliveries),
        }


def signature_header(payload: str, secret: str, timestamp: int) -> str:
    """The `Stripe-Signature` header for `payload`: HMAC-SHA256 of "{timestamp}.{payload}"."""
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signed_headers(payload: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Stripe sends with a webhook, signed at `timestamp` (default: now)."""
    when = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "Stripe-Signature": signature_header(payload, secret, when),
    }


class EventLog:
    """Every event in creation order, plus the background worker that delivers them one by one
    (so a burst arrives in order and never blocks the API response that caused it)."""

    def __init__(self, clock: Clock, settings: WebhookSettings) -> None:
        self.clock = clock
        self.settings = settings
        self.records: list[EventRecord] = []
        self._by_id: dict[str, EventRecord] = {}
        self._queue: asyncio.Queue[EventRecord] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None

    def record(self, event: Event) -> EventRecord:
        """Keep `event` (a localstripe Event, its data already a snapshot) and queue its delivery
        when auto-delivery is on and a webhook URL is set."""
        deliver = bool(self.settings.auto_deliver and self.settings.url and self._queue)
        event.created = self.clock.now()
        event.api_version = API_VERSION
        event.pending_webhooks = 1 if deliver else 0
        event.request = {"id": None, "idempotency_key": None}
        body = event._export()
        data_object = body.get("data", {}).get("object") or {}
        record = EventRecord(
            id=event.id,
            type=event.type,
            created=event.created,
            object_id=data_object.get("id"),
            payload=json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False),
        )
        self.records.append(record)
        self._by_id[record.id] = record
        if deliver and self._queue is not None:
            self._queue.put_nowait(record)
        return record

    def get(self, event_id: str) -> EventRecord | None:
        """The record of `event_id`, if any."""
        return self._by_id.get(event_id)

    def filter(self, event_type: str | None = None) -> list[EventRecord]:
        """Records in creation order, optionally of one type only."""
        return [r for r in self.records if event_type is None or r.type == event_type]

    def clear(self) -> None:
        """Forget every event and drop deliveries not yet made."""
        self.records.clear()
        self._by_id.clear()
        if self._queue is not None:
            while not self._queue.empty():
                self._queue.get_nowait()

    async def start(self) -> None:
        """Open the HTTP client and start the delivery worker (on the running loop)."""
        self._http = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=DELIVERY_TIMEOUT_SECONDS), trust_env=False
        )
        self._queue = asyncio.Queue()
        self._worker = asyncio.get_running_loop().create_task(self._deliver_queued())

    async def stop(self) -> None:
        """Stop the worker and close the HTTP client."""
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self._http is not None:
            await self._http.close()
        self._worker = self._queue = self._http = None

    async def deliver(self, record: EventRecord) -> int | None:
        """POST the event to the webhook URL, freshly signed; record and return the status."""
        url, secret = self.settings.url, self.settings.secret
        if not url or not secret or self._http is None:
            raise RuntimeError("no webhook URL and secret configured")
        headers = signed_headers(record.payload, secret)
        headers["User-Agent"] = "Stripe/1.0 (fake_stripe)"
        status: int | None
        try:
            async with self._http.post(url, data=record.payload.encode(), headers=headers) as r:
                await r.read()
                status = r.status
        except (aiohttp.ClientError, TimeoutError) as error:
            log.warning("webhook %s %s to %s failed: %s", record.type, record.id, url, error)
            status = None
        else:
            log.info("webhook %s %s to %s: %s", record.type, record.id, url, status)
        record.deliveries.append(status)
        return status

    async def _deliver_queued(self) -> None:
        assert self._queue is not None
        while True:
            record = await self._queue.get()
            if record.id not in self._by_id:
                continue
            try:
                await self.deliver(record)
            except RuntimeError as error:
                log.warning("webhook %s not delivered: %s", record.id, error)
