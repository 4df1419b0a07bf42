"""A hold costs a fixed, known number of SQL statements: counting capacity and writing the
booking, and nothing else (no reference-index rows: bookings are not content)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.booking.factories import OfferFactory, PriceCategoryFactory, make_slot

pytestmark = pytest.mark.django_db

# The transaction (a savepoint here), the lock wait (SET LOCAL lock_timeout on PostgreSQL; the
# busy timeout set and restored on SQLite), the slots locked, what they have taken, a free trip
# reference and its one-item trip, a free booking reference, the booking and its lines.
# Measured; change it only on purpose.
STATEMENTS_PER_HOLD = {"postgresql": 10, "sqlite": 11}


def test_a_hold_takes_a_fixed_number_of_statements_and_writes_no_reference_index(
    django_capture_on_commit_callbacks,
):
    reverse("wagtailadmin_home")  # the admin's viewsets register their models, as in a worker
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer)
    slots = [make_slot(offer, today() + timedelta(days=day), capacity=10) for day in (5, 6)]
    categories = list(offer.price_categories.all())
    create_hold(offer, [HoldItem((slots[0].pk,), category.pk, 1)], categories=categories)

    # What runs once the hold commits (Wagtail indexes saved objects then) counts too.
    with CaptureQueriesContext(connection) as captured:
        with django_capture_on_commit_callbacks(execute=True):
            create_hold(offer, [HoldItem((slots[1].pk,), category.pk, 2)], categories=categories)

    statements = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in statements if "referenceindex" in sql.lower()]
    assert len(statements) == STATEMENTS_PER_HOLD[connection.vendor], statements


# Through the whole request, the hold's own statements plus the offer, its price categories and
# the day's sessions (for the form). Measured; change it only on purpose.
STATEMENTS_PER_HOLD_REQUEST = {"postgresql": 13, "sqlite": 14}


def test_a_hold_through_the_booking_form_takes_a_fixed_number_of_statements(client, home):
    offer = OfferFactory()
    category = PriceCategoryFactory(offer=offer)
    day = today() + timedelta(days=5)
    slot = make_slot(offer, day, capacity=10)
    url = reverse("booking:hold", kwargs={"pk": offer.pk})
    form = {"date": day.isoformat(), "slot": slot.pk, f"qty_{category.pk}": 1}
    assert client.post(url, form).status_code == 302  # warm: the site, the middleware

    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, form)

    assert response.status_code == 302
    statements = [query["sql"] for query in captured.captured_queries]
    assert len(statements) == STATEMENTS_PER_HOLD_REQUEST[connection.vendor], statements
    assert not [sql for sql in statements if "wagtailcore_page" in sql]
