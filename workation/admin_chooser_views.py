"""Wagtail's page chooser views, scoped like its listings (admin_scope.py) where they take a page
id from the URL: browsing below a page, and the pages chosen at once in a multiple chooser.
They refuse a page the user may not see, so a guessed id names no one's draft; and a page the
user may not edit shows its published title, not a rename still waiting in a draft.
config/urls.py mounts them over Wagtail's own, under the same names."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views import chooser
from wagtail.models import Page

from .admin_scope import pages_shown_to


def may_see(user, page_id: int | str) -> bool:
    """Whether the user may see the page in the chooser (live, or editable by the user)."""
    return pages_shown_to(Page.objects.filter(pk=page_id), user).exists()


def public_title(page: Page, user) -> Page:
    """The page, with the title the user may read: a page the user cannot edit shows its live
    title (its draft title may name a change not yet approved), or a neutral label if it is not
    live. Changes only this instance's draft title, which the chooser shows."""
    if user.is_superuser or page.permissions_for_user(user).can_edit():
        return page
    page.draft_title = page.title if page.live else _("Unpublished page")
    return page


class PublicTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        public_title(instance, parent_context["request"].user)
        return super().get_cell_context_data(instance, parent_context)


class PublicParentColumn(chooser.ParentPageColumn):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = public_title(context["value"], parent_context["request"].user)
        return context


def _public_columns(columns: list, is_multiple_choice: bool) -> list:
    """Wagtail's columns with the title and parent columns that show public titles."""
    shown = []
    for column in columns:
        if type(column) is chooser.PageTitleColumn:
            column = PublicTitleColumn(
                column.name, label=column.label, is_multiple_choice=is_multiple_choice
            )
        elif type(column) is chooser.ParentPageColumn:
            column = PublicParentColumn(column.name, label=column.label)
        shown.append(column)
    return shown


class BrowseView(chooser.BrowseView):
    """Browsing: only below a page the user may see; titles as the user may read them."""

    @property
    def columns(self):
        return _public_columns(super().columns, self.is_multiple_choice)

    def get(self, request, parent_page_id=None):
        if parent_page_id and not may_see(request.user, parent_page_id):
            raise Http404
        return super().get(request, parent_page_id)

    def get_object_list(self):
        public_title(self.parent_page, self.request.user)
        return super().get_object_list()


class SearchView(chooser.SearchView):
    """Searching: titles (and parents' titles) as the user may read them."""

    @property
    def columns(self):
        return _public_columns(super().columns, self.is_multiple_choice)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """The pages chosen at once: only those the user may see, titles as the user may read them."""

    def get(self, request):
        pages = pages_shown_to(Page.objects.filter(pk__in=request.GET.getlist("id")), request.user)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": public_title(page, request.user).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)
