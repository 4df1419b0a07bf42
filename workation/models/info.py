"""Legal and information pages: privacy, terms, 特定商取引法に基づく表記, accessibility."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.models import BasePage


class InfoPage(BasePage):
    """A plain page; the commerce disclosure also shows the business details from site settings."""

    class Disclosure(models.TextChoices):
        NONE = "", _("None")
        COMMERCE = "commerce", _("特定商取引法に基づく表記 (from site settings)")

    body = StreamField(BodyBlock(), blank=True)
    disclosure = models.CharField(
        _("business details table"),
        max_length=12,
        choices=Disclosure.choices,
        blank=True,
        help_text=_("Show the seller's details from the site settings under the text."),
    )
    last_updated = models.DateField(_("last updated"), null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        FieldPanel("disclosure"),
        FieldPanel("last_updated"),
    ]
    parent_page_types = ["home.HomePage", "workation.InfoPage"]
    subpage_types = ["workation.InfoPage"]

    class Meta:
        verbose_name = _("information page")
