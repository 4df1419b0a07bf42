"""The search page: the folded filter form and how many filters are on, a count, one page of
result cards, sort links."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import queries as search_service
from .filters import SORT_CHOICES, OfferFilter

PER_PAGE = 12


@require_safe
@cache_control(private=True, max_age=0)
def search(request: HttpRequest) -> HttpResponse:
    """Offers matching the query string; bad input shows form errors, never a server error. An
    old link that ticks "Fast Wi-Fi" is sent on to the minimum speed that replaced it."""
    filterset = OfferFilter(request.GET, request=request)
    if filterset.rewritten_query is not None:
        return redirect(f"{request.path}?{filterset.rewritten_query.urlencode()}", permanent=True)
    page_obj = None
    cards: list[search_service.SearchResult] = []
    if filterset.is_valid():
        paginator = Paginator(search_service.matches(filterset.qs), PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        cards = search_service.cards(
            search_service.offers_of(page_obj.object_list),
            filterset.criteria,
            filterset.locale,
            filterset.now,
        )
    return render(
        request,
        "workation/search/page.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page_obj,
            "cards": cards,
            "criteria": filterset.criteria if page_obj is not None else None,
            "sort_choices": SORT_CHOICES,
            "is_filtered": filterset.is_filtered if page_obj is not None else True,
            "active_filters": filterset.active_count,
        },
    )
