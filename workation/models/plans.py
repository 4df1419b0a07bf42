"""Model plans: suggested workation itineraries, day by day."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField

from core.cards import cards
from core.models import BasePage
from workation.blocks import PlanDayBlock


class PlanIndexPage(BasePage):
    """Lists the model plans."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["workation.ModelPlanPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("model plan index")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = cards(ModelPlanPage.objects.child_of(self))
        return context


class ModelPlanPage(BasePage):
    """A suggested itinerary: for whom, how many days, and each day's office, stay, experience."""

    card_label = _("Model plan")

    audience = models.CharField(
        _("who it is for"), max_length=200, help_text=_("e.g. a team of five engineers")
    )
    nights = models.PositiveSmallIntegerField(_("nights"), default=2)
    budget_per_person = models.PositiveIntegerField(
        _("budget per person (yen, tax incl.)"), null=True, blank=True
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    days = StreamField([("day", PlanDayBlock())], verbose_name=_("days"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("nights"), FieldPanel("budget_per_person")]),
        FieldPanel("intro"),
        FieldPanel("days"),
    ]
    parent_page_types = ["workation.PlanIndexPage"]
    subpage_types: list[str] = []
    card_fields = ("nights", "budget_per_person")

    class Meta:
        verbose_name = _("model plan")

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "TouristTrip",
            "name": self.title,
            "description": self.listing_summary,
        }
