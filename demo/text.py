"""Small markers the content modules use: bilingual text, page and image references, blocks."""

from dataclasses import dataclass
from typing import Any

LANGS = ("ja", "en")


@dataclass(frozen=True)
class T:
    """A text in Japanese and English."""

    ja: str
    en: str

    def __call__(self, lang: str) -> str:
        """The text in `lang`."""
        return getattr(self, lang)


@dataclass(frozen=True)
class PageRef:
    """A seeded page, by slug; resolved to the page in the language being written."""

    slug: str


@dataclass(frozen=True)
class ImageRef:
    """A seeded image, by its key in the picture catalogue."""

    key: str


def html(ja: str | list[str], en: str | list[str]) -> T:
    """Paragraphs (a string or a list of strings) as rich-text HTML in both languages."""

    def wrap(text: str | list[str]) -> str:
        parts = [text] if isinstance(text, str) else text
        return "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in parts)

    return T(wrap(ja), wrap(en))


def ul(ja: list[str], en: list[str]) -> T:
    """A bulleted list in both languages."""
    return T(
        "<ul>" + "".join(f"<li>{i}</li>" for i in ja) + "</ul>",
        "<ul>" + "".join(f"<li>{i}</li>" for i in en) + "</ul>",
    )


def block(kind: str, value: Any) -> dict[str, Any]:
    """One StreamField block in its stored (JSON-like) form."""
    return {"type": kind, "value": value}


def heading(ja: str, en: str, level: str = "h2") -> dict[str, Any]:
    """A heading block."""
    return block("heading", {"text": T(ja, en), "level": level})


def paragraph(ja: str | list[str], en: str | list[str]) -> dict[str, Any]:
    """A rich-text paragraph block."""
    return block("paragraph", html(ja, en))


def bullets(ja: list[str], en: list[str]) -> dict[str, Any]:
    """A rich-text block holding a bulleted list."""
    return block("paragraph", ul(ja, en))


def quote(text: T, attribution: T) -> dict[str, Any]:
    """A quotation block."""
    return block("quote", {"quote": text, "attribution": attribution})


def image(key: str, caption: T, alt: T | None = None) -> dict[str, Any]:
    """A wide image block; its alt text is written in each language."""
    return block("image", {"image": ImageRef(key), "caption": caption, "alt_text": alt or caption})


def cta(text: T, slug: str, label: T) -> dict[str, Any]:
    """A call-to-action block pointing at a seeded page."""
    return block("call_to_action", {"text": text, "page": PageRef(slug), "url": "", "label": label})


def faq(title: T, items: list[tuple[T, T]]) -> dict[str, Any]:
    """A FAQ block; answers are plain text turned into a paragraph."""
    return block(
        "faq",
        {
            "heading": title,
            "items": [{"question": q, "answer": html(a.ja, a.en)} for q, a in items],
        },
    )


def facts(title: T, rows: list[tuple[T, T]]) -> dict[str, Any]:
    """A facts block: labelled values."""
    return block("facts", {"heading": title, "facts": [{"label": k, "value": v} for k, v in rows]})


def resolve(value: Any, lang: str, pages: dict[str, int], images: dict[str, int]) -> Any:
    """Replace every marker in `value` by its value in `lang` (texts) or its primary key."""
    if isinstance(value, T):
        return value(lang)
    if isinstance(value, PageRef):
        return pages[value.slug]
    if isinstance(value, ImageRef):
        return images[value.key]
    if isinstance(value, dict):
        return {k: resolve(v, lang, pages, images) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(v, lang, pages, images) for v in value]
    return value
