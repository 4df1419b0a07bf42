"""Site-wide settings editors change in Wagtail: contact, legal disclosure, social, navigation."""

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from core.generation import cached_until_purge
from core.invoice_numbers import validate_invoice_number


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The programme's contact details and the business details its legal pages show."""

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    organisation_name_en = models.CharField(_("organisation name (English)"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("phone"), max_length=40)
    address = models.CharField(_("address"), max_length=255)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    opening_hours = models.CharField(_("office hours"), max_length=120, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every form that asks for personal details."),
    )

    # 特定商取引法に基づく表記 (Act on Specified Commercial Transactions): the site operator, who
    # takes bookings and payments for the partners; each partner is the seller of its offers, and
    # the payment methods and cancellation terms come from the booking data (sale_terms).
    seller_name = models.CharField(_("operator (運営事業者)"), max_length=200)
    seller_representative = models.CharField(_("representative (運営責任者)"), max_length=120)
    seller_address = models.CharField(_("operator address (所在地)"), max_length=255)
    seller_phone = models.CharField(_("operator phone"), max_length=40)
    seller_email = models.EmailField(_("operator e-mail"))
    invoice_registration_number = models.CharField(
        _("qualified-invoice registration number"),
        max_length=14,
        blank=True,
        validators=[validate_invoice_number],
        help_text=_("T followed by 13 digits."),
    )

    class DocumentIssuer(models.TextChoices):
        SELLER = "seller", _("Each seller, issued on its behalf (代理交付)")
        PLATFORM = "platform", _("The operator, under the intermediary rule (媒介者交付特例)")

    document_issuer = models.CharField(
        _("receipts are issued in the name of"),
        max_length=10,
        choices=DocumentIssuer.choices,
        default=DocumentIssuer.SELLER,
        help_text=_(
            "Under the intermediary rule the operator's name and registration number go on the "
            "receipts of registered sellers (the operator must be registered too) and each "
            "seller gets a copy; unregistered sellers' receipts always carry their own name."
        ),
    )
    return_invoice_threshold = models.PositiveIntegerField(
        _("return invoices from (yen)"),
        default=10000,
        help_text=_(
            "A refund smaller than this (tax included) needs no return invoice "
            "(少額な返還インボイスの交付義務免除: ¥10,000 under the law as of 2023)."
        ),
    )
    price_notes = models.TextField(_("prices (販売価格)"), blank=True)
    extra_charges = models.TextField(_("charges other than the price"), blank=True)
    service_timing = models.TextField(_("when the service is provided"), blank=True)

    x_url = models.URLField(_("X (Twitter)"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_name_en"),
                FieldPanel("tagline"),
                FieldPanel("tagline_en"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("opening_hours"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("seller_name"),
                FieldPanel("seller_representative"),
                FieldPanel("seller_address"),
                FieldPanel("seller_phone"),
                FieldPanel("seller_email"),
                FieldPanel("invoice_registration_number"),
                FieldPanel("document_issuer"),
                FieldPanel("return_invoice_threshold"),
                FieldPanel("price_notes"),
                FieldPanel("extra_charges"),
                FieldPanel("service_timing"),
            ],
            heading=_("特定商取引法に基づく表記"),
        ),
        MultiFieldPanel(
            [FieldPanel("x_url"), FieldPanel("instagram_url"), FieldPanel("facebook_url")],
            heading=_("Social"),
        ),
    ]

    class Meta:
        db_table = "home_sitesettings"  # see core/migrations/0001: tables kept their names
        verbose_name = _("site settings")

    @classmethod
    def for_default_site(cls) -> "SiteSettings":
        """The default site's settings, for work done outside a request (tasks); unsaved
        defaults when there is no site yet."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()

    @classmethod
    def for_request(cls, request: HttpRequest) -> "SiteSettings":
        """The settings every public page shows in its footer, from the cache until the next
        purge (saving them purges) instead of a query on every request."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = cached_until_purge(f"site-settings:{site.pk}", lambda: cls.for_site(site))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The header and footer menus, as data; cached as a fragment and cleared when saved."""

    panels = [
        InlinePanel("header_links", label=_("Header links")),
        InlinePanel("footer_links", label=_("Footer links")),
    ]

    class Meta:
        db_table = "home_navigationsettings"
        verbose_name = _("navigation")


class NavigationLink(Orderable):
    """A menu entry: a page (shown in the visitor's language) with an optional label."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Defaults to the page title.")
    )

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True


class HeaderLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="header_links")

    class Meta(NavigationLink.Meta):
        db_table = "home_headerlink"
        verbose_name = _("header link")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="footer_links")

    class Meta(NavigationLink.Meta):
        db_table = "home_footerlink"
        verbose_name = _("footer link")
