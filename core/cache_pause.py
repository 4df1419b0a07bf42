"""The Redis cache is optional: once it fails to answer (down, or hung: accepting connections but
silent), every connection of this process fails at once for a few seconds instead of waiting out
its socket timeout on each of a page's cache calls. django-redis (IGNORE_EXCEPTIONS) then serves
the page uncached, so a hung Redis costs one timeout per pause, not one per call."""

import threading
import time

from django.conf import settings
from redis.connection import Connection, ConnectionPool
from redis.exceptions import ConnectionError, TimeoutError

_lock = threading.Lock()
_paused_until = 0.0


def paused() -> bool:
    """Whether this process is skipping the cache after a recent failure."""
    return time.monotonic() < _paused_until


def pause() -> None:
    """Skip the cache for CACHE_PAUSE_SECONDS from now."""
    global _paused_until
    with _lock:
        _paused_until = time.monotonic() + settings.CACHE_PAUSE_SECONDS


def resume() -> None:
    """Use the cache again at once (the pause also ends by itself)."""
    global _paused_until
    with _lock:
        _paused_until = 0.0


class PausingConnection(Connection):
    """A Redis connection that pauses the cache when Redis fails to connect or answer, and fails
    at once while it is paused."""

    def connect_check_health(self, *args, **kwargs):
        _refuse_while_paused()
        try:
            return super().connect_check_health(*args, **kwargs)
        except (ConnectionError, TimeoutError):
            pause()
            raise

    def send_packed_command(self, *args, **kwargs):
        if paused():
            self.disconnect()
        _refuse_while_paused()
        try:
            return super().send_packed_command(*args, **kwargs)
        except (ConnectionError, TimeoutError):
            pause()
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (ConnectionError, TimeoutError):
            pause()
            raise


def _refuse_while_paused() -> None:
    if paused():
        raise ConnectionError("the cache is paused after Redis failed to answer")


class PausingConnectionPool(ConnectionPool):
    """The cache's connection pool (django-redis CONNECTION_POOL_CLASS): plain redis:// URLs get
    pausing connections."""

    def __init__(self, connection_class: type[Connection] = PausingConnection, **kwargs) -> None:
        super().__init__(connection_class=connection_class, **kwargs)
