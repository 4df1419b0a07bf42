"""Test settings: fast hasher, in-memory e-mail, plain static storage, no page cache."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not env.str("EMAIL_URL", default=""):  # a worker started by the tests may get a real SMTP server
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))  # noqa: F405
PRIVATE_MEDIA_ROOT = env.path(
    "PRIVATE_MEDIA_ROOT",
    default=str(BASE_DIR / "var" / "test-private"),  # noqa: F405
)
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-url/"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405 - no static root here
PAGE_CACHE_ENABLED = False  # tests that are about the cache switch it on
# Tests post many forms from one address; the tests about rate limits set their own.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "100000/m")  # noqa: F405
# Nothing listens here: a test that talks to Stripe starts the fake (the fake_stripe fixture).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:9")

# SQLite tests use a file, not the shared-cache in-memory database, so that threads in the
# concurrency tests get real separate connections with SQLite's ordinary locking. The tests'
# conftest gives it (and a PostgreSQL test database) the run's suffix, or none with --reuse-db.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405
