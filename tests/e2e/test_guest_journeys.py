"""The guest's journeys in a real browser over the demo content, each ending in what the page shows
and what the database holds: a Japanese phone booking an experience (with the e-mail and its
`.ics`), an English desktop booking a 3-night stay with the guest register and cancelling it for a
refund, and a desk whose last place goes to someone else while the guest is at checkout."""

import re
from datetime import timedelta
from email.message import Message
from urllib.parse import urlsplit

from django.utils import timezone

from booking.models import Booking, Offer, Payment, Refund
from booking.services import checkout, payments
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import today
from tests.e2e.conftest import Steps
from tests.stack import wait_for

TEMPLE = "temple-morning-prayers"  # an experience in the Kōyasan area: adults and children
GUESTHOUSE = "chikatsuyu-guesthouse"  # a stay in the Tanabe area, one offer on its page
CAPE_OFFICE = "kushimoto-cape-office"  # a co-working office in Kushimoto, one desk offer


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def offer_of(slug: str) -> Offer:
    return Offer.objects.get(page__slug=slug, page__locale__language_code="ja")


def follow(page, selector: str, url_part: str) -> None:
    """Click the first link in the page's main content matching `selector`; wait for the page."""
    page.locator(f"main {selector}").first.click()
    page.wait_for_url(re.compile(re.escape(url_part)))


def pay_on_the_test_page(page, steps: Steps) -> None:
    """The local TEST payment page: pay, and come back to the site."""
    page.wait_for_url(re.compile(r"/_checkout/"))
    steps("test-payment-page")
    page.locator("button.pay").click()


def parts(message: Message) -> dict[str, str]:
    """The message's text parts and text attachments (the `.ics`), decoded, by content type."""
    found = {}
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        payload = part.get_payload(decode=True) or b""
        found[part.get_content_type()] = payload.decode(part.get_content_charset() or "utf-8")
    return found


def ics_events(text: str) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar text (lines unfolded), each as {property name: value}."""
    lines = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            name, value = line.split(":", 1)
            current[name.split(";")[0]] = value
    return events


def confirmation_mail(smtp, address: str, reference: str) -> dict[str, str]:
    mails = wait_for(
        lambda: [m for m in smtp.received(address) if reference in parts(m).get("text/plain", "")],
        20,
        f"the confirmation e-mail of {reference}",
    )
    return parts(mails[0])


def test_a_remote_worker_books_an_experience_in_japanese_on_a_phone(
    live_site, phone, artefacts, smtp, fake_stripe
):
    page, steps = phone, Steps(phone, artefacts)
    offer = offer_of(TEMPLE)
    adult = offer.price_categories.get(code="adult")
    child = offer.price_categories.get(code="child")

    page.goto(f"{live_site}/ja/")
    steps("home")
    follow(page, 'a[href="/ja/areas/koyasan/"]', "/ja/areas/koyasan/")
    steps("area")
    follow(page, f'a[href$="/{TEMPLE}/"]', f"/{TEMPLE}/")
    steps("experience")
    follow(page, f'a[href="/ja/booking/offers/{offer.pk}/"]', f"/booking/offers/{offer.pk}/")
    steps("offer")

    page.locator(".chips a").last.click()  # an available date a few days ahead
    page.wait_for_url(re.compile(r"date=\d{4}-\d{2}-\d{2}"))
    page.locator("input[name=slot]:not([disabled])").first.check()
    page.fill(f"input[name=qty_{adult.pk}]", "2")
    page.fill(f"input[name=qty_{child.pk}]", "1")
    steps("date-and-people")
    page.get_by_role("button", name="仮押さえして次へ").click()
    page.wait_for_url(re.compile(r"/details/$"))
    booking = Booking.objects.get(offer=offer)
    assert booking.status == Booking.Status.HELD
    steps("details")

    page.fill("[name=guest_name]", "山田 太郎")
    page.fill("[name=guest_name_kana]", "ヤマダ タロウ")
    page.fill("[name=guest_email]", "taro.phone@example.jp")
    page.fill("[name=guest_phone]", "090-1234-5678")
    page.get_by_role("button", name="確認画面へ進む").click()
    page.wait_for_url(re.compile(r"/confirm/$"))
    total = 2 * adult.price + child.price
    expect()(page.locator("main")).to_contain_text(f"¥{total:,}")
    steps("final-confirmation")

    page.get_by_role("button", name=f"確定して¥{total:,}を支払う").click()
    pay_on_the_test_page(page, steps)
    page.wait_for_url(re.compile(rf"/ja/booking/{booking.reference}/"))
    expect()(page.locator("main")).to_contain_text(
        "ご予約が確定しました。確認メールをお送りしています。", timeout=20_000
    )
    steps("confirmed")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.total == total
    assert sorted(booking.lines.values_list("price_category__code", "quantity", "unit_price")) == [
        ("adult", 2, adult.price),
        ("child", 1, child.price),
    ]
    payment = booking.payments.get()
    assert (payment.status, payment.amount) == (Payment.Status.PAID, total)

    mail = confirmation_mail(smtp, "taro.phone@example.jp", booking.reference)
    assert f"¥{total:,}" in mail["text/plain"]
    events = ics_events(mail["text/calendar"])
    assert len(events) == 1
    assert events[0]["DTSTART"].startswith(booking.service_date.strftime("%Y%m%d"))
    assert booking.reference in mail["text/calendar"]


def test_a_guest_books_three_nights_in_english_on_a_desktop_and_cancels_for_a_refund(
    live_site, desktop, artefacts, smtp, fake_stripe
):
    page, steps = desktop, Steps(desktop, artefacts)
    offer = offer_of(GUESTHOUSE)
    room = offer.price_categories.get(code="room")
    check_in = today() + timedelta(days=40)

    page.goto(f"{live_site}/en/")
    steps("home")
    follow(page, 'a[href="/en/areas/tanabe/"]', "/en/areas/tanabe/")
    steps("area")
    follow(page, f'a[href$="/{GUESTHOUSE}/"]', f"/{GUESTHOUSE}/")
    steps("stay")
    follow(page, f'a[href="/en/booking/offers/{offer.pk}/"]', f"/booking/offers/{offer.pk}/")
    page.fill("[name=check_in]", check_in.isoformat())
    page.fill("[name=nights]", "3")
    page.fill(f"[name=qty_{room.pk}]", "1")
    steps("dates-and-room")
    page.get_by_role("button", name="Hold and continue").click()
    page.wait_for_url(re.compile(r"/details/$"))
    booking = Booking.objects.get(offer=offer)
    nights = list(booking.lines.order_by("slot__date"))
    assert [(line.slot.date, line.quantity) for line in nights] == [
        (check_in + timedelta(days=n), 1) for n in range(3)
    ]
    assert {line.unit_price for line in nights} <= {room.price, room.weekend_price}
    total = sum(line.unit_price for line in nights)  # weekend nights may cost more
    assert booking.total == total
    page.fill("[name=guest_name]", "Alex Smith")
    page.fill("[name=guest_email]", "alex.desktop@example.com")
    page.fill("[name=guest_phone]", "+44 20 7946 0000")
    page.fill("[name=guests-0-name]", "Alex Smith")
    page.fill("[name=guests-0-address]", "1 High Street, Bristol, UK")
    page.fill("[name=guests-0-phone]", "+44 20 7946 0000")
    page.uncheck("[name=guests-0-lives_in_japan]")
    page.fill("[name=guests-0-nationality]", "United Kingdom")
    page.fill("[name=guests-0-passport_number]", "GB1234567")
    page.get_by_role("button", name="Add another guest").click()
    page.wait_for_selector("[name=guests-1-name]")
    # Adding a guest keeps everything typed so far.
    assert page.input_value("[name=guest_email]") == "alex.desktop@example.com"
    assert page.input_value("[name=guests-0-passport_number]") == "GB1234567"
    assert not page.is_checked("[name=guests-0-lives_in_japan]")
    page.fill("[name=guests-1-name]", "佐藤 花子")
    page.fill("[name=guests-1-address]", "和歌山県田辺市中辺路町1-1")
    page.fill("[name=guests-1-phone]", "090-0000-1111")
    steps("details-and-guest-register")
    page.get_by_role("button", name="Continue to confirmation").click()
    page.wait_for_url(re.compile(r"/confirm/$"))
    expect()(page.locator("main")).to_contain_text(f"¥{total:,}")
    steps("final-confirmation")

    page.get_by_role("button", name=f"Confirm and pay ¥{total:,}").click()
    pay_on_the_test_page(page, steps)
    expect()(page.locator("main")).to_contain_text(
        "Your booking is confirmed. A confirmation e-mail is on its way.", timeout=20_000
    )
    steps("confirmed")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.language == "en"
    assert booking.guest_email == "alex.desktop@example.com"
    assert booking.lines.count() == 3
    assert booking.payments.get().status == Payment.Status.PAID
    assert list(
        booking.guests.order_by("pk").values_list("name", "lives_in_japan", "passport_number")
    ) == [("Alex Smith", False, "GB1234567"), ("佐藤 花子", True, "")]
    mail = confirmation_mail(smtp, "alex.desktop@example.com", booking.reference)
    (event,) = ics_events(mail["text/calendar"])
    assert event["DTSTART"].startswith(check_in.strftime("%Y%m%d"))

    manage = re.search(r"https?://\S+/booking/manage/[^/\s]+/", mail["text/plain"])
    assert manage, "the e-mail has the manage link"
    page.goto(live_site + urlsplit(manage.group(0)).path)
    steps("manage")
    page.get_by_role("link", name="Cancel this booking…").click()
    page.wait_for_url(re.compile(r"/cancel/$"))
    steps("cancel-confirmation")
    page.get_by_role("button", name="Yes, cancel this booking").click()
    expect()(page.locator("h1")).to_contain_text(f"Booking {booking.reference} cancelled")
    expect()(page.locator("main")).to_contain_text(f"Refund due: ¥{total:,}")
    steps("cancelled")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    refund = wait_for(
        lambda: Refund.objects.filter(booking=booking, status=Refund.Status.SUCCEEDED).first(),
        20,
        "the refund to go through",
    )
    assert refund.amount == total and refund.reason == Refund.Reason.GUEST_CANCELLED
    assert refund.stripe_refund_id


def take_the_desk(offer: Offer, slot_ids: tuple, category_id: int, fake_stripe) -> Booking:
    """Another guest books and pays for one desk on those slots, as the checkout does."""
    other = create_hold(offer, [HoldItem(slot_ids, category_id, 1)])
    checkout.save_guest_details(
        other, {"guest_name": "Other Guest", "guest_email": "other@example.jp", "guest_phone": "1"}
    )
    checkout.submit_for_payment(other)
    payment = payments.start_checkout(
        other,
        success_url="http://127.0.0.1/paid/?session_id={CHECKOUT_SESSION_ID}",
        cancel_url="http://127.0.0.1/confirm/",
        description="another guest",
    )
    fake_stripe.pay(payment.checkout_session_id)
    payments.sync_checkout_session(payment.checkout_session_id)
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED
    return other


def test_the_last_desk_taken_during_checkout_gets_a_clear_message_and_no_charge(
    live_site, phone, artefacts, fake_stripe
):
    page, steps = phone, Steps(phone, artefacts)
    offer = offer_of(CAPE_OFFICE)
    day_pass = offer.price_categories.get(code="day")
    day = (
        offer.slots.filter(date__gte=today() + timedelta(days=7), closed=False)
        .earliest("starts_at")
        .date
    )
    day_slots = tuple(
        offer.slots.filter(date=day).values_list("pk", flat=True)
    )  # morning, afternoon
    offer.slots.filter(pk__in=day_slots).update(capacity=1)  # one desk left that day

    page.goto(f"{live_site}/ja/offices/")
    steps("offices")
    follow(page, f'a[href$="/{CAPE_OFFICE}/"]', f"/{CAPE_OFFICE}/")
    follow(page, f'a[href="/ja/booking/offers/{offer.pk}/"]', f"/booking/offers/{offer.pk}/")
    page.fill("[name=first_day]", day.isoformat())
    page.check("input[name=part][value=day]")
    page.fill("[name=desks]", "1")
    steps("date-and-desk")
    page.get_by_role("button", name="仮押さえして次へ").click()
    page.wait_for_url(re.compile(r"/details/$"))
    booking = Booking.objects.get(offer=offer)
    page.fill("[name=guest_name]", "鈴木 一郎")
    page.fill("[name=guest_name_kana]", "スズキ イチロウ")
    page.fill("[name=guest_email]", "ichiro.desk@example.jp")
    page.fill("[name=guest_phone]", "090-2222-3333")
    page.get_by_role("button", name="確認画面へ進む").click()
    page.wait_for_url(re.compile(r"/confirm/$"))
    steps("final-confirmation")

    # The guest lingers past the hold; meanwhile someone else books and pays for the last desk.
    Booking.objects.filter(pk=booking.pk).update(
        hold_expires_at=timezone.now() - timedelta(seconds=1)
    )
    other = take_the_desk(offer, day_slots, day_pass.pk, fake_stripe)

    page.get_by_role("button", name=re.compile("確定して")).click()
    expect()(page.locator("h1")).to_have_text("仮押さえの期限が切れました")
    expect()(page.locator("main")).to_contain_text("料金は請求されていません。")
    steps("places-gone")

    page.get_by_role("link", name=re.compile("もう一度選ぶ|Choose again")).click()
    page.fill("[name=first_day]", day.isoformat())
    page.fill("[name=desks]", "1")
    page.get_by_role("button", name="仮押さえして次へ").click()
    expect()(page.get_by_role("alert")).to_contain_text("満席")
    steps("fully-booked")

    booking.refresh_from_db()
    assert booking.status != Booking.Status.CONFIRMED
    assert not booking.payments.exists(), "no payment page was opened for the guest"
    assert (
        not Payment.objects.filter(booking__offer=offer, status=Payment.Status.PAID)
        .exclude(booking=other)
        .exists()
    )
    sessions = [e["data"]["object"] for e in fake_stripe.events("checkout.session.completed")]
    assert [s["id"] for s in sessions] == [other.payments.get().checkout_session_id]
    assert Booking.objects.filter(offer=offer, status=Booking.Status.CONFIRMED).count() == 1
