"""The trip plan (the cart), as services: what may be added, what the plan shows (by day, with
sellers, prices, policies, totals and tax, and whether each item is still free), and how its
items become the holds of one checkout."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from booking.models import Booking, Offer, Slot, TripPlan, TripPlanItem
from booking.money import consumption_tax
from booking.services import trip_plans
from booking.services.holds import HoldItem, ItemRefused, NotBookable, create_hold
from booking.services.jst import at, is_working_day, today
from booking.services.selection import session_items
from booking.services.trips import hold_trip
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_nights, make_slot
from tests.booking.trip_plan_factories import (
    ADULT_WEEKEND_PRICE,
    DESK_DAY_PRICE,
    ROOM_PRICE,
    WEEK_TOTAL,
    first_monday,
    make_desk_day,
    make_week,
)
from tests.factories import (
    AreaIndexPageFactory,
    AreaPageFactory,
    ExperiencePageFactory,
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    StayPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return make_week()


@pytest.fixture
def plan():
    return trip_plans.new_plan("ja")


def planned(plan, week):
    """The week's three items added to the plan, the experience first (out of day order)."""
    now = timezone.now()
    return [
        trip_plans.add_item(plan, week.farm, week.experience(), now),
        trip_plans.add_item(plan, week.inn, week.stay(), now),
        trip_plans.add_item(plan, week.office, week.desks(), now),
    ]


# --- adding ---------------------------------------------------------------------------------------


def test_a_stay_desks_and_an_experience_keep_what_their_forms_chose_and_their_days(plan, week):
    experience, stay, desks = planned(plan, week)

    nights = list(week.inn.slots.order_by("date").values_list("pk", flat=True))
    assert stay.parts == [
        {"slots": [night], "category": week.room.pk, "quantity": 1} for night in nights
    ]
    assert (stay.first_day, stay.last_day) == (week.first, week.first + timedelta(days=2))
    assert len(desks.parts) == 2 and all(len(part["slots"]) == 2 for part in desks.parts)
    assert (desks.first_day, desks.last_day) == (
        week.first + timedelta(days=1),
        week.first + timedelta(days=2),
    )
    assert experience.parts == [
        {"slots": [week.session.pk], "category": week.adult.pk, "quantity": 2}
    ]
    assert experience.first_day == experience.last_day == week.saturday
    assert list(plan.items.all()) == [stay, desks, experience]  # by day, not by when added


def test_adding_the_very_same_thing_twice_keeps_one_item(plan, week):
    first = trip_plans.add_item(plan, week.farm, week.experience(), timezone.now())
    again = trip_plans.add_item(plan, week.farm, week.experience(), timezone.now())
    other = trip_plans.add_item(plan, week.farm, week.experience(adults=3), timezone.now())

    assert again.pk == first.pk and other.pk != first.pk
    assert plan.items.count() == 2


def test_nothing_is_held_when_an_item_is_added(plan, week):
    planned(plan, week)
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("change", "english"),
    [
        (lambda week: Offer.objects.filter(pk=week.farm.pk).update(active=False), "not on sale"),
        (lambda week: week.session.__class__.objects.filter(pk=week.session.pk).update(closed=True),
         "is closed"),
        (lambda week: Offer.objects.filter(pk=week.farm.pk).update(lead_time_hours=24 * 60),
         "at least 1440 hours ahead"),
        (lambda week: Offer.objects.filter(pk=week.farm.pk).update(max_per_booking=1),
         "At most 1 can be booked"),
    ],
    ids=["not on sale", "closed date", "lead time", "too many"],
)  # fmt: skip
def test_an_item_breaking_the_offers_rules_is_refused_and_not_added(plan, week, change, english):
    change(week)
    week.farm.refresh_from_db()

    with translation.override("en"), pytest.raises(NotBookable) as refused:
        trip_plans.add_item(plan, week.farm, week.experience(), timezone.now())

    assert english in refused.value.message
    assert refused.value.status == 400
    assert not plan.items.exists()


def test_a_past_session_is_refused(plan, week):
    past = make_slot(week.farm, today() - timedelta(days=1))
    items = session_items(week.farm, past.pk, {week.adult.pk: 1})

    with translation.override("en"), pytest.raises(NotBookable) as refused:
        trip_plans.add_item(plan, week.farm, items, timezone.now())

    assert "already started or passed" in refused.value.message
    assert not plan.items.exists()


def test_another_offers_slot_or_price_is_refused(plan, week):
    night = week.inn.slots.first()
    with pytest.raises(NotBookable):
        trip_plans.add_item(
            plan, week.farm, [HoldItem((night.pk,), week.adult.pk, 1)], timezone.now()
        )
    with pytest.raises(NotBookable):
        trip_plans.add_item(
            plan, week.farm, [HoldItem((week.session.pk,), week.room.pk, 1)], timezone.now()
        )
    assert not plan.items.exists()


def test_nights_with_a_gap_are_refused(plan, week):
    first, _second, third = week.inn.slots.order_by("date")
    items = [HoldItem((night.pk,), week.room.pk, 1) for night in (first, third)]

    with translation.override("en"), pytest.raises(NotBookable) as refused:
        trip_plans.add_item(plan, week.inn, items, timezone.now())

    assert "Nights must follow one another" in refused.value.message


def test_a_request_to_book_offer_is_refused_in_both_languages(plan, week):
    Offer.objects.filter(pk=week.farm.pk).update(instant_booking=False)
    week.farm.refresh_from_db()

    for language, words in (("en", "on its own"), ("ja", "単独で")):
        with translation.override(language), pytest.raises(NotBookable) as refused:
            trip_plans.add_item(plan, week.farm, week.experience(), timezone.now())
        assert words in refused.value.message
    assert not plan.items.exists()


def test_a_plan_holds_at_most_twenty_items(plan, week):
    TripPlanItem.objects.bulk_create(
        TripPlanItem(
            plan=plan,
            offer=week.farm,
            parts=[{"slots": [week.session.pk], "category": week.adult.pk, "quantity": n}],
            first_day=week.saturday,
            last_day=week.saturday,
        )
        for n in range(1, trip_plans.MAX_ITEMS + 1)
    )

    with translation.override("en"), pytest.raises(NotBookable) as refused:
        trip_plans.add_item(plan, week.inn, week.stay(), timezone.now())

    assert "at most 20 items" in refused.value.message
    assert plan.items.count() == trip_plans.MAX_ITEMS


# --- removing, the user's plan, merging -----------------------------------------------------------


def test_an_item_is_removed_once_and_only_from_its_own_plan(plan, week):
    stay = trip_plans.add_item(plan, week.inn, week.stay(), timezone.now())
    other = trip_plans.new_plan("ja")

    assert trip_plans.remove_item(other, stay.pk) is False
    assert trip_plans.remove_item(plan, stay.pk) is True
    assert trip_plans.remove_item(plan, stay.pk) is False
    assert not plan.items.exists()


def test_a_user_has_one_plan(db):
    user = UserFactory()
    plan = trip_plans.plan_for_user(user, "en")
    assert trip_plans.plan_for_user(user) == plan
    assert plan.language == "en" and TripPlan.objects.filter(user=user).count() == 1


def test_merging_moves_new_items_skips_the_same_ones_and_deletes_the_source(plan, week):
    user_plan = trip_plans.plan_for_user(UserFactory())
    trip_plans.add_item(user_plan, week.inn, week.stay(), timezone.now())
    trip_plans.add_item(plan, week.inn, week.stay(), timezone.now())
    trip_plans.add_item(plan, week.office, week.desks(), timezone.now())

    moved = trip_plans.merge_plans(plan, user_plan)

    assert moved == 1
    assert not TripPlan.objects.filter(pk=plan.pk).exists()
    assert [item.offer for item in user_plan.items.all()] == [week.inn, week.office]


# --- checkout's holds -----------------------------------------------------------------------------


def test_the_plans_items_become_one_trips_holds_in_plan_order(plan, week):
    planned(plan, week)
    requests = trip_plans.hold_requests(plan)

    assert (
        [request.offer for request in requests]
        == [item.offer for item in plan.items.all()]
        == [week.inn, week.office, week.farm]
    )
    assert all(request.categories for request in requests)
    held = hold_trip(requests, language="en")

    assert [booking.offer for booking in held.bookings] == [week.inn, week.office, week.farm]
    assert [booking.total for booking in held.bookings] == [
        3 * ROOM_PRICE,
        2 * DESK_DAY_PRICE,
        2 * ADULT_WEEKEND_PRICE,
    ]
    assert held.total == WEEK_TOTAL == trip_plans.plan_summary(plan, "en", timezone.now()).total
    assert {booking.status for booking in held.bookings} == {Booking.Status.HELD}


def test_an_item_whose_session_was_deleted_is_refused_cleanly_and_nothing_is_held(plan, week):
    planned(plan, week)
    Slot.objects.filter(pk=week.session.pk).delete()

    with pytest.raises(ItemRefused) as refused:
        hold_trip(trip_plans.hold_requests(plan))

    assert refused.value.index == 2 and isinstance(refused.value.refused, NotBookable)
    assert not Booking.objects.exists()
    summary = trip_plans.plan_summary(plan, "ja", timezone.now())
    assert [item.available_now for item in summary.items] == [True, True, False]


# --- what the plan shows --------------------------------------------------------------------------


def test_the_summary_lists_items_by_day_with_sellers_prices_policies_and_tax(plan, week):
    planned(plan, week)

    summary = trip_plans.plan_summary(plan, "en", timezone.now())

    assert [day.day for day in summary.days] == [
        week.first,
        week.first + timedelta(days=1),
        week.saturday,
    ]
    stay, desks, experience = summary.items
    assert [item.seller for item in summary.items] == [
        "Shirara-so",
        "Shirahama Works",
        "Kishu Farm",
    ]
    assert [item.offer_name for item in summary.items] == [
        "Seaside room",
        "Hot desk",
        "Ume picking",
    ]
    assert stay.is_stay and stay.nights == 3 and stay.kind_label == "Stay"
    assert [line.unit_price for line in stay.lines] == [ROOM_PRICE] * 3
    assert [(line.category, line.quantity, line.amount) for line in experience.lines] == [
        ("Adult", 2, 2 * ADULT_WEEKEND_PRICE)  # the Saturday's price
    ]
    assert desks.day_count == 2 and desks.total == 2 * DESK_DAY_PRICE
    assert "Free cancellation" in experience.terms
    assert summary.total == WEEK_TOTAL
    assert [(tax.rate, tax.taxable, tax.tax) for tax in summary.taxes] == [
        (10, WEEK_TOTAL, consumption_tax(WEEK_TOTAL))
    ]
    assert consumption_tax(WEEK_TOTAL) == 4872
    assert summary.all_available

    japanese = trip_plans.plan_summary(plan, "ja", timezone.now())
    assert [item.seller for item in japanese.items] == ["白良荘", "白浜ワークス", "紀州ファーム"]
    assert japanese.items[0].kind_label == "宿泊" and "無料" in japanese.items[0].terms


def test_an_item_whose_places_were_taken_since_shows_as_no_longer_available(plan, week):
    planned(plan, week)
    create_hold(week.office, week.desks())  # someone else takes the last desk on those days

    summary = trip_plans.plan_summary(plan, "ja", timezone.now())

    assert [item.available_now for item in summary.items] == [True, False, True]
    assert not summary.all_available


def test_two_items_sharing_a_session_are_counted_together(plan, week):
    trip_plans.add_item(plan, week.farm, week.experience(adults=3), timezone.now())
    trip_plans.add_item(plan, week.farm, week.experience(adults=1), timezone.now())
    trip_plans.add_item(plan, week.farm, week.experience(adults=2), timezone.now())

    summary = trip_plans.plan_summary(plan, "ja", timezone.now())

    assert [item.available_now for item in summary.items] == [True, True, False]  # 4 places


def test_an_empty_or_missing_plan_sums_to_nothing(plan):
    for empty in (plan, None):
        summary = trip_plans.plan_summary(empty, "ja", timezone.now())
        assert summary.items == [] and summary.total == 0 and summary.taxes == []


def experiences(plan, count: int) -> None:
    """`count` experiences from as many businesses, each with two price categories."""
    day = today() + timedelta(days=20)
    for _ in range(count):
        offer = OfferFactory()
        adult = PriceCategoryFactory(offer=offer, code="adult", price=5000)
        child = PriceCategoryFactory(offer=offer, code="child", price=2500)
        slot = make_slot(offer, day)
        items = session_items(offer, slot.pk, {adult.pk: 2, child.pk: 1})
        trip_plans.add_item(plan, offer, items, timezone.now())


# The items with their offers and sellers, the price categories, the slots, what is taken.
SUMMARY_QUERIES = 4


def test_the_summary_takes_the_same_few_queries_for_two_items_or_six(
    plan, django_assert_max_num_queries
):
    other = trip_plans.new_plan("ja")
    experiences(plan, 2)
    experiences(other, 6)

    counts = []
    for each in (plan, other):
        with CaptureQueriesContext(connection) as captured:
            with django_assert_max_num_queries(SUMMARY_QUERIES):
                summary = trip_plans.plan_summary(each, "ja", timezone.now())
        counts.append(len(captured))
        assert summary.all_available
    assert counts[0] == counts[1]
    assert trip_plans.plan_summary(other, "ja", timezone.now()).total == 6 * 12500


# --- suggestions ----------------------------------------------------------------------------------


def test_suggestions_are_desks_and_experiences_of_the_same_area_with_places_free(home, plan):
    areas = AreaIndexPageFactory(parent=home)
    shirahama, koyasan = (AreaPageFactory(parent=areas, title=t) for t in ("白浜", "高野山"))
    partner = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home))
    week = make_week(
        pages={
            Offer.Kind.STAY: StayPageFactory(parent=partner, area=shirahama),
            Offer.Kind.DESK: OfficePageFactory(parent=partner, area=shirahama),
            Offer.Kind.EXPERIENCE: ExperiencePageFactory(parent=partner, area=shirahama),
        }
    )
    trip_plans.add_item(plan, week.inn, week.stay(), timezone.now())
    desk_page = OfficePageFactory(parent=partner, area=shirahama)
    near_desk = OfferFactory(page=desk_page, kind=Offer.Kind.DESK, unit=Offer.Unit.DESK_DAY)
    PriceCategoryFactory(offer=near_desk, code="day", price=1650)
    make_desk_day(near_desk, week.first + timedelta(days=1), capacity=3)
    far_desk = OfferFactory(
        page=OfficePageFactory(parent=partner, area=koyasan),
        kind=Offer.Kind.DESK,
        unit=Offer.Unit.DESK_DAY,
    )
    make_desk_day(far_desk, week.first + timedelta(days=1), capacity=3)
    full = OfferFactory(page=ExperiencePageFactory(parent=partner, area=shirahama))
    make_slot(full, week.first + timedelta(days=1), capacity=0)

    found = trip_plans.suggestions(plan, "en", timezone.now())

    names = [suggestion.name for suggestion in found]
    assert near_desk.name_en in names and week.office.name_en in names
    assert far_desk.name_en not in names and full.name_en not in names
    assert week.inn.name_en not in names  # in the plan already, and a stay
    assert week.farm.name_en not in names  # its Saturday is after the plan's last day
    near = next(s for s in found if s.offer_pk == near_desk.pk)
    assert near.next_date == week.first + timedelta(days=1) and near.kind_label == "Co-working desk"
    assert trip_plans.suggestions(trip_plans.new_plan("ja"), "en", timezone.now()) == []


def test_the_plans_own_unpaid_checkout_does_not_make_its_items_look_taken(plan, week):
    planned(plan, week)
    held = hold_trip(trip_plans.hold_requests(plan))  # the visitor checked out, then came back
    plan.trip = held.trip
    plan.save()

    assert trip_plans.plan_summary(plan, "ja", timezone.now()).all_available
    other = trip_plans.new_plan("ja")
    trip_plans.add_item(other, week.inn, week.stay(), timezone.now())
    assert not trip_plans.plan_summary(other, "ja", timezone.now()).all_available


# --- a desk every weekday of the stay ---------------------------------------------------------


def working_monday(days_ahead: int = 14) -> date:
    """The first Monday at least `days_ahead` days away whose week has no national holiday, so
    that these tests do not depend on the day they run."""
    monday = first_monday(days_ahead)
    while not all(is_working_day(monday + timedelta(days=n)) for n in range(5)):
        monday += timedelta(days=7)
    return monday


def test_a_desk_every_weekday_of_the_stay_takes_the_days_the_office_opens(plan):
    """Nights Monday–Wednesday; the office has desks on Tuesday and Wednesday only."""
    week = make_week(working_monday())
    now = timezone.now()
    trip_plans.add_item(plan, week.inn, week.stay(), now)

    item = trip_plans.add_weekday_desks(plan, week.office, now)

    days = sorted({Slot.objects.get(pk=part["slots"][0]).date for part in item.parts})
    assert days == [week.first + timedelta(days=1), week.first + timedelta(days=2)]
    assert all(len(part["slots"]) == 2 for part in item.parts)  # full days: both halves
    assert (item.first_day, item.last_day) == (days[0], days[-1])


def test_a_desk_every_weekday_leaves_out_the_weekend():
    thursday = working_monday() + timedelta(days=3)
    week = make_week(thursday)  # nights Thu, Fri, Sat; desks Fri and Sat
    plan = trip_plans.new_plan("ja")
    now = timezone.now()
    trip_plans.add_item(plan, week.inn, week.stay(), now)

    item = trip_plans.add_weekday_desks(plan, week.office, now)

    days = {Slot.objects.get(pk=part["slots"][0]).date for part in item.parts}
    assert days == {thursday + timedelta(days=1)}  # Friday: Thursday has no desk, Saturday off


def test_a_desk_every_weekday_needs_a_stay_and_a_desk(plan, week):
    now = timezone.now()
    with pytest.raises(NotBookable):
        trip_plans.add_weekday_desks(plan, week.office, now)  # no stay yet
    trip_plans.add_item(plan, week.inn, week.stay(), now)
    with pytest.raises(NotBookable):
        trip_plans.add_weekday_desks(plan, week.farm, now)  # not a desk
    Slot.objects.filter(offer=week.office).delete()
    with pytest.raises(NotBookable):
        trip_plans.add_weekday_desks(plan, week.office, now)  # no desk on those days
    assert plan.items.count() == 1


# Fixed dates, checked at a fixed `now` before them (the rules read `now`, not the clock).
BEFORE = at(date(2026, 12, 1), time(9, 0))


def stay_and_desks(plan, first: date, nights: int):
    """The week's inn with `nights` nights from `first` in the plan, and its office with a desk
    on every one of those days (weekends and holidays too): what is left out is the plan's
    choice, not the office's."""
    week = make_week(first)
    make_nights(week.inn, first + timedelta(days=3), nights - 3)
    for offset in (0, *range(3, nights)):
        make_desk_day(week.office, first + timedelta(days=offset))
    trip_plans.add_item(plan, week.inn, week.stay(nights), BEFORE)
    return week


@pytest.mark.parametrize(
    ("first", "nights", "working"),
    [
        # Fri 8 .. Tue 12 January 2027: Monday the 11th is 成人の日.
        (date(2027, 1, 8), 5, [date(2027, 1, 8), date(2027, 1, 12)]),
        # Wed 10 .. Fri 12 February 2027: Thursday the 11th is 建国記念の日.
        (date(2027, 2, 10), 3, [date(2027, 2, 10), date(2027, 2, 12)]),
        # Fri 19 .. Tue 23 March 2027: 春分の日 is Sunday the 21st, Monday the 22nd is 振替休日.
        (date(2027, 3, 19), 5, [date(2027, 3, 19), date(2027, 3, 23)]),
    ],
    ids=["成人の日", "建国記念の日", "振替休日"],
)
def test_a_desk_every_weekday_leaves_out_national_holidays(plan, first, nights, working):
    week = stay_and_desks(plan, first, nights)

    assert trip_plans.stay_weekdays(plan) == working
    item = trip_plans.add_weekday_desks(plan, week.office, BEFORE)

    days = sorted({Slot.objects.get(pk=part["slots"][0]).date for part in item.parts})
    assert days == working
    assert all(len(part["slots"]) == 2 for part in item.parts)  # full days: both halves
    assert (item.first_day, item.last_day) == (working[0], working[-1])


def test_a_stay_of_weekend_and_holiday_nights_says_there_is_no_weekday(plan):
    """Sat 9 .. Mon 11 January 2027 (成人の日): a stay, but no day to work."""
    week = make_week(date(2027, 1, 9))
    with translation.override("en"), pytest.raises(NotBookable) as refused:
        trip_plans.add_weekday_desks(plan, week.office, BEFORE)
    assert "Add a stay first" in refused.value.message  # no stay in the plan yet
    trip_plans.add_item(plan, week.inn, week.stay(), BEFORE)

    for language, words in (("en", "national holidays are left out"), ("ja", "祝日")):
        with translation.override(language), pytest.raises(NotBookable) as refused:
            trip_plans.add_weekday_desks(plan, week.office, BEFORE)
        assert words in refused.value.message
        assert "Add a stay first" not in refused.value.message
    assert [item.offer for item in plan.items.all()] == [week.inn]
