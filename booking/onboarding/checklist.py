"""A new partner's first steps, each ticked from what is really there: its profile page published
with a photo, its qualified-invoice number, its first offer, the schedule (or one-off session)
that opens its dates, and that offer on sale (active, on a page the editors have published).
The partner's admin home shows the list until every step is done (booking.onboarding.dashboard);
the approval e-mail links the same screens (`screen_paths`).

Payouts are not a step: the site has no payout details to fill in yet.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from booking.models import Offer, PartnerOrganisation, Schedule, Slot
from booking.services import partner_scope

TODO = "todo"
DRAFT = "draft"
IN_REVIEW = "in_review"
DONE = "done"


@dataclass(frozen=True)
class Step:
    """One step: what to do, where, and how far it is (TODO, DRAFT, IN_REVIEW or DONE). An
    optional step does not keep the list open."""

    key: str
    label: str
    note: str
    status: str
    url: str = ""
    optional: bool = False

    @property
    def done(self) -> bool:
        return self.status == DONE


@dataclass(frozen=True)
class Checklist:
    """An organisation's steps, in the order a new partner takes them."""

    organisation: PartnerOrganisation
    steps: tuple[Step, ...]

    @property
    def complete(self) -> bool:
        """Every step that is not optional is done."""
        return all(step.done for step in self.steps if not step.optional)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)


def screen_paths(organisation: PartnerOrganisation) -> dict[str, str]:
    """The admin screens of a new partner's first steps: its dashboard, its profile page, a new
    page below it (for an experience, stay or desk) and a new offer."""
    paths = {"dashboard": reverse("wagtailadmin_home"), "new_offer": reverse("offers:add")}
    if organisation.page_id:
        paths["profile"] = reverse("wagtailadmin_pages:edit", args=[organisation.page_id])
        paths["new_page"] = reverse("wagtailadmin_pages:add_subpage", args=[organisation.page_id])
    return paths


def checklist(organisation: PartnerOrganisation) -> Checklist:
    """The organisation's first steps as they stand now."""
    offers = list(organisation.offers.select_related("page").order_by("pk"))
    paths = screen_paths(organisation)
    return Checklist(
        organisation,
        (
            profile_step(organisation, paths),
            invoice_step(organisation),
            offer_step(organisation, offers, paths),
            schedule_step(offers, paths),
            on_sale_step(offers, paths),
        ),
    )


def open_checklists(user) -> list[Checklist]:
    """The checklists, not yet complete, of the organisations the user is a member of; none for
    editors, even one who is also a member (their admin home is the editors')."""
    if partner_scope.is_editor(user):
        return []
    organisations = partner_scope.organisations_of(user).select_related("page").order_by("name")
    return [found for found in map(checklist, organisations) if not found.complete]


def profile_step(organisation: PartnerOrganisation, paths: dict[str, str]) -> Step:
    """Done when the profile page is published with a photo (its listing image) and a summary."""
    label = _("Complete your profile page")
    if organisation.page is None:
        note = _("Your organisation has no profile page yet: ask the editors to link one.")
        return Step("profile", label, note, TODO)
    page = organisation.page.specific
    url = paths["profile"]
    if page.live and _shows_a_photo(page):
        return Step("profile", label, _("Published with a photo."), DONE, url)
    if not _shows_a_photo(page.get_latest_revision_as_object()):
        note = _(
            "Add a photo (the listing image, in the Promote tab) and check the description "
            "and summary guests will read."
        )
        return Step("profile", label, note, TODO, url)
    return _page_in_progress("profile", label, page, url)


def invoice_step(organisation: PartnerOrganisation) -> Step:
    """Done when the organisation's registration number is known; optional, since a business
    that is not registered has none."""
    label = _("Qualified-invoice registration number")
    number = organisation.invoice_registration_number
    if number:
        note = _("%(number)s, printed on your guests' receipts.") % {"number": number}
        return Step("invoice", label, note, DONE, optional=True)
    note = _(
        "Not given, so receipts show no registration number. If your business is registered, "
        "send its number (T and 13 digits) to the editors."
    )
    editors = list(settings.EDITORS_EMAIL)
    url = f"mailto:{editors[0]}" if editors else ""
    return Step("invoice", label, note, TODO, url, optional=True)


def offer_step(
    organisation: PartnerOrganisation, offers: list[Offer], paths: dict[str, str]
) -> Step:
    """Done once the organisation has an offer; until then it points at what comes first: a
    page below the profile page, then the offer for it."""
    label = _("Create your first offer")
    if offers:
        note = _("Created: %(name)s.") % {"name": offers[0].name}
        return Step("offer", label, note, DONE, _offer_path(offers[0]))
    page = organisation.page
    if page is not None and page.numchild == 0:
        note = _(
            "First write the page of your experience, stay or desk (add a child page to your "
            "profile page); then create its offer: prices and booking rules."
        )
        return Step("offer", label, note, TODO, paths["new_page"])
    note = _("Create the offer for your page: what guests book, its prices and booking rules.")
    return Step("offer", label, note, TODO, paths["new_offer"])


def schedule_step(offers: list[Offer], paths: dict[str, str]) -> Step:
    """Done once an offer has a schedule or a one-off session: the dates (slots) guests book."""
    label = _("Open dates for booking")
    ids = [offer.pk for offer in offers]
    if (
        Schedule.objects.filter(offer__in=ids).exists()
        or Slot.objects.filter(offer__in=ids).exists()
    ):
        return Step("schedule", label, _("Dates are open."), DONE)
    note = _(
        "Add a schedule to your offer (days, times and how many guests), or a one-off session "
        "in its calendar: it opens the dates guests can book."
    )
    url = _offer_path(offers[0]) if offers else paths["new_offer"]
    return Step("schedule", label, note, TODO, url)


def on_sale_step(offers: list[Offer], paths: dict[str, str]) -> Step:
    """Done once an offer is on sale on a published page: guests can find and book it."""
    label = _("Put your first offer on sale")
    for offer in offers:
        if offer.active and offer.page.live:
            note = _("%(name)s is on sale.") % {"name": offer.name}
            return Step("on_sale", label, note, DONE, _offer_path(offer))
    if not offers:
        note = _("Once your offer's page is published, guests can book the offer.")
        return Step("on_sale", label, note, TODO, paths["new_offer"])
    active = [offer for offer in offers if offer.active]
    if not active:
        note = _("Tick “on sale” in your offer.")
        return Step("on_sale", label, note, TODO, _offer_path(offers[0]))
    page = active[0].page
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return _page_in_progress("on_sale", label, page, url)


def _page_in_progress(key: str, label: str, page: Page, url: str) -> Step:
    """A page written but not published: with the editors, or still to be submitted to them."""
    if page.workflow_in_progress:
        note = _("Submitted: the editors are reviewing it and publish it once it is approved.")
        return Step(key, label, note, IN_REVIEW, url)
    note = _("Saved as a draft: submit it for review so that the editors can publish it.")
    return Step(key, label, note, DRAFT, url)


def _shows_a_photo(page: Page) -> bool:
    """The page has a listing image and summary (every public page has both: core.BasePage)."""
    return bool(getattr(page, "listing_image_id", None) and getattr(page, "listing_summary", ""))


def _offer_path(offer: Offer) -> str:
    return reverse("offers:edit", args=[offer.pk])
