"""Every icon on our admin screens has a fixed size: an <svg> with no width and height of its own
takes the browser's default of 300 × 150 pixels, which is what broke the report's CSV button and
the Approve and Reject buttons. Each <svg> must be sized by its own attributes or by a rule of
Wagtail's stylesheet (or of a stylesheet in the page), or be hidden by one."""

import functools
import re
from collections import defaultdict
from pathlib import Path

import pytest
import soupsieve
import wagtail
from bs4 import BeautifulSoup

from tests.booking.admin_screens import fetch, make_screens

pytestmark = pytest.mark.django_db

WAGTAIL_CSS = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/css/core.css"
# States and pseudo-elements that a static page never is in.
DYNAMIC = re.compile(r"::|:(hover|focus|focus-visible|focus-within|active|before|after)\b")
COMBINATOR = re.compile(r"\s*[ >+~]\s*(?![^()]*\))")
CLASS = re.compile(r"\.((?:\\.|[\w-])+)")
TOP_LEVEL_COMMA = re.compile(r",(?![^()]*\))")
SIZED, HIDDEN = ("width", "height"), "hidden"


def rules(css: str) -> dict[str, dict[str, list]]:
    """For each of "width", "height" and "hidden": the compiled selectors of the rules that set
    it (max-width and max-height count; hidden is display: none), indexed by a class that the
    element itself must have ("" for selectors that name none)."""
    found: dict[str, dict[str, list]] = {key: defaultdict(list) for key in (*SIZED, HIDDEN)}
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {
            name.strip().removeprefix("max-"): value.strip()
            for name, _, value in (part.partition(":") for part in body.split(";"))
            if value
        }
        keys = [key for key in SIZED if key in declarations]
        if declarations.get("display") == "none":
            keys.append(HIDDEN)
        if not keys:
            continue
        for selector in TOP_LEVEL_COMMA.split(selectors):
            selector = selector.strip()
            if not selector or selector.startswith("@") or DYNAMIC.search(selector):
                continue
            try:
                compiled = soupsieve.compile(selector)
            except Exception:  # noqa: BLE001 - a selector soupsieve cannot read sizes nothing here
                continue
            classes = CLASS.findall(COMBINATOR.split(selector)[-1])
            index = re.sub(r"\\(.)", r"\1", classes[0]) if classes else ""
            for key in keys:
                found[key][index].append(compiled)
    return found


@functools.cache
def wagtail_rules() -> dict[str, dict[str, list]]:
    return rules(WAGTAIL_CSS.read_text())


def matches(element, table: dict[str, list]) -> bool:
    candidates = [*table.get("", []), *(s for c in element.get("class", []) for s in table[c])]
    return any(selector.match(element) for selector in candidates)


def unsized_icons(html: str) -> list[str]:
    """The <svg> elements of a page that nothing sizes or hides."""
    page = BeautifulSoup(html, "html.parser")
    own_css = rules(" ".join(style.get_text() for style in page.find_all("style")))
    tables = [wagtail_rules(), own_css]
    unsized = []
    for svg in page.find_all("svg"):
        if svg.get("width") and (svg.get("height") or svg.get("viewbox")):
            continue
        if all(any(matches(svg, t[key]) for t in tables) for key in SIZED):
            continue
        if any(matches(svg, t[HIDDEN]) for t in tables):
            continue
        unsized.append(str(svg)[:160])
    return unsized


def test_the_check_finds_an_unsized_icon_and_accepts_a_sized_one():
    assert unsized_icons('<a class="button"><svg class="icon icon-download"></svg></a>')
    assert not unsized_icons(
        '<a class="button button--icon"><svg class="icon icon-download"></svg></a>'
        '<svg class="icon w-w-4 w-h-4"></svg><svg width="100%" viewBox="0 0 10 5"></svg>'
    )


@pytest.fixture
def screens(home, django_user_model):
    screens = make_screens(home, django_user_model)
    screens.read_in("ja")
    return screens


def test_every_icon_on_an_editors_screens_has_a_fixed_size(client, screens):
    client.force_login(screens.editor)
    unsized = {name: unsized_icons(fetch(client, url)) for name, url in screens.urls.items()}
    assert {name: icons for name, icons in unsized.items() if icons} == {}


def test_every_icon_on_a_partners_screens_has_a_fixed_size(client, screens):
    client.force_login(screens.partner)
    unsized = {
        name: unsized_icons(fetch(client, url)) for name, url in screens.partner_urls.items()
    }
    assert {name: icons for name, icons in unsized.items() if icons} == {}


def test_the_report_download_and_the_review_buttons_carry_sized_icons(client, screens):
    client.force_login(screens.editor)
    for name, link in (
        ("reports", "format=csv"),
        ("application", "/approve/"),
        ("application", "/reject/"),
    ):
        page = BeautifulSoup(fetch(client, screens.urls[name]), "html.parser")
        button = page.select_one(f'a[href*="{link}"]:has(svg)')
        assert button is not None, (name, link)
        assert not unsized_icons(str(button)), (name, link)
