"""Build the demo site from the content modules: Japanese tree first, then English translations.

Every step is idempotent: pages are found by slug under their parent (and by translation key for
English), images by title, snippets by their natural key, users and groups by name. What already
exists is left as it is, so a second run writes nothing and editors' changes survive.
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.images import ImageFile
from django.db import models, transaction
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from core import links
from core.models import FooterLink, HeaderLink, NavigationSettings, SiteSettings
from demo import images as scenes
from demo.data import areas, legal, partners, partners_info, plans, site, stories
from demo.data.experiences import EXPERIENCES
from demo.data.offices import OFFICES
from demo.data.pictures import CREDIT, PICTURES
from demo.data.stays import STAYS
from demo.data.vocab import AMENITIES, CATEGORIES, LANGUAGES
from demo.text import LANGS, PageRef, resolve
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
    ListYourBusinessPage,
    ModelPlanPage,
    OfficePage,
    PartnerIndexPage,
    PartnerPage,
    PlanIndexPage,
    StayPage,
    StoryIndexPage,
    StoryPage,
)

HOME_SLUG = site.HOME["slug"]


@dataclass(frozen=True)
class Item:
    """One page to build: its type, its parent's slug (None for the tree root) and its spec."""

    model: type[Page]
    parent: str | None
    spec: dict[str, Any]

    @property
    def slug(self) -> str:
        """The page's slug, unique across the demo tree."""
        return self.spec["slug"]


def partner_group_name(spec: dict[str, Any]) -> str:
    """The partner's group and collection name (grant_partner_access looks it up by name)."""
    return f"Partner: {spec['title'].ja}"


def page_plan() -> list[Item]:
    """Every demo page in build order: parents before children."""
    items = [
        Item(HomePage, None, site.HOME),
        Item(ConsultationFormPage, HOME_SLUG, site.CONSULTATION),
    ]
    items += [Item(InfoPage, HOME_SLUG, spec) for spec in legal.INFO_PAGES]
    items += [Item(AreaIndexPage, HOME_SLUG, areas.AREA_INDEX)]
    items += [Item(AreaPage, "areas", spec) for spec in areas.AREAS]
    items += [Item(ListingIndexPage, HOME_SLUG, spec) for spec in site.LISTING_INDEXES]
    items += [Item(PartnerIndexPage, HOME_SLUG, partners.PARTNER_INDEX)]
    for spec in partners.PARTNERS:
        items.append(Item(PartnerPage, "partners", spec))
        for model, listings in (
            (OfficePage, OFFICES),
            (ExperiencePage, EXPERIENCES),
            (StayPage, STAYS),
        ):
            items += [
                Item(model, spec["slug"], s) for s in listings if s["partner"] == spec["slug"]
            ]
    items += [Item(ListYourBusinessPage, HOME_SLUG, partners_info.LIST_YOUR_BUSINESS)]
    items += [Item(StoryIndexPage, HOME_SLUG, stories.STORY_INDEX)]
    items += [Item(StoryPage, "stories", spec) for spec in stories.STORIES]
    items += [Item(PlanIndexPage, HOME_SLUG, plans.PLAN_INDEX)]
    items += [Item(ModelPlanPage, "plans", spec) for spec in plans.PLANS]
    return items


def image_owners() -> dict[str, str]:
    """Partner slug → group/collection name."""
    return {spec["slug"]: partner_group_name(spec) for spec in partners.PARTNERS}


class PageIds(dict):
    """Slug → page id in one language; remembers the slugs asked for before they existed."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: set[str] = set()

    def __missing__(self, slug: str) -> None:
        self.missing.add(slug)
        return None


@dataclass
class Stats:
    """What a run created, for the closing summary."""

    pages: dict[str, int] = field(default_factory=dict)
    images: int = 0
    snippets: int = 0
    started: float = field(default_factory=time.monotonic)

    def page(self, model: type[Page]) -> None:
        """Count one created page."""
        name = model.__name__
        self.pages[name] = self.pages.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        """Whether anything was created."""
        return bool(self.pages or self.images or self.snippets)


class DemoBuilder:
    """Builds (or completes) the demo content; call `run()` once."""

    def __init__(self, image_size: tuple[int, int]) -> None:
        self.image_size = image_size
        self.stats = Stats()
        self.locales: dict[str, Locale] = {}
        self.ids: dict[str, PageIds] = {lang: PageIds() for lang in LANGS}
        self.pages: dict[str, dict[str, Page]] = {lang: {} for lang in LANGS}
        self.images: dict[str, Any] = {}
        self.amenities: dict[tuple[str, str], Amenity] = {}
        self.categories: dict[tuple[str, str], ExperienceCategory] = {}
        self.languages: dict[str, Language] = {}
        self.collections: dict[str, Collection] = {}
        self.existing: dict[tuple[str, str], Page] = {}
        self.translations: dict[tuple[Any, int], Page] = {}

    # -- orchestration -------------------------------------------------------------------------

    def run(self) -> Stats:
        """Build everything in one transaction; renditions are made once it commits."""
        with transaction.atomic():
            self.ensure_locales()
            self.ensure_vocabularies()
            self.load_images()
            self.load_pages()
            plan = page_plan()
            self.build_japanese(plan)
            self.build_english(plan)
            self.ensure_site()
            self.ensure_settings()
        return self.stats

    # -- locales and snippets ------------------------------------------------------------------

    def ensure_locales(self) -> None:
        """Japanese exists from the migrations; English is created once."""
        for lang in LANGS:
            self.locales[lang], _ = Locale.objects.get_or_create(language_code=lang)

    def ensure_vocabularies(self) -> None:
        """Amenities, categories (translated) and languages (not translatable)."""
        amenities = SnippetIndex(Amenity, "icon")
        for icon, kind, name in AMENITIES:
            ja = self.snippet(amenities, icon, {"kind": kind, "name": name.ja})
            self.amenities[("ja", icon)] = ja
            self.amenities[("en", icon)] = self.translation_of(amenities, ja, {"name": name.en})
        categories = SnippetIndex(ExperienceCategory, "slug")
        for slug, name in CATEGORIES:
            ja = self.snippet(categories, slug, {"name": name.ja})
            self.categories[("ja", slug)] = ja
            self.categories[("en", slug)] = self.translation_of(categories, ja, {"name": name.en})
        existing = {lang.code: lang for lang in Language.objects.all()}
        for code, name in LANGUAGES:
            if code not in existing:
                existing[code] = Language.objects.create(code=code, name=name)
                self.stats.snippets += 1
            self.languages[code] = existing[code]

    def snippet(self, index: "SnippetIndex", key: str, values: dict[str, str]) -> Any:
        """The Japanese snippet with natural key `key`, created with `values` if missing."""
        ja = self.locales["ja"]
        obj = index.by_key.get((ja.pk, key))
        if obj is None:
            obj = index.model.objects.create(locale=ja, **{index.key_field: key}, **values)
            self.stats.snippets += 1
        return obj

    def translation_of(self, index: "SnippetIndex", obj: Any, values: dict[str, str]) -> Any:
        """The English translation of a snippet, copied and renamed if missing."""
        en = self.locales["en"]
        english = index.by_translation.get((obj.translation_key, en.pk))
        if english is None:
            english = obj.copy_for_translation(en)
            for name, value in values.items():
                setattr(english, name, value)
            english.save()
            self.stats.snippets += 1
        return english

    # -- images --------------------------------------------------------------------------------

    def load_images(self) -> None:
        """Find the catalogue's images that already exist, by title (one query)."""
        titles = {alt.ja: key for key, (_scene, alt, _owner) in PICTURES.items()}
        for image in get_image_model().objects.filter(title__in=titles):
            self.images[titles[image.title]] = image

    def image_id(self, key: str) -> int:
        """The id of the catalogue image `key`, painting and saving it on first use."""
        if key not in self.images:
            self.images[key] = self.create_image(key)
        return self.images[key].pk

    def create_image(self, key: str) -> Any:
        """Paint one catalogue image and save it through the image model (default storage)."""
        scene, alt, owner = PICTURES[key]
        width, height = self.image_size
        data = scenes.jpeg_bytes(scene, key, self.image_size)
        image = get_image_model()(
            title=alt.ja,
            description=alt.ja,
            description_en=alt.en,
            credit=CREDIT.ja,
            collection=self.collection_for(owner),
            file=ImageFile(data, name=f"demo-{key}.jpg"),
            width=width,
            height=height,
        )
        image.save()
        self.stats.images += 1
        return image

    def collection_for(self, owner: str | None) -> Collection:
        """The root collection, or the partner's own (named like its group)."""
        name = image_owners()[owner] if owner else ""
        if name not in self.collections:
            root = Collection.get_first_root_node()
            found = Collection.objects.filter(name=name).first() if name else root
            self.collections[name] = found or root.add_child(name=name)
        return self.collections[name]

    # -- pages ---------------------------------------------------------------------------------

    def load_pages(self) -> None:
        """Index every existing page by (parent path, slug) and by translation (one query)."""
        for page in Page.objects.filter(depth__gte=2):
            self.existing[(page.path[: -page.steplen], page.slug)] = page
            self.translations[(page.translation_key, page.locale_id)] = page

    def parent_of(self, item: Item, lang: str) -> Page:
        """The page `item` goes under, in `lang`."""
        if item.parent is None:
            return Page.get_first_root_node()
        return self.pages[lang][item.parent]

    def register(self, lang: str, slug: str, page: Page) -> None:
        """Remember a page so that references to its slug resolve."""
        self.pages[lang][slug] = page
        self.ids[lang][slug] = page.pk

    def build_japanese(self, plan: list[Item]) -> None:
        """Create the missing Japanese pages, then fill in references to pages made later."""
        created: list[tuple[Item, Page]] = []
        for item in plan:
            parent = self.parent_of(item, "ja")
            page = self.existing.get((parent.path, item.slug))
            if page is None:
                page = self.create_japanese(item, parent)
                created.append((item, page))
            self.register("ja", item.slug, page)
        self.relink(created, "ja")

    def relink(self, created: list[tuple[Item, Page]], lang: str) -> None:
        """Fill in, on pages just created, the references to pages that were made after them."""
        for item, stale in self.needing_relink(created, lang):
            # Fetch it again: the object in hand predates its children, and publishing a
            # revision of it would write back its old tree fields (numchild).
            page = stale.specific_class.objects.get(pk=stale.pk)
            self.fill(page, item, lang)
            page.save_revision().publish()
            self.register(lang, item.slug, page)

    def needing_relink(
        self, created: list[tuple[Item, Page]], lang: str
    ) -> Iterator[tuple[Item, Page]]:
        """The new pages that referred to pages not yet built when they were made."""
        missing = self.ids[lang].missing
        if not missing:
            return
        for item, page in created:
            if missing & self.referenced_slugs(item.spec):
                yield item, page

    def referenced_slugs(self, value: Any, key: str = "") -> set[str]:
        """Every string and page reference in a spec: a superset of the slugs it refers to."""
        if isinstance(value, PageRef):
            return {value.slug}
        if isinstance(value, str):
            return set() if key == "slug" else {value}
        if isinstance(value, dict):
            return set().union(set(), *(self.referenced_slugs(v, k) for k, v in value.items()))
        if isinstance(value, list | tuple):
            return set().union(set(), *(self.referenced_slugs(v) for v in value))
        return set()

    def create_japanese(self, item: Item, parent: Page) -> Page:
        """Create and publish one Japanese page."""
        page = item.model(locale=self.locales["ja"], slug=item.slug, live=False)
        self.fill(page, item, "ja")
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stats.page(item.model)
        return page

    def build_english(self, plan: list[Item]) -> None:
        """Translate every page that has no English version yet, parents first."""
        english = self.locales["en"]
        created: list[tuple[Item, Page]] = []
        for item in plan:
            ja = self.pages["ja"][item.slug]
            page = self.translations.get((ja.translation_key, english.pk))
            if page is None:
                page = ja.specific.copy_for_translation(english)
                self.fill(page, item, "en")
                page.save_revision().publish()
                self.stats.page(item.model)
                created.append((item, page))
            self.register("en", item.slug, page)
        self.relink(created, "en")

    def fill(self, page: Page, item: Item, lang: str) -> None:
        """Set every field of `page` from the spec, in `lang`."""
        spec = item.spec
        page.title = spec["title"](lang)
        page.listing_summary = spec["summary"](lang)
        page.search_description = spec.get("search", spec["summary"])(lang)
        page.listing_image_id = self.image_id(spec["image"])
        page.featured = spec.get("featured", False)
        page.show_in_menus = spec.get("menu", False)
        for name, value in spec["fields"].items():
            self.set_field(page, name, value, lang)
        self.set_relations(page, spec, lang)

    def set_field(self, page: Page, name: str, value: Any, lang: str) -> None:
        """Set one model field: streams in stored form, foreign keys by id, others parsed."""
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            setattr(page, name, self.resolve(value, lang))
        elif model_field.many_to_one:
            related = model_field.related_model
            is_image = issubclass(related, get_image_model())
            target = self.image_id(value) if is_image else self.ids[lang][value]
            setattr(page, model_field.attname, target)
        else:
            setattr(page, name, model_field.to_python(self.resolve(value, lang)))

    def resolve(self, value: Any, lang: str) -> Any:
        """Resolve texts and references in `value` for `lang`."""
        images = _LazyImageIds(self)
        return resolve(value, lang, self.ids[lang], images)

    def set_relations(self, page: Page, spec: dict[str, Any], lang: str) -> None:
        """Many-to-many fields, the category, tags and form fields."""
        if "amenities" in spec:
            page.amenities = [self.amenities[(lang, icon)] for icon in spec["amenities"]]
        if "languages" in spec:
            page.languages = [self.languages[code] for code in spec["languages"]]
        if "category" in spec:
            page.category = self.categories[(lang, spec["category"])]
        if "tags" in spec:
            page.tags.set([tag(lang) for tag in spec["tags"]])
        if "form_fields" in spec:
            page.form_fields = [
                ConsultationFormField(sort_order=i, **self.resolve(field_spec, lang))
                for i, field_spec in enumerate(spec["form_fields"])
            ]

    # -- site, settings, navigation ------------------------------------------------------------

    def ensure_site(self) -> Site:
        """The default site serves the Japanese home page; Wagtail's welcome page goes."""
        home = self.pages["ja"][HOME_SLUG]
        site_obj = Site.objects.filter(is_default_site=True).first()
        if site_obj is None:
            hostname, port = links.host_and_port()
            site_obj = Site(hostname=hostname, port=port, is_default_site=True)
        if site_obj.root_page_id != home.pk or site_obj.site_name != site.SITE_NAME:
            site_obj.root_page_id = home.pk
            site_obj.site_name = site.SITE_NAME
            site_obj.save()
        welcome = Page.get_first_root_node().get_children().exclude(pk__in=self.home_ids())
        for page in welcome.filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            page.delete()
        return site_obj

    def home_ids(self) -> list[int]:
        """The ids of the home page in every language."""
        return [self.ids[lang][HOME_SLUG] for lang in LANGS]

    def ensure_settings(self) -> None:
        """Contact and commerce details, and the header and footer menus, filled in once."""
        site_obj = Site.objects.get(is_default_site=True)
        settings_obj = SiteSettings.for_site(site_obj)
        if not settings_obj.organisation_name:
            for name, value in site.SITE_SETTINGS.items():
                setattr(settings_obj, name, value)
            settings_obj.save()
        if settings_obj.privacy_page_id is None and "privacy" in self.ids["ja"]:
            settings_obj.privacy_page_id = self.ids["ja"]["privacy"]
            settings_obj.save(update_fields=["privacy_page"])
        navigation = NavigationSettings.for_site(site_obj)
        if not navigation.header_links.exists() and not navigation.footer_links.exists():
            navigation.header_links = self.links(HeaderLink, site.HEADER_LINKS)
            navigation.footer_links = self.links(FooterLink, site.FOOTER_LINKS)
            navigation.save()

    def links(self, model: type[models.Model], slugs: list[str]) -> list[models.Model]:
        """Menu entries for the Japanese pages (templates show the visitor's language)."""
        return [model(page_id=self.ids["ja"][slug], sort_order=i) for i, slug in enumerate(slugs)]


class _LazyImageIds(dict):
    """Image key → id, painting the image the first time it is asked for."""

    def __init__(self, builder: DemoBuilder) -> None:
        super().__init__()
        self.builder = builder

    def __missing__(self, key: str) -> int:
        return self.builder.image_id(key)


class SnippetIndex:
    """Every row of a translatable snippet model, by (locale, natural key) and by translation."""

    def __init__(self, model: type[models.Model], key_field: str) -> None:
        self.model = model
        self.key_field = key_field
        rows = list(model.objects.all())
        self.by_key = {(row.locale_id, getattr(row, key_field)): row for row in rows}
        self.by_translation = {(row.translation_key, row.locale_id): row for row in rows}
