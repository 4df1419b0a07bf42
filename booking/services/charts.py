"""Bar charts as inline SVG, drawn on the server: no script and nothing fetched from elsewhere.

Each chart is an image with a title and a description for screen readers (`role="img"`,
`<title>`, `<desc>`); the table next to it carries the same numbers as the accessible alternative.
"""

from collections.abc import Callable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
LABEL_WIDTH = 150
VALUE_WIDTH = 110
ROW_HEIGHT = 26
BAR_HEIGHT = 18
PADDING = 6


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[tuple[str, int]],
    *,
    value_text: Callable[[int], str] = str,
) -> SafeString:
    """A horizontal bar chart of (label, value) pairs, scaled to the largest value."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    height = PADDING * 2 + ROW_HEIGHT * max(len(bars), 1)
    largest = max((value for _, value in bars), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, (label, value) in enumerate(bars):
        top = PADDING + index * ROW_HEIGHT
        length = round(room * max(value, 0) / largest) if largest > 0 else 0
        middle = top + ROW_HEIGHT / 2
        rows.append(
            (
                LABEL_WIDTH - 8,
                middle,
                label,
                LABEL_WIDTH,
                top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                length,
                BAR_HEIGHT,
                LABEL_WIDTH + length + 6,
                middle,
                value_text(value),
            )
        )
    description = "; ".join(f"{label}: {value_text(value)}" for label, value in bars)
    body = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="report-chart__bar"></rect>'
        '<text x="{}" y="{}" dominant-baseline="middle">{}</text></g>',
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" id="{}" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-label="{}" aria-describedby="{}" '
        'font-size="13" fill="currentColor">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        chart_id,
        WIDTH,
        height,
        title,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        body,
    )
