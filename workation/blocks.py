"""Blocks specific to the workation content: access routes, desks, rooms, hours, plan days."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import ImageChooserBlock, PageChooserBlock

TRANSPORT_MODES = [
    ("air", _("Air")),
    ("rail", _("Rail")),
    ("bus", _("Bus")),
    ("car", _("Car")),
    ("ferry", _("Ferry")),
]


class AccessRouteBlock(blocks.StructBlock):
    origin = blocks.CharBlock(label=_("From"), max_length=80, help_text=_("e.g. Tokyo (Haneda)"))
    mode = blocks.ChoiceBlock(choices=TRANSPORT_MODES, default="rail")
    minutes = blocks.IntegerBlock(min_value=1, max_value=24 * 60)
    note = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "site"
        template = "blocks/access_route.html"
        description = _("How to get here from a hub, with the travel time in minutes.")
        preview_value = {"origin": "東京（羽田）", "mode": "air", "minutes": 75}


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100)
    text = blocks.TextBlock(max_length=500)
    image = ImageChooserBlock(required=False)

    class Meta:
        icon = "pick"
        template = "blocks/highlight.html"
        description = _("Something worth seeing or doing in the area.")


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(max_length=60, help_text=_("e.g. Mon–Fri"))
    opens = blocks.TimeBlock(required=False)
    closes = blocks.TimeBlock(required=False)
    closed = blocks.BooleanBlock(required=False, help_text=_("Tick when closed on these days."))

    class Meta:
        icon = "time"
        template = "blocks/opening_hours.html"


class DeskTypeBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    seats = blocks.IntegerBlock(min_value=1)
    price_day = blocks.IntegerBlock(min_value=0, label=_("Price per day (yen, tax incl.)"))
    price_half_day = blocks.IntegerBlock(
        min_value=0, required=False, label=_("Price per half-day (yen, tax incl.)")
    )
    description = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        icon = "desktop"
        template = "blocks/desk_type.html"


class MeetingRoomBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    capacity = blocks.IntegerBlock(min_value=1)
    price_hour = blocks.IntegerBlock(
        min_value=0, required=False, label=_("Price per hour (yen, tax incl.)")
    )

    class Meta:
        icon = "group"
        template = "blocks/meeting_room.html"


class RoomTypeBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    capacity = blocks.IntegerBlock(min_value=1, label=_("Guests"))
    beds = blocks.CharBlock(max_length=80, required=False, help_text=_("e.g. 2 singles, futons"))
    price_from = blocks.IntegerBlock(min_value=0, label=_("Price per night from (yen, tax incl.)"))
    description = blocks.TextBlock(required=False, max_length=400)

    class Meta:
        icon = "home"
        template = "blocks/room_type.html"


class PlanDayBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100)
    summary = blocks.TextBlock(max_length=600)
    office = PageChooserBlock(page_type="workation.OfficePage", required=False)
    stay = PageChooserBlock(page_type="workation.StayPage", required=False)
    experience = PageChooserBlock(page_type="workation.ExperiencePage", required=False)

    class Meta:
        icon = "date"
        template = "blocks/plan_day.html"
        description = _("One day of a model plan: where to work, stay and what to do.")
