"""Production: refuses to start without a real SECRET_KEY or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, STORAGES, STRIPE_IS_LOCAL, STRIPE_WEBHOOK_SECRET, env

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG).")
# A random key of 50 characters has some 30 different ones; fewer than 16 means a pattern
# ("abcabc…", a word repeated), whatever its length.
MIN_SECRET_KEY_LENGTH, MIN_SECRET_KEY_DISTINCT = 50, 16
if (
    len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
    or len(set(SECRET_KEY)) < MIN_SECRET_KEY_DISTINCT
    or SECRET_KEY.startswith(("dev-", "test-", "change", "django-insecure"))
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(48))'."
    )
if not STRIPE_IS_LOCAL and not STRIPE_WEBHOOK_SECRET:
    raise ImproperlyConfigured("With STRIPE_SECRET_KEY set, set STRIPE_WEBHOOK_SECRET too.")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
