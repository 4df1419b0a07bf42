"""The home page: hero, the programme's pitch, featured areas, places, stories and news."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.cards import lazy_cards
from core.models import BasePage
from workation.models import AreaPage, ExperiencePage, OfficePage, StayPage, StoryPage


class PitchBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(
        label=_("Icon"),
        choices=[
            ("access", _("Access")),
            ("network", _("Network")),
            ("nature", _("Nature")),
            ("support", _("Support")),
        ],
    )
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=400)

    class Meta:
        label = _("Reason to come")
        icon = "pick"
        template = "blocks/pitch.html"
        description = _("One reason to come: access, network, nature or support.")
        preview_value = {
            "icon": "access",
            "title": "羽田から約1時間",
            "text": "南紀白浜空港から、オフィスまで車で10分。",
        }


class HomePage(BasePage):
    """The site's root page in each language."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_lead = models.CharField(_("hero lead"), max_length=240)
    hero_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    pitch = StreamField(
        [("reason", PitchBlock())], blank=True, max_num=4, verbose_name=_("reasons to come")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_lead"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("pitch"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    route_related = ("listing_image", "hero_image", "hero_cta_page", "locale")

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        in_locale = {"locale_id": self.locale_id}
        context.update(
            lazy_cards(
                areas=(AreaPage.objects.filter(**in_locale).order_by("path"), 6),
                offices=(OfficePage.objects.filter(featured=True, **in_locale), 4),
                experiences=(ExperiencePage.objects.filter(featured=True, **in_locale), 4),
                stays=(StayPage.objects.filter(featured=True, **in_locale), 4),
                stories=(StoryPage.objects.filter(**in_locale).order_by("-date"), 3),
            )
        )
        return context

    def json_ld(self, request: Any = None) -> list[dict[str, Any]]:
        root = self.get_full_url(request) or ""
        return [
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": self.title,
                "url": root,
                "inLanguage": self.locale.language_code,
            },
            {
                "@context": "https://schema.org",
                "@type": "GovernmentOrganization",
                "name": self.title,
                "url": root,
                "areaServed": "和歌山県",
            },
        ]
