"""Small SVG charts written by hand: a multi-series line chart and a horizontal bar chart.

Every mark carries a ``<title>`` (a tooltip in browsers) and ``data-`` attributes with the
numbers it stands for, so a reader can hover for figures and a test can check them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
DASHES = ("", "6 3", "2 3")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Series:
    """One line: a name, a key for ``data-series`` and one value per x label."""

    key: str
    name: str
    values: Sequence[float]


def nice_ticks(top: float, count: int = 5, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``top`` (1, 2 or 5 times a power of ten apart).

    ``whole``: counts, so steps are whole numbers.
    """
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1) if whole else step
    steps = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(steps + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def style(index: int) -> str:
    """Stroke colour and dash pattern of the ``index``-th series."""
    color = PALETTE[index % len(PALETTE)]
    dash = DASHES[(index // len(PALETTE)) % len(DASHES)]
    return f'stroke="{color}"' + (f' stroke-dasharray="{dash}"' if dash else "")


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    x_title: str,
    y_title: str,
    width: int = 860,
    height: int = 360,
) -> str:
    """One polyline per series over shared x labels, with axes, ticks and a legend."""
    left, right, top, bottom = 56, 200, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values]
    ticks = nice_ticks(max(values, default=0), whole=all(float(v).is_integer() for v in values))
    y_max = ticks[-1]

    def x(i: int) -> float:
        return left + (plot_w * i / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" {FONT}>',
        f"<title>{escape(y_title)} by {escape(x_title)}</title>",
    ]
    for t in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="#ddd"/><text class="y-tick" x="{left - 6}" y="{y(t) + 4:.1f}" '
            f'text-anchor="end">{_number(t)}</text>'
        )
    every = max(1, math.ceil(len(labels) / 8))
    last = len(labels) - 1
    for i, label in enumerate(labels):
        if i == last or (i % every == 0 and last - i >= every / 2):
            parts.append(
                f'<text class="x-tick" x="{x(i):.1f}" y="{top + plot_h + 18}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#333"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="#333"/>'
        f'<text class="axis-title" x="{left + plot_w / 2}" y="{height - 8}" '
        f'text-anchor="middle">{escape(x_title)}</text>'
        f'<text class="axis-title" transform="rotate(-90)" x="{-(top + plot_h / 2)}" y="14" '
        f'text-anchor="middle">{escape(y_title)}</text>'
    )
    for n, s in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        data = " ".join(_number(v).replace(",", "") for v in s.values)
        parts.append(
            f'<g class="series" data-series="{escape(s.key)}" data-values="{data}">'
            f"<title>{escape(s.name)}</title>"
            f'<polyline fill="none" stroke-width="2" {style(n)} points="{points}"/>'
        )
        for i, v in enumerate(s.values):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{PALETTE[n % 10]}">'
                f"<title>{escape(s.name)}, {escape(labels[i])}: {_number(v)}</title></circle>"
            )
        legend_y = top + 14 + 18 * n
        parts.append(
            f'<line x1="{width - right + 16}" x2="{width - right + 40}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" stroke-width="3" {style(n)}/>'
            f'<text class="legend" x="{width - right + 46}" y="{legend_y}">'
            f"{escape(s.name)}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    bars: Sequence[tuple[str, str, float, str]],
    *,
    x_title: str,
    ticks: Sequence[tuple[float, str]] = (
        (0, "0%"),
        (0.25, "25%"),
        (0.5, "50%"),
        (0.75, "75%"),
        (1, "100%"),
    ),
    width: int = 860,
) -> str:
    """Horizontal bars: (key, label, value, text shown after the bar); the last tick is the end."""
    left, right, top, row = 200, 160, 8, 24
    plot_w = width - left - right
    base = top + row * len(bars)
    maximum = ticks[-1][0]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" '
        f'viewBox="0 0 {width} {base + 48}" width="{width}" height="{base + 48}" role="img" {FONT}>',
        f"<title>{escape(x_title)}</title>",
    ]
    for value, text in ticks:
        x = left + plot_w * value / maximum
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{base}" stroke="#ddd"/>'
            f'<text class="x-tick" x="{x:.1f}" y="{base + 16}" text-anchor="middle">{text}</text>'
        )
    for n, (key, label, value, text) in enumerate(bars):
        y = top + row * n
        w = plot_w * value / maximum
        parts.append(
            f'<g class="bar" data-key="{escape(key)}" data-value="{value}">'
            f"<title>{escape(label)}: {escape(text)}</title>"
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{PALETTE[0]}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 16}">{escape(text)}</text></g>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{base}" stroke="#333"/>'
        f'<text class="axis-title" x="{left + plot_w / 2}" y="{base + 40}" '
        f'text-anchor="middle">{escape(x_title)}</text></svg>'
    )
    return "\n".join(parts)
