"""A week's trip in a real browser over the demo content: three nights at a guesthouse, a desk
on two of the days and a temple morning, from three local businesses, added to one trip from
their own pages, paid once on the local TEST payment page, the receipts downloaded as one pack
for the accounts department, and one item cancelled afterwards with its own refund while the
others stay booked."""

import csv
import io
import re
import zipfile
from datetime import timedelta

from booking.models import Booking, Document, Payment, Refund
from booking.services import calendar
from booking.services.jst import today
from tests.e2e.conftest import Steps
from tests.e2e.test_guest_journeys import (
    CAPE_OFFICE,
    GUESTHOUSE,
    TEMPLE,
    confirmation_mail,
    expect,
    ics_events,
    offer_of,
    pay_on_the_test_page,
)
from tests.stack import wait_for


def add_to_trip(page, steps: Steps, name: str) -> None:
    page.get_by_role("button", name="Add to trip").click()
    page.wait_for_url(re.compile(r"/en/trip/$"))
    expect()(page.locator("main")).to_contain_text("Added to your trip.")
    steps(name)


def test_a_week_from_three_businesses_paid_once_then_one_item_cancelled(
    live_site, desktop, artefacts, smtp, fake_stripe
):
    page, steps = desktop, Steps(desktop, artefacts)
    inn, office, temple = offer_of(GUESTHOUSE), offer_of(CAPE_OFFICE), offer_of(TEMPLE)
    assert len({inn.organisation_id, office.organisation_id, temple.organisation_id}) == 3
    room = inn.price_categories.get(code="room")
    adult = temple.price_categories.get(code="adult")
    check_in = today() + timedelta(days=40)
    temple_day = next(
        day
        for day in (check_in + timedelta(days=n) for n in range(3))
        if calendar.day_choices(temple, day)
    )

    page.goto(f"{live_site}/en/booking/offers/{inn.pk}/")
    page.fill("[name=check_in]", check_in.isoformat())
    page.fill("[name=nights]", "3")
    page.fill(f"[name=qty_{room.pk}]", "1")
    add_to_trip(page, steps, "stay-added")

    page.goto(f"{live_site}/en/booking/offers/{office.pk}/")
    page.fill("[name=first_day]", (check_in + timedelta(days=1)).isoformat())
    page.fill("[name=day_count]", "2")
    add_to_trip(page, steps, "desks-added")

    page.goto(f"{live_site}/en/booking/offers/{temple.pk}/?date={temple_day.isoformat()}")
    page.locator("input[name=slot]:not([disabled])").first.check()
    page.fill(f"input[name=qty_{adult.pk}]", "1")
    add_to_trip(page, steps, "experience-added")

    main = page.locator("main")
    for offer in (inn, office, temple):
        expect()(main).to_contain_text(offer.display_name("en"))
    assert not Booking.objects.exists()  # nothing is held while planning
    page.get_by_role("button", name="Check out").click()
    page.wait_for_url(re.compile(r"/en/trip/[\w-]+/details/$"))
    bookings = list(Booking.objects.order_by("pk"))  # in the plan's order: by day
    assert [b.offer for b in bookings] == [inn, temple, office]
    assert {b.status for b in bookings} == {Booking.Status.HELD}
    trip = bookings[0].trip
    steps("details")

    page.fill("[name=guest_name]", "Alex Smith")
    page.fill("[name=guest_email]", "alex.trip@example.com")
    page.fill("[name=guest_phone]", "+44 20 7946 0000")
    page.fill("[name=invoice_name]", "Example Ltd")
    page.fill("[name=guests-0-name]", "Alex Smith")
    page.fill("[name=guests-0-address]", "1 High Street, Bristol, UK")
    page.fill("[name=guests-0-phone]", "+44 20 7946 0000")
    page.uncheck("[name=guests-0-lives_in_japan]")
    page.fill("[name=guests-0-nationality]", "United Kingdom")
    page.fill("[name=guests-0-passport_number]", "GB1234567")
    page.get_by_role("button", name="Continue to confirmation").click()
    page.wait_for_url(re.compile(r"/confirm/$"))
    total = sum(b.total for b in bookings)
    for offer in (inn, office, temple):
        expect()(main).to_contain_text(offer.organisation.display_name("en"))
    expect()(main).to_contain_text("the whole trip is refunded in full")
    steps("final-confirmation")

    page.get_by_role("button", name=f"Confirm and pay ¥{total:,}").click()
    pay_on_the_test_page(page, steps)
    page.wait_for_url(re.compile(rf"/en/trip/{trip.reference}/"))
    wait_for(
        lambda: set(Booking.objects.values_list("status", flat=True)) == {Booking.Status.CONFIRMED},
        20,
        "every item confirmed",
    )
    page.reload()
    expect()(page.get_by_role("link", name=re.compile("Change or cancel this item"))).to_have_count(
        3
    )
    steps("trip-confirmed")

    # The accounts department's pack: every receipt, one per business, with an index.
    wait_for(
        lambda: Document.objects.filter(trip=trip).exclude(sha256="").count() == 3, 30, "receipts"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download every receipt")).click()
    pack = zipfile.ZipFile(download.value.path())
    index = list(csv.reader(io.StringIO(pack.read("index.csv").decode("utf-8-sig"))))
    receipts = Document.objects.filter(trip=trip).order_by("issued_at", "pk")
    assert [row[0] for row in index[1:]] == [d.number for d in receipts]
    assert sum(int(row[9]) for row in index[1:]) == total
    for receipt in receipts:
        assert receipt.addressee == "Example Ltd"
        assert pack.read(f"pdf/{receipt.number}.pdf").startswith(b"%PDF")

    payment = Payment.objects.get()
    assert (payment.trip, payment.amount, payment.status) == (trip, total, Payment.Status.PAID)
    mail = confirmation_mail(smtp, "alex.trip@example.com", trip.reference)
    for booking in bookings:
        assert booking.reference in mail["text/plain"]
    events = ics_events(mail["text/calendar"])
    assert len({event["UID"] for event in events}) == len(events) >= 3

    # Cancel the temple morning alone: its own policy, its own refund, the rest untouched.
    temple_booking = bookings[1]
    item = page.locator("main section", has_text=temple_booking.reference).last
    item.get_by_role("link", name=re.compile("Change or cancel this item")).click()
    page.wait_for_url(re.compile(r"/booking/manage/"))
    steps("manage-one-item")
    page.get_by_role("link", name="Cancel this booking…").click()
    page.wait_for_url(re.compile(r"/cancel/$"))
    page.get_by_role("button", name="Yes, cancel this booking").click()
    expect()(page.locator("h1")).to_contain_text(f"Booking {temple_booking.reference} cancelled")
    steps("item-cancelled")

    refund = wait_for(
        lambda: Refund.objects.filter(status=Refund.Status.SUCCEEDED).first(),
        20,
        "the item's refund to go through",
    )
    assert (refund.booking, refund.payment) == (temple_booking, payment)
    assert refund.amount == temple_booking.total
    assert Refund.objects.count() == 1
    assert list(Booking.objects.order_by("pk").values_list("status", flat=True)) == [
        Booking.Status.CONFIRMED,
        Booking.Status.CANCELLED,
        Booking.Status.CONFIRMED,
    ]
