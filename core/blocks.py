"""Small StreamField blocks shared by every page type; each has a template and a preview."""

import copy
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import blocks as image_blocks

from .shared_objects import shared_objects


class SharedChoicesMixin:
    """A chooser block that reads the chosen objects from the shared objects (kept until the
    next purge, which saving an image or publishing a page brings) instead of one query per
    StreamField; the pages come without their bodies, for titles and links."""

    def bulk_to_python(self, values: Sequence[Any]) -> list[Any]:
        found = shared_objects(self.model_class, values)
        seen = set()
        objects = []
        for pk in values:
            obj = found.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)  # as Wagtail does: one instance per use
            seen.add(pk)
            objects.append(obj)
        return objects


class ImageChooserBlock(SharedChoicesMixin, image_blocks.ImageChooserBlock):
    pass


class PageChooserBlock(SharedChoicesMixin, blocks.PageChooserBlock):
    pass


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "blocks/heading.html"
        description = _("A section heading (H2 or H3), kept in order for screen readers.")
        preview_value = {"text": "白浜でのワーケーション", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=200,
        help_text=_(
            "Describe the image for people who cannot see it; defaults to its description."
        ),
    )

    class Meta:
        label = _("Image")
        icon = "image"
        template = "blocks/image.html"
        description = _("A wide image with an optional caption.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "blocks/quote.html"
        description = _("A quotation, for example from a participating company.")
        preview_value = {
            "quote": "海の見えるオフィスで、チームの会話が増えました。",
            "attribution": "参加企業",
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    page = PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("URL"), required=False, help_text=_("Used when no page is chosen.")
    )
    label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        label = _("Call to action")
        icon = "link"
        template = "blocks/call_to_action.html"
        description = _("A short prompt with one button.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul"])

    class Meta:
        label = _("Question and answer")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        label = _("FAQ")
        icon = "help"
        template = "blocks/faq.html"
        description = _("Questions and answers; also published as schema.org FAQPage.")


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    value = blocks.CharBlock(label=_("Value"), max_length=120)

    class Meta:
        label = _("Fact")


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    facts = blocks.ListBlock(FactBlock(), label=_("Facts"), min_num=1)

    class Meta:
        label = _("Facts")
        icon = "list-ul"
        template = "blocks/facts.html"
        description = _("A short list of labelled facts (e.g. climate, access).")


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1, max_num=24)

    class Meta:
        label = _("Gallery")
        icon = "image"
        template = "blocks/gallery.html"
        description = _("A grid of images.")


class BodyBlock(blocks.StreamBlock):
    """The body StreamField used by most pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    facts = FactsBlock()
    gallery = GalleryBlock()

    class Meta:
        block_counts = {"faq": {"max_num": 1}}
