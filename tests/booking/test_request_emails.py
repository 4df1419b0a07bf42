"""Request-to-book e-mails: the guest is told the card is only authorised and when the host
answers (in Japan time); the host is asked to answer by the deadline on the requests screen;
a request that does not go ahead says why and that nothing is charged; a withdrawn request is
told to the host as a withdrawal, not as a cancelled paid booking."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from booking.models import Booking, BookingEmail, Offer, Payment
from booking.services.emails import build_message, message_language, recipients
from booking.services.holds import HoldItem, create_hold
from booking.services.jst import at, today
from tests.booking.factories import (
    OfferFactory,
    PartnerOrganisationFactory,
    PriceCategoryFactory,
    make_nights,
    make_slot,
)
from tests.booking.payment_factories import PaymentFactory, RefundFactory

pytestmark = pytest.mark.django_db

Kind = BookingEmail.Kind
Outcome = Booking.RequestOutcome
# 03:00 UTC is noon in Japan.
RESPOND_BY = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)
DEADLINE = {"ja": "2027年3月1日(月) 12:00", "en": "Mon 1 March 2027, 12:00"}
OUTCOME_SENTENCES = {
    ("ja", Outcome.DECLINED): "今回はお受けできないとのご連絡がありました",
    ("ja", Outcome.TIMED_OUT): "からのご回答がなかったため、リクエストは不成立となりました",
    ("ja", Outcome.UNAVAILABLE): "ご希望の枠がすでに他のご予約で埋まっていた",
    ("en", Outcome.DECLINED): "Kishu Farm could not accept your booking request",
    ("en", Outcome.TIMED_OUT): "did not answer your booking request below in time",
    ("en", Outcome.UNAVAILABLE): "the places you asked for below were no longer free",
}
RELEASED = {"ja": "代金は一切請求されません", "en": "nothing is charged"}


def service_day() -> date:
    """The day of the requested session or first night: twenty days after today."""
    return today() + timedelta(days=20)


@pytest.fixture
def organisation():
    return PartnerOrganisationFactory(
        name="紀州ファーム", name_en="Kishu Farm", email="farm@example.jp"
    )


@pytest.fixture
def experience(organisation):
    """A request-to-book experience at ¥6,050 a person, two people, 10:00–12:00."""
    offer = OfferFactory(
        organisation=organisation, name="梅しごと体験", name_en="Ume picking", instant_booking=False
    )
    category = PriceCategoryFactory(offer=offer, code="adult", price=6050)
    slot = make_slot(offer, service_day(), starts=time(10, 0), ends=time(12, 0))
    return offer, [HoldItem(slot_ids=(slot.pk,), category_id=category.pk, quantity=2)]


@pytest.fixture
def stay(organisation):
    """A request-to-book room for two nights at ¥15,000 a night."""
    offer = OfferFactory(
        organisation=organisation,
        name="海辺の宿",
        name_en="Seaside inn",
        kind=Offer.Kind.STAY,
        unit=Offer.Unit.ROOM_NIGHT,
        instant_booking=False,
    )
    category = PriceCategoryFactory(
        offer=offer, code="room", name="和室", name_en="Room", price=15000
    )
    return offer, [
        HoldItem(slot_ids=(night.pk,), category_id=category.pk, quantity=1)
        for night in make_nights(offer, service_day(), 2)
    ]


def requested(offer_and_items, *, language: str = "ja", **fields) -> Booking:
    """A hold made the ordinary way, then set to a request awaiting the host until RESPOND_BY,
    with its card authorised (or set to `fields`)."""
    offer, items = offer_and_items
    booking = create_hold(offer, items, language=language)
    values = {
        "status": Booking.Status.REQUESTED,
        "hold_expires_at": RESPOND_BY,
        "guest_name": "和歌山 花子",
        "guest_name_kana": "ワカヤマ ハナコ",
        "guest_email": "hanako@example.jp",
        "guest_phone": "090-0000-0000",
        **fields,
    }
    for name, value in values.items():
        setattr(booking, name, value)
    booking.save()
    PaymentFactory(
        booking=booking, status=Payment.Status.AUTHORISED, manual_capture=True, paid_at=None
    )
    return booking


def closed(booking: Booking, outcome: str, message: str = "") -> Booking:
    """The request ended without a booking, as the service leaves it."""
    booking.status = Booking.Status.DECLINED
    booking.request_outcome = outcome
    booking.host_message = message
    booking.cancelled_at = at(today(), time(9, 0))
    booking.save()
    booking.payments.update(status=Payment.Status.RELEASED)
    return booking


def built(booking: Booking, kind: str) -> tuple[EmailMultiAlternatives, BookingEmail]:
    """The message for a new outbox row of `kind`, checked to have no template code left."""
    email = BookingEmail.objects.create(booking=booking, kind=kind)
    msg = build_message(email)
    for part in (msg.subject, msg.body, html_of(msg)):
        assert "{{" not in part and "{%" not in part and "}}" not in part
    assert "\n" not in msg.subject and booking.reference in msg.subject
    return msg, email


def html_of(msg: EmailMultiAlternatives) -> str:
    """The message's one HTML alternative."""
    [(html, mimetype)] = msg.alternatives
    assert mimetype == "text/html"
    return html


# --- Request received (guest) -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_guest_is_told_the_card_is_authorised_not_charged_until_the_deadline(
    experience, language
):
    booking = requested(experience, language=language)
    msg, email = built(booking, Kind.REQUEST_RECEIVED)

    assert msg.to == ["hanako@example.jp"] and msg.reply_to == ["farm@example.jp"]
    assert message_language(email) == language
    assert msg.attachments == []  # no calendar file for a booking that is not confirmed
    seller = "紀州ファーム" if language == "ja" else "Kishu Farm"
    for body in (msg.body, html_of(msg)):
        assert DEADLINE[language] in body
        assert "¥12,100" in body and seller in body
        assert f"http://testserver/{language}/booking/manage/" in body
    if language == "ja":
        assert "ご予約リクエスト" in msg.subject
        assert "与信" in msg.body and "代金はまだ請求されておりません" in msg.body
        assert "取り下げ" in msg.body and "数日かかる場合" in msg.body
    else:
        assert "request" in msg.subject.lower()
        assert "NOT charged" in msg.body and "withdraw" in msg.body
        assert "nothing is charged" in msg.body and "a few days" in msg.body


# --- Partner request (host) ---------------------------------------------------------------------


def test_the_host_is_asked_to_answer_by_the_deadline_on_the_requests_screen(experience):
    booking = requested(experience, language="en", guest_notes="アレルギー：そば")
    msg, email = built(booking, Kind.PARTNER_REQUEST)

    assert recipients(email) == ["farm@example.jp"] == msg.to
    assert message_language(email) == "ja"
    assert msg.reply_to == ["hanako@example.jp"]
    assert "3月1日 12:00" in msg.subject
    requests_url = "http://testserver" + reverse("booking_requests:index")
    for body in (msg.body, html_of(msg)):
        assert "「梅しごと体験」に新しいご予約リクエスト" in body
        assert DEADLINE["ja"] in body and requests_url in body
        assert "自動的に不成立" in body
        assert "¥12,100" in body and "与信" in body and "まだ請求されていません" in body
        assert "山田 花子 様" in body and "ワカヤマ ハナコ" in body
        assert "大人 2名" in body and "アレルギー：そば" in body and "英語" in body
        assert "/booking/manage/" not in body


def test_the_host_of_a_stay_is_told_about_the_guest_register(stay):
    booking = requested(stay)
    msg, _email = built(booking, Kind.PARTNER_REQUEST)
    for body in (msg.body, html_of(msg)):
        assert "宿泊者名簿はまだ記録されていません" in body
        assert "和室 1室" in body and "¥30,000" in body


# --- Request declined, lapsed or unavailable (guest) --------------------------------------------


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("outcome", [Outcome.DECLINED, Outcome.TIMED_OUT, Outcome.UNAVAILABLE])
def test_a_request_that_does_not_go_ahead_says_why_and_that_nothing_is_charged(
    experience, outcome, language
):
    booking = closed(requested(experience, language=language), outcome)
    msg, email = built(booking, Kind.REQUEST_DECLINED)

    assert msg.to == ["hanako@example.jp"] and message_language(email) == language
    book_url = f"http://testserver/{language}/booking/offers/{booking.offer_id}/"
    for body in (msg.body, html_of(msg)):
        assert OUTCOME_SENTENCES[language, outcome] in body
        for other in Outcome.values:
            if other != outcome:
                assert OUTCOME_SENTENCES[language, other] not in body
        assert RELEASED[language] in body and "¥12,100" in body
        assert book_url in body
        assert booking.reference in body
        assert (DEADLINE[language] in body) == (outcome == Outcome.TIMED_OUT)
    assert {"ja": "空き状況を見る", "en": "Book again"}[language] in html_of(msg)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_host_s_message_is_quoted_when_there_is_one(experience, language):
    note = "申し訳ありません、その日は貸切です。\nAnother day would suit us."
    booking = closed(requested(experience, language=language), Outcome.DECLINED, note)
    msg, _email = built(booking, Kind.REQUEST_DECLINED)
    label = "紀州ファームからのメッセージ" if language == "ja" else "Message from Kishu Farm"

    assert label in msg.body and note in msg.body
    html = html_of(msg)
    assert label in html
    assert "その日は貸切です。<br>Another day would suit us.</blockquote>" in html

    silent = closed(requested(experience, language=language), Outcome.DECLINED)
    silent_msg, _email = built(silent, Kind.REQUEST_DECLINED)
    assert label not in silent_msg.body and "<blockquote" not in html_of(silent_msg)


def test_the_host_s_message_is_escaped_in_html(experience):
    note = "<b>Sorry</b> & see you"
    booking = closed(requested(experience, language="en"), Outcome.DECLINED, note)
    msg, _email = built(booking, Kind.REQUEST_DECLINED)
    assert f'"{note}"' in msg.body
    assert "&lt;b&gt;Sorry&lt;/b&gt; &amp; see you" in html_of(msg)


# --- Withdrawn request (host) -------------------------------------------------------------------


def test_a_withdrawn_request_is_told_to_the_host_as_a_withdrawal(experience):
    booking = requested(experience)
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = at(today(), time(8, 0))
    booking.save()
    booking.payments.update(status=Payment.Status.RELEASED)
    msg, email = built(booking, Kind.PARTNER_CANCELLATION)

    assert booking.confirmed_at is None
    assert recipients(email) == ["farm@example.jp"] == msg.to
    assert "ご予約リクエストが取り下げられました" in msg.subject
    for body in (msg.body, html_of(msg)):
        assert "ご予約リクエストが、お客様により取り下げられました" in body
        assert "代金は請求されません" in body and "取り下げ日時" in body
        assert "キャンセルされました" not in body and "返金額" not in body


def test_a_cancelled_paid_booking_is_still_told_to_the_host_as_a_cancellation(experience):
    booking = requested(
        experience,
        status=Booking.Status.CANCELLED,
        confirmed_at=at(today(), time(7, 0)),
        cancelled_at=at(today(), time(8, 0)),
    )
    booking.payments.update(status=Payment.Status.PAID)
    RefundFactory(booking=booking, amount=6050, payment=booking.payments.get())
    msg, _email = built(booking, Kind.PARTNER_CANCELLATION)

    assert "ご予約がキャンセルされました" in msg.subject
    for body in (msg.body, html_of(msg)):
        assert "以下のご予約がキャンセルされました" in body
        assert "キャンセル日時" in body and "¥6,050" in body
        assert "取り下げ" not in body
