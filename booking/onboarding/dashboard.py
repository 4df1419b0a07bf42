"""The "first steps" panel on a partner member's admin home: what is done and what is left before
its first offer is on sale, each step linked to its screen (booking.onboarding.checklist). It
shows only to partner members, and goes away once every step is done."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component

from booking.onboarding.checklist import DONE, DRAFT, IN_REVIEW, TODO, Checklist, open_checklists

# Each status's icon, and its word for screen readers.
STATUSES = {
    DONE: ("success", pgettext_lazy("first steps", "Done")),
    IN_REVIEW: ("time", pgettext_lazy("first steps", "With the editors")),
    DRAFT: ("draft", pgettext_lazy("first steps", "Draft")),
    TODO: ("radio-empty", pgettext_lazy("first steps", "To do")),
}


class FirstStepsPanel(Component):
    """The open checklists of the user's organisations (usually one)."""

    name = "partner_first_steps"
    template_name = "booking/admin/first_steps_panel.html"
    order = 40  # above the booking figures: a new partner has none yet

    def __init__(self, checklists: list[Checklist]) -> None:
        self.checklists = checklists

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {
            "checklists": [
                {
                    "checklist": checklist,
                    "total": len(checklist.steps),
                    "steps": [(step, *STATUSES[step.status]) for step in checklist.steps],
                }
                for checklist in self.checklists
            ],
            "several": len(self.checklists) > 1,
        }


@hooks.register("construct_homepage_panels")
def add_first_steps_panel(request: HttpRequest, panels: list) -> None:
    checklists = open_checklists(request.user)
    if checklists:
        panels.append(FirstStepsPanel(checklists))
