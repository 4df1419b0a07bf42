"""The `/v1/...` endpoints this package adds to or changes in localstripe: Checkout Sessions, and
refunds that refuse over-refunds and emit `charge.refunded` / `refund.created` as Stripe does."""

from typing import Any

from aiohttp import web
from localstripe.errors import UserError
from localstripe.resources import Charge, List, PaymentIntent, Refund, try_convert_to_int

from devtools.fake_stripe import checkout
from devtools.fake_stripe.localstripe_bridge import (
    emit,
    get_post_data,
    json_response,
    unflatten_data,
)
from devtools.fake_stripe.state import STATE


async def _post_data(request: web.Request) -> dict[str, Any]:
    data = await get_post_data(request)
    return dict(data) if data else {}


async def create_session(request: web.Request) -> web.Response:
    """`POST /v1/checkout/sessions`."""
    state = request.app[STATE]
    data = await _post_data(request)
    expand = data.pop("expand", None)
    session = checkout.create_session(data, now=state.clock.now(), public_url=state.public_url)
    return json_response(session._export(expand=expand))


async def retrieve_session(request: web.Request) -> web.Response:
    """`GET /v1/checkout/sessions/{id}` (honours `expand[]`)."""
    state = request.app[STATE]
    expand = unflatten_data(request.query).pop("expand", None)
    session = checkout.get_session(request.match_info["id"])
    checkout.expire_if_due(session, state.clock.now())
    return json_response(session._export(expand=expand))


async def expire_session(request: web.Request) -> web.Response:
    """`POST /v1/checkout/sessions/{id}/expire`: only an open session can be expired."""
    state = request.app[STATE]
    expand = (await _post_data(request)).pop("expand", None)
    session = checkout.get_session(request.match_info["id"])
    try:
        checkout.expire_session(session, state.clock.now())
    except checkout.SessionNotOpen as error:
        raise UserError(
            400,
            'Only Checkout Sessions with a status in ["open"] can be expired.',
            {"code": "checkout_session_not_open"},
        ) from error
    return json_response(session._export(expand=expand))


async def list_sessions(request: web.Request) -> web.Response:
    """`GET /v1/checkout/sessions`, newest first, optionally by `payment_intent`."""
    state = request.app[STATE]
    query = unflatten_data(request.query)
    expand = query.pop("expand", None)
    payment_intent = query.pop("payment_intent", None)
    listing = List(
        "/v1/checkout/sessions",
        limit=query.pop("limit", None),
        starting_after=query.pop("starting_after", None),
    )
    if query:
        raise UserError(400, "Received unknown parameter: " + ", ".join(query))
    sessions = checkout.all_sessions()
    for session in sessions:
        checkout.expire_if_due(session, state.clock.now())
    listing._list = [
        s
        for s in reversed(sessions)
        if payment_intent is None or s.payment_intent == payment_intent
    ]
    return json_response(listing._export(expand=expand))


async def session_line_items(request: web.Request) -> web.Response:
    """`GET /v1/checkout/sessions/{id}/line_items`."""
    session = checkout.get_session(request.match_info["id"])
    return json_response(checkout.line_items_list(session))


def _charge_to_refund(data: dict[str, Any]) -> Charge | None:
    if isinstance(data.get("payment_intent"), str):
        intent = PaymentIntent._api_retrieve(data["payment_intent"])
        if intent.latest_charge is None or intent.status != "succeeded":
            raise UserError(
                400,
                "This PaymentIntent does not have a successful charge to refund.",
                {"param": "payment_intent"},
            )
        return intent.latest_charge
    if isinstance(data.get("charge"), str):
        return Charge._api_retrieve(data["charge"])
    return None


def _money(amount: int, currency: str) -> str:
    return f"¥{amount:,}" if currency == "jpy" else f"{amount:,} {currency}"


async def create_refund(request: web.Request) -> web.Response:
    """`POST /v1/refunds`: localstripe's refund, but never more than what is left to refund."""
    data = await _post_data(request)
    expand = data.pop("expand", None)
    charge = _charge_to_refund(data)
    if charge is not None:
        remaining = charge.amount - charge.amount_refunded
        amount = try_convert_to_int(data.get("amount", remaining))
        if remaining <= 0:
            raise UserError(
                400,
                f"Charge {charge.id} has already been refunded.",
                {"code": "charge_already_refunded"},
            )
        if isinstance(amount, int) and amount > remaining:
            raise UserError(
                400,
                f"Refund amount ({_money(amount, charge.currency)}) is greater than unrefunded "
                f"amount on charge ({_money(remaining, charge.currency)})",
                {"param": "amount", "code": "amount_too_large"},
            )
    refund = Refund._api_create(**data)
    emit("charge.refunded", Charge._api_retrieve(refund.charge))
    emit("refund.created", refund)
    return json_response(refund._export(expand=expand))


ROUTES = [
    ("POST", "/v1/checkout/sessions", create_session),
    ("GET", "/v1/checkout/sessions", list_sessions),
    ("GET", "/v1/checkout/sessions/{id}", retrieve_session),
    ("POST", "/v1/checkout/sessions/{id}/expire", expire_session),
    ("GET", "/v1/checkout/sessions/{id}/line_items", session_line_items),
    ("POST", "/v1/refunds", create_refund),
]
