"""Settings shared by every environment. Every value can come from the environment.

With nothing set the site runs on SQLite, a local-memory cache and eager Celery tasks, so that
``make run`` works on a fresh machine; see the README for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "demo",
    "home",
    "workation",
    "booking",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.language.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default; DATABASE_URL (postgres://...) in production and CI.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes SQLite's write lock at BEGIN, so check-then-insert is serialised.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # PostgreSQL's JIT spends seconds compiling the search's large queries to save milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches: `default` for sessions and fragments, `pages` for whole anonymous pages (cleared on
# publish), `renditions` for Wagtail's image renditions. CACHE_URL (redis://...) switches all
# three to Redis; a cache outage slows the site, never breaks it.
CACHE_URL = env.str("CACHE_URL", default="")
# Raised when a release makes cached objects unreadable by its code (a model moving app, as the
# site-wide models did from home to core in version 2): the old and the new release then never
# read each other's entries, so a deploy cannot serve what the other one pickled.
CACHE_VERSION = 2


def _cache(alias: str, timeout: int) -> dict:
    if CACHE_URL.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": alias,
            "VERSION": CACHE_VERSION,
            "TIMEOUT": timeout,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # After a failure, skip Redis for CACHE_PAUSE_SECONDS (core.cache_pause).
                "CONNECTION_POOL_CLASS": "core.cache_pause.PausingConnectionPool",
            },
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": alias,
        "TIMEOUT": timeout,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


CACHE_PAUSE_SECONDS = env.float("CACHE_PAUSE_SECONDS", default=10.0)
CACHES = {
    "default": _cache("default", 300),
    "pages": _cache("pages", env.int("PAGE_CACHE_SECONDS", default=600)),
    "renditions": _cache("renditions", 60 * 60 * 24 * 30),
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Rate limits per client address (core.rate_limits: a sliding window counted in the default
# cache): holds, consultation requests and partner applications. With no CACHE_URL the cache is
# per process, which is right for one process (runserver); production sets CACHE_URL (Redis).
RATE_LIMITS = {
    "hold": env.str("RATE_LIMIT_HOLDS", default="30/m"),
    "consultation": env.str("RATE_LIMIT_CONSULTATIONS", default="5/h"),
    "application": env.str("RATE_LIMIT_APPLICATIONS", default="5/h"),
    "manage_link": env.str("RATE_LIMIT_MANAGE_LINKS", default="5/h"),
    # A receipts' addressee changed after a download voids them and takes new numbers.
    "addressee": env.str("RATE_LIMIT_ADDRESSEE", default="10/h"),
}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# Shared parts of pages (card grids, the area map and search form) cached until the next publish
# (core/templatetags/fragment_tags.py); off only to measure or debug the full render.
FRAGMENT_CACHE_ENABLED = env.bool("FRAGMENT_CACHE_ENABLED", default=True)

# One rule for everyone who sets a password (guests at sign-up, editors and partners in the
# admin): at least 12 characters, not like the user's name or e-mail, not a common or all-digit
# password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts for guests (django-allauth): e-mail login with verification. Editors and partners
# sign in to the Wagtail admin with the same user table. django-axes comes first: it refuses
# a locked-out login before any backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[わかやまワーケーション] "
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "booking:my_bookings"
# django-axes throttles failed logins (below). allauth's own per-address limit stays, looser,
# as a backstop against one account tried from many networks; it also limits wrong 2FA codes.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,10/900s/key"}

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes,
# turned on by each user under /accounts/2fa/ (linked from the admin's account page). The admin
# login asks for the code when the account has one (core.sign_in.AdminLoginView).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "わかやまワーケーション"
MFA_TOTP_TOLERANCE = 1  # a code from the previous or next 30 seconds, for clock drift

# Login throttling (django-axes), for the admin login and allauth's alike: after 5 failures
# (by default) for one account from one address, that pair is refused for 15 minutes (HTTP 429,
# the page templates/axes/lockout.html); a successful login clears the count. Attempts are kept
# in the database, so every process sees them. `manage.py axes_reset_username <name>` unlocks
# early.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_USERNAME_CALLABLE = "core.sign_in.attempted_username"
AXES_ENABLE_ADMIN = False  # no Django admin here; the attempts are in the database
# The client's address: the connection's own, unless the site runs behind reverse proxies that
# set X-Forwarded-For; then AXES_IPWARE_PROXY_COUNT says how many proxy addresses follow the
# client's in that header (0 for one proxy in front: the header holds the client only).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=None)
if AXES_IPWARE_PROXY_COUNT is not None:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Internationalisation: Japanese first, English second; Asia/Tokyo, stored aware.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
# Every admin user sees Japan time: Wagtail offers no time zone choice in the account settings.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")

# Issued receipts and invoices (booking.models.Document) are private: never under MEDIA_ROOT,
# never served by a URL; the site hands them only to whoever may have them.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-url/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3-compatible media storage, switched on only when a bucket is named.
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    # The private files in a bucket of their own that nothing serves publicly.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME"),
            "default_acl": "private",
            "file_overwrite": False,  # a reprint never replaces the bytes its hash vouches for
            "querystring_auth": True,
            "custom_domain": None,
        },
    }

# Media files are served by Django only when they are on local disk (no S3 bucket set); a
# front proxy or CDN should serve them at scale.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default="storages" not in STORAGES["default"]["BACKEND"])

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console by default; EMAIL_URL (smtp://user:pass@host:587/?tls=True) in production.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Every message, also those Django, Wagtail and allauth send, is stored in the outbox and sent by
# a task through the real backend (core.mail_backends).
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "core.mail_backends.OutboxBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="workation@example.jp")
EDITORS_EMAIL = env.list("EDITORS_EMAIL", default=["editors@example.jp"])

# Celery: JSON, primary keys only, enqueued with transaction.on_commit. With no broker set,
# tasks run eagerly in the process (a fresh machine needs nothing running).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "core.tasks.send_outgoing_email": {"queue": "mail"},
    "workation.tasks.notify_consultation": {"queue": "mail"},
    "booking.tasks.send_booking_email": {"queue": "mail"},
    "booking.tasks.notify_editors_of_application": {"queue": "mail"},
    "booking.tasks.send_partner_invitation": {"queue": "mail"},
    "booking.tasks.send_partner_rejection": {"queue": "mail"},
    "booking.tasks.process_webhook_event": {"queue": "webhooks"},
    "booking.tasks.send_refund": {"queue": "webhooks"},
    # Renditions of a large upload take seconds: on their own queue (and worker in production)
    # they never hold up a payment confirmation or an e-mail.
    "home.tasks.generate_renditions": {"queue": "images"},
}
# A task running longer than the visibility timeout would be delivered again; ours take seconds.
# Short socket timeouts: publishing while Redis is down fails in about a second (the stored row
# waits for the sweep) instead of hanging a web request.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 0,
}
if env.str("CELERY_KEY_PREFIX", default=""):  # several sites (or test runs) on one Redis
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = env.str("CELERY_KEY_PREFIX")
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Keep a worker's database connection between tasks (Celery otherwise opens a new one for every
# task); config.celery closes it when CONN_MAX_AGE says so or when it is broken, as Django does
# between requests.
CELERY_DB_REUSE_MAX = 1000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker that loses Redis keeps trying to reconnect (every few seconds, without limit) instead
# of exiting after 100 tries; its unacknowledged tasks come back to the queue (late acks). The
# deployment's supervisor restarts a worker that exits anyway (docs/deploy.md).
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Periodic jobs; each is safe to run twice at once (SKIP LOCKED and unique rows).
CELERY_BEAT_SCHEDULE = {
    "release-expired-holds": {"task": "booking.tasks.release_expired_holds", "schedule": 60},
    "delete-abandoned-plans": {"task": "booking.tasks.delete_abandoned_plans", "schedule": 3600},
    "lapse-unanswered-requests": {
        "task": "booking.tasks.lapse_unanswered_requests",
        "schedule": 60,
    },
    "requeue-stale-events": {"task": "booking.tasks.requeue_stale_events", "schedule": 30},
    "requeue-stuck-emails": {"task": "booking.tasks.requeue_stuck_emails", "schedule": 300},
    "requeue-stuck-outgoing-emails": {
        "task": "core.tasks.requeue_stuck_outgoing_emails",
        "schedule": 300,
    },
    "requeue-pending-refunds": {"task": "booking.tasks.requeue_pending_refunds", "schedule": 300},
    "requeue-missing-documents": {
        "task": "booking.tasks.requeue_missing_documents",
        "schedule": 600,
    },
    "send-reminders": {"task": "booking.tasks.send_reminders", "schedule": 3600},
    "extend-schedules": {"task": "booking.tasks.extend_schedules", "schedule": 6 * 3600},
    "purge-expired-personal-data": {
        "task": "booking.tasks.purge_expired_personal_data",
        "schedule": 24 * 3600,
    },
}

# Stripe. With no real secret key, the site talks to the local fake Stripe (devtools/fake_stripe,
# started by `make run` and by the tests) on 127.0.0.1; with real keys nothing else changes.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_IS_LOCAL = not STRIPE_SECRET_KEY
if STRIPE_IS_LOCAL:
    STRIPE_SECRET_KEY = "sk_test_local"
    STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET or "whsec_local_development"
    STRIPE_API_BASE = STRIPE_API_BASE or "http://127.0.0.1:8420"

# Wagtail
WAGTAIL_SITE_NAME = "わかやまワーケーション"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# Uploads over this many pixels are refused from the file's header, before a pixel is decoded
# (core.image_uploads, the form every upload view uses); Pillow warns over it and refuses to open
# anything over twice it in every process (core.apps). 40 million is a 7,700 x 5,200 photo; an
# 11,000 x 11,000 upload took 12.7 s of a worker to render.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("IMAGES_MAX_PIXELS", default=40_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS = []  # nothing is fetched from outside at run time
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars are drawn locally, never fetched
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin asks no outside server for new releases
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Frontend cache purge (CDN), switched on when configured.
if env.str("CLOUDFLARE_BEARER_TOKEN", default=""):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env.str("CLOUDFLARE_ZONEID"),
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Booking: a hold outlives its Stripe Checkout Session (30 minutes at least) by a short grace.
# What the booking engine asks of the pages its offers are sold on (booking.content): the content
# layer implements it, so booking never imports workation.
BOOKING_CONTENT = "workation.adapters.WorkationContent"
BOOKING_CHECKOUT_SESSION_MINUTES = env.int("BOOKING_CHECKOUT_SESSION_MINUTES", default=30)
BOOKING_HOLD_GRACE_MINUTES = env.int("BOOKING_HOLD_GRACE_MINUTES", default=5)
# Request to book: how long a host has to accept or decline (the card stays authorised; Stripe
# keeps an uncaptured card payment 7 days, so at most 144 hours).
BOOKING_REQUEST_RESPONSE_HOURS = min(env.int("BOOKING_REQUEST_RESPONSE_HOURS", default=24), 144)
# 旅行業法: the operator's travel agency registration (e.g. "和歌山県知事登録旅行業地域-123号"),
# or empty. Empty: items of a trip keep their own sellers and prices and nothing is sold as a
# bundle; set: bundled offers may be made. The 特定商取引法 page says which (docs/trips.md).
TRAVEL_AGENCY_REGISTRATION = env.str("TRAVEL_AGENCY_REGISTRATION", default="")
BOOKING_LOCK_TIMEOUT_MS = env.int("BOOKING_LOCK_TIMEOUT_MS", default=3000)
BOOKING_HOLD_LOCKING = True  # switched off only by the concurrency tests' control run
BOOKING_SLOT_HORIZON_DAYS = env.int("BOOKING_SLOT_HORIZON_DAYS", default=180)
# A guest's manage link works until the booking ends plus these days; a new link the guest asks
# for by e-mail works at least this many days from when it is sent (booking.services.manage_links).
BOOKING_MANAGE_LINK_DAYS_AFTER_END = env.int("BOOKING_MANAGE_LINK_DAYS_AFTER_END", default=30)
BOOKING_MANAGE_LINK_RENEWED_DAYS = env.int("BOOKING_MANAGE_LINK_RENEWED_DAYS", default=7)
# The sweeps re-queue e-mails and refunds left undone for this long, and Stripe's events (the
# payment confirmations) after a minute: their sweep runs every 30 s, so a confirmation whose
# task was lost with a killed worker is done again within about 1.5 minutes. Doing one twice is
# harmless (its row lock and processed time).
BOOKING_SWEEP_AFTER_SECONDS = env.int("BOOKING_SWEEP_AFTER_SECONDS", default=600)
BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS = env.int("BOOKING_WEBHOOK_SWEEP_AFTER_SECONDS", default=60)

# Security headers on every public page. Content-Security-Policy (django-csp): scripts, styles,
# fonts and images from the site itself only (no inline scripts or styles: there are none), forms
# posting only to the site (the final checkout step's page also to Stripe's payment page, where
# its POST redirects), and no framing. The Wagtail admin, which uses inline scripts, is left out.
# Images may also come from the media domain (S3 or a CDN); CSP_EXTRA_IMG_ORIGINS lists any more.
_media_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="")
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/documents/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": [
            "'self'",
            "data:",
            *([f"https://{_media_domain}"] if _media_domain else []),
            *env.list("CSP_EXTRA_IMG_ORIGINS", default=[]),
        ],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Permissions-Policy (django-permissions-policy): none of the browser's powerful features.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
