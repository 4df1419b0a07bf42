"""Shared fixtures: locales, a site with a Japanese home page (and its English translation),
site settings, eager Celery, and clean caches and media for every test."""

import fcntl
import os
from datetime import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import _set_suffix_to_test_databases
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Locale, Page, Site

from config.settings.base import BASE_DIR
from tests.caching import clear_caches
from tests.factories import HomePageFactory, SiteSettingsFactory
from tests.wagtail_roots import restore_wagtail_roots


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """A test database of this run's own (suffix: the process id), so that two runs on one
    machine (a developer and CI, or two developers) never share or destroy each other's. With
    --reuse-db the name is stable (per pytest-xdist worker), so the next run finds it; a second
    run reusing it at the same time is stopped with a message instead of corrupting it."""
    if request.config.getvalue("reuse_db"):
        _hold_reused_database(getattr(request.config, "workerinput", {}).get("workerid", "main"))
    else:
        _set_suffix_to_test_databases(suffix=f"p{os.getpid()}")


_reuse_locks = []


def _hold_reused_database(worker: str) -> None:
    lock_path = BASE_DIR / "var" / f"test-reuse-{worker}.lock"
    lock_path.parent.mkdir(exist_ok=True)
    handle = open(lock_path, "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pytest.exit("Another test run is using the --reuse-db database; wait or drop --reuse-db.")
    _reuse_locks.append(handle)


def fixed_moment() -> datetime | None:
    """The moment TEST_CLOCK names (ISO 8601 with its offset), if set."""
    moment = os.environ.get("TEST_CLOCK", "").strip()
    return datetime.fromisoformat(moment) if moment else None


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    """Under TEST_CLOCK every test starts at that moment and time runs on from it, so the suite
    can be run just after midnight, at noon or late on a month's last evening in Japan whatever
    the real hour (CI does). Tests that start other processes, or serve a browser (a live
    server), keep the real clock: those processes cannot share a moved one."""
    moment = fixed_moment()
    other_processes = request.node.get_closest_marker("worker") or (
        "live_server" in request.fixturenames
    )
    if moment is None or other_processes:
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has emptied the tables, make Wagtail's root rows again, so the
    next test finds a migrated database (with pytest-xdist, files run in any order)."""
    result = yield
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            _drop_dead_connection()
            restore_wagtail_roots()
    return result


def _drop_dead_connection() -> None:
    """Forget a connection whose server session ended (the browser tests put their database
    back by making it again, which ends every session on it; Playwright's greenlets can leave
    this context holding one), so the next query opens a new one instead of failing."""
    from django.db import connection

    if connection.connection is not None and not connection.is_usable():
        connection.close()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded and generated files go to a throw-away directory."""
    settings.MEDIA_ROOT = str(tmp_path_factory.getbasetemp() / "media")


@pytest.fixture(scope="session", autouse=True)
def _caches_of_this_run():
    """Cache keys of this run's own (prefix: the process id), so that two runs sharing one Redis
    database neither serve each other's cached pages nor wipe each other's entries."""
    from django.conf import settings
    from django.test.signals import setting_changed

    for config in settings.CACHES.values():
        config["KEY_PREFIX"] = f"{config.get('KEY_PREFIX', '')}-test{os.getpid()}"
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


@pytest.fixture(autouse=True)
def _fresh_content_type_caches():
    """A transactional test flushes the database, and the content types made again get new ids;
    the ids cached in this process (Django's, Wagtail's list of form page types) would then point
    at nothing, and e.g. a form's submissions page would send its editor away."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.forms.utils import get_form_types

    ContentType.objects.clear_cache()
    get_form_types.cache_clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Japanese): a request to an /en/ page leaves
    English active in the thread, which a later test in the same process would inherit."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clean_caches(_caches_of_this_run):
    """Each test starts with empty caches."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def celery_eager(settings):
    """Run Celery tasks in-process, whether or not a broker is configured."""
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def locale_ja(db) -> Locale:
    return Locale.objects.get_or_create(language_code="ja")[0]


@pytest.fixture
def locale_en(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home(locale_ja, locale_en):
    """A live Japanese home page, made the root of the default site (Wagtail's welcome page
    is removed)."""
    root = Page.get_first_root_node()
    page = HomePageFactory(parent=root, locale=locale_ja)
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = page
    site.hostname = "testserver"
    site.port = 80
    site.save()
    if welcome.pk != page.pk:
        welcome.delete()
    return page


@pytest.fixture
def site(home) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def site_settings(site):
    return SiteSettingsFactory(site=site)


def translate(page, locale, **changes):
    """The English (or other) translation of `page`, published, as wagtail-localize makes it.

    Its parent must already be translated. `changes` are set on the copy before publishing.
    """
    copy = page.copy_for_translation(locale)
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


@pytest.fixture
def translate_page(locale_en):
    def _translate(page, **changes):
        return translate(page, locale_en, **changes)

    return _translate


@pytest.fixture
def home_en(home, translate_page):
    return translate_page(
        home, title="Wakayama Workation", hero_title="Work between sea and forest"
    )


@pytest.fixture
def anon_client() -> Client:
    return Client()


@pytest.fixture(scope="session")
def _fake_stripe_server():
    """The local fake Stripe (localstripe plus Checkout Sessions), one per test run."""
    from devtools.fake_stripe.testing import FakeStripe

    with FakeStripe(webhook_secret="whsec_test", auto_deliver=False) as fake:
        yield fake


@pytest.fixture
def fake_stripe(_fake_stripe_server, settings):
    """A fresh fake Stripe that the site talks to; webhooks are delivered by the test."""
    fake = _fake_stripe_server
    fake.reset()
    fake.configure(webhook_url=None, webhook_secret="whsec_test", auto_deliver=False)
    settings.STRIPE_SECRET_KEY = fake.secret_key
    settings.STRIPE_API_BASE = fake.api_base
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    return fake
