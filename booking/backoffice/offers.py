"""The Offers screen: a partner's offers with their prices, schedules and closed dates, the slot
calendar they make, and each slot's page (capacity, closing, calling the session off). Editors
see every organisation's offers, partners their own; another's offer is a 404."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from booking.models import BookingLine, Offer, Slot
from booking.permissions import OfferPermissionPolicy
from booking.services import availability, opening_hours, partner_scope, slot_changes
from booking.services.jst import today
from booking.services.session_cancellation import bookings_on, cancel_session
from booking.services.slots import materialise_slots

from .weekdays import WeekdaysWidget

register_permission_policy(Offer, OfferPermissionPolicy(), exact_class=True)


class OfferForm(WagtailAdminModelForm):
    """An offer's form, offering only the user's organisations and the pages below them."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        organisations = partner_scope.manageable_organisations(self.for_user)
        self.fields["organisation"].queryset = organisations
        self.fields["page"].queryset = partner_scope.offer_pages_for(self.for_user)
        if not self.instance.pk and len(organisations[:2]) == 1:
            self.initial.setdefault("organisation", organisations[0].pk)

    def clean(self):
        cleaned = super().clean()
        organisation, page = cleaned.get("organisation"), cleaned.get("page")
        if organisation and page and organisation.page_id:
            if not page.path.startswith(organisation.page.path):
                self.add_error("page", _("Choose a page below the organisation's profile page."))
        self._keep_sold_prices()
        self._keep_desks_within_opening_hours(cleaned)
        return cleaned

    def _keep_desks_within_opening_hours(self, cleaned: dict) -> None:
        """A desk schedule still running must lie within the office's opening hours on each
        of its days; each disagreement is shown on the field to correct."""
        page = cleaned.get("page")
        if cleaned.get("kind") != Offer.Kind.DESK or page is None:
            return
        hours = opening_hours.office_hours(page.pk)
        if hours is None:
            return
        formset = self.formsets["schedules"]
        formset.is_valid()  # cleans each schedule's form, once
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE") or not all(
                data.get(name) for name in ("weekdays", "start_time", "end_time")
            ):
                continue
            if data.get("end_date") and data["end_date"] < today():
                continue
            found = opening_hours.conflicts(
                hours, data["weekdays"], data["start_time"], data["end_time"]
            )
            for field, problems in found.items():
                for problem in problems:
                    form.add_error(field, problem)

    def _keep_sold_prices(self) -> None:
        """A price line that was booked cannot be deleted (its bookings keep pointing at it)."""
        deleted = [
            form.instance.pk
            for form in self.formsets["price_categories"].deleted_forms
            if form.instance.pk
        ]
        if deleted and BookingLine.objects.filter(price_category_id__in=deleted).exists():
            raise forms.ValidationError(
                _("A price that has been booked cannot be deleted; change its price instead.")
            )


class OfferIndexView(IndexView):
    def get_base_queryset(self):
        return partner_scope.offers_visible_to(self.request.user).select_related(
            "page", "organisation"
        )

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                _("Calendar"),
                url=reverse("offers:calendar", args=[instance.pk]),
                icon_name="calendar",
                priority=5,
            ),
        ]


class SavesSafely:
    """A crafted or stale form that breaks a database rule gets the form back with a message,
    not a 500 (the save ran in a transaction, so nothing was written)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (IntegrityError, ProtectedError):
            form.add_error(
                None, _("These changes conflict with what is already saved; reload and try again.")
            )
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class MakesSlots:
    """Saving an offer makes the slots its schedules call for (existing slots are kept)."""

    def save_instance(self):
        offer = super().save_instance()
        materialise_slots(offer)
        return offer


class OfferCreateView(SavesSafely, MakesSlots, CreateView):
    pass


class OfferEditView(SavesSafely, MakesSlots, EditView):
    def get_queryset(self):
        """Another organisation's offer does not exist, as far as this user can tell."""
        return partner_scope.offers_visible_to(self.request.user)


class OwnOffersOnly:
    """For Wagtail's history and usage views, which look an object up by id themselves."""

    def get_base_object_queryset(self):
        return partner_scope.offers_visible_to(self.request.user)


class OfferHistoryView(OwnOffersOnly, HistoryView):
    pass


class OfferUsageView(OwnOffersOnly, UsageView):
    pass


class OfferAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A back-office page about one of the user's offers (404 for anyone else's)."""

    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        if not partner_scope.can_see_bookings(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def offer(self) -> Offer:
        return get_object_or_404(
            partner_scope.offers_visible_to(self.request.user).select_related("page"),
            pk=self.kwargs["pk"],
        )

    def get_page_subtitle(self) -> str:
        return str(self.offer)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("offers:index"), "label": _("Offers")},
            {"url": reverse("offers:edit", args=[self.offer.pk]), "label": str(self.offer)},
            {"url": "", "label": self.get_page_title()},
        ]


class SessionForm(forms.Form):
    """A one-off session (or night, or desk day) on a day no schedule covers."""

    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput({"type": "date"}))
    start_time = forms.TimeField(
        label=gettext_lazy("Starts"), widget=forms.TimeInput({"type": "time"})
    )
    end_time = forms.TimeField(label=gettext_lazy("Ends"), widget=forms.TimeInput({"type": "time"}))
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), min_value=1, max_value=10000)


class CalendarView(OfferAdminView):
    """A month of the offer's slots: each day's sessions with places booked of capacity."""

    template_name = "booking/admin/offer_calendar.html"
    page_title = gettext_lazy("Calendar")

    def month(self) -> date:
        try:
            year, month = (int(part) for part in self.request.GET.get("month", "").split("-"))
            if 2000 <= year <= 2100:  # the grid steps a week before and a month after it
                return date(year, month, 1)
        except ValueError:
            pass
        return today().replace(day=1)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = self.month()
        following = (first + timedelta(days=32)).replace(day=1)
        slots = list(
            Slot.objects.filter(offer=self.offer, date__gte=first, date__lt=following).order_by(
                "starts_at"
            )
        )
        used = availability.taken(slot.pk for slot in slots)
        by_day: dict[date, list[tuple[Slot, int]]] = {}
        for slot in slots:
            by_day.setdefault(slot.date, []).append((slot, used.get(slot.pk, 0)))
        start = first - timedelta(days=first.weekday())
        weeks = []
        day = start
        while day < following:
            weeks.append([(d, d.month == first.month, by_day.get(d, [])) for d in _week(day)])
            day += timedelta(days=7)
        context.update(
            offer=self.offer,
            month=first,
            weeks=weeks,
            weekdays=[date_format(start + timedelta(days=i), "D") for i in range(7)],
            previous=(first - timedelta(days=1)).strftime("%Y-%m"),
            next=following.strftime("%Y-%m"),
            form=kwargs.get("form") or SessionForm(initial={"date": today()}),
            today=today(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SessionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                slot_changes.add_session(
                    self.offer, data["date"], data["start_time"], data["end_time"], data["capacity"]
                )
            except slot_changes.SlotChangeRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("A session was added on %(date)s.")
                    % {"date": date_format(data["date"], "DATE_FORMAT")},
                )
                url = reverse("offers:calendar", args=[self.offer.pk])
                return HttpResponseRedirect(f"{url}?month={data['date']:%Y-%m}")
        return self.render_to_response(self.get_context_data(form=form))


def _week(monday: date) -> list[date]:
    return [monday + timedelta(days=offset) for offset in range(7)]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), min_value=0, max_value=10000)


class SlotView(OfferAdminView):
    """One slot: its bookings, its capacity and whether it takes new bookings."""

    template_name = "booking/admin/slot.html"
    page_title = gettext_lazy("Session")

    @cached_property
    def slot(self) -> Slot:
        return get_object_or_404(
            Slot.objects.filter(
                offer__in=partner_scope.offers_visible_to(self.request.user)
            ).select_related("offer__page"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def offer(self) -> Offer:
        return self.slot.offer

    def get_page_subtitle(self) -> str:
        starts = timezone.localtime(self.slot.starts_at)
        return f"{self.offer} {date_format(starts, 'DATETIME_FORMAT')}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        booked = availability.taken([self.slot.pk], now).get(self.slot.pk, 0)
        context.update(
            slot=self.slot,
            offer=self.offer,
            booked=booked,
            bookings=bookings_on(self.slot, now),
            capacity_form=kwargs.get("capacity_form")
            or CapacityForm(initial={"capacity": self.slot.capacity}),
            calendar_url=f"{reverse('offers:calendar', args=[self.offer.pk])}"
            f"?month={self.slot.date:%Y-%m}",
            can_cancel=self.slot.starts_at > now,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("close", "open"):
            slot_changes.set_closed(self.slot, action == "close")
            messages.success(
                request,
                _("The session is closed to new bookings.")
                if action == "close"
                else _("The session takes bookings again."),
            )
            return HttpResponseRedirect(request.path)
        form = CapacityForm(request.POST)
        if form.is_valid():
            try:
                slot_changes.set_capacity(self.slot, form.cleaned_data["capacity"])
            except slot_changes.SlotChangeRefused as refused:
                form.add_error("capacity", refused.message)
            else:
                messages.success(request, _("The capacity was changed."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(capacity_form=form))


class CancelSessionView(SlotView):
    """Calling a session off: a confirmation page, then every guest refunded in full."""

    template_name = "booking/admin/cancel_session.html"
    page_title = gettext_lazy("Call off the session")

    def post(self, request, *args, **kwargs):
        if self.slot.starts_at <= timezone.now():
            messages.error(request, _("This session has already started; it cannot be called off."))
            return HttpResponseRedirect(reverse("offers:slot", args=[self.slot.pk]))
        result = cancel_session(self.slot)
        if result.cancelled:
            messages.success(
                request,
                ngettext(
                    "The session was called off: %(count)d booking cancelled and refunded in "
                    "full (%(amount)s yen).",
                    "The session was called off: %(count)d bookings cancelled and refunded in "
                    "full (%(amount)s yen).",
                    len(result.cancelled),
                )
                % {"count": len(result.cancelled), "amount": f"{result.refunded_total:,}"},
            )
        else:
            messages.success(request, _("The session was called off; nobody was booked on it."))
        for reference, reason in result.refused:
            messages.warning(request, f"{reference}: {reason}")
        return HttpResponseRedirect(reverse("offers:slot", args=[self.slot.pk]))


PRICE_PANELS = [
    FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
    FieldRowPanel([FieldPanel("price"), FieldPanel("weekend_price")]),
    FieldPanel("follows_slot_override"),
]
SCHEDULE_PANELS = [
    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    FieldPanel("weekdays", widget=WeekdaysWidget),
    FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("half_day_split")]),
    FieldRowPanel([FieldPanel("capacity"), FieldPanel("price_override")]),
]


def on_sale(offer: Offer) -> str:
    """Whether an offer is on sale, in words of the user's language (not True or False)."""
    return _("Yes") if offer.active else _("No")


class OfferViewSet(ModelViewSet):
    model = Offer
    icon = "tag"
    menu_label = gettext_lazy("Offers")
    menu_order = 251
    add_to_admin_menu = True
    index_view_class = OfferIndexView
    add_view_class = OfferCreateView
    edit_view_class = OfferEditView
    history_view_class = OfferHistoryView
    usage_view_class = OfferUsageView
    list_display = [
        "name",
        "kind",
        "page",
        "organisation",
        Column(
            "active",
            label=capfirst(Offer._meta.get_field("active").verbose_name),
            accessor=on_sale,
            sort_key="active",
        ),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "name_en"]
    ordering = ["organisation__name", "name"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("organisation"),
                    FieldPanel("page", widget=forms.Select),
                    FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("unit")]),
                    FieldPanel("active"),
                ],
                heading=gettext_lazy("Offer"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("min_per_booking"), FieldPanel("max_per_booking")]),
                    FieldRowPanel([FieldPanel("lead_time_hours"), FieldPanel("same_day_cutoff")]),
                    FieldPanel("instant_booking"),
                ],
                heading=gettext_lazy("Booking rules"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("free_cancellation_days"),
                    FieldPanel("late_cancellation_refund_percent"),
                    FieldPanel("date_changes"),
                ],
                heading=gettext_lazy("Cancellation policy"),
            ),
            InlinePanel(
                "price_categories",
                panels=PRICE_PANELS,
                heading=gettext_lazy("Prices"),
                label=gettext_lazy("Price"),
                min_num=1,
            ),
            InlinePanel(
                "schedules",
                panels=SCHEDULE_PANELS,
                heading=gettext_lazy("Schedules"),
                label=gettext_lazy("Schedule"),
                help_text=gettext_lazy(
                    "Slots are made for 180 days ahead. A change applies to days that have no "
                    "slot yet; change existing sessions in the calendar. Desks are sold only "
                    "within the office's opening hours on each day."
                ),
            ),
            InlinePanel(
                "closed_dates",
                panels=[FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])],
                heading=gettext_lazy("Closed dates"),
                label=gettext_lazy("Closed date"),
            ),
        ],
        base_form_class=OfferForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/calendar/", CalendarView.as_view(), name="calendar"),
            path("slots/<int:pk>/", SlotView.as_view(), name="slot"),
            path("slots/<int:pk>/cancel/", CancelSessionView.as_view(), name="cancel_session"),
        ]


@hooks.register("register_admin_viewset")
def register_offer_viewset():
    return OfferViewSet("offers")
