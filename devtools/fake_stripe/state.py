"""Everything one running fake holds besides localstripe's store: its clock, webhook settings,
event log and idempotency keys, reachable from handlers as `request.app[STATE]`."""

from dataclasses import dataclass

from aiohttp import web

from devtools.fake_stripe.clock import Clock
from devtools.fake_stripe.events import EventLog, WebhookSettings
from devtools.fake_stripe.idempotency import IdempotencyCache
from devtools.fake_stripe.localstripe_bridge import clear_store


@dataclass
class FakeState:
    """The fake's in-memory state (nothing of it is ever written to disk)."""

    public_url: str
    clock: Clock
    webhooks: WebhookSettings
    events: EventLog
    idempotency: IdempotencyCache

    def reset(self) -> None:
        """Forget every object, event and idempotency key, and go back to real time."""
        clear_store()
        self.events.clear()
        self.idempotency.clear()
        self.clock.reset()


STATE = web.AppKey("fake_stripe_state", FakeState)
