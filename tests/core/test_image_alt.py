"""An image's alt text is not read twice: left empty when it only repeats the visible caption."""

import re

import pytest
from django.template import Context, Template

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAG = Template("{% load image_tags %}{% responsive_image image 'wide' alt=alt caption=caption %}")


def alt_of(html: str) -> str:
    return re.search(r'<img [^>]*alt="([^"]*)"', html)[1]


def test_an_alt_text_that_repeats_the_caption_is_left_empty():
    image = ImageFactory()
    html = TAG.render(Context({"image": image, "alt": "杉木立の石畳", "caption": " 杉木立の石畳 "}))
    assert alt_of(html) == ""


def test_an_alt_text_that_says_more_than_the_caption_is_kept():
    image = ImageFactory()
    html = TAG.render(
        Context({"image": image, "alt": "苔むした石畳の坂道", "caption": "杉木立の石畳"})
    )
    assert alt_of(html) == "苔むした石畳の坂道"


def test_the_image_description_is_dropped_when_the_caption_repeats_it():
    image = ImageFactory(description="海の見えるデスク")
    html = Template(
        "{% load image_tags %}{% responsive_image image 'wide' caption=caption %}"
    ).render(Context({"image": image, "caption": "海の見えるデスク"}))
    assert alt_of(html) == ""


def test_without_a_caption_the_image_description_is_the_alt_text():
    image = ImageFactory(description="海の見えるデスク")
    html = Template("{% load image_tags %}{% responsive_image image 'wide' %}").render(
        Context({"image": image})
    )
    assert alt_of(html) == "海の見えるデスク"
