"""The `/_test/...` control endpoints (no API key): inspect, sign and redeliver events, change
the webhook settings, pay or expire sessions, move the clock and reset everything."""

import json
from typing import Any

from aiohttp import web
from localstripe.errors import UserError

from devtools.fake_stripe import checkout
from devtools.fake_stripe.events import EventRecord, signed_headers
from devtools.fake_stripe.localstripe_bridge import json_response
from devtools.fake_stripe.state import STATE, FakeState


async def _json_body(request: web.Request) -> dict[str, Any]:
    text = await request.text()
    if not text.strip():
        return {}
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(400, f"Invalid JSON body: {error}") from error
    if not isinstance(body, dict):
        raise UserError(400, "The JSON body must be an object")
    return body


def _record(request: web.Request) -> EventRecord:
    record = request.app[STATE].events.get(request.match_info["id"])
    if record is None:
        raise UserError(404, f"No such event: '{request.match_info['id']}'")
    return record


def _config(state: FakeState) -> dict[str, Any]:
    return {
        "webhook_url": state.webhooks.url,
        "webhook_secret": state.webhooks.secret,
        "auto_deliver": state.webhooks.auto_deliver,
    }


async def list_events(request: web.Request) -> web.Response:
    """`GET /_test/events[?type=...][&full=1]`: events oldest first, each
    {id, type, created, object_id, deliveries}, plus the whole `event` with `full=1`."""
    records = request.app[STATE].events.filter(request.query.get("type"))
    full = request.query.get("full") in ("1", "true")
    items = []
    for record in records:
        item = record.summary()
        if full:
            item["event"] = record.event()
        items.append(item)
    return json_response(items)


async def get_event(request: web.Request) -> web.Response:
    """`GET /_test/events/{id}`: the whole event as it is (or was) delivered."""
    return json_response(_record(request).event())


async def deliver_event(request: web.Request) -> web.Response:
    """`POST /_test/events/{id}/deliver`: deliver now, answer {"status": <http status or null>}."""
    state = request.app[STATE]
    record = _record(request)
    if not state.webhooks.url or not state.webhooks.secret:
        raise UserError(409, "No webhook_url and webhook_secret configured (POST /_test/config)")
    return json_response({"status": await state.events.deliver(record)})


async def signed_event(request: web.Request) -> web.Response:
    """`GET /_test/events/{id}/signed[?timestamp=unix]`: the exact body and freshly signed
    headers, to post to a webhook view yourself."""
    state = request.app[STATE]
    record = _record(request)
    if not state.webhooks.secret:
        raise UserError(409, "No webhook_secret configured (POST /_test/config)")
    raw = request.query.get("timestamp")
    if raw is not None and not raw.lstrip("-").isdigit():
        raise UserError(400, "timestamp must be a unix time in seconds")
    timestamp = int(raw) if raw is not None else None
    headers = signed_headers(record.payload, state.webhooks.secret, timestamp)
    return json_response({"payload": record.payload, "headers": headers})


async def get_config(request: web.Request) -> web.Response:
    """`GET /_test/config`: the current webhook settings."""
    return json_response(_config(request.app[STATE]))


async def set_config(request: web.Request) -> web.Response:
    """`POST /_test/config` with JSON {webhook_url, webhook_secret, auto_deliver}, each optional
    (null clears the URL or secret)."""
    state = request.app[STATE]
    body = await _json_body(request)
    unknown = set(body) - {"webhook_url", "webhook_secret", "auto_deliver"}
    if unknown:
        raise UserError(400, "Unknown settings: " + ", ".join(sorted(unknown)))
    if "webhook_url" in body:
        url = body["webhook_url"]
        if url is not None and (not isinstance(url, str) or not url.startswith("http")):
            raise UserError(400, "webhook_url must be an http(s) URL or null")
        state.webhooks.url = url or None
    if "webhook_secret" in body:
        secret = body["webhook_secret"]
        if secret is not None and not isinstance(secret, str):
            raise UserError(400, "webhook_secret must be a string or null")
        state.webhooks.secret = secret or None
    if "auto_deliver" in body:
        if not isinstance(body["auto_deliver"], bool):
            raise UserError(400, "auto_deliver must be true or false")
        state.webhooks.auto_deliver = body["auto_deliver"]
    return json_response(_config(state))


def _session_transition(request: web.Request, action: str) -> web.Response:
    state = request.app[STATE]
    session = checkout.get_session(request.match_info["id"])
    change = checkout.pay_session if action == "pay" else checkout.expire_session
    try:
        change(session, state.clock.now())
    except checkout.SessionNotOpen as error:
        status = 409 if session.status == "complete" else 410
        raise UserError(status, f"Checkout session {session.id} is {session.status}") from error
    return json_response(session._export())


async def pay_session(request: web.Request) -> web.Response:
    """`POST /_test/sessions/{id}/pay`: as the page's pay button; answers the session."""
    return _session_transition(request, "pay")


async def expire_session(request: web.Request) -> web.Response:
    """`POST /_test/sessions/{id}/expire`: as the page's expire button; answers the session."""
    return _session_transition(request, "expire")


async def move_clock(request: web.Request) -> web.Response:
    """`POST /_test/clock` with JSON {"advance": seconds, "sweep": true}: move the fake's clock
    forward and (unless sweep is false) expire what is due at once; answers {now, offset}."""
    state = request.app[STATE]
    body = await _json_body(request)
    seconds = body.get("advance", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise UserError(400, "advance must be a number of seconds >= 0")
    now = state.clock.advance(seconds)
    if body.get("sweep", True):
        checkout.expire_due_sessions(now)
    return json_response({"now": now, "offset": state.clock.offset})


async def reset(request: web.Request) -> web.Response:
    """`POST /_test/reset`: forget every object, event and idempotency key; real time again."""
    request.app[STATE].reset()
    return json_response({"reset": True})


ROUTES = [
    ("GET", "/_test/events", list_events),
    ("GET", "/_test/events/{id}", get_event),
    ("POST", "/_test/events/{id}/deliver", deliver_event),
    ("GET", "/_test/events/{id}/signed", signed_event),
    ("GET", "/_test/config", get_config),
    ("POST", "/_test/config", set_config),
    ("POST", "/_test/sessions/{id}/pay", pay_session),
    ("POST", "/_test/sessions/{id}/expire", expire_session),
    ("POST", "/_test/clock", move_clock),
    ("POST", "/_test/reset", reset),
]
