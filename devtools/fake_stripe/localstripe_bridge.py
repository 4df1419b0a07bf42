"""The one place that changes localstripe's module globals: its store stays in memory only (no
pickle in the temporary folder) and every event it or this package creates goes to one sink.
Its server module (routes, auth, request parsing) is imported here, once, for the others.

Importing this module applies both changes; localstripe's store is global to the process, which
is why only one fake may run per process at a time (`attach` enforces it).
"""

import logging
import warnings
from collections.abc import Callable

from localstripe import resources, webhooks
from localstripe.resources import Event, StripeObject, store

with warnings.catch_warnings():
    # localstripe registers plain functions as handlers on its own app when imported.
    warnings.filterwarnings("ignore", "Bare functions are deprecated", DeprecationWarning)
    from localstripe import server as localstripe_server

get_api_key = localstripe_server.get_api_key
get_post_data = localstripe_server.get_post_data
json_response = localstripe_server.json_response
unflatten_data = localstripe_server.unflatten_data

log = logging.getLogger(__name__)

EventSink = Callable[[Event], None]

_sink: EventSink | None = None


def _no_disk() -> None:
    """Stands in for localstripe's load from and dump to /tmp/localstripe.pickle."""


def _route_event(event: Event) -> None:
    """Replaces localstripe's `schedule_webhook`: hand the event to the running fake's log."""
    if _sink is None:
        log.debug("event %s (%s) dropped: no fake Stripe is running", event.id, event.type)
        return
    _sink(event)


def _install() -> None:
    store.dump_to_disk = _no_disk
    store.try_load_from_disk = _no_disk
    resources.schedule_webhook = _route_event
    webhooks.schedule_webhook = _route_event


def attach(sink: EventSink) -> None:
    """Make `sink` receive every event; refuses if another fake is already attached."""
    global _sink
    if _sink is not None and _sink is not sink:
        raise RuntimeError(
            "another fake Stripe is already running in this process: localstripe keeps its "
            "objects in one module-global store, so only one fake may run at a time"
        )
    _sink = sink


def detach(sink: EventSink) -> None:
    """Stop sending events to `sink` (no-op if it is not the attached one)."""
    global _sink
    if _sink is sink:
        _sink = None


def emit(event_type: str, obj: StripeObject) -> Event:
    """Create a Stripe event about `obj` as it is now and send it down the same path as
    localstripe's own events."""
    event = Event(event_type, obj)
    resources.schedule_webhook(event)
    return event


def clear_store() -> None:
    """Forget every localstripe object (and every event it stored)."""
    store.clear()


_install()
