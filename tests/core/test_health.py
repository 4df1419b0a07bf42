"""A hung or missing Redis cache (issue 14, 5): after one call fails, each process skips the
cache for a few seconds instead of waiting out the socket timeout on every call, pages are served
uncached, and /healthz says which part is degraded without hanging."""

import socket

import pytest
from django.core.cache import caches

from core import cache_pause

pytestmark = pytest.mark.django_db


class SilentRedis:
    """A port that accepts connections (the kernel completes them) and never answers: Redis
    hung. Counts the connections made to it."""

    def __enter__(self) -> "SilentRedis":
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.setblocking(False)
        self.accepted: list[socket.socket] = []
        return self

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"

    def connections(self) -> int:
        while True:
            try:
                self.accepted.append(self.server.accept()[0])
            except BlockingIOError:
                return len(self.accepted)

    def __exit__(self, *exc) -> None:
        for conn in self.accepted:
            conn.close()
        self.server.close()


@pytest.fixture
def hung_redis(settings):
    """Every cache on a hung Redis, as production configures them (django-redis, short
    timeouts, errors ignored, the pausing pool)."""
    cache_pause.resume()
    with SilentRedis() as redis:
        options = {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
            "CONNECTION_POOL_CLASS": "core.cache_pause.PausingConnectionPool",
        }
        settings.CACHES = {
            alias: {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": redis.url,
                "KEY_PREFIX": f"hung-{alias}",
                "OPTIONS": options,
            }
            for alias in ("default", "pages", "renditions")
        }
        yield redis
    cache_pause.resume()


def test_after_one_unanswered_call_the_cache_is_skipped_until_the_pause_ends(hung_redis):
    cache = caches["default"]
    assert cache.get("a") is None  # waits for one timeout, then pauses the cache
    assert cache_pause.paused()
    first = hung_redis.connections()
    assert first >= 1

    for number in range(20):
        cache.set(f"k{number}", number)
        assert cache.get(f"k{number}") is None
    assert hung_redis.connections() == first  # nothing more went to the hung Redis

    cache_pause.resume()  # the pause is over: the next call tries Redis again
    cache.get("b")
    assert hung_redis.connections() > first


def test_pages_are_served_uncached_and_healthz_names_the_degraded_part(client, home, hung_redis):
    response = client.get(home.url)
    assert response.status_code == 200
    assert cache_pause.paused()
    before = hung_redis.connections()

    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.content.decode().splitlines() == ["database ok", "cache degraded"]
    assert client.get(home.url).status_code == 200
    assert hung_redis.connections() == before


def test_healthz_reports_every_part_ok_and_livez_asks_nothing(client, django_assert_num_queries):
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.content.decode().splitlines() == ["database ok", "cache ok"]
    assert health["Cache-Control"] == "no-store"
    client.get("/livez")  # the first request of a process looks the site up once
    with django_assert_num_queries(0):
        assert client.get("/livez").content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import DatabaseError
    from django.db.backends.utils import CursorWrapper

    def refuse(self, sql, params=None):
        raise DatabaseError("connection refused")

    client.get("/healthz")
    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.content.decode().splitlines()[0] == "database down"
