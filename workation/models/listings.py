"""What visitors can book: co-working offices, local experiences and stays, and their indexes."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Value
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from booking.models import Offer
from booking.services.jst import today
from booking.services.offers import offers_for_page
from booking.services.opening_hours import DeskHours, desk_hours_for_page
from booking.services.price_labels import price_label
from core.blocks import BodyBlock, ImageBlock
from core.cards import attach_card_renditions, card_queryset, lean
from core.generation import cached_until_purge
from core.models import BasePage
from core.shared_objects import shared_objects
from workation.blocks import (
    DeskTypeBlock,
    MeetingRoomBlock,
    OpeningHoursStreamBlock,
    RoomTypeBlock,
    room_price_label,
)

from .places import PlaceFields
from .snippets import Amenity, Language


class ListingPage(PlaceFields, BasePage):
    """Abstract: a bookable place owned by a partner page, with amenities and a gallery."""

    amenities = ParentalManyToManyField(
        "workation.Amenity", verbose_name=_("amenities"), blank=True, related_name="+"
    )
    gallery = StreamField([("image", ImageBlock())], blank=True, verbose_name=_("gallery"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    parent_page_types = ["workation.PartnerPage"]
    subpage_types: list[str] = []
    route_related = ("listing_image", "area", "locale")

    class Meta:
        abstract = True

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .partners import PartnerPage

        context = super().get_context(request, *args, **kwargs)
        parent_path = self.path[: -self.steplen]
        # The host and the offers are shared by the host's other pages and change only when
        # something is published or an offer is saved, both of which purge.
        context["partner"] = cached_until_purge(
            f"partner:{parent_path}", PartnerPage.objects.filter(path=parent_path).first
        )
        context["amenities"], context["languages_spoken"] = self.chosen_vocabulary(request)
        language = self.locale.language_code
        if getattr(request, "is_preview", False):
            context["offers"] = offers_for_page(self, language)  # a new page: a new key each time
        else:
            context["offers"] = cached_until_purge(
                f"offers:{self.translation_key}:{language}",
                lambda: offers_for_page(self, language),
            )
        return context

    def chosen_vocabulary(self, request: Any = None) -> tuple[list[Amenity], list[Language]]:
        """The page's amenities and spoken languages: which ones, from both link tables in one
        query; the snippets themselves from the shared objects (saving one purges). A preview
        shows the editor's unsaved choice."""
        if getattr(request, "is_preview", False) or self.pk is None:
            return list(self.amenities.all()), list(self.languages.all())
        links = []
        for kind, name in enumerate(("amenities", "languages")):
            field = self._meta.get_field(name)
            links.append(
                field.remote_field.through.objects.filter(
                    **{field.m2m_field_name(): self.pk}
                ).values_list(Value(kind), field.m2m_reverse_field_name())
            )
        chosen: tuple[list[Any], list[Any]] = ([], [])
        for kind, pk in links[0].union(links[1], all=True):
            chosen[kind].append(pk)
        return _in_order(Amenity, chosen[0]), _in_order(Language, chosen[1])


def _in_order(model: type[models.Model], pks: list[Any]) -> list[Any]:
    """Shared objects of `model`, sorted as its Meta.ordering (ascending fields) says."""
    ordering = model._meta.ordering
    found = shared_objects(model, pks).values()
    return sorted(found, key=lambda obj: tuple(getattr(obj, name) for name in ordering))


class OfficePage(ListingPage):
    """A co-working office: hours, desks, rooms, booths and measured Wi-Fi."""

    card_label = _("Co-working")

    opening_hours = StreamField(
        OpeningHoursStreamBlock(), blank=True, verbose_name=_("opening hours")
    )
    desk_types = StreamField([("desk", DeskTypeBlock())], blank=True, verbose_name=_("desk types"))
    meeting_rooms = StreamField(
        [("room", MeetingRoomBlock())], blank=True, verbose_name=_("meeting rooms")
    )
    call_booths = models.PositiveSmallIntegerField(_("call booths"), default=0)
    wifi_down_mbps = models.PositiveIntegerField(_("Wi-Fi download (Mbps)"), null=True, blank=True)
    wifi_up_mbps = models.PositiveIntegerField(_("Wi-Fi upload (Mbps)"), null=True, blank=True)
    wifi_latency_ms = models.PositiveIntegerField(_("Wi-Fi latency (ms)"), null=True, blank=True)
    wifi_measured_on = models.DateField(_("Wi-Fi measured on"), null=True, blank=True)
    floor_plan = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("floor plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("body"),
        *PlaceFields.place_panels,
        FieldPanel("opening_hours"),
        FieldPanel("desk_types"),
        FieldPanel("meeting_rooms"),
        FieldPanel("call_booths"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("wifi_down_mbps"),
                        FieldPanel("wifi_up_mbps"),
                        FieldPanel("wifi_latency_ms"),
                    ]
                ),
                FieldPanel("wifi_measured_on"),
            ],
            heading=_("Measured Wi-Fi"),
        ),
        FieldPanel("amenities"),
        FieldPanel("gallery"),
        FieldPanel("floor_plan"),
    ]

    route_related = ("listing_image", "area", "locale", "floor_plan")
    # The card's "from ¥…" is the cheapest desk; it shows the measured Wi-Fi too.
    card_fields = ("desk_types", "wifi_down_mbps", "wifi_up_mbps", "wifi_measured_on")

    class Meta:
        verbose_name = _("office (co-working)")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["desk_hours"] = self.desk_hours(request)
        return context

    def desk_hours(self, request: Any = None) -> list[DeskHours] | None:
        """When its desks can be booked, by days of the week (within the opening hours): kept
        for the day, until something is published or an offer saved, as the offers are."""
        language = self.locale.language_code

        def find() -> list[DeskHours]:
            with translation.override(language):
                return desk_hours_for_page(self)

        if getattr(request, "is_preview", False):
            return find()
        key = f"desk-hours:{self.translation_key}:{language}:{today()}"
        return cached_until_purge(key, find)

    @property
    def seats(self) -> int:
        return sum(block.value["seats"] for block in self.desk_types)

    @property
    def price_from(self) -> int | None:
        prices = [block.value["price_day"] for block in self.desk_types]
        return min(prices) if prices else None

    @property
    def price_label(self) -> str:
        """What `price_from` is for, in the active language: a desk for a day."""
        return price_label(Offer.Unit.DESK_DAY)

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "additionalType": "https://schema.org/CoworkingSpace",
            "name": self.title,
            "description": self.listing_summary,
            **self.geo_ld(),
        }


class ExperiencePage(ListingPage):
    """A local experience: farm stay, fruit picking, fishing, a guided Kumano Kodo walk…"""

    card_label = _("Experience")

    category = models.ForeignKey(
        "workation.ExperienceCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15)]
    )
    meeting_point = models.CharField(_("meeting point"), max_length=255)
    included = models.TextField(
        _("what is included"), blank=True, help_text=_("One item per line.")
    )
    season_start_month = models.PositiveSmallIntegerField(
        _("season starts (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    season_end_month = models.PositiveSmallIntegerField(
        _("season ends (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    group_size_max = models.PositiveSmallIntegerField(_("largest group"), default=10)
    price_from = models.PositiveIntegerField(
        _("price from (yen, tax incl.)"), null=True, blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("category"),
        FieldPanel("body"),
        *PlaceFields.place_panels,
        MultiFieldPanel(
            [
                FieldPanel("duration_minutes"),
                FieldPanel("meeting_point"),
                FieldPanel("included"),
                FieldRowPanel([FieldPanel("season_start_month"), FieldPanel("season_end_month")]),
                FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("group_size_max")]),
                FieldPanel("price_from"),
            ],
            heading=_("Details"),
        ),
        FieldPanel("amenities"),
        FieldPanel("gallery"),
    ]

    route_related = ("listing_image", "area", "locale", "category")
    card_fields = ("duration_minutes", "price_from")

    class Meta:
        verbose_name = _("experience")

    @property
    def included_items(self) -> list[str]:
        return [line.strip() for line in self.included.splitlines() if line.strip()]

    @property
    def duration_hours(self) -> float:
        return round(self.duration_minutes / 60, 1)

    @property
    def price_label(self) -> str:
        """What `price_from` is for, in the active language: one person for the session."""
        return price_label(Offer.Unit.PERSON_SESSION)

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "TouristAttraction",
            "name": self.title,
            "description": self.listing_summary,
            **self.geo_ld(),
        }


class StayPage(ListingPage):
    """A place to stay: ryokan, guesthouse, temple lodging…, with room types and work features."""

    card_label = _("Stay")

    class StayType(models.TextChoices):
        HOTEL = "hotel", _("Hotel")
        RYOKAN = "ryokan", _("Ryokan")
        GUESTHOUSE = "guesthouse", _("Guesthouse")
        SHUKUBO = "shukubo", _("Temple lodging")
        COTTAGE = "cottage", _("Cottage")

    stay_type = models.CharField(_("type"), max_length=12, choices=StayType.choices)
    room_types = StreamField([("room", RoomTypeBlock())], verbose_name=_("room types"))
    check_in_from = models.TimeField(_("check-in from"))
    check_out_until = models.TimeField(_("check-out until"))
    facilities_note = RichTextField(
        _("facilities"), blank=True, features=["bold", "italic", "ul", "link"]
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("stay_type"),
        FieldPanel("body"),
        *PlaceFields.place_panels,
        FieldPanel("room_types"),
        FieldRowPanel([FieldPanel("check_in_from"), FieldPanel("check_out_until")]),
        FieldPanel("amenities"),
        FieldPanel("facilities_note"),
        FieldPanel("gallery"),
    ]
    card_fields = ("room_types",)  # the card's "from ¥…" is the cheapest room

    class Meta:
        verbose_name = _("stay")

    @property
    def price_from(self) -> int | None:
        prices = [block.value["price_from"] for block in self.room_types]
        return min(prices) if prices else None

    @property
    def price_label(self) -> str:
        """What `price_from` is for, in the active language: the cheapest room type's room (and
        how many it sleeps) or bed, for a night."""
        rooms = [block.value for block in self.room_types]
        if not rooms:
            return ""
        return room_price_label(min(rooms, key=lambda room: room["price_from"]))

    def guests_per_room(self, offer_names: Iterable[str]) -> int | None:
        """How many guests one room of an offer with these names (in any language) sleeps: its
        room type is the one so named, else the page's only one; None for a shared room sold
        by the bed, or when no room type fits."""
        names = {name.strip() for name in offer_names if name and name.strip()}
        rooms = [block.value for block in self.room_types]
        room = next((room for room in rooms if room["name"].strip() in names), None)
        if room is None and len(rooms) == 1:
            room = rooms[0]
        if room is None or room.get("priced_per") == "bed":
            return None
        return room["capacity"]

    def json_ld(self, request: Any = None) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "LodgingBusiness",
            "name": self.title,
            "description": self.listing_summary,
            "checkinTime": self.check_in_from.isoformat(),
            "checkoutTime": self.check_out_until.isoformat(),
            **self.geo_ld(),
        }


class ListingIndexPage(BasePage):
    """All offices, experiences or stays in the visitor's language, paginated, by area."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Offices")
        EXPERIENCE = "experience", _("Experiences")
        STAY = "stay", _("Stays")

    kind = models.CharField(_("lists"), max_length=12, choices=Kind.choices)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    per_page = 12

    class Meta:
        verbose_name = _("listing index")

    @property
    def listing_model(self) -> type[ListingPage]:
        return {"office": OfficePage, "experience": ExperiencePage, "stay": StayPage}[self.kind]

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .areas import AreaPage

        context = super().get_context(request, *args, **kwargs)
        areas = list(AreaPage.objects.live().filter(locale_id=self.locale_id).order_by("path"))
        queryset = self.listing_model.objects.filter(locale_id=self.locale_id).order_by("title")
        selected = request.GET.get("area", "")
        current_area = next((a for a in areas if a.slug == selected), None)
        if current_area is not None:
            queryset = queryset.filter(area=current_area)
        page_obj = Paginator(lean(card_queryset(queryset)), self.per_page).get_page(
            request.GET.get("page")
        )
        page_obj.object_list = list(page_obj.object_list)
        attach_card_renditions(page_obj.object_list)
        context.update(areas=areas, current_area=current_area, page_obj=page_obj)
        return context
