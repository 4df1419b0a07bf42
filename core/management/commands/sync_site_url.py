"""`manage.py sync_site_url`: the default site's host and port from WAGTAILADMIN_BASE_URL."""

from typing import Any

from django.core.management.base import BaseCommand

from core.sites import sync_default_site


class Command(BaseCommand):
    help = "Point the default Wagtail site at the configured base URL (WAGTAILADMIN_BASE_URL)."

    def handle(self, *args: Any, **options: Any) -> None:
        site = sync_default_site()
        if site is None:
            self.stdout.write("There is no default site yet: nothing to change.")
        else:
            self.stdout.write(f"The default site is {site.root_url}")
