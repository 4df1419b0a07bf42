"""Admin screens for the content vocabularies, grouped in one menu; the consultations; the
link to two-factor authentication on each user's account page; the page chooser's scope."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_scope import pages_shown_to
from .backoffice import ConsultationViewSet
from .models import Amenity, ExperienceCategory, Language


class AmenityViewSet(SnippetViewSet):
    model = Amenity
    icon = "tick-inverse"
    list_display = ["name", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class ExperienceCategoryViewSet(SnippetViewSet):
    model = ExperienceCategory
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name", "code"]


class VocabularyGroup(SnippetViewSetGroup):
    items = (AmenityViewSet, ExperienceCategoryViewSet, LanguageViewSet)
    menu_icon = "list-ul"
    menu_label = _("Vocabularies")
    menu_name = "vocabularies"


register_snippet(VocabularyGroup)


@hooks.register("register_admin_viewset")
def register_consultation_viewset():
    return ConsultationViewSet("consultations")


@hooks.register("register_account_menu_item")
def two_factor_authentication_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from an authenticator app each time you sign in."),
    }


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages: QuerySet[Page], request: HttpRequest) -> QuerySet[Page]:
    """Browsing and searching the page chooser: live pages and those the user may edit."""
    return pages_shown_to(pages, request.user)
