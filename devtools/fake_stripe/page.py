"""The TEST payment page that stands in for Stripe's hosted Checkout: a self-contained HTML page
(no external resources) in the session's language, with buttons to pay or to let it expire."""

from datetime import UTC, datetime, timedelta, timezone
from html import escape

from aiohttp import web
from localstripe.errors import UserError

from devtools.fake_stripe import checkout
from devtools.fake_stripe.state import STATE

JST = timezone(timedelta(hours=9), "JST")

TEXTS = {
    "ja": {
        "title": "お支払い（テスト）",
        "banner": "テストモード – 実際の支払いは発生しません",
        "note": (
            "これは開発用の Stripe Checkout の代わりのページです。カードへの請求は行われません。"
        ),
        "item": "項目",
        "quantity": "数量",
        "amount": "金額",
        "total": "合計",
        "email": "メール",
        "expires": "有効期限",
        "pay": "{amount} を支払う",
        "expire": "期限切れにする",
        "cancel": "キャンセルして戻る",
        "paid": "このお支払いは完了しています。",
        "continue": "続ける",
        "expired": "このお支払いセッションは期限切れです。支払いは行われていません。",
        "missing": "このお支払いセッションは見つかりません。",
    },
    "en": {
        "title": "Payment (test)",
        "banner": "TEST MODE – no real payment",
        "note": "This page stands in for Stripe Checkout during development. No card is charged.",
        "item": "Item",
        "quantity": "Qty",
        "amount": "Amount",
        "total": "Total",
        "email": "Email",
        "expires": "Expires",
        "pay": "Pay {amount}",
        "expire": "Let it expire",
        "cancel": "Cancel and go back",
        "paid": "This session has already been paid.",
        "continue": "Continue",
        "expired": "This session has expired. No payment was taken.",
        "missing": "There is no such checkout session.",
    },
}

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f6;color:#1a1a1a}
.banner{background:#c0392b;color:#fff;font-size:1.6rem;font-weight:700;text-align:center;
padding:1rem;letter-spacing:.05em}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px}
table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #ddd}
.num{text-align:right}.total td{font-weight:700;border-bottom:none}
button{font-size:1.1rem;padding:.7rem 1.4rem;border-radius:6px;border:0;cursor:pointer}
.pay{background:#1f6feb;color:#fff}.expire{background:#ddd}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin:1.5rem 0}
"""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "Cache-Control": "no-store",
}


def yen(amount: int) -> str:
    """A JPY amount (zero-decimal) as shown to people: ¥12,100."""
    return f"¥{amount:,}"


def language(session: checkout.CheckoutSession | None, accept_language: str = "") -> str:
    """ja or en: the session's locale, or for `auto` the browser's preference."""
    locale = session.locale if session is not None else "auto"
    if locale in TEXTS:
        return locale
    return "ja" if accept_language.lower().startswith("ja") else "en"


def _document(lang: str, body: str) -> str:
    t = TEXTS[lang]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{escape(t["title"])}</title>'
        f"<style>{STYLE}</style></head><body>"
        f'<div class="banner" role="alert">{escape(t["banner"])}</div>'
        f"<main><p>{escape(t['note'])}</p>{body}</main></body></html>"
    )


def render_checkout(session: checkout.CheckoutSession, lang: str) -> str:
    """The payment form of an open session."""
    t = TEXTS[lang]
    rows = "".join(
        f"<tr><td>{escape(item.name)}</td><td class=num>{item.quantity}</td>"
        f"<td class=num>{yen(item.amount)}</td></tr>"
        for item in checkout.line_items(session)
    )
    total = yen(session.amount_total)
    expires = datetime.fromtimestamp(session.expires_at, UTC).astimezone(JST)
    details = f"<p>{escape(t['expires'])}: {expires:%Y-%m-%d %H:%M} JST</p>"
    if session.customer_email:
        details = f"<p>{escape(t['email'])}: {escape(session.customer_email)}</p>" + details
    cancel = ""
    if session.cancel_url:
        cancel = f'<p><a href="{escape(session.cancel_url)}">{escape(t["cancel"])}</a></p>'
    body = (
        f"<table><thead><tr><th>{escape(t['item'])}</th><th class=num>{escape(t['quantity'])}"
        f"</th><th class=num>{escape(t['amount'])}</th></tr></thead><tbody>{rows}"
        f"<tr class=total><td>{escape(t['total'])}</td><td></td><td class=num>{total}</td></tr>"
        f"</tbody></table>{details}<div class=actions>"
        f'<form method="post" action="/_checkout/{session.id}/pay">'
        f'<button class="pay" type="submit">{escape(t["pay"].format(amount=total))}</button></form>'
        f'<form method="post" action="/_checkout/{session.id}/expire">'
        f'<button class="expire" type="submit">{escape(t["expire"])}</button></form></div>'
        f"{cancel}"
    )
    return _document(lang, body)


def render_notice(session: checkout.CheckoutSession | None, lang: str) -> str:
    """The page of a session that can no longer be paid (or does not exist)."""
    t = TEXTS[lang]
    if session is None:
        return _document(lang, f"<h1>{escape(t['missing'])}</h1>")
    if session.status == "complete":
        link = escape(checkout.success_redirect(session))
        return _document(
            lang, f'<h1>{escape(t["paid"])}</h1><p><a href="{link}">{escape(t["continue"])}</a></p>'
        )
    back = ""
    if session.cancel_url:
        back = f'<p><a href="{escape(session.cancel_url)}">{escape(t["cancel"])}</a></p>'
    return _document(lang, f"<h1>{escape(t['expired'])}</h1>{back}")


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(
        text=text, status=status, content_type="text/html", headers=SECURITY_HEADERS
    )


def _load(request: web.Request) -> checkout.CheckoutSession | None:
    try:
        session = checkout.get_session(request.match_info["id"])
    except UserError:
        return None
    checkout.expire_if_due(session, request.app[STATE].clock.now())
    return session


def _closed(session: checkout.CheckoutSession | None, request: web.Request) -> web.Response:
    lang = language(session, request.headers.get("Accept-Language", ""))
    if session is None:
        return _html(render_notice(None, lang), 404)
    return _html(render_notice(session, lang), 409 if session.status == "complete" else 410)


async def show(request: web.Request) -> web.Response:
    """`GET /_checkout/{id}`: the form while open; a notice once paid (200) or expired (410)."""
    session = _load(request)
    lang = language(session, request.headers.get("Accept-Language", ""))
    if session is not None and session.status == "open":
        return _html(render_checkout(session, lang))
    if session is not None and session.status == "complete":
        return _html(render_notice(session, lang))
    return _closed(session, request)


async def pay(request: web.Request) -> web.Response:
    """`POST /_checkout/{id}/pay`: pay, then 303 to success_url (409 paid, 410 expired)."""
    session = _load(request)
    if session is None or session.status != "open":
        return _closed(session, request)
    checkout.pay_session(session, request.app[STATE].clock.now())
    raise web.HTTPSeeOther(checkout.success_redirect(session))


async def expire(request: web.Request) -> web.Response:
    """`POST /_checkout/{id}/expire`: expire, then 303 to cancel_url (or back to the page)."""
    session = _load(request)
    if session is None or session.status != "open":
        return _closed(session, request)
    checkout.expire_session(session, request.app[STATE].clock.now())
    raise web.HTTPSeeOther(session.cancel_url or f"/_checkout/{session.id}")


ROUTES = [
    ("GET", "/_checkout/{id}", show),
    ("POST", "/_checkout/{id}/pay", pay),
    ("POST", "/_checkout/{id}/expire", expire),
]
