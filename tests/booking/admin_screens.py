"""Every admin screen we made, with something on each: a booking made at 23:30 UTC (08:30 the
next day in Japan) on a session that starts at that moment, a partner application and a
company's consultation sent then, our snippets, and one page of every type with our blocks.
An editor and a partner member read the admin in the language a test asks for."""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.urls import reverse
from wagtail.models import Site
from wagtail.users.models import UserProfile

from booking.models import Booking, PartnerApplication
from booking.services.jst import today
from tests.booking.account_factories import make_booking
from tests.booking.backoffice_world import World, make_world
from tests.factories import AmenityFactory, ExperienceCategoryFactory, LanguageFactory
from tests.trees import build_tree
from workation.models.forms import ConsultationSubmission
from workation.services.partners import ensure_editor_workflow, ensure_editors_group

# 23:30 UTC is 08:30 the next day in Japan.
MOMENT = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
UTC_TEXTS = ("23:30", "2025年3月1日", "2025-03-01")
JAPAN_TIME_CSV = "2025-03-02 08:30"


@dataclass
class Screens:
    world: World
    tree: object
    booking: Booking
    application: PartnerApplication
    consultation: ConsultationSubmission
    urls: dict[str, str]  # an editor's screens, by name
    partner_urls: dict[str, str]  # a partner member's screens, by name

    @property
    def editor(self):
        return self.world.users["editor"]

    @property
    def partner(self):
        return self.world.users["a"]

    def read_in(self, language: str) -> None:
        """The editor and the partner member read the admin in `language`."""
        for user in (self.editor, self.partner):
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()


def make_screens(home, django_user_model) -> Screens:
    tree = build_tree(home)
    world = make_world(home, django_user_model)
    ensure_editors_group()  # the world's editor becomes a full editor: pages, snippets, forms
    ensure_editor_workflow()
    booking = make_booking(world.offer_a, day=today() + timedelta(days=10), starts=time(8, 30))
    slot = booking.lines.get().slot  # 08:30 in Japan: 23:30 UTC the day before
    Booking.objects.filter(pk=booking.pk).update(
        created_at=MOMENT, confirmed_at=MOMENT, checked_in_at=MOMENT
    )
    booking.refresh_from_db()
    application = _application()
    consultation = ConsultationSubmission.objects.create(
        page=tree.form,
        form_data={"company": "株式会社テスト", "email": "tanaka@example.co.jp"},
    )
    ConsultationSubmission.objects.filter(pk=consultation.pk).update(submit_time=MOMENT)
    amenity, category, language = AmenityFactory(), ExperienceCategoryFactory(), LanguageFactory()
    site = Site.objects.get(is_default_site=True)
    urls = {
        "bookings": reverse("bookings:index"),
        "booking": reverse("bookings:inspect", args=[booking.pk]),
        "manifest": f"{reverse('booking_manifest')}?date={slot.date.isoformat()}",
        "check-in": f"{reverse('booking_check_in')}?reference={booking.reference}",
        "reports": reverse("booking_reports"),
        "dashboard": reverse("wagtailadmin_home"),
        "offers": reverse("offers:index"),
        "offer": reverse("offers:edit", args=[world.offer_a.pk]),
        "calendar": f"{reverse('offers:calendar', args=[world.offer_a.pk])}"
        f"?month={slot.date:%Y-%m}",
        "session": reverse("offers:slot", args=[slot.pk]),
        "call off": reverse("offers:cancel_session", args=[slot.pk]),
        "applications": reverse("partner_applications:index"),
        "application": reverse("partner_applications:inspect", args=[application.pk]),
        "approve": reverse("partner_applications:approve", args=[application.pk]),
        "reject": reverse("partner_applications:reject", args=[application.pk]),
        "invite": reverse("invite_colleague:index"),
        "consultations": reverse("consultations:index"),
        "consultation": reverse("consultations:inspect", args=[consultation.pk]),
        "consultation edit": reverse("consultations:edit", args=[consultation.pk]),
        "form submissions": reverse("wagtailforms:list_submissions", args=[tree.form.pk]),
        "amenities": reverse("wagtailsnippets_workation_amenity:list"),
        "amenity": reverse("wagtailsnippets_workation_amenity:edit", args=[amenity.pk]),
        "categories": reverse("wagtailsnippets_workation_experiencecategory:list"),
        "category": reverse(
            "wagtailsnippets_workation_experiencecategory:edit", args=[category.pk]
        ),
        "languages": reverse("wagtailsnippets_workation_language:list"),
        "language": reverse("wagtailsnippets_workation_language:edit", args=[language.pk]),
        "site settings": reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk]),
        "navigation": reverse("wagtailsettings:edit", args=["core", "navigationsettings", site.pk]),
    }
    for name in ("home", "area", "office", "experience", "stay", "story", "plan", "form", "info"):
        urls[f"{name} page"] = reverse("wagtailadmin_pages:edit", args=[getattr(tree, name).pk])
    partner_urls = {
        name: urls[name]
        for name in (
            "dashboard",
            "bookings",
            "booking",
            "manifest",
            "check-in",
            "offers",
            "offer",
            "calendar",
            "session",
            "invite",
        )
    }
    return Screens(world, tree, booking, application, consultation, urls, partner_urls)


def _application() -> PartnerApplication:
    application = PartnerApplication.objects.create(
        business_name="紀州うめファーム",
        business_name_en="Kishu Ume Farm",
        category="experience",
        area="みなべ町",
        address="和歌山県日高郡みなべ町1-2",
        phone="0739-12-3456",
        invoice_registration_number="T9234567890123",
        description="梅の収穫体験と梅干しづくり。",
        contact_name="山田 花子",
        contact_email="hanako@ume.example.jp",
    )
    PartnerApplication.objects.filter(pk=application.pk).update(created_at=MOMENT)
    application.refresh_from_db()
    return application


def fetch(client, url: str) -> str:
    """The page (or streamed file) at `url`, as text; it must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()
