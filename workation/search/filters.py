"""The search form as a django-filter FilterSet; every filter is applied by
workation.search.queries.

Invalid input (an impossible date, people=abc, a number too big, an unknown area) becomes a form
error the page shows; it never reaches the database as a query that could fail.

Wi-Fi is searched by its measured download speed. The "Fast Wi-Fi" amenity (the one with the
`wifi` icon) is no longer offered as a checkbox: an older link that ticks it asks for the lowest
speed offered instead (`LEGACY_FAST_WIFI_MBPS`), so it keeps finding places whose Wi-Fi was
measured (the page redirects such a link to the query it now stands for).
"""

from datetime import date, datetime, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from booking.models import Offer
from booking.services.availability import HORIZON_DAYS, available
from booking.services.jst import today
from workation.models import Amenity, AreaPage, ExperienceCategory, Language

from . import queries as search

MAX_PEOPLE = 50
MAX_ROOMS = 20
MAX_PRICE = 10_000_000
MAX_AMENITIES = 12
MAX_ID_DIGITS = 12  # longer "ids" are not ids (and would overflow SQLite's integers)
WIFI_SPEEDS_MBPS = (30, 50, 100, 300)
LEGACY_FAST_WIFI_MBPS = WIFI_SPEEDS_MBPS[0]
WIFI_AMENITY_ICON = "wifi"  # the amenity the speed filter replaced

SORT_CHOICES = [
    (search.Sort.SOONEST, _("Soonest available")),
    (search.Sort.PRICE, _("Price: low to high")),
    (search.Sort.PRICE_DESC, _("Price: high to low")),
]


def _is_small_id(value: Any) -> bool:
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS


def _wifi_choices() -> list[tuple[Any, str]]:
    """The download speeds one can ask for, in the active language."""
    speeds = [(mbps, _("At least %(speed)d Mbps") % {"speed": mbps}) for mbps in WIFI_SPEEDS_MBPS]
    return [("", _("Any speed")), *speeds]


def fast_wifi_as_speed(data: Any) -> Any:
    """The query with the old "Fast Wi-Fi" amenity (in any language) replaced by the lowest
    download speed offered, unless it asks for a speed itself; other amenities are kept."""
    if data is None or not hasattr(data, "getlist"):
        return data
    chosen = data.getlist("amenities")
    ids = [value for value in chosen if _is_small_id(value)]
    if not ids:
        return data
    wifi = {
        str(pk)
        for pk in Amenity.objects.filter(pk__in=ids, icon=WIFI_AMENITY_ICON).values_list(
            "pk", flat=True
        )
    }
    if not wifi:
        return data
    data = data.copy()
    data.setlist("amenities", [value for value in chosen if value not in wifi])
    if not data.get("wifi_min"):
        data["wifi_min"] = str(LEGACY_FAST_WIFI_MBPS)
    return data


class AreaField(django_filters.fields.ModelChoiceField):
    """An area by its slug (as the form sends it) or by its id (as older links may)."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _is_small_id(value):
            area = self.queryset.filter(pk=int(value)).first()
            if area is not None:
                return area
        return super().to_python(value)


class AmenitiesField(django_filters.fields.ModelMultipleChoiceField):
    """Amenities by id; anything that is not a plausible id is an invalid choice."""

    def clean(self, value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if len(values) > MAX_AMENITIES:
            raise ValidationError(
                _("Choose at most %(count)d amenities."),
                code="max_amenities",
                params={"count": MAX_AMENITIES},
            )
        for item in values:
            if not _is_small_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super().clean(value)


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class AreaFilter(django_filters.ModelChoiceFilter):
    field_class = AreaField


class AmenitiesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = AmenitiesField


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _number_input(**attrs: Any) -> forms.NumberInput:
    return forms.NumberInput(attrs={"inputmode": "numeric", **attrs})


class SearchForm(forms.Form):
    """Checks the dates together: one date or a range, from today, within a year."""

    def __init__(self, *args: Any, now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today(now)
        self.last_day = self.today + timedelta(days=HORIZON_DAYS)
        for name in ("date", "date_from", "date_to"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    min=self.today.isoformat(), max=self.last_day.isoformat()
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, first, last = (cleaned.get(name) for name in ("date", "date_from", "date_to"))
        for name, value in (("date", day), ("date_from", first), ("date_to", last)):
            self._check_in_range(name, value)
        if day and (first or last):
            self.add_error("date", _("Choose one date or a range, not both."))
        if last and not first and not self.has_error("date_from"):
            self.add_error("date_from", _("Choose the first day too."))
        if first and last:
            if last < first:
                self.add_error("date_to", _("The last day is before the first."))
            elif (last - first).days > search.MAX_RANGE_DAYS:
                self.add_error(
                    "date_to",
                    _("Choose a range of at most %(days)d days.") % {"days": search.MAX_RANGE_DAYS},
                )
            elif last == first and cleaned.get("kind") == Offer.Kind.STAY:
                self.add_error("date_to", _("Check-out must be at least one day after check-in."))
        return cleaned

    def _check_in_range(self, name: str, value: date | None) -> None:
        if value is None:
            return
        if value < self.today:
            self.add_error(name, _("Choose a day from today on."))
        elif value > self.last_day:
            self.add_error(name, _("Dates can be searched up to a year ahead."))


class OfferFilter(django_filters.FilterSet):
    """Offers by kind, area, category, dates, people, rooms, price, amenities, measured Wi-Fi
    speed and language."""

    kind = django_filters.ChoiceFilter(
        label=_("What"),
        choices=Offer.Kind.choices,
        empty_label=_("Anything"),
        widget=forms.RadioSelect,
        method="filter_kind",
    )
    area = AreaFilter(
        label=_("Area"),
        queryset=AreaPage.objects.none(),
        to_field_name="slug",
        empty_label=_("All areas"),
        method="filter_area",
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Experience category"),
        queryset=ExperienceCategory.objects.none(),
        to_field_name="slug",
        empty_label=_("Any category"),
        method="filter_category",
    )
    date = django_filters.DateFilter(
        label=_("Date"), widget=_date_input(), method="applied_with_availability"
    )
    date_from = django_filters.DateFilter(
        label=_("From (check-in)"), widget=_date_input(), method="applied_with_availability"
    )
    date_to = django_filters.DateFilter(
        label=_("To (check-out)"),
        widget=_date_input(),
        help_text=_("Stays need a free room every night from check-in to check-out."),
        method="applied_with_availability",
    )
    people = IntegerFilter(
        label=_("People"),
        min_value=1,
        max_value=MAX_PEOPLE,
        widget=_number_input(min=1, max=MAX_PEOPLE),
        method="applied_with_availability",
    )
    rooms = IntegerFilter(
        label=_("Rooms (stays)"),
        min_value=1,
        max_value=MAX_ROOMS,
        widget=_number_input(min=1, max=MAX_ROOMS),
        method="applied_with_availability",
    )
    price_max = IntegerFilter(
        label=_("Price up to (yen, tax incl.)"),
        min_value=0,
        max_value=MAX_PRICE,
        widget=_number_input(min=0, max=MAX_PRICE, step=500),
        method="filter_price_max",
    )
    amenities = AmenitiesFilter(
        label=_("Amenities"),
        queryset=Amenity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        method="filter_amenities",
    )
    wifi_min = django_filters.TypedChoiceFilter(
        label=_("Wi-Fi download speed"),
        choices=_wifi_choices,
        coerce=int,
        empty_value=None,
        help_text=_("As measured at the place; places without a measurement are left out."),
        method="filter_wifi",
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Host speaks"),
        queryset=Language.objects.all(),
        to_field_name="code",
        empty_label=_("Any language"),
        method="filter_language",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="applied_with_availability",
    )

    class Meta:
        model = Offer
        fields: list[str] = []
        form = SearchForm

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[Offer] | None = None,
        *,
        request: Any = None,
        prefix: str | None = None,
        locale: Locale | None = None,
        now: datetime | None = None,
    ) -> None:
        self.now = now or timezone.now()
        self.locale = locale or Locale.get_active()
        if queryset is None:
            queryset = search.offers(self.now)
        query = fast_wifi_as_speed(data)
        # The query an old "Fast Wi-Fi" link now stands for, when it was rewritten (else None).
        self.rewritten_query = query if query is not data else None
        super().__init__(query, queryset, request=request, prefix=prefix)
        self.filters["area"].queryset = (
            AreaPage.objects.live()
            .filter(locale=self.locale)
            .defer_streamfields()
            .order_by("title")
        )
        self.filters["category"].queryset = ExperienceCategory.objects.filter(locale=self.locale)
        self.filters["amenities"].queryset = Amenity.objects.filter(locale=self.locale).exclude(
            icon=WIFI_AMENITY_ICON
        )

    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        now = self.now

        class BoundSearchForm(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, now=now, **kwargs)

        return BoundSearchForm

    @property
    def criteria(self) -> search.Criteria:
        """The cleaned search, with a single date as a one-day range."""
        data = self.form.cleaned_data
        first = data.get("date") or data.get("date_from")
        last = data.get("date") or data.get("date_to")
        return search.Criteria(
            kind=data.get("kind") or "",
            area=data.get("area"),
            category=data.get("category"),
            date_from=first,
            date_to=last,
            people=data.get("people"),
            rooms=data.get("rooms"),
            price_max=data.get("price_max"),
            amenities=tuple(data.get("amenities") or ()),
            wifi_min=data.get("wifi_min"),
            language=data.get("language"),
            sort=data.get("sort") or search.Sort.SOONEST,
        )

    @property
    def is_filtered(self) -> bool:
        """Whether the visitor narrowed the search (then results are not for search engines)."""
        return any(
            value not in (None, "", [], ())
            for name, value in self.form.cleaned_data.items()
            if name != "sort"
        )

    @property
    def active_count(self) -> int:
        """How many filters narrow the search (a date or a range counts once, each amenity
        once), for the folded filter bar to say."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        dates = any(data.get(name) for name in ("date", "date_from", "date_to"))
        others = ("kind", "area", "category", "people", "rooms", "price_max", "wifi_min")
        return (
            int(dates)
            + sum(data.get(name) not in (None, "") for name in others)
            + len(data.get("amenities") or ())
            + (data.get("language") is not None)
        )

    def filter_queryset(self, queryset: QuerySet[Offer]) -> QuerySet[Offer]:
        queryset = super().filter_queryset(queryset)
        criteria = self.criteria
        return search.ordered(available(queryset, criteria.demand, self.now), criteria.sort)

    # Each method hands its value to the search service.

    def filter_kind(self, queryset: QuerySet[Offer], name: str, value: str) -> QuerySet[Offer]:
        return search.of_kind(queryset, value)

    def filter_area(self, queryset: QuerySet[Offer], name: str, value: Any) -> QuerySet[Offer]:
        return search.in_area(queryset, value)

    def filter_category(self, queryset: QuerySet[Offer], name: str, value: Any) -> QuerySet[Offer]:
        return search.in_category(queryset, value)

    def filter_amenities(self, queryset: QuerySet[Offer], name: str, value: Any) -> QuerySet[Offer]:
        return search.with_amenities(queryset, list(value))

    def filter_wifi(self, queryset: QuerySet[Offer], name: str, value: int) -> QuerySet[Offer]:
        return search.with_wifi_at_least(queryset, value)

    def filter_language(self, queryset: QuerySet[Offer], name: str, value: Any) -> QuerySet[Offer]:
        return search.hosted_in(queryset, value)

    def filter_price_max(self, queryset: QuerySet[Offer], name: str, value: int) -> QuerySet[Offer]:
        return search.priced_at_most(queryset, value)

    def applied_with_availability(
        self, queryset: QuerySet[Offer], name: str, value: Any
    ) -> QuerySet[Offer]:
        """Dates, people, rooms and sort work together: `filter_queryset` applies them."""
        return queryset
