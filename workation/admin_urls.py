"""Admin URLs mounted over Wagtail's own, under the same names and behind the same admin check:
the page chooser's views scoped to what the user may see (admin_chooser_views.py)."""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import admin_chooser_views as chooser

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/", chooser.BrowseView.as_view(), name="wagtailadmin_choose_page"),
        path(
            "choose-page/<int:parent_page_id>/",
            chooser.BrowseView.as_view(),
            name="wagtailadmin_choose_page_child",
        ),
        path(
            "choose-page/search/",
            chooser.SearchView.as_view(),
            name="wagtailadmin_choose_page_search",
        ),
        path(
            "choose-page/chosen-multiple/",
            chooser.ChosenMultipleView.as_view(),
            name="wagtailadmin_choose_page_chosen_multiple",
        ),
    ],
    require_admin_access,
)
