"""The check-in QR code printed on a guest's confirmation: it holds the back-office address of the
booking's check-in, so the host scans it with a phone's camera and confirms the arrival there.
Drawn here by segno (no service, nothing fetched)."""

import io

import segno

from booking.models import Booking

from .checkin import check_in_path

CONTENT_ID = "check-in-qr"


def check_in_url(booking: Booking, base_url: str) -> str:
    """The absolute address the code holds."""
    return base_url.rstrip("/") + check_in_path(booking)


def check_in_png(booking: Booking, base_url: str) -> bytes:
    """The code as a small PNG (for e-mail, where inline SVG is not shown)."""
    buffer = io.BytesIO()
    segno.make(check_in_url(booking, base_url), error="m").save(
        buffer, kind="png", scale=5, border=4
    )
    return buffer.getvalue()


def check_in_svg(booking: Booking, base_url: str, title: str) -> str:
    """The code as inline SVG with an accessible title (for the guest's booking page)."""
    buffer = io.BytesIO()
    segno.make(check_in_url(booking, base_url), error="m").save(
        buffer, kind="svg", scale=4, border=4, xmldecl=False, title=title, svgclass="qr-code"
    )
    return buffer.getvalue().decode()
