"""The local fake Stripe, driven by the real `stripe.StripeClient` exactly as the site calls it,
with a small HTTP receiver standing in for the site's webhook view."""

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
import stripe

from devtools.fake_stripe.server import bind_loopback
from devtools.fake_stripe.testing import FakeStripe, FakeStripeError

SECRET = "whsec_test_fake_stripe"
PICKLE = Path("/tmp/localstripe.pickle")
REPO = Path(__file__).resolve().parents[2]


class Receiver:
    """A webhook endpoint on 127.0.0.1 that keeps every delivery (headers, body)."""

    def __init__(self) -> None:
        self.deliveries: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.deliveries.put((headers, body))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/stripe/webhook/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def drain(self) -> None:
        """Forget deliveries of earlier tests."""
        while not self.deliveries.empty():
            self.deliveries.get_nowait()

    def wait_for(self, event_type: str, timeout: float = 5.0) -> tuple[dict[str, str], bytes]:
        """The next delivery of an event of `event_type` (others are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            headers, body = self.deliveries.get(timeout=max(deadline - time.monotonic(), 0.01))
            if json.loads(body)["type"] == event_type:
                return headers, body


def wait_until(condition: Any, timeout: float = 3.0) -> Any:
    """Poll `condition` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)
    return result


@pytest.fixture(scope="module")
def receiver() -> Receiver:
    """One webhook receiver for the module."""
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()


@pytest.fixture(scope="module")
def fake(_fake_stripe_server: FakeStripe) -> FakeStripe:
    """The test run's one fake Stripe (tests/conftest.py); only one may run per process."""
    return _fake_stripe_server


@pytest.fixture(autouse=True)
def _fresh(fake: FakeStripe, receiver: Receiver) -> None:
    """Each test starts with no objects, no events, manual delivery to the receiver."""
    fake.reset()
    fake.configure(webhook_url=receiver.url, webhook_secret=SECRET, auto_deliver=False)
    receiver.status = 200
    receiver.drain()


@pytest.fixture
def client(fake: FakeStripe) -> stripe.StripeClient:
    """The official client, set up as the site sets it up, against the fake."""
    return stripe.StripeClient(
        fake.secret_key, base_addresses={"api": fake.api_base}, max_network_retries=0
    )


def session_params(locale: str = "ja", **changes: Any) -> dict[str, Any]:
    """The parameters the site sends, as in the booking notes."""
    params = {
        "mode": "payment",
        "currency": "jpy",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": "jpy",
                    "unit_amount": 12100,
                    "product_data": {"name": "Farm stay · 2026-12-05"},
                },
            }
        ],
        "metadata": {"booking_reference": "AB12CD34"},
        "client_reference_id": "AB12CD34",
        "customer_email": "guest@example.jp",
        "locale": locale,
        "payment_method_types": ["card"],
        "success_url": (
            f"http://127.0.0.1:8000/{locale}/booking/AB12CD34/paid/"
            "?session_id={CHECKOUT_SESSION_ID}"
        ),
        "cancel_url": f"http://127.0.0.1:8000/{locale}/booking/AB12CD34/confirm/",
        "expires_at": int(time.time()) + 3600,
    }
    params.update(changes)
    return params


def create(client: stripe.StripeClient, key: str | None = None, **changes: Any) -> Any:
    """A checkout session made with the site's call shape (and `changes`)."""
    options = {"idempotency_key": key} if key else {}
    return client.v1.checkout.sessions.create(params=session_params(**changes), options=options)


def paid_session(client: stripe.StripeClient, fake: FakeStripe) -> dict[str, Any]:
    """A session paid through the fake."""
    return fake.pay(create(client).id)


def test_create_retrieve_and_expire_a_session(client, fake):
    params = session_params()
    session = client.v1.checkout.sessions.create(
        params=params, options={"idempotency_key": "checkout-AB12CD34-1"}
    )

    assert session.id.startswith("cs_test_")
    assert session.object == "checkout.session"
    assert (session.mode, session.currency) == ("payment", "jpy")
    assert session.amount_total == session.amount_subtotal == 12100
    assert (session.status, session.payment_status, session.payment_intent) == (
        "open",
        "unpaid",
        None,
    )
    assert session.metadata.to_dict() == {"booking_reference": "AB12CD34"}
    assert session.client_reference_id == "AB12CD34"
    assert (session.customer_email, session.locale) == ("guest@example.jp", "ja")
    assert session.success_url == params["success_url"]
    assert session.cancel_url == params["cancel_url"]
    assert session.expires_at == params["expires_at"]
    assert session.livemode is False
    assert isinstance(session.created, int)
    assert session.url == f"{fake.api_base}/_checkout/{session.id}"

    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"
    expanded = client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["payment_intent"]}
    )
    assert expanded.payment_intent is None

    expired = client.v1.checkout.sessions.expire(session.id)
    assert expired.status == "expired"
    assert client.v1.checkout.sessions.retrieve(session.id).status == "expired"
    [event] = fake.events("checkout.session.expired")
    assert event["data"]["object"]["id"] == session.id
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.expire(session.id)


def test_amounts_add_up_over_lines_and_quantities(client):
    line = {"currency": "jpy", "product_data": {"name": "Desk"}}
    session = create(
        client,
        line_items=[
            {"quantity": 2, "price_data": {**line, "unit_amount": 3000}},
            {"quantity": 1, "price_data": {**line, "unit_amount": 6100}},
        ],
    )
    assert session.amount_total == 12100
    items = client.v1.checkout.sessions.retrieve(session.id, params={"expand": ["line_items"]})
    assert [item.quantity for item in items.line_items.data] == [2, 1]


@pytest.mark.parametrize(
    ("changes", "param"),
    [
        ({"expires_at": int(time.time()) + 600}, "expires_at"),
        ({"expires_at": int(time.time()) + 25 * 3600}, "expires_at"),
        ({"currency": "usd"}, "currency"),
        ({"mode": "subscription"}, "mode"),
        ({"line_items": []}, "line_items"),
        ({"success_url": None}, "success_url"),
        (
            {
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "usd",
                            "unit_amount": 100,
                            "product_data": {"name": "x"},
                        },
                    }
                ]
            },
            "line_items[0][price_data][currency]",
        ),
        (
            {
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "jpy",
                            "unit_amount": 0,
                            "product_data": {"name": "x"},
                        },
                    }
                ]
            },
            "line_items[0][price_data][unit_amount]",
        ),
    ],
)
def test_invalid_sessions_are_refused_like_stripe(client, changes, param):
    with pytest.raises(stripe.InvalidRequestError) as refused:
        create(client, **changes)
    assert refused.value.http_status == 400
    assert refused.value.param == param
    assert refused.value.json_body["error"]["type"] == "invalid_request_error"


def test_idempotency_key_replays_the_first_response(client):
    first = create(client, key="checkout-AB12CD34-1")
    again = create(client, key="checkout-AB12CD34-1", expires_at=session_params()["expires_at"])
    assert again.id == first.id
    assert len(client.v1.checkout.sessions.list().data) == 1

    with pytest.raises(stripe.IdempotencyError):
        create(client, key="checkout-AB12CD34-1", metadata={"booking_reference": "OTHER"})
    assert len(client.v1.checkout.sessions.list().data) == 1

    # A request refused before it ran is not kept: the key may be used again.
    with pytest.raises(stripe.InvalidRequestError):
        create(client, key="checkout-XY-1", currency="usd")
    assert create(client, key="checkout-XY-1").id != first.id

    # localstripe's own endpoints honour keys too.
    options = {"idempotency_key": "customer-1"}
    customer = client.v1.customers.create(params={"email": "a@example.jp"}, options=options)
    assert client.v1.customers.create(params={"email": "a@example.jp"}, options=options).id == (
        customer.id
    )


def test_paying_completes_the_session_and_delivers_a_signed_event(client, fake, receiver):
    fake.configure(auto_deliver=True)
    session = create(client)

    paid = fake.pay(session.id)

    assert (paid["status"], paid["payment_status"]) == ("complete", "paid")
    assert paid["payment_intent"].startswith("pi_")
    intent = client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["payment_intent"]}
    ).payment_intent
    assert (intent.id, intent.status, intent.amount, intent.currency) == (
        paid["payment_intent"],
        "succeeded",
        12100,
        "jpy",
    )

    headers, body = receiver.wait_for("checkout.session.completed")
    event = stripe.Webhook.construct_event(body, headers["stripe-signature"], SECRET)
    assert event.type == "checkout.session.completed"
    assert event.data.object.id == session.id
    assert event.data.object.payment_status == "paid"
    assert headers["content-type"].startswith("application/json")

    [recorded] = fake.events("checkout.session.completed")
    assert recorded["id"] == event.id
    assert recorded["object"] == "event"
    assert recorded["livemode"] is False
    assert isinstance(recorded["created"], int) and recorded["api_version"]
    assert wait_until(lambda: fake.deliveries(event.id)) == [200]

    with pytest.raises(FakeStripeError) as again:
        fake.pay(session.id)
    assert again.value.status == 409


def test_partial_refund_and_its_retry(client, fake):
    intent = paid_session(client, fake)["payment_intent"]
    params = {"payment_intent": intent, "amount": 5000, "metadata": {"booking": "AB12CD34"}}

    refund = client.v1.refunds.create(params=params, options={"idempotency_key": "refund-17"})
    retried = client.v1.refunds.create(params=params, options={"idempotency_key": "refund-17"})

    assert (refund.status, refund.amount, refund.payment_intent) == ("succeeded", 5000, intent)
    assert retried.id == refund.id
    assert len(client.v1.refunds.list(params={"payment_intent": intent}).data) == 1
    assert len(fake.events("refund.created")) == 1
    with pytest.raises(stripe.InvalidRequestError, match="greater than unrefunded"):
        client.v1.refunds.create(params={"payment_intent": intent, "amount": 7101})


def test_a_session_past_expires_at_expires_and_says_so(client, fake, receiver):
    fake.configure(auto_deliver=True)
    session = create(client, expires_at=int(time.time()) + 1800)

    fake.advance(1700)
    assert client.v1.checkout.sessions.retrieve(session.id).status == "open"
    fake.advance(200)

    [event] = fake.events("checkout.session.expired")
    assert event["data"]["object"]["id"] == session.id
    assert client.v1.checkout.sessions.retrieve(session.id).status == "expired"
    headers, body = receiver.wait_for("checkout.session.expired")
    assert (
        stripe.Webhook.construct_event(body, headers["stripe-signature"], SECRET).id
        == (event["id"])
    )
    with pytest.raises(FakeStripeError) as late:
        fake.pay(session.id)
    assert late.value.status == 410


def test_expiry_is_noticed_on_read_and_by_the_background_check(client, fake):
    read, unread = create(client), create(client)

    fake.advance(3601, sweep=False)

    assert client.v1.checkout.sessions.retrieve(read.id).status == "expired"
    wait_until(lambda: len(fake.events("checkout.session.expired")) == 2)
    expired = [e["data"]["object"]["id"] for e in fake.events("checkout.session.expired")]
    assert sorted(expired) == sorted([read.id, unread.id])


def test_an_event_can_be_delivered_again_and_again(client, fake, receiver):
    paid_session(client, fake)
    [event] = fake.events("checkout.session.completed")

    assert [fake.deliver(event["id"]) for _ in range(3)] == [200, 200, 200]

    bodies = [receiver.deliveries.get(timeout=2)[1] for _ in range(3)]
    assert {json.loads(body)["id"] for body in bodies} == {event["id"]}
    assert len(set(bodies)) == 1
    assert fake.deliveries(event["id"]) == [200, 200, 200]
    listed = requests.get(f"{fake.api_base}/_test/events", timeout=5).json()
    assert [item["type"] for item in listed] == [
        "payment_intent.succeeded",
        "checkout.session.completed",
    ]
    assert listed[1] == {
        "id": event["id"],
        "type": "checkout.session.completed",
        "created": event["created"],
        "object_id": event["data"]["object"]["id"],
        "deliveries": [200, 200, 200],
    }

    at_once = [threading.Thread(target=fake.deliver, args=(event["id"],)) for _ in range(5)]
    for thread in at_once:
        thread.start()
    for thread in at_once:
        thread.join(timeout=5)
    assert fake.deliveries(event["id"]) == [200] * 8
    assert len([receiver.deliveries.get(timeout=2) for _ in range(5)]) == 5

    receiver.status = 500
    assert fake.deliver(event["id"]) == 500
    with bind_loopback() as not_listening:
        fake.configure(webhook_url=f"http://127.0.0.1:{not_listening.getsockname()[1]}/")
        assert fake.deliver(event["id"]) is None
    assert fake.deliveries(event["id"])[-2:] == [500, None]


def test_signed_events_verify_and_stale_ones_do_not(client, fake):
    paid_session(client, fake)
    [event] = fake.events("checkout.session.completed")

    payload, headers = fake.signed(event["id"])
    assert headers["Content-Type"] == "application/json"
    verified = stripe.Webhook.construct_event(payload, headers["Stripe-Signature"], SECRET)
    assert verified.id == event["id"]

    stale_payload, stale = fake.signed(event["id"], timestamp=int(time.time()) - 3600)
    assert stale_payload == payload
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(stale_payload, stale["Stripe-Signature"], SECRET)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, headers["Stripe-Signature"], "whsec_other")


@pytest.mark.parametrize(
    ("locale", "banner", "button"),
    [
        ("ja", "テストモード – 実際の支払いは発生しません", "¥12,100 を支払う"),
        ("en", "TEST MODE – no real payment", "Pay ¥12,100"),
    ],
)
def test_the_test_page_pays_and_returns_to_the_site(client, locale, banner, button):
    session = create(client, locale=locale)

    page = requests.get(session.url, timeout=5)

    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{locale}">' in page.text
    assert banner in page.text and button in page.text
    assert "Farm stay · 2026-12-05" in page.text
    assert f'action="/_checkout/{session.id}/pay"' in page.text
    assert f'action="/_checkout/{session.id}/expire"' in page.text
    assert f'href="{session_params(locale)["cancel_url"]}"' in page.text
    assert not re.search(r"<script|<link|<img|src=", page.text)

    paid = requests.post(f"{session.url}/pay", allow_redirects=False, timeout=5)

    assert paid.status_code == 303
    assert paid.headers["Location"] == (
        f"http://127.0.0.1:8000/{locale}/booking/AB12CD34/paid/?session_id={session.id}"
    )
    assert client.v1.checkout.sessions.retrieve(session.id).payment_status == "paid"
    assert requests.post(f"{session.url}/pay", allow_redirects=False, timeout=5).status_code == 409


def test_the_test_page_can_let_a_session_expire(client, fake):
    session = create(client, locale="en")

    gone = requests.post(f"{session.url}/expire", allow_redirects=False, timeout=5)

    assert gone.status_code == 303
    assert gone.headers["Location"] == session_params("en")["cancel_url"]
    assert client.v1.checkout.sessions.retrieve(session.id).status == "expired"
    assert len(fake.events("checkout.session.expired")) == 1
    late = requests.post(f"{session.url}/pay", allow_redirects=False, timeout=5)
    assert late.status_code == 410 and "expired" in late.text
    assert fake.events("payment_intent.succeeded") == []


def test_the_api_needs_a_secret_key_and_answers_like_stripe(fake):
    url = f"{fake.api_base}/v1/checkout/sessions/cs_test_missing"
    assert requests.get(url, timeout=5).status_code == 401
    missing = requests.get(url, headers={"Authorization": f"Bearer {fake.secret_key}"}, timeout=5)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "resource_missing"
    assert requests.get(f"{fake.api_base}/_test/events", timeout=5).json() == []


def test_nothing_is_written_to_disk(client, fake):
    before = PICKLE.stat() if PICKLE.exists() else None

    intent = paid_session(client, fake)["payment_intent"]
    client.v1.refunds.create(params={"payment_intent": intent, "amount": 100})
    fake.reset()

    after = PICKLE.stat() if PICKLE.exists() else None
    assert (after is None) if before is None else (after.st_mtime_ns == before.st_mtime_ns)


def test_only_one_fake_runs_per_process(fake):
    with pytest.raises(RuntimeError, match="already running"):
        FakeStripe().start()
    assert requests.get(f"{fake.api_base}/_test/config", timeout=5).ok


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10"])
def test_only_loopback_addresses_are_bound(host):
    with pytest.raises(ValueError, match="loopback"):
        bind_loopback(host, 0)


def test_the_command_line_listens_on_loopback_and_stops_on_sigterm():
    env = {**os.environ, "FAKE_STRIPE_WEBHOOK_URL": "", "STRIPE_WEBHOOK_SECRET": "whsec_cli"}
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.fake_stripe", "--port", "0"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        base = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line).group(1)
        config = requests.get(f"{base}/_test/config", timeout=5).json()
        assert config == {
            "webhook_url": None,
            "webhook_secret": "whsec_cli",
            "auto_deliver": True,
        }
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stdout.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
