"""Absolute links, always built from the site's configured base URL.

E-mails, calendar files and QR codes leave the request that made them, so their links cannot
come from a request's host; they come from `WAGTAILADMIN_BASE_URL` (the README's configuration
table), never from a hard-coded host.
"""

from django.conf import settings


def base_url() -> str:
    """The site's base URL without a trailing slash, e.g. "https://workation.example.jp"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (starting with "/") on the site's base URL."""
    return base_url() + path
