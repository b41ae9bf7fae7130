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


@dataclass(frozen=True)
class Frame:
    """A plot area in SVG units and the scale mapping label indexes and values into it."""

    left: float
    top: float
    width: float
    height: float
    points: int
    y_max: float

    def x(self, i: int) -> float:
        span = self.width * i / (self.points - 1) if self.points > 1 else self.width / 2
        return self.left + span

    def y(self, value: float) -> float:
        return self.top + self.height - self.height * value / self.y_max

    @property
    def bottom(self) -> float:
        return self.top + self.height


def _ticks(series: Sequence[Series]) -> list[float]:
    values = [v for s in series for v in s.values]
    return nice_ticks(max(values, default=0), whole=all(float(v).is_integer() for v in values))


def _open_svg(kind: str, width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" {FONT}>',
        f"<title>{escape(title)}</title>",
    ]


def _series(frame: Frame, labels: Sequence[str], s: Series, n: int, dot: float) -> str:
    """A series' group (left open for a legend): polyline, and a dot with a tooltip per value."""
    points = " ".join(f"{frame.x(i):.1f},{frame.y(v):.1f}" for i, v in enumerate(s.values))
    data = " ".join(_number(v).replace(",", "") for v in s.values)
    parts = [
        f'<g class="series" data-series="{escape(s.key)}" data-values="{data}">'
        f"<title>{escape(s.name)}</title>"
        f'<polyline fill="none" stroke-width="2" {style(n)} points="{points}"/>'
    ]
    parts += [
        f'<circle cx="{frame.x(i):.1f}" cy="{frame.y(v):.1f}" r="{dot}" '
        f'fill="{PALETTE[n % len(PALETTE)]}">'
        f"<title>{escape(s.name)}, {escape(labels[i])}: {_number(v)}</title></circle>"
        for i, v in enumerate(s.values)
    ]
    return "".join(parts)


def _x_ticks(frame: Frame, labels: Sequence[str], every: int) -> list[str]:
    """Every ``every``-th label and the last, the end labels kept inside the plot's width."""
    last = len(labels) - 1
    anchors = {0: "start", last: "end"} if last else {}
    return [
        f'<text class="x-tick" x="{frame.x(i):.1f}" y="{frame.bottom + 16}" '
        f'text-anchor="{anchors.get(i, "middle")}">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i == last or (i % every == 0 and last - i >= every / 2)
    ]


def _y_ticks(frame: Frame, ticks: Sequence[float]) -> list[str]:
    return [
        f'<line x1="{frame.left}" x2="{frame.left + frame.width}" y1="{frame.y(t):.1f}" '
        f'y2="{frame.y(t):.1f}" stroke="#ddd"/><text class="y-tick" x="{frame.left - 6}" '
        f'y="{frame.y(t) + 4:.1f}" text-anchor="end">{_number(t)}</text>'
        for t in ticks
    ]


def _axes(frame: Frame) -> str:
    return (
        f'<line x1="{frame.left}" x2="{frame.left}" y1="{frame.top}" y2="{frame.bottom}" '
        f'stroke="#333"/><line x1="{frame.left}" x2="{frame.left + frame.width}" '
        f'y1="{frame.bottom}" y2="{frame.bottom}" stroke="#333"/>'
    )


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
    right = 200
    ticks = _ticks(series)
    frame = Frame(56, 16, width - 56 - right, height - 16 - 56, len(labels), ticks[-1])
    parts = _open_svg("line-chart", width, height, f"{y_title} by {x_title}")
    parts += _y_ticks(frame, ticks)
    parts += _x_ticks(frame, labels, max(1, math.ceil(len(labels) / 8)))
    parts.append(
        _axes(frame) + f'<text class="axis-title" x="{frame.left + frame.width / 2}" '
        f'y="{height - 8}" text-anchor="middle">{escape(x_title)}</text>'
        f'<text class="axis-title" transform="rotate(-90)" x="{-(frame.top + frame.height / 2)}" '
        f'y="14" text-anchor="middle">{escape(y_title)}</text>'
    )
    for n, s in enumerate(series):
        legend_y = frame.top + 14 + 18 * n
        parts.append(
            _series(frame, labels, s, n, dot=2.5)
            + f'<line x1="{width - right + 16}" x2="{width - right + 40}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" stroke-width="3" {style(n)}/>'
            f'<text class="legend" x="{width - right + 46}" y="{legend_y}">'
            f"{escape(s.name)}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def small_multiples(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    columns: int = 4,
    width: int = 860,
    panel_height: int = 130,
) -> str:
    """One small panel per series, all on the same scale: readable with many series."""
    ticks = _ticks(series)
    panel_w = width / columns
    rows = math.ceil(len(series) / columns)
    parts = _open_svg("small-multiples", width, rows * panel_height, title)
    for n, s in enumerate(series):
        px, py = panel_w * (n % columns), panel_height * (n // columns)
        frame = Frame(px + 40, py + 24, panel_w - 56, panel_height - 56, len(labels), ticks[-1])
        parts.append(
            f'<text class="panel-title" x="{frame.left}" y="{py + 14}" font-weight="bold">'
            f"{escape(s.name)}</text>"
        )
        parts += _y_ticks(frame, [0, ticks[-1]])
        parts += _x_ticks(frame, labels, max(1, len(labels) - 1))
        parts.append(_axes(frame) + _series(frame, labels, s, 0, dot=1.5) + "</g>")
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
    parts = _open_svg("bar-chart", width, base + 48, x_title)
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
