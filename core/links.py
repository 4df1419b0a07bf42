"""Absolute links, always built from the site's configured base URL.

E-mails, calendar files and QR codes leave the request that made them, so their links cannot
come from a request's host; they come from `WAGTAILADMIN_BASE_URL` (the README's configuration
table), never from a hard-coded host.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """The site's base URL without a trailing slash, e.g. "https://workation.example.jp"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (starting with "/") on the site's base URL."""
    return base_url() + path


def absolute(url: str) -> str:
    """A site path ("/ja/…") on the base URL; a URL that is absolute already is kept."""
    return absolute_url(url) if url.startswith("/") else url


def host_and_port() -> tuple[str, int]:
    """The base URL's host name and port (80 or 443 when it names none), as Wagtail's Site
    record keeps them."""
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
