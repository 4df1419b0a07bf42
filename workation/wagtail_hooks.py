"""Admin screens for the content vocabularies, grouped in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
