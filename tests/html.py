"""Reading what a visitor (or a search engine) gets from a page's HTML."""

import json

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def html_lang(response) -> str | None:
    tag = soup(response).find("html")
    return tag.get("lang") if tag else None


def h1_texts(response) -> list[str]:
    return [h1.get_text(" ", strip=True) for h1 in soup(response).find_all("h1")]


def visible_text(response) -> str:
    """The page's text as a visitor reads it (no scripts, whitespace collapsed)."""
    page = soup(response)
    for tag in page(["script", "style", "template"]):
        tag.decompose()
    return " ".join(page.get_text(" ").split())


def json_ld(response) -> list[dict]:
    """Every schema.org object in the page's JSON-LD scripts (lists and @graph flattened)."""
    found: list[dict] = []
    for script in soup(response).find_all("script", type="application/ld+json"):
        data = json.loads(script.string or "")
        items = data if isinstance(data, list) else [data]
        for item in items:
            found.extend(item.get("@graph", [item]) if isinstance(item, dict) else [])
    return found


def json_ld_types(response) -> set[str]:
    types: set[str] = set()
    for item in json_ld(response):
        value = item.get("@type")
        types.update(value if isinstance(value, list) else [value])
    return types


def hreflangs(response) -> dict[str, str]:
    """hreflang -> href of the page's <link rel="alternate"> tags."""
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).find_all("link", hreflang=True)
        if "alternate" in (link.get("rel") or [])
    }
