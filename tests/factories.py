"""Factories for every page type, image and vocabulary; tests build the small tree they need.

StreamField defaults are given in Wagtail's JSON form (a list of ``{"type", "value"}`` dicts);
the small helpers below (``desk``, ``room``, ``faq``…) write one block each.
"""

import datetime as dt
import uuid
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from core.models import CustomImage, SiteSettings
from home.models import HomePage
from workation.models import (
    Amenity,
    AreaIndexPage,
    AreaPage,
    ConsultationFormField,
    ConsultationFormPage,
    ExperienceCategory,
    ExperiencePage,
    InfoPage,
    Language,
    ListingIndexPage,
    ModelPlanPage,
    OfficePage,
    PartnerIndexPage,
    PartnerPage,
    PlanIndexPage,
    StayPage,
    StoryIndexPage,
    StoryPage,
)

# --- StreamField blocks, in Wagtail's JSON form ------------------------------------------------


def block(block_type: str, value: object) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def paragraph(html: str) -> dict:
    return block("paragraph", html)


def desk(
    name: str = "フリーデスク", seats: int = 10, price_day: int = 3300, half: int | None = None
):
    return block(
        "desk",
        {
            "name": name,
            "seats": seats,
            "price_day": price_day,
            "price_half_day": half,
            "description": "",
        },
    )


def room(name: str = "和室", capacity: int = 2, price_from: int = 12000) -> dict:
    return block(
        "room",
        {
            "name": name,
            "capacity": capacity,
            "beds": "布団",
            "price_from": price_from,
            "description": "",
        },
    )


def faq(*pairs: tuple[str, str], heading: str = "よくある質問") -> dict:
    return block(
        "faq",
        {"heading": heading, "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs]},
    )


def access_route(origin: str = "東京（羽田）", mode: str = "air", minutes: int = 75) -> dict:
    return block("route", {"origin": origin, "mode": mode, "minutes": minutes, "note": ""})


def plan_day(title: str = "1日目", office=None, stay=None, experience=None) -> dict:
    return block(
        "day",
        {
            "title": title,
            "summary": "午前はオフィス、午後は体験。",
            "office": office.pk if office else None,
            "stay": stay.pk if stay else None,
            "experience": experience.pk if experience else None,
        },
    )


# --- images, users, vocabularies ---------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"写真 {n}")
    file = factory.django.ImageField(width=64, height=48, color="teal")
    description = "海の見えるデスク"
    credit = "和歌山県"

    @factory.lazy_attribute
    def collection(self):
        from wagtail.models import Collection

        return Collection.get_first_root_node()


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.jp")
    password = factory.django.Password("pass-word-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class AmenityFactory(DjangoModelFactory):
    class Meta:
        model = Amenity

    name = factory.Sequence(lambda n: f"静かなブース{n}")
    kind = Amenity.Kind.WORK


class ExperienceCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceCategory

    name = factory.Sequence(lambda n: f"農業体験{n}")
    slug = factory.Sequence(lambda n: f"farm-{n}")


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "ja"
    name = "日本語"


class SiteSettingsFactory(DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)

    organisation_name = "わかやまワーケーション推進協議会"
    organisation_name_en = "Wakayama Workation Council"
    email = "info@example.jp"
    phone = "073-000-0000"
    address = "和歌山県和歌山市小松原通1-1"
    address_en = "1-1 Komatsubara-dori, Wakayama"
    seller_name = "和歌山ワーケーション株式会社"
    seller_representative = "紀州 太郎"
    seller_address = "和歌山県田辺市新屋敷町1"
    seller_phone = "0739-00-0000"
    seller_email = "shop@example.jp"
    invoice_registration_number = "T9234567890123"
    price_notes = "各ページに税込価格で表示しています。"


# --- pages ------------------------------------------------------------------------------------


class BasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"ページ{n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title) or 'page'}-{n}")
    listing_summary = "カードに出る一文です。"


class HomePageFactory(BasePageFactory):
    class Meta:
        model = HomePage

    title = "わかやまワーケーション"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_title = "海と森のあいだで働く"
    hero_lead = "南紀白浜空港から、オフィスまで車で10分。"


class AreaIndexPageFactory(BasePageFactory):
    class Meta:
        model = AreaIndexPage

    title = "エリア"
    intro = "<p>和歌山の各エリアをご紹介します。</p>"


class AreaPageFactory(BasePageFactory):
    class Meta:
        model = AreaPage

    title = factory.Sequence(lambda n: f"白浜{n}")
    lead = "空港から10分、温泉と海のまち。"
    latitude = Decimal("33.678100")
    longitude = Decimal("135.348200")
    access = factory.LazyFunction(lambda: [access_route()])


class PartnerIndexPageFactory(BasePageFactory):
    class Meta:
        model = PartnerIndexPage

    title = "パートナー"


class PartnerPageFactory(BasePageFactory):
    class Meta:
        model = PartnerPage

    title = factory.Sequence(lambda n: f"白浜ワークス{n}")
    description = "<p>地元の事業者です。</p>"
    phone = "0739-11-2233"
    website = "https://example.jp/"
    address = "和歌山県西牟婁郡白浜町1"


class OfficePageFactory(BasePageFactory):
    class Meta:
        model = OfficePage

    title = factory.Sequence(lambda n: f"白浜オフィス{n}")
    address = "和歌山県西牟婁郡白浜町2"
    latitude = Decimal("33.680000")
    longitude = Decimal("135.350000")
    desk_types = factory.LazyFunction(lambda: [desk()])
    wifi_down_mbps = 940
    wifi_up_mbps = 870
    wifi_latency_ms = 4
    wifi_measured_on = dt.date(2025, 4, 1)
    call_booths = 3


class ExperiencePageFactory(BasePageFactory):
    class Meta:
        model = ExperiencePage

    title = factory.Sequence(lambda n: f"みかん狩り{n}")
    duration_minutes = 90
    meeting_point = "有田川町の農園入口"
    included = "軍手\nみかん1kg"
    price_from = 2500
    group_size_max = 8


class StayPageFactory(BasePageFactory):
    class Meta:
        model = StayPage

    title = factory.Sequence(lambda n: f"宿坊{n}")
    stay_type = StayPage.StayType.RYOKAN
    room_types = factory.LazyFunction(lambda: [room()])
    check_in_from = dt.time(15, 0)
    check_out_until = dt.time(10, 0)


class ListingIndexPageFactory(BasePageFactory):
    class Meta:
        model = ListingIndexPage

    title = factory.LazyAttribute(lambda o: f"一覧 {o.kind}")
    kind = ListingIndexPage.Kind.OFFICE


class StoryIndexPageFactory(BasePageFactory):
    class Meta:
        model = StoryIndexPage

    title = "ストーリー"


class StoryPageFactory(BasePageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"導入事例{n}")
    kind = StoryPage.Kind.CASE_STUDY
    date = dt.date(2025, 5, 1)
    company = "株式会社サンプル"
    body = factory.LazyFunction(lambda: [paragraph("<p>チームで1週間滞在しました。</p>")])

    class Params:
        event = factory.Trait(
            kind=StoryPage.Kind.EVENT,
            event_start=factory.LazyFunction(
                lambda: timezone.make_aware(dt.datetime(2025, 7, 12, 13, 30))
            ),
            event_end=factory.LazyFunction(
                lambda: timezone.make_aware(dt.datetime(2025, 7, 12, 17, 0))
            ),
            event_location="白浜町ITビジネスオフィス",
        )


class PlanIndexPageFactory(BasePageFactory):
    class Meta:
        model = PlanIndexPage

    title = "モデルプラン"


class ModelPlanPageFactory(BasePageFactory):
    class Meta:
        model = ModelPlanPage

    title = factory.Sequence(lambda n: f"3泊4日チームプラン{n}")
    audience = "5人のエンジニアチーム"
    nights = 3
    budget_per_person = 58000
    days = factory.LazyFunction(lambda: [plan_day()])


class ConsultationFormPageFactory(BasePageFactory):
    class Meta:
        model = ConsultationFormPage

    title = "ワーケーション相談"
    intro = "<p>企業の方のご相談を受け付けます。</p>"
    thank_you_text = "<p>送信ありがとうございました。</p>"


class ConsultationFormFieldFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationFormField

    label = factory.Sequence(lambda n: f"項目{n}")
    field_type = "singleline"
    required = True


class InfoPageFactory(BasePageFactory):
    class Meta:
        model = InfoPage

    title = "特定商取引法に基づく表記"
    body = factory.LazyFunction(lambda: [paragraph("<p>以下のとおり表示します。</p>")])
