"""Small page trees that several test modules share: one page of every type under a home page."""

from types import SimpleNamespace

from core.tasks import generate_renditions
from tests.factories import (
    AreaIndexPageFactory,
    AreaPageFactory,
    ConsultationFormFieldFactory,
    ConsultationFormPageFactory,
    ExperiencePageFactory,
    ImageFactory,
    InfoPageFactory,
    ListingIndexPageFactory,
    ModelPlanPageFactory,
    OfficePageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
    PlanIndexPageFactory,
    StayPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    faq,
    paragraph,
    plan_day,
)
from workation.models import ListingIndexPage


def image_with_renditions(**kwargs):
    """An image whose renditions exist, as the on-save task leaves them in production."""
    image = ImageFactory(**kwargs)
    generate_renditions(image.pk)
    return image


def build_tree(home, images: bool = False) -> SimpleNamespace:
    """One live page of every type below `home` (Japanese), linked the way editors link them."""
    t = SimpleNamespace(home=home)

    def img():
        return image_with_renditions() if images else None

    t.area_index = AreaIndexPageFactory(parent=home, listing_image=img())
    t.area = AreaPageFactory(
        parent=t.area_index,
        title="白浜",
        slug="shirahama",
        listing_image=img(),
        hero_image=img(),
        body=[
            paragraph("<p>温泉と海のまち。</p>"),
            faq(("空港から近いですか？", "車で10分です。")),
        ],
    )
    t.partner_index = PartnerIndexPageFactory(parent=home)
    t.partner = PartnerPageFactory(
        parent=t.partner_index, title="白浜ワークス", area=t.area, listing_image=img()
    )
    t.office = OfficePageFactory(
        parent=t.partner,
        title="白浜ITビジネスオフィス",
        area=t.area,
        featured=True,
        listing_image=img(),
    )
    t.experience = ExperiencePageFactory(
        parent=t.partner, title="みかん狩り", area=t.area, featured=True, listing_image=img()
    )
    t.stay = StayPageFactory(
        parent=t.partner, title="宿坊 一乗院", area=t.area, featured=True, listing_image=img()
    )
    t.offices = ListingIndexPageFactory(
        parent=home, title="オフィス", slug="offices", kind=ListingIndexPage.Kind.OFFICE
    )
    t.experiences = ListingIndexPageFactory(
        parent=home, title="体験", slug="experiences", kind=ListingIndexPage.Kind.EXPERIENCE
    )
    t.stays = ListingIndexPageFactory(
        parent=home, title="宿泊", slug="stays", kind=ListingIndexPage.Kind.STAY
    )
    t.story_index = StoryIndexPageFactory(parent=home, slug="stories")
    t.story = StoryPageFactory(parent=t.story_index, title="IT企業の1週間", listing_image=img())
    t.event = StoryPageFactory(parent=t.story_index, title="ワーケーション交流会", event=True)
    t.plan_index = PlanIndexPageFactory(parent=home, slug="plans")
    t.plan = ModelPlanPageFactory(
        parent=t.plan_index,
        title="白浜3泊4日",
        listing_image=img(),
        days=[plan_day("1日目", office=t.office, stay=t.stay, experience=t.experience)],
    )
    t.form = ConsultationFormPageFactory(parent=home, slug="consultation")
    ConsultationFormFieldFactory(page=t.form, label="会社名", clean_name="company", sort_order=0)
    ConsultationFormFieldFactory(
        page=t.form, label="メールアドレス", clean_name="email", field_type="email", sort_order=1
    )
    ConsultationFormFieldFactory(
        page=t.form,
        label="人数",
        clean_name="people",
        field_type="number",
        required=False,
        sort_order=2,
    )
    ConsultationFormFieldFactory(
        page=t.form,
        label="ご相談内容",
        clean_name="message",
        field_type="multiline",
        sort_order=3,
    )
    t.info = InfoPageFactory(parent=home, slug="tokushoho", disclosure="commerce")
    return t
