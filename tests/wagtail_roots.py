"""The rows Wagtail's own migrations make (root collection, default locale, root page, welcome
page, default site), made again after a transactional test emptied every table, so the tests
that run after it start from a migrated database whatever order they run in."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site


def restore_wagtail_roots() -> Site:
    """The default site, with the rows under it made again where they are missing."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site
    welcome = root.get_first_child() or root.add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home", locale=locale)
    )
    return Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
