"""The search page in a browser over the demo content: on a 375×812 phone the first result is on
the first screen (the filters are folded into one bar that says how many are on, and open from
the keyboard); on a desktop the filters stand open beside the results. Office cards show their
measured Wi-Fi; axe finds nothing serious either way."""

from tests.e2e.conftest import Steps, axe_violations, describe_violations

SMALL_PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
}


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_the_filters_unfold_by_keyboard(
    live_site, browser, artefacts
):
    context = browser.new_context(**SMALL_PHONE)
    page = context.new_page()
    steps = Steps(page, artefacts)
    try:
        for query in ("", "?kind=desk&wifi_min=100"):
            response = page.goto(f"{live_site}/ja/search/{query}", wait_until="load")
            assert response.status == 200
            first = page.locator(".card").first
            box = first.bounding_box()
            assert box is not None, query
            assert page.evaluate("window.scrollY") == 0
            assert box["y"] + 80 < 812, f"{query or 'no filters'}: the first card starts at {box}"
            assert not page.locator("form.search-form").is_visible()
            steps("results-first" if not query else "filtered")

        summary = page.locator("details.search-filters > summary")
        assert summary.inner_text().split() == ["絞り込み", "2件を指定中"]
        assert "Mbps" in first.locator(".card__wifi").inner_text()

        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator("form.search-form").is_visible()
        assert page.locator('select[name="wifi_min"]').input_value() == "100"
        steps("filters-open")
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
        page.keyboard.press("Enter")
        assert not page.locator("form.search-form").is_visible()
    finally:
        context.close()


def test_on_a_desktop_the_filters_stand_open_beside_the_results(live_site, desktop, artefacts):
    response = desktop.goto(f"{live_site}/en/search/", wait_until="load")
    assert response.status == 200

    form = desktop.locator("form.search-form")
    form.wait_for(state="visible")
    card = desktop.locator(".card").first.bounding_box()
    filters = desktop.locator("details.search-filters").bounding_box()
    assert card["x"] >= filters["x"] + filters["width"], (card, filters)
    assert card["y"] < 800
    Steps(desktop, artefacts)("desktop")
    violations = axe_violations(desktop)
    assert not violations, describe_violations(violations)
