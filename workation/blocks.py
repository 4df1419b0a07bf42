"""Blocks specific to the workation content: access routes, desks, rooms, hours, plan days."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from booking.models import Offer
from booking.services.price_labels import price_label
from core.blocks import ImageChooserBlock, PageChooserBlock
from core.weekdays import weekday_span

# A thing's own name and description (a desk type's, a room's), not a person's.
NAME = pgettext_lazy("block field", "Name")
DESCRIPTION = pgettext_lazy("block field", "Description")
TRANSPORT_MODES = [
    ("air", _("Air")),
    ("rail", _("Rail")),
    ("bus", _("Bus")),
    ("car", _("Car")),
    ("ferry", _("Ferry")),
]


class AccessRouteBlock(blocks.StructBlock):
    origin = blocks.CharBlock(label=_("From"), max_length=80, help_text=_("e.g. Tokyo (Haneda)"))
    mode = blocks.ChoiceBlock(
        label=_("Means of transport"), choices=TRANSPORT_MODES, default="rail"
    )
    minutes = blocks.IntegerBlock(label=_("Minutes"), min_value=1, max_value=24 * 60)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=200)

    class Meta:
        label = _("Access route")
        icon = "site"
        template = "blocks/access_route.html"
        description = _("How to get here from a hub, with the travel time in minutes.")
        preview_value = {"origin": "東京（羽田）", "mode": "air", "minutes": 75}


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.TextBlock(label=_("Text"), max_length=500)
    image = ImageChooserBlock(label=_("Image"), required=False)

    class Meta:
        label = _("Highlight")
        icon = "pick"
        template = "blocks/highlight.html"
        description = _("Something worth seeing or doing in the area.")


WEEKDAY_CHOICES = [(str(day), WEEKDAYS[day]) for day in range(7)]


class OpeningHoursBlock(blocks.StructBlock):
    """The hours of some days of the week. The booking engine reads them (through
    `workation.adapters`): desks are sold only while the office is open."""

    weekdays = blocks.MultipleChoiceBlock(
        label=_("Days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The days of the week these hours apply to."),
    )
    opens = blocks.TimeBlock(label=_("Opens"), required=False)
    closes = blocks.TimeBlock(label=_("Closes"), required=False)
    closed = blocks.BooleanBlock(
        label=_("Closed"), required=False, help_text=_("Tick when closed on these days.")
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=60,
        help_text=_("Shown after the days, e.g. “holidays too” (desks follow the days ticked)."),
    )

    class Meta:
        label = _("Opening hours")
        icon = "time"
        template = "blocks/opening_hours.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value["closed"]:
            return value
        if not (value["opens"] and value["closes"]):
            if self.is_deferred_validation:
                return value
            message = _("Give the opening and closing times, or tick closed.")
            raise StructBlockValidationError({"closes": ValidationError(message)})
        if value["closes"] <= value["opens"]:
            message = _("The closing time must be after the opening time.")
            raise StructBlockValidationError({"closes": ValidationError(message)})
        return value

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        context["day_names"] = weekday_span(int(day) for day in value["weekdays"] or [])
        return context


class OpeningHoursStreamBlock(blocks.StreamBlock):
    """An office's opening hours, one row per group of days; each day in one row at most."""

    hours = OpeningHoursBlock()

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        seen: set[int] = set()
        errors = {}
        for index, child in enumerate(value):
            days = {int(day) for day in child.value["weekdays"] or []}
            if days & seen:
                message = _("These days already have hours in a row above: %(days)s.") % {
                    "days": weekday_span(days & seen)
                }
                errors[index] = StructBlockValidationError({"weekdays": ValidationError(message)})
            seen |= days
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class DeskTypeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=NAME, max_length=80)
    seats = blocks.IntegerBlock(label=_("Seats"), min_value=1)
    price_day = blocks.IntegerBlock(min_value=0, label=_("Price per day (yen, tax incl.)"))
    price_half_day = blocks.IntegerBlock(
        min_value=0, required=False, label=_("Price per half-day (yen, tax incl.)")
    )
    description = blocks.TextBlock(label=DESCRIPTION, required=False, max_length=400)

    class Meta:
        label = _("Desk type")
        icon = "desktop"
        template = "blocks/desk_type.html"


class MeetingRoomBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=NAME, max_length=80)
    capacity = blocks.IntegerBlock(label=_("Capacity"), min_value=1)
    price_hour = blocks.IntegerBlock(
        min_value=0, required=False, label=_("Price per hour (yen, tax incl.)")
    )

    class Meta:
        label = _("Meeting room")
        icon = "group"
        template = "blocks/meeting_room.html"


ROOM_PRICED_PER = [("room", _("The whole room")), ("bed", _("One bed in a shared room"))]


def room_price_label(room: Any, language: str | None = None) -> str:
    """What a room type's price is for: one room for a night (and how many it sleeps), or one
    bed in a shared room for a night, as its offers are booked."""
    if room.get("priced_per") == "bed":
        return price_label(Offer.Unit.BED_NIGHT, language)
    return price_label(Offer.Unit.ROOM_NIGHT, language, guests=room.get("capacity"))


class RoomTypeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=NAME, max_length=80)
    capacity = blocks.IntegerBlock(min_value=1, label=_("Guests"))
    beds = blocks.CharBlock(
        label=_("Beds"), max_length=80, required=False, help_text=_("e.g. 2 singles, futons")
    )
    price_from = blocks.IntegerBlock(min_value=0, label=_("Price per night from (yen, tax incl.)"))
    priced_per = blocks.ChoiceBlock(
        choices=ROOM_PRICED_PER,
        default="room",
        label=_("The price is for"),
        help_text=_("A shared room (dormitory) is sold by the bed: one guest per bed."),
    )
    description = blocks.TextBlock(label=DESCRIPTION, required=False, max_length=400)

    class Meta:
        label = _("Room type")
        icon = "home"
        template = "blocks/room_type.html"

    def get_context(self, value: Any, parent_context: dict | None = None) -> dict:
        context = super().get_context(value, parent_context)
        context["price_label"] = room_price_label(value)
        return context


class PlanDayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=100)
    summary = blocks.TextBlock(label=_("Summary"), max_length=600)
    office = PageChooserBlock(label=_("Office"), page_type="workation.OfficePage", required=False)
    stay = PageChooserBlock(label=_("Stay"), page_type="workation.StayPage", required=False)
    experience = PageChooserBlock(
        label=_("Experience"), page_type="workation.ExperiencePage", required=False
    )

    class Meta:
        label = _("Day")
        icon = "date"
        template = "blocks/plan_day.html"
        description = _("One day of a model plan: where to work, stay and what to do.")
