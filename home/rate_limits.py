"""Rate limits on the forms a bot would hammer: placing holds, the consultation form and the
partner application. Counted per client address (the same address django-axes uses, so one
proxy setting serves both) in the default cache, by django-ratelimit; over the limit the visitor
gets a 429 page that says when to try again, and nothing is stored."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_ip(group: str, request: HttpRequest) -> str:
    """The visitor's address (behind proxies: as AXES_IPWARE_PROXY_COUNT says)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "")


def over_limit(request: HttpRequest, name: str) -> bool:
    """Count this POST against the limit `settings.RATE_LIMITS[name]` ("30/m", "5/h"…) and say
    whether it went over."""
    if request.method != "POST":
        return False
    return is_ratelimited(
        request,
        group=f"limit:{name}",
        key=client_ip,
        rate=settings.RATE_LIMITS[name],
        method="POST",
        increment=True,
    )


def too_many_requests(request: HttpRequest) -> HttpResponse:
    """The 429 answer, in the visitor's language."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
