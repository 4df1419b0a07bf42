"""Refuse requests carrying NUL characters: no text field can store them (PostgreSQL raises an
error), so they can only be mistakes or probes. The answer is a clear 400, never a 500."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

# Both languages: this answer comes before the language of the request is known.
REFUSAL = (
    "リクエストに使用できない文字が含まれています。\n"
    "The request contains characters that are not allowed.\n"
)


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    queries = [request.GET]
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        queries.append(request.POST)  # uploads are left to their forms' own validation
    for query in queries:
        for key, values in query.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RejectNulBytesMiddleware:
    """Answer 400 to any request whose path, query string or form data contains NUL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
