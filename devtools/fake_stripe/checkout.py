"""Checkout Sessions, which localstripe lacks: the resource (a localstripe StripeObject, so it
lives in the same store and expands and emits events like its own objects), validation of the
create parameters as Stripe does, and the pay / expire transitions with their events."""

import secrets
import string
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import urlsplit

from localstripe.errors import UserError
from localstripe.resources import PaymentIntent, PaymentMethod, StripeObject, store

from devtools.fake_stripe.localstripe_bridge import emit

MIN_LIFETIME_SECONDS = 30 * 60
MAX_LIFETIME_SECONDS = 24 * 60 * 60
# A client computing "now + 30 minutes" reaches us a moment later; do not fail it on rounding.
CLOCK_SLACK_SECONDS = 5
MIN_AMOUNT_JPY = 50
MAX_AMOUNT_JPY = 99_999_999
CURRENCIES = ("jpy",)
LOCALES = ("auto", "ja", "en")
TEST_CARD_NUMBER = "4242424242424242"

_TOP_LEVEL = {
    "mode",
    "currency",
    "line_items",
    "metadata",
    "client_reference_id",
    "customer_email",
    "locale",
    "payment_method_types",
    "success_url",
    "cancel_url",
    "expires_at",
    "payment_intent_data",
}
_ID_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True)
class LineItem:
    """One validated line of a session (price_data only: the fake has no Price objects)."""

    name: str
    description: str | None
    quantity: int
    unit_amount: int
    currency: str

    @property
    def amount(self) -> int:
        """unit_amount × quantity, in the currency's smallest unit (yen for JPY)."""
        return self.unit_amount * self.quantity


class SessionNotOpen(Exception):
    """A pay or expire of a session that is no longer open."""

    def __init__(self, session: "CheckoutSession") -> None:
        super().__init__(f"checkout session {session.id} is {session.status}")
        self.session = session


class CheckoutSession(StripeObject):
    """`checkout.session` objects, mode payment, stored in localstripe's store."""

    object = "checkout.session"
    _id_prefix = "cs_test_"

    def __init__(self, params: dict[str, Any], *, now: int, public_url: str) -> None:
        line_items = params["line_items"]
        super().__init__(
            id=self._id_prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(58))
        )
        total = sum(item.amount for item in line_items)
        self.created = now
        self.mode = "payment"
        self.currency = params["currency"]
        self.amount_subtotal = total
        self.amount_total = total
        self.status = "open"
        self.payment_status = "unpaid"
        self.payment_intent = None
        self.payment_method_types = params["payment_method_types"]
        self.metadata = params["metadata"]
        self.client_reference_id = params["client_reference_id"]
        self.customer_email = params["customer_email"]
        self.customer_details = None
        self.locale = params["locale"]
        self.success_url = params["success_url"]
        self.cancel_url = params["cancel_url"]
        self.expires_at = params["expires_at"]
        self.url = f"{public_url.rstrip('/')}/_checkout/{self.id}"
        self._line_items: list[LineItem] = line_items
        self._payment_intent_metadata: dict[str, str] = params["payment_intent_metadata"]
        self._capture_method: str = params.get("capture_method", "automatic")

    @classmethod
    def _api_retrieve(cls, id: str) -> "CheckoutSession":
        obj = store.get(f"{cls.object}:{id}")
        if obj is None:
            raise UserError(
                404,
                f"No such checkout.session: '{id}'",
                {"code": "resource_missing", "param": "session"},
            )
        return obj

    def _export(self, expand: Any = None) -> dict[str, Any]:
        wants_items = isinstance(expand, list) and "line_items" in expand
        if wants_items:
            expand = [path for path in expand if path != "line_items"]
        obj = super()._export(expand=expand)
        if wants_items:
            obj["line_items"] = line_items_list(self)
        return obj


def _fail(message: str, param: str, code: str = "parameter_invalid") -> NoReturn:
    raise UserError(400, message, {"param": param, "code": code})


def _reject_unknown(params: dict[str, Any], allowed: set[str], prefix: str = "") -> None:
    for name in params:
        if name not in allowed:
            path = f"{prefix}[{name}]" if prefix else name
            _fail(f"Received unknown parameter: {path}", path, "parameter_unknown")


def _integer(value: Any, param: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if text.lstrip("-").isdigit():
        return int(text)
    _fail(f"Invalid integer: {value}", param, "parameter_invalid_integer")


def _string(value: Any, param: str, *, max_length: int = 5000) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        _fail(f"Invalid string: {value!r}", param, "parameter_invalid_string")
    if not value:
        _fail(
            f"You passed an empty string for '{param}'. We assume empty values are an attempt to "
            f"unset a parameter; however '{param}' cannot be unset.",
            param,
            "parameter_invalid_empty",
        )
    if len(value) > max_length:
        _fail(f"Invalid {param}: must be at most {max_length} characters", param)
    return value


def _url(value: Any, param: str) -> str:
    url = _string(value, param, max_length=5000)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        _fail("Not a valid URL", param, "url_invalid")
    return url


def _metadata(value: Any, param: str) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        _fail(f"Invalid object: {param} must be a hash", param, "parameter_invalid_object")
    if len(value) > 50:
        _fail("Metadata can have at most 50 keys", param)
    result = {}
    for key, item in value.items():
        if len(str(key)) > 40:
            _fail("Metadata keys can be at most 40 characters long", f"{param}[{key}]")
        text = "" if item is None else str(item)
        if len(text) > 500:
            _fail("Metadata values can be at most 500 characters long", f"{param}[{key}]")
        result[str(key)] = text
    return result


def _currency(value: Any, param: str) -> str:
    currency = _string(value, param).lower()
    if currency not in CURRENCIES:
        _fail(
            f"Invalid currency: {currency}. The local fake Stripe supports only "
            + ", ".join(CURRENCIES),
            param,
        )
    return currency


def _line_items(value: Any) -> list[LineItem]:
    if value is None or value == "" or value == []:
        _fail("Missing required param: line_items.", "line_items", "parameter_missing")
    if not isinstance(value, list):
        _fail("Invalid array", "line_items", "parameter_invalid_array")
    items = []
    for index, raw in enumerate(value):
        where = f"line_items[{index}]"
        if not isinstance(raw, dict):
            _fail("Invalid object", where, "parameter_invalid_object")
        if "price" in raw:
            _fail(
                "The local fake Stripe has no Price objects: pass price_data instead.",
                f"{where}[price]",
            )
        _reject_unknown(raw, {"quantity", "price_data"}, where)
        if "quantity" not in raw:
            _fail(
                f"Missing required param: {where}[quantity].",
                f"{where}[quantity]",
                "parameter_missing",
            )
        quantity = _integer(raw["quantity"], f"{where}[quantity]")
        if quantity < 1:
            _fail("Quantity must be greater than 0.", f"{where}[quantity]")
        price = raw.get("price_data")
        if not isinstance(price, dict):
            _fail(
                f"Missing required param: {where}[price_data].",
                f"{where}[price_data]",
                "parameter_missing",
            )
        pwhere = f"{where}[price_data]"
        _reject_unknown(price, {"currency", "unit_amount", "product_data"}, pwhere)
        currency = _currency(price.get("currency"), f"{pwhere}[currency]")
        if "unit_amount" not in price:
            _fail(
                f"Missing required param: {pwhere}[unit_amount].",
                f"{pwhere}[unit_amount]",
                "parameter_missing",
            )
        unit_amount = _integer(price["unit_amount"], f"{pwhere}[unit_amount]")
        if unit_amount < 1:
            _fail("This value must be greater than or equal to 1.", f"{pwhere}[unit_amount]")
        product = price.get("product_data")
        if not isinstance(product, dict):
            _fail(
                f"Missing required param: {pwhere}[product_data].",
                f"{pwhere}[product_data]",
                "parameter_missing",
            )
        _reject_unknown(product, {"name", "description", "metadata"}, f"{pwhere}[product_data]")
        name = _string(product.get("name"), f"{pwhere}[product_data][name]")
        description = product.get("description")
        if description is not None:
            description = _string(description, f"{pwhere}[product_data][description]")
        items.append(LineItem(name, description, quantity, unit_amount, currency))
    return items


def validate_create_params(data: dict[str, Any], now: int) -> dict[str, Any]:
    """The parameters of `POST /v1/checkout/sessions`, checked like Stripe checks them (for what
    this fake supports: mode payment, JPY, price_data); raises a Stripe-shaped 400 UserError."""
    _reject_unknown(data, _TOP_LEVEL)
    mode = data.get("mode")
    if mode is None:
        _fail("Missing required param: mode.", "mode", "parameter_missing")
    if mode != "payment":
        _fail(f"Invalid mode: {mode}. The local fake Stripe supports only mode=payment.", "mode")
    items = _line_items(data.get("line_items"))
    currency = _currency(data["currency"], "currency") if "currency" in data else items[0].currency
    if any(item.currency != currency for item in items):
        _fail("All line items must be in the session's currency.", "line_items")
    total = sum(item.amount for item in items)
    if total < MIN_AMOUNT_JPY:
        _fail(
            f"The Checkout Session's total amount due must add up to at least ¥{MIN_AMOUNT_JPY}",
            "line_items",
            "amount_too_small",
        )
    if total > MAX_AMOUNT_JPY:
        _fail(f"Amount must be no more than ¥{MAX_AMOUNT_JPY:,}", "line_items", "amount_too_large")
    if not data.get("success_url"):
        _fail("Missing required param: success_url.", "success_url", "parameter_missing")
    expires_at = now + MAX_LIFETIME_SECONDS
    if "expires_at" in data:
        expires_at = _integer(data["expires_at"], "expires_at")
        if expires_at < now + MIN_LIFETIME_SECONDS - CLOCK_SLACK_SECONDS:
            _fail(
                "The `expires_at` timestamp must be at least 30 minutes from Checkout Session "
                "creation.",
                "expires_at",
            )
        if expires_at > now + MAX_LIFETIME_SECONDS + CLOCK_SLACK_SECONDS:
            _fail(
                "The `expires_at` timestamp must be less than 24 hours from Checkout Session "
                "creation.",
                "expires_at",
            )
    locale = data.get("locale", "auto")
    if locale not in LOCALES:
        _fail(
            f"Invalid locale: {locale}. The local fake Stripe supports " + ", ".join(LOCALES),
            "locale",
        )
    methods = data.get("payment_method_types", ["card"])
    if not isinstance(methods, list) or any(m != "card" for m in methods):
        _fail(
            "The local fake Stripe supports only payment_method_types=[card].",
            "payment_method_types",
        )
    email = data.get("customer_email")
    if email is not None:
        email = _string(email, "customer_email", max_length=800)
        if "@" not in email.strip("@"):
            _fail("Invalid email address: " + email, "customer_email", "email_invalid")
    reference = data.get("client_reference_id")
    if reference is not None:
        reference = _string(reference, "client_reference_id", max_length=200)
    intent_data = data.get("payment_intent_data") or {}
    if not isinstance(intent_data, dict):
        _fail("Invalid object", "payment_intent_data", "parameter_invalid_object")
    _reject_unknown(intent_data, {"metadata", "capture_method"}, "payment_intent_data")
    capture_method = intent_data.get("capture_method", "automatic")
    if capture_method not in ("automatic", "automatic_async", "manual"):
        _fail(
            "Invalid capture_method: must be one of automatic, automatic_async, or manual",
            "payment_intent_data[capture_method]",
        )
    return {
        "currency": currency,
        "line_items": items,
        "metadata": _metadata(data.get("metadata"), "metadata"),
        "client_reference_id": reference,
        "customer_email": email,
        "locale": locale,
        "payment_method_types": ["card"],
        "success_url": _url(data["success_url"], "success_url"),
        "cancel_url": _url(data["cancel_url"], "cancel_url") if data.get("cancel_url") else None,
        "expires_at": expires_at,
        "payment_intent_metadata": _metadata(
            intent_data.get("metadata"), "payment_intent_data[metadata]"
        ),
        "capture_method": capture_method,
    }


def create_session(data: dict[str, Any], *, now: int, public_url: str) -> CheckoutSession:
    """Validate `data` and store a new open session whose page lives under `public_url`."""
    return CheckoutSession(validate_create_params(data, now), now=now, public_url=public_url)


def get_session(session_id: str) -> CheckoutSession:
    """The stored session, or a Stripe-shaped 404."""
    return CheckoutSession._api_retrieve(session_id)


def all_sessions() -> list[CheckoutSession]:
    """Every session, oldest first."""
    return [obj for obj in store.values() if isinstance(obj, CheckoutSession)]


def _expire(session: CheckoutSession) -> None:
    session.status = "expired"
    session.url = None
    emit("checkout.session.expired", session)


def expire_if_due(session: CheckoutSession, now: int) -> bool:
    """Expire an open session whose expires_at has passed (emitting its event); True if so."""
    if session.status == "open" and now >= session.expires_at:
        _expire(session)
        return True
    return False


def expire_due_sessions(now: int) -> list[CheckoutSession]:
    """Expire every open session past its expires_at; the background check calls this."""
    return [s for s in all_sessions() if expire_if_due(s, now)]


def expire_session(session: CheckoutSession, now: int) -> CheckoutSession:
    """Expire an open session now, as `POST /v1/checkout/sessions/{id}/expire` does."""
    expire_if_due(session, now)
    if session.status != "open":
        raise SessionNotOpen(session)
    _expire(session)
    return session


def pay_session(session: CheckoutSession, now: int) -> CheckoutSession:
    """Pay an open session with Stripe's test Visa card: a real, confirmed localstripe
    PaymentIntent for the total (so it can be refunded), then `checkout.session.completed`.
    With `capture_method=manual` the card is only authorised: the intent waits in
    `requires_capture` and the session completes with `payment_status` "unpaid", as Stripe's."""
    expire_if_due(session, now)
    if session.status != "open":
        raise SessionNotOpen(session)
    card = PaymentMethod(
        type="card",
        card={"number": TEST_CARD_NUMBER, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
        billing_details={"email": session.customer_email},
    )
    intent = PaymentIntent._api_create(
        amount=session.amount_total,
        currency=session.currency,
        payment_method=card.id,
        payment_method_types=["card"],
        metadata=dict(session._payment_intent_metadata),
        capture_method="manual" if session._capture_method == "manual" else "automatic",
        confirm=True,
    )
    session.payment_intent = intent.id
    session.status = "complete"
    session.payment_status = "unpaid" if session._capture_method == "manual" else "paid"
    session.customer_details = {"email": session.customer_email, "name": None, "phone": None}
    session.url = None
    emit("checkout.session.completed", session)
    return session


def success_redirect(session: CheckoutSession) -> str:
    """success_url with Stripe's `{CHECKOUT_SESSION_ID}` template filled in."""
    return session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id)


def line_items(session: CheckoutSession) -> list[LineItem]:
    """The session's validated line items."""
    return list(session._line_items)


def line_items_list(session: CheckoutSession) -> dict[str, Any]:
    """The session's line items as Stripe lists them (`expand[]=line_items`)."""
    data = [
        {
            "id": f"li_{session.id[len(CheckoutSession._id_prefix) :][:24]}{index}",
            "object": "item",
            "amount_subtotal": item.amount,
            "amount_total": item.amount,
            "amount_discount": 0,
            "amount_tax": 0,
            "currency": item.currency,
            "description": item.name,
            "quantity": item.quantity,
            "price": {
                "object": "price",
                "currency": item.currency,
                "unit_amount": item.unit_amount,
                "type": "one_time",
                "product_data": {"name": item.name, "description": item.description},
            },
        }
        for index, item in enumerate(session._line_items)
    ]
    return {
        "object": "list",
        "data": data,
        "has_more": False,
        "url": f"/v1/checkout/sessions/{session.id}/line_items",
    }
