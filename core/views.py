"""Small site-wide views: robots.txt, a health check, and error pages."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "robots.txt", content_type="text/plain")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: the load balancer's check and the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")
