"""Rate limits on the forms a bot would hammer: placing holds, the consultation form and the
partner application. Counted per client address (the same address django-axes uses, so one
proxy setting serves both) in the default cache; over the limit the visitor gets a 429 page that
says when to try again, and nothing is stored.

The window slides: the count is this window's plus the last window's weighted by how much of it
still lies within one window from now, so a burst across a window's edge is held to the limit
(fixed windows let twice the limit through there).

Holds count every attempt. The two forms count only what they stored, so a person correcting
typos is never locked out; only a burst of real submissions is."""

import hashlib
import math
import re
import time
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


@dataclass(frozen=True)
class Rate:
    """`limit` requests per `seconds`, from settings such as "30/m", "5/h" or "10/15m"."""

    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        match = RATE.match(text.strip())
        if match is None:
            raise ValueError(f"a rate looks like 30/m, 5/h or 10/15m, not {text!r}")
        return cls(int(match[1]), int(match[2] or 1) * UNITS[match[3]])


def client_ip(request: HttpRequest) -> str:
    """The visitor's address (behind proxies: as AXES_IPWARE_PROXY_COUNT says)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def _keys(request: HttpRequest, name: str, rate: Rate, now: float) -> tuple[str, str, float]:
    """This window's and the last window's cache keys, and how far into this window `now` is
    (0 to 1)."""
    who = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    window, into = divmod(now, rate.seconds)
    prefix = f"limit:{name}:{rate.seconds}:{who}"
    return f"{prefix}:{int(window)}", f"{prefix}:{int(window) - 1}", into / rate.seconds


def _used(request: HttpRequest, name: str, rate: Rate, increment: bool) -> float:
    """Requests counted within one window back from now (this one counted first if
    `increment`); notes on the request how long until one more fits, for the 429 page."""
    now = time.time()
    current, previous, share = _keys(request, name, rate, now)
    if increment:
        _bump(current, rate)
    counts = cache.get_many([current, previous])
    this, last = counts.get(current, 0) or 0, counts.get(previous, 0) or 0
    request.rate_limit_retry_after = _retry_after(rate, this, last, share)
    return this + last * (1 - share)


def _retry_after(rate: Rate, this: int, last: int, share: float) -> int:
    """Seconds until one more request fits: while the last window's weight falls, or (when
    this window alone is full) once this window, become the last, has lost enough weight."""
    left = rate.seconds * (1 - share)
    excess = this + last * (1 - share) - rate.limit + 1
    if this < rate.limit and last:
        wait = min(left, excess * rate.seconds / last)
    else:
        wait = min(rate.seconds, left + (this - rate.limit + 1) * rate.seconds / max(this, 1))
    return max(1, math.ceil(wait))


def over_limit(request: HttpRequest, name: str, *, count_it: bool = True) -> bool:
    """Whether this POST is over the limit `settings.RATE_LIMITS[name]` ("30/m", "5/h"…),
    counting it first unless `count_it` is False (then `count` counts it once it is stored)."""
    if request.method != "POST":
        return False
    rate = Rate.parse(settings.RATE_LIMITS[name])
    used = _used(request, name, rate, increment=count_it)
    return used > rate.limit if count_it else used >= rate.limit


def count(request: HttpRequest, name: str) -> None:
    """Count a stored submission against its limit."""
    rate = Rate.parse(settings.RATE_LIMITS[name])
    _bump(_keys(request, name, rate, time.time())[0], rate)


def _bump(key: str, rate: Rate) -> None:
    """Count one request in a window's counter (kept two windows: it is the next one's last)."""
    cache.add(key, 0, timeout=rate.seconds * 2)
    try:
        cache.incr(key)
    except ValueError:  # evicted between the two calls: this one request goes uncounted
        pass


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The 429 answer, in the visitor's language, saying how long to wait."""
    seconds = getattr(request, "rate_limit_retry_after", 60)
    minutes = max(1, -(-seconds // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
