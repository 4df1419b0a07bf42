"""Legal and information pages: privacy, terms, 特定商取引法に基づく表記, accessibility."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from booking.services import sale_terms
from core.blocks import BodyBlock
from core.models import BasePage


class InfoPage(BasePage):
    """A plain page; the commerce disclosure also shows the operator's details from site settings
    and each seller's, with its offers' terms, from the data checkout uses."""

    class Disclosure(models.TextChoices):
        NONE = "", _("None")
        COMMERCE = "commerce", _("特定商取引法に基づく表記 (from site settings)")

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
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

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        if self.disclosure == self.Disclosure.COMMERCE:
            language = self.locale.language_code
            sellers = sale_terms.sellers_on_sale(language)
            timings = (terms.payment_timing for entry in sellers for terms in entry.offers)
            context["sellers"] = sellers
            context["payment_methods"] = sale_terms.payment_methods(language)
            context["payment_timings"] = list(dict.fromkeys(timings))
            context["travel_agency_registration"] = sale_terms.travel_agency_registration()
        return context
