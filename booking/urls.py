"""Booking URLs, mounted under the language prefix (/ja/…, /en/…) before Wagtail's pages."""

app_name = "booking"

urlpatterns: list = []
