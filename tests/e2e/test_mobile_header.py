"""The phone header: the menu is folded behind its button from the first paint, so nothing on the
page moves when the script arrives (Lighthouse's layout shift), and the button opens and closes it.
The site's script is held back half a second, as on a slow mobile connection, so that a page
painted before it runs would show the shift. Every shift counts: the test gives no input before
measuring, and headless Chromium marks the shifts of a page loaded by Playwright as following
"recent input", which a visitor's browser would not."""

import time

from tests.e2e.conftest import Steps

LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def slow_script(route) -> None:
    time.sleep(0.5)
    route.continue_()


def test_the_phone_menu_is_folded_from_the_first_paint_and_opens_with_its_button(
    live_site, phone, artefacts
):
    steps = Steps(phone, artefacts)
    phone.route("**/js/site*.js", slow_script)
    for path in ("/ja/", "/ja/areas/"):
        response = phone.goto(live_site + path, wait_until="load")
        assert response.status == 200, path
        shift = phone.evaluate(LAYOUT_SHIFT)
        assert shift < 0.01, f"{path}: the page moved by {shift:.3f} (layout shift) as it loaded"

    toggle = phone.locator(".menu-toggle")
    menu = phone.locator("#site-menu")
    assert toggle.is_visible()
    assert not menu.is_visible()
    toggle.click()
    assert menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    steps("menu-open")
    phone.keyboard.press("Escape")
    assert not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
