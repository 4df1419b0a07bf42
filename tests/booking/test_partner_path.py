"""A local business's whole path through the back office, as one story: it applies, an editor
approves, its first user sets a password and signs in, creates its first offer, a guest books and
pays, the booking shows in the day's manifest, the guest is checked in, and finally the host calls
off another session, refunding its guest in full."""

import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from booking.models import Booking, BookingEmail, Offer, PartnerApplication, Payment, Refund
from booking.services import checkin, payments
from booking.services.jst import at, today
from tests.booking.backoffice_world import offer_form
from tests.factories import ExperiencePageFactory, PartnerIndexPageFactory, UserFactory
from workation.services.partners import ensure_editor_workflow, ensure_editors_group

pytestmark = pytest.mark.django_db

PASSWORD = "kumano-kodo-2026!"
LINK = re.compile(r"http://testserver(/ja/partners/invitation/[^/\s]+/[^/\s]+/)")
APPLICATION = {
    "business_name": "熊野古道ガイドの会",
    "business_name_en": "Kumano Kodo Guides",
    "category": "experience",
    "area": "田辺市",
    "address": "和歌山県田辺市中辺路町1",
    "phone": "0739-00-1111",
    "website": "",
    "invoice_registration_number": "T2876543210987",
    "description": "語り部と歩く熊野古道。",
    "contact_name": "中辺路 一郎",
    "contact_email": "guide@kumano.example.jp",
    "homepage": "",
}


def site_url(name: str, **kwargs) -> str:
    with translation.override("ja"):
        return reverse(f"booking:{name}", kwargs=kwargs)


def test_application_to_session_cancellation(
    client, home, site_settings, fake_stripe, celery_eager, django_capture_on_commit_callbacks
):
    commit = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731
    index = PartnerIndexPageFactory(parent=home, slug="partners")
    editors = ensure_editors_group()
    ensure_editor_workflow(editors)
    editor = UserFactory(username="editor", groups=[editors])

    # 1. The business applies on the public site.
    with commit():
        assert client.post("/ja/partners/apply/", APPLICATION).status_code == 302
    application = PartnerApplication.objects.get()

    # 2. An editor approves it in the admin.
    editor_client = Client()
    editor_client.force_login(editor)
    mail.outbox.clear()
    with commit():
        approved = editor_client.post(
            reverse("partner_applications:approve", args=[application.pk])
        )
    assert approved.status_code == 302
    application.refresh_from_db()
    organisation = application.organisation
    assert application.status == PartnerApplication.Status.APPROVED
    assert organisation.page.get_parent().pk == index.pk

    # 3. Its first user sets a password from the invitation and signs in.
    [invitation] = [m for m in mail.outbox if m.to == [APPLICATION["contact_email"]]]
    partner = Client()
    opened = partner.get(LINK.search(invitation.body).group(1))
    done = partner.post(opened["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    partner.logout()
    signed_in = partner.post(
        reverse("wagtailadmin_login"),
        {"username": APPLICATION["contact_email"], "password": PASSWORD},
    )
    assert signed_in.status_code == 302

    # 4. It writes its experience page (the page editor is tested on its own) and its first
    # offer, whose schedule makes a week of sessions.
    page = ExperiencePageFactory(parent=organisation.page, title="中辺路ウォーク")
    first_day = today() + timedelta(days=5)
    form = offer_form(organisation, page, first_day, 7, "0123456", name="語り部と歩く中辺路")
    created = partner.post(reverse("offers:add"), form)
    assert created.status_code == 302
    offer = Offer.objects.get(organisation=organisation)
    assert offer.slots.count() == 7

    # 5. A guest books two places on the first day and pays at the (fake) Stripe.
    guest = Client()
    slot = offer.slots.get(date=first_day)
    adult = offer.price_categories.get()
    guest.post(
        site_url("hold", pk=offer.pk),
        {"date": first_day.isoformat(), "slot": slot.pk, f"qty_{adult.pk}": 2},
    )
    booking = Booking.objects.get(offer=offer)
    guest.post(
        site_url("details", reference=booking.reference),
        {
            "guest_name": "高野 花子",
            "guest_name_kana": "コウヤ ハナコ",
            "guest_email": "hanako@example.jp",
            "guest_phone": "090-0000-1111",
            "guest_notes": "足が遅めです",
        },
    )
    assert guest.post(site_url("confirm", reference=booking.reference)).status_code == 302
    session_id = Payment.objects.get(booking=booking).checkout_session_id
    fake_stripe.pay(session_id)
    with commit():
        payments.sync_checkout_session(session_id)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    host_mail = BookingEmail.objects.get(
        booking=booking, kind=BookingEmail.Kind.PARTNER_NEW_BOOKING
    )
    assert host_mail.status == BookingEmail.Status.SENT

    # 6. On the day, the booking is in the manifest with the guest's note.
    manifest = partner.get(reverse("booking_manifest"), {"date": first_day.isoformat()})
    html = manifest.content.decode()
    assert booking.reference in html and "足が遅めです" in html and "× 2" in html

    # 7. The guest arrives and is checked in by the reference on the confirmation (the check-in
    # service, at 9:30 on that day; the check-in page is tested with today's bookings).
    member = organisation.members.get()
    result = checkin.check_in(member, booking.reference.lower(), at(first_day, time(9, 30)))
    assert not result.already and result.booking.checked_in_by == member
    assert Booking.objects.get(pk=booking.pk).checked_in_at is not None

    # 8. Rain is forecast for the next day: the host calls that session off through the admin;
    # its guest is refunded in full and told.
    second = offer.slots.get(date=first_day + timedelta(days=1))
    guest.post(
        site_url("hold", pk=offer.pk),
        {"date": second.date.isoformat(), "slot": second.pk, f"qty_{adult.pk}": 3},
    )
    rained_off = Booking.objects.exclude(pk=booking.pk).get(offer=offer)
    guest.post(
        site_url("details", reference=rained_off.reference),
        {
            "guest_name": "雨宮 太郎",
            "guest_name_kana": "アマミヤ タロウ",
            "guest_email": "taro@example.jp",
            "guest_phone": "090-2222-3333",
        },
    )
    guest.post(site_url("confirm", reference=rained_off.reference))
    session_id = Payment.objects.get(booking=rained_off).checkout_session_id
    fake_stripe.pay(session_id)
    with commit():
        payments.sync_checkout_session(session_id)
    mail.outbox.clear()
    with commit():
        called_off = partner.post(reverse("offers:cancel_session", args=[second.pk]))
    assert called_off.status_code == 302
    rained_off.refresh_from_db()
    assert rained_off.status == Booking.Status.CANCELLED
    refund = Refund.objects.get(payment__booking=rained_off)
    assert (refund.amount, refund.status) == (rained_off.total, Refund.Status.SUCCEEDED)
    assert any(m.to == ["taro@example.jp"] for m in mail.outbox)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
