"""`manage.py seed_demo`: the demo site (Japanese and English), images, accounts and offers."""

import re
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core import links
from core.sites import sync_default_site
from demo.booking import seed_booking_demo
from demo.builder import DemoBuilder, partner_group_name
from demo.data.partners import PARTNERS
from demo.reset import reset_demo
from demo.users import demo_password, ensure_accounts


def image_size(value: str) -> tuple[int, int]:
    """Parse WIDTHxHEIGHT."""
    match = re.fullmatch(r"(\d{2,4})x(\d{2,4})", value.strip().lower())
    if not match:
        raise CommandError("--image-size must look like 1600x1000")
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = "Create the demo content, images and accounts; safe to run again (changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--image-size",
            default="1600x1000",
            help="Size of the generated images, WIDTHxHEIGHT (default 1600x1000).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo pages, images, partner groups and collections first.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        size = image_size(options["image_size"])
        if options["reset"]:
            reset_demo()
        builder = DemoBuilder(size)
        stats = builder.run()
        partner_pages = [
            (builder.pages["ja"][spec["slug"]], partner_group_name(spec)) for spec in PARTNERS
        ]
        logins, users_created = ensure_accounts(partner_pages)
        verbose = options["verbosity"] > 1 or stats.changed or users_created
        if verbose:
            counts = ", ".join(f"{n} {name}" for name, n in sorted(stats.pages.items()))
            self.stdout.write(
                f"Demo content: {sum(stats.pages.values())} pages ({counts or 'none new'}), "
                f"{stats.images} images, {stats.snippets} snippets, {users_created} users "
                f"in {time.monotonic() - started:.1f} s"
            )
        seed_booking_demo(self.stdout)
        sync_default_site()
        password = demo_password()
        self.stdout.write(f"The site: {links.absolute_url('/ja/')}  (English: /en/)")
        for login in logins:
            self.stdout.write(
                f"{login.role}: {links.absolute_url(login.path)}  "
                f"{login.sign_in_as} {login.username}  password {password}"
            )
