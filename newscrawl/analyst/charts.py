"""The report's charts, drawn by matplotlib as SVG (``pip install 'newscrawl[analyst]'``).

Text stays text (``svg.fonttype: none``), so a browser lays it out and a test can measure
it; each site's panel is an SVG group ``id="site-<key>"``. Tick labels are placed by
matplotlib's date locator and concise formatter, a few per axis, so they do not collide.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import matplotlib
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

COLOR, WIRE_COLOR = "#4e79a7", "#f28e2b"
STYLE: Any = {
    "svg.fonttype": "none",  # <text> elements, not glyph outlines
    "svg.hashsalt": "newscrawl",  # the same ids every time
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
WIDTH = 8.0  # inches; panels are drawn at 96 px per inch by browsers


def _svg(fig: Figure) -> str:
    """The figure as an inline <svg> element (no XML prolog, no fixed pt size)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    return re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)


def site_panels(
    days: Mapping[str, Mapping[date, int]],
    names: Mapping[str, str],
    undated: Mapping[str, int],
    period: str,
) -> str:
    """One small bar chart per site of dated articles per day or week, on one time axis and
    one count scale; the panel title says how many undated articles were left out."""
    sites = [s for s in names if s in days]
    first = min(min(d) for d in days.values())
    last = max(max(d) for d in days.values())
    width = 6 if period == "week" else 0.8
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.4 + 1.25 * len(sites)), layout="constrained")
        axes = fig.subplots(len(sites), 1, sharex=True, sharey=True, squeeze=False)[:, 0]
        for ax, site in zip(axes, sites, strict=True):
            ax.set_gid(f"site-{site}")
            counts = sorted(days[site].items())
            ax.bar([d for d, _ in counts], [n for _, n in counts], width=width, color=COLOR)
            extra = f" ({undated[site]} undated, not shown)" if undated.get(site) else ""
            ax.set_title(f"{names[site]}{extra}", loc="left", fontsize=9)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
            ax.grid(axis="y", color="#ddd", linewidth=0.6)
            ax.set_axisbelow(True)
        locator = AutoDateLocator(minticks=3, maxticks=8)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
        margin = timedelta(days=7 if period == "week" else 1)
        axes[-1].set_xlim(first - margin, last + margin)
        axes[-1].set_xlabel(
            "week of publication (Monday, UTC)" if period == "week" else "day of publication (UTC)"
        )
        fig.supylabel(f"articles per {period}", fontsize=9)
    return _svg(fig)


def share_bars(labels: Sequence[str], keys: Sequence[str], shares: Sequence[float]) -> str:
    """Horizontal bars of a share (0 to 1) per site, each labelled with its percentage."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.6 + 0.3 * len(labels)), layout="constrained")
        ax = fig.subplots()
        rows = list(range(len(labels)))[::-1]
        bars = ax.barh(rows, shares, color=WIRE_COLOR, height=0.6)
        for bar, key in zip(bars, keys, strict=True):
            bar.set_gid(f"share-{key}")
        ax.bar_label(bars, labels=[f"{s:.0%}" for s in shares], padding=3)
        ax.set_yticks(rows, labels)
        ax.set_xlim(0, 1.12)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("share of the site's articles that are wire copy")
    return _svg(fig)
