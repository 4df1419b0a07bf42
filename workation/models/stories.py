"""Stories: company case studies, news and events, with an index filtered by tag."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from core.blocks import BodyBlock
from core.cards import attach_card_renditions, card_queryset, lean
from core.models import BasePage

TAG_SLUG = re.compile(r"[-\w]+")


class StoryIndexPage(BasePage):
    """Lists stories newest first, paginated, optionally by tag or kind."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["workation.StoryPage"]

    per_page = 9

    class Meta:
        verbose_name = _("story index")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).order_by("-date", "-pk")
        tag = request.GET.get("tag", "")[:100]
        if not TAG_SLUG.fullmatch(tag):
            tag = ""  # not a tag slug (e.g. NUL bytes, which PostgreSQL rejects): no filter
        if tag:
            stories = stories.filter(tags__slug=tag)
        kind = request.GET.get("kind", "")
        if kind in StoryPage.Kind.values:
            stories = stories.filter(kind=kind)
        page_obj = Paginator(lean(card_queryset(stories)), self.per_page).get_page(
            request.GET.get("page")
        )
        page_obj.object_list = list(page_obj.object_list)
        attach_card_renditions(page_obj.object_list)
        context.update(
            page_obj=page_obj,
            current_tag=tag,
            current_kind=kind,
            kinds=StoryPage.Kind.choices,
        )
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "workation.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryPage(BasePage):
    """A case study, a news item or an event."""

    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", _("Case study")
        NEWS = "news", _("News")
        EVENT = "event", _("Event")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"))
    company = models.CharField(
        _("company"), max_length=120, blank=True, help_text=_("For case studies.")
    )
    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_end = models.DateTimeField(_("event ends"), null=True, blank=True)
    event_location = models.CharField(_("event location"), max_length=200, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("company"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldPanel("event_location"),
            ],
            heading=_("Event"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    parent_page_types = ["workation.StoryIndexPage"]
    subpage_types: list[str] = []
    card_fields = ("kind", "date")

    @property
    def card_label(self) -> str:
        """News, event or story: what the card says this page is."""
        return self.get_kind_display()

    class Meta:
        verbose_name = _("story")

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.EVENT and not self.event_start:
            raise ValidationError({"event_start": _("An event needs a start date and time.")})
        if self.event_start and self.event_end and self.event_end < self.event_start:
            raise ValidationError({"event_end": _("The event cannot end before it starts.")})

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["story_tags"] = list(self.tags.all())
        return context

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        if self.kind == self.Kind.EVENT and self.event_start:
            return {
                "@context": "https://schema.org",
                "@type": "Event",
                "name": self.title,
                "description": self.listing_summary,
                "startDate": localtime(self.event_start).isoformat(),
                "endDate": localtime(self.event_end or self.event_start).isoformat(),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": {"@type": "Place", "name": self.event_location or self.title},
            }
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle" if self.kind == self.Kind.NEWS else "Article",
            "headline": self.title,
            "datePublished": self.date.isoformat(),
            "description": self.listing_summary,
        }
