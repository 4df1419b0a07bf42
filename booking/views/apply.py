"""The public "list your business" application and its thank-you page. Thin: the rules live in
booking.services.applications."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from booking.application_forms import PartnerApplicationForm
from booking.services import applications
from core.rate_limits import count, over_limit, too_many_requests


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The application form; a valid one is stored (bots' quietly dropped) and thanked."""
    if over_limit(request, "application", count_it=False):
        return too_many_requests(request)
    form = PartnerApplicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            if not form.is_spam:
                applications.submit(form.save(commit=False), translation.get_language())
                count(request, "application")
            return redirect("booking:apply_done")
        return render(request, "booking/apply.html", {"form": form}, status=400)
    return render(request, "booking/apply.html", {"form": form})


@require_GET
def apply_done(request: HttpRequest) -> HttpResponse:
    """What happens next, once the application is in."""
    return render(request, "booking/apply_done.html")
