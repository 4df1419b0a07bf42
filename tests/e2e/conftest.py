"""Browser tests: Debian's chromium driven by Playwright against the site with its demo content.

Each test gets the demo (`manage.py seed_demo`, small images) in its own transactional test
database, served by pytest-django's live server: the first test of a process seeds it (about
10 s) and keeps a copy (snapshots.py), which is put back before every later test. Payments go
to the local fake Stripe (its webhooks delivered to the live server), e-mails to a local SMTP
server, Celery tasks run eagerly.

No chromium: the tests are skipped with how to install it; under CI=true they fail instead.
"""

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.caching import clear_caches
from tests.e2e.snapshots import DatabaseSnapshot
from tests.stack import ROOT, SmtpSink, need

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "test-artifacts" / "browser"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
}
DESKTOP = {
    "viewport": {"width": 1280, "height": 800},
    "locale": "en-GB",
    "timezone_id": "Asia/Tokyo",
}
SERIOUS = ("serious", "critical")


def chromium_path() -> str | None:
    """The chromium to drive: $CHROMIUM, else Debian's /usr/bin/chromium, else one on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    need(
        path is not None,
        "chromium is not installed, so the browser tests were skipped: install it with "
        "`sudo apt-get install chromium fonts-noto-cjk` (Debian/Ubuntu) or point CHROMIUM at a "
        "chromium binary",
    )
    try:
        import playwright  # noqa: F401
    except ImportError:
        need(False, "the Python package playwright is not installed: run `make install`")
    return path


@pytest.fixture(scope="package")
def browser(chromium):
    """Chromium, for the browser tests of this package only. Playwright's sync API keeps an event
    loop in the test thread while it runs, so Django's guard against ORM calls from async code is
    lifted until it stops (the tests' own ORM calls are plain synchronous code)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            yield launched
            launched.close()


def _ensure_tree_roots() -> None:
    """The page and collection tree roots that Wagtail's migrations create (a transactional
    test that ran before may have flushed them)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))


@pytest.fixture(scope="session")
def demo_snapshot(django_db_blocker) -> Iterator[DatabaseSnapshot]:
    """The database as the demo seed leaves it, taken by the first test that needs it."""
    snapshot = DatabaseSnapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo_site(transactional_db, demo_snapshot) -> None:
    """The demo content (`manage.py seed_demo`, small images) in this test's database: seeded
    by the first test of the process, put back from its copy for every later one."""
    if demo_snapshot.taken:
        demo_snapshot.restore()
    else:
        _ensure_tree_roots()
        call_command("seed_demo", image_size="32x20", verbosity=0, stdout=StringIO())
        demo_snapshot.take()
    clear_caches()


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def live_site(demo_site, live_server, settings, fake_stripe, smtp, celery_eager):
    """The running site with the demo for one test: its base URL. Payments at the fake Stripe
    (its webhooks delivered to the live server when the guest pays), e-mail through the outbox
    and SMTP, tasks eager."""
    fake_stripe.configure(
        webhook_url=f"{live_server.url}/stripe/webhook/",
        webhook_secret="whsec_test",
        auto_deliver=True,
    )
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the site's address: links, Stripe's return
    settings.EMAIL_BACKEND = "core.mail_backends.OutboxBackend"  # as in production
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield live_server.url
    fake_stripe.configure(webhook_url=None, webhook_secret="whsec_test", auto_deliver=False)


@dataclass
class Steps:
    """Saves a full-page screenshot of each step: test-artifacts/browser/<test>/<NN-step>.png."""

    page: object
    directory: Path
    count: int = 0

    def __call__(self, name: str) -> None:
        self.count += 1
        self.page.screenshot(path=self.directory / f"{self.count:02d}-{name}.png", full_page=True)


def artefact_dir(request: pytest.FixtureRequest) -> Path:
    """An empty directory for this test's screenshots."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    directory = ARTEFACTS / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


@pytest.fixture
def artefacts(request) -> Path:
    return artefact_dir(request)


def _page(browser, options: dict):
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def phone(browser):
    """A phone-sized page (390×844, touch) in Japanese."""
    context, page = _page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    """A desktop page (1280×800) in English."""
    context, page = _page(browser, DESKTOP)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    need(AXE_SCRIPT.exists(), "axe-core is not installed: run `npm ci` in the project")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol: the site's Content-Security-Policy
        # (rightly) refuses an injected <script>.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [found for found in result["violations"] if found["impact"] in SERIOUS]


def describe_violations(violations: list[dict]) -> str:
    """One readable line per violation and up to five of its elements."""
    lines = []
    for found in violations:
        lines.append(f"{found['id']} ({found['impact']}): {found['help']} — {found['helpUrl']}")
        for node in found["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)
