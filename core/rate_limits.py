"""Rate limits on the forms a bot would hammer: placing holds, the consultation form and the
partner application. Counted per client address (the same address django-axes uses, so one
proxy setting serves both) in the default cache, by django-ratelimit; over the limit the visitor
gets a 429 page that says when to try again, and nothing is stored.

Holds count every attempt. The two forms count only what they stored, so a person correcting
typos is never locked out; only a burst of real submissions is."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage


def client_ip(group: str, request: HttpRequest) -> str:
    """The visitor's address (behind proxies: as AXES_IPWARE_PROXY_COUNT says)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def _usage(request: HttpRequest, name: str, increment: bool) -> dict:
    return get_usage(
        request,
        group=f"limit:{name}",
        key=client_ip,
        rate=settings.RATE_LIMITS[name],
        method="POST",
        increment=increment,
    )


def over_limit(request: HttpRequest, name: str, *, count_it: bool = True) -> bool:
    """Whether this POST is over the limit `settings.RATE_LIMITS[name]` ("30/m", "5/h"…),
    counting it first unless `count_it` is False (then `count` counts it once it is stored)."""
    if request.method != "POST":
        return False
    usage = _usage(request, name, increment=count_it)
    if usage is None:
        return False
    request.rate_limit_retry_after = max(usage["time_left"], 1)
    return usage["count"] > usage["limit"] if count_it else usage["count"] >= usage["limit"]


def count(request: HttpRequest, name: str) -> None:
    """Count a stored submission against its limit."""
    _usage(request, name, increment=True)


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The 429 answer, in the visitor's language, saying how long to wait."""
    seconds = getattr(request, "rate_limit_retry_after", 60)
    minutes = max(1, -(-seconds // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
