"""Admin screens for the content vocabularies, grouped in one menu; the consultations; the
link to two-factor authentication on each user's account page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
