"""Django's LocaleMiddleware, without its redirect of a real 404 outside the language prefix.

On a 404 Django retries the path under /ja/ and redirects there if that path matches a URL
pattern; the site's catch-all page route matches any /ja/… path, so a 404 inside the admin
(/admin/offers/edit/99/) became a redirect to /ja/admin/… and only then a 404. A path that
already matches a pattern as it is keeps its own answer."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import get_urlconf, is_valid_path


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code == 404 and is_valid_path(
            request.path_info, getattr(request, "urlconf", None) or get_urlconf()
        ):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
