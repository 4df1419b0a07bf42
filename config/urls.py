"""URLs: the Wagtail admin and sitemap outside the language prefix, the site under /ja/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from booking.views.webhooks import stripe_webhook
from core import routing
from core.sign_in import AdminLoginView
from core.sitemap import MultilingualSitemap
from core.views import healthz, livez, robots_txt

urlpatterns = [
    # Wagtail's login, asking for the second factor of accounts that have one.
    path("admin/login/", AdminLoginView.as_view(), name="wagtailadmin_login"),
    # The page chooser, scoped to the pages the user may see (workation/admin_chooser_views.py).
    path("admin/", include("workation.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("robots.txt", robots_txt),
    path("healthz", healthz),
    path("livez", livez),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("workation.urls")),
    path("", include("booking.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(r"^((?:[\w\-]+/)*)$", routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
