"""axe-core in the browser on every public page type and on the checkout steps, in Japanese and in
English: no serious or critical violation anywhere. One test walks both languages (the demo is
seeded once) and lists every violation it finds before failing."""

import re
from datetime import timedelta

from django.apps import apps
from wagtail.models import get_page_models

from booking.models import Booking, Offer
from booking.services.jst import today
from tests.e2e.conftest import Steps, axe_violations, describe_violations

LANGUAGES = ("ja", "en")
BUTTONS = {
    "ja": {"hold": "仮押さえして次へ", "details": "確認画面へ進む"},
    "en": {"hold": "Hold and continue", "details": "Continue to confirmation"},
}


def public_page_urls(language: str) -> dict[str, str]:
    """One live page of each of the site's page types in `language`: {type name: path}."""
    project = {apps.get_app_config(label) for label in ("home", "workation")}
    found = {}
    for model in get_page_models():
        if model._meta.abstract or apps.get_app_config(model._meta.app_label) not in project:
            continue
        page = model.objects.live().public().filter(locale__language_code=language).first()
        if page is not None:
            found[model.__name__] = page.url
    return found


def check(page, name: str, steps: Steps, failures: list[str]) -> None:
    steps(name)
    violations = axe_violations(page)
    if violations:
        failures.append(f"{name} ({page.url}):\n{describe_violations(violations)}")


def test_no_serious_or_critical_violations_on_any_page_type_or_checkout_step(
    live_site, desktop, artefacts, fake_stripe
):
    page, steps, failures = desktop, Steps(desktop, artefacts), []
    desk = Offer.objects.get(page__slug="kushimoto-cape-office", page__locale__language_code="ja")
    experience = Offer.objects.get(
        page__slug="temple-morning-prayers", page__locale__language_code="ja"
    )
    day = experience.slots.filter(date__gte=today() + timedelta(days=3)).earliest("starts_at").date
    for language in LANGUAGES:
        pages = public_page_urls(language)
        assert len(pages) >= 12, f"page types found in {language}: {sorted(pages)}"
        pages["search"] = f"/{language}/search/"
        pages["offer"] = (
            f"/{language}/booking/offers/{experience.pk}/?month={day:%Y-%m}&date={day:%Y-%m-%d}"
        )
        pages["not-found"] = f"/{language}/no-such-page/"
        for name, path in pages.items():
            response = page.goto(live_site + path)
            assert response.status == (404 if name == "not-found" else 200), path
            check(page, f"{language}-{name}", steps, failures)

        page.goto(f"{live_site}/{language}/booking/offers/{desk.pk}/")
        page.fill("[name=first_day]", (today() + timedelta(days=8)).isoformat())
        page.get_by_role("button", name=BUTTONS[language]["hold"]).click()
        page.wait_for_url(re.compile(r"/details/$"))
        check(page, f"{language}-checkout-details", steps, failures)
        page.get_by_role("button", name=BUTTONS[language]["details"]).click()
        page.wait_for_url(re.compile(r"/details/$"))  # the form again, with its errors
        check(page, f"{language}-checkout-details-errors", steps, failures)
        page.fill("[name=guest_name]", "Test Guest")
        page.fill("[name=guest_email]", f"a11y-{language}@example.jp")
        page.fill("[name=guest_phone]", "090-0000-0000")
        if page.locator("[name=guest_name_kana]").count():
            page.fill("[name=guest_name_kana]", "テスト ゲスト")
        page.get_by_role("button", name=BUTTONS[language]["details"]).click()
        page.wait_for_url(re.compile(r"/confirm/$"))
        check(page, f"{language}-checkout-confirm", steps, failures)
        reference = Booking.objects.get(guest_email=f"a11y-{language}@example.jp").reference
        page.goto(f"{live_site}/{language}/booking/{reference}/")
        check(page, f"{language}-booking-status", steps, failures)

    assert not failures, "serious or critical accessibility violations:\n" + "\n\n".join(failures)
