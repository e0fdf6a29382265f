"""Charts as inline SVG: they render the same in a browser, in the PDF and offline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 680, 190, 84, 24, 10


def nice_ceiling(value: Decimal) -> Decimal:
    """The next round number at or above ``value`` (1, 2, 2.5 or 5 x a power of ten), so the
    axis ticks read 0 / 2,500 / 5,000 / 7,500 / 10,000."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= power * step:
            return power * step
    return power * 10


def has_last_year(days: list[tuple[date, Decimal, Decimal | None]]) -> bool:
    """Whether any day of the chart has year-ago data (else no year-ago line is drawn)."""
    return any(ly is not None for _, _, ly in days)


def sales_svg(
    days: list[tuple[date, Decimal, Decimal | None]], money: Callable[[Decimal], str], lang: str
) -> Markup:
    """Bars of sales per day, a line of the same weekday last year, a labelled y axis.

    The year-ago line is drawn only through days that have year-ago data (``None``: none):
    a gap where data is missing, no line at all without any, never a line at zero.
    """
    if not days:
        return Markup("")
    top = nice_ceiling(max(max(s, ly or Decimal(0)) for _, s, ly in days))
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / len(days)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" class="chart">']  # fmt: skip
    for i in range(5):
        value = top * Decimal(i) / 4
        y = PAD_TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{PAD_LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#E3E8EF" stroke-width="1"/>'
                     f'<text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="10" fill="#5B6B7F">{escape(money(value))}</text>')  # fmt: skip
    segments: list[list[str]] = [[]]
    for i, (day, sales, last_year) in enumerate(days):
        h = float(sales / top) * plot_h
        x = PAD_LEFT + i * step
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{PAD_TOP + plot_h - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="#3D7BD9" rx="1.5"/>'
        )
        if last_year is None:
            segments.append([])  # a gap: no year-ago data that day
        else:
            segments[-1].append(
                f"{x + step / 2:.1f},{PAD_TOP + plot_h - float(last_year / top) * plot_h:.1f}"
            )
        if len(days) <= 16 or i % max(1, len(days) // 10) == 0:
            text = day.strftime("%m-%d") if lang == "en" else f"{day.month}/{day.day}"
            parts.append(f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle" '
                         f'font-size="10" fill="#5B6B7F">{text}</text>')  # fmt: skip
    for points in segments:
        if len(points) == 1:  # a lone year-ago day between gaps: a dot, not a line
            cx, cy = points[0].split(",")
            parts.append(f'<circle class="last-year" cx="{cx}" cy="{cy}" r="2" fill="#E8833A"/>')
        elif points:
            parts.append(f'<polyline class="last-year" points="{" ".join(points)}" fill="none" '
                         f'stroke="#E8833A" stroke-width="2" stroke-dasharray="4 3"/>')  # fmt: skip
    parts.append("</svg>")
    return Markup("".join(parts))
