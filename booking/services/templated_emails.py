"""E-mails written from the per-language templates under `templates/booking/email/<language>/`:
`<kind>.subject.txt`, `<kind>.txt` and `<kind>.html`. Subjects and text bodies render without
HTML escaping (they are plain text), HTML bodies with it; everything in the message's language
and in Japan time. The booking outbox (`emails.py`) and the other builders share these."""

import re
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, engines
from django.utils import timezone, translation

from core import links

from .jst import JST

# The site's name in English; WAGTAIL_SITE_NAME is the Japanese one.
SITE_NAMES = {"en": "Wakayama Workation"}
TEMPLATE_ROOT = "booking/email"


def site_language(language: str | None) -> str:
    """One of the site's languages (the default one if `language` is not)."""
    code = (language or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def common_context(language: str, base_url: str) -> dict[str, Any]:
    """What every e-mail template may use: the language, the site's name, its home page."""
    return {
        "lang": language,
        "site_name": SITE_NAMES.get(language, settings.WAGTAIL_SITE_NAME),
        "base_url": base_url,
        "home_url": f"{base_url}/{language}/",
    }


def render(language: str, name: str, context: dict[str, Any], *, html: bool) -> str:
    """One template of the language (the site's default language's if it has none)."""
    template = engines["django"].engine.select_template(
        [f"{TEMPLATE_ROOT}/{language}/{name}", f"{TEMPLATE_ROOT}/{settings.LANGUAGE_CODE}/{name}"]
    )
    return template.render(Context(context, autoescape=html))


def render_parts(kind: str, language: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """The subject (one line), the text body (tidied) and the HTML body of one kind."""
    with translation.override(language), timezone.override(JST):
        subject = " ".join(render(language, f"{kind}.subject.txt", context, html=False).split())
        text = tidy(render(language, f"{kind}.txt", context, html=False))
        html = render(language, f"{kind}.html", context, html=True)
    return subject, text, html


def tidy(text: str) -> str:
    """A text body without trailing spaces or runs of blank lines left by template tags."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def templated_message(
    kind: str,
    language: str,
    context: dict[str, Any],
    *,
    to: list[str],
    reply_to: list[str] = (),
) -> EmailMultiAlternatives:
    """A complete message (text and HTML) of one kind in one language, from the site's address."""
    context = {**context, **common_context(language, links.base_url())}
    subject, text, html = render_parts(kind, language, context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=list(reply_to),
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message
