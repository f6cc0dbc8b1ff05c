"""Small charts drawn on the server as inline SVG (no script): counts per day as bars, each with its
label and a tooltip; all text escaped."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from markupsafe import Markup

WIDTH, HEIGHT, LABEL = 720, 120, 28  # px; LABEL: room for the date labels under the bars
MAX_BARS = 120  # more days than this are shown as the last ones


def bar_chart(points: list[tuple[str, int]], caption: str, href: str | None = None) -> Markup:
    """Bars for (day, count) pairs in date order; `href` with `{label}` links each bar (escaped)."""
    points = points[-MAX_BARS:]
    if not points:
        return Markup("")
    top = max(n for _, n in points) or 1
    step = WIDTH / len(points)
    bar = max(step * 0.7, 1.0)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT + LABEL}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(caption)}</title>']
    every = max(1, len(points) // 8)  # at most about eight labels
    for i, (label, n) in enumerate(points):
        h = max(HEIGHT * n / top, 2.0)
        x = i * step + (step - bar) / 2
        rect = (f'<rect x="{x:.1f}" y="{HEIGHT - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(label)}: {n}</title></rect>")
        if href:
            rect = f'<a href="{escape(href.format(label=quote(label)))}">{rect}</a>'
        parts.append(rect)
        if i % every == 0:
            parts.append(f'<text x="{i * step + step / 2:.1f}" y="{HEIGHT + 16}" text-anchor="middle">'
                         f"{escape(label)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
