"""``newscrawl report --html``: one self-contained page of charts (inline SVG, no scripts).

Articles per site over time (per day, or per week for spans over 92 days; one chart, or one
small panel per site when there are many) and the share of wire copy per site, then the
figures as a table.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import TextIO

from newscrawl.analyst.svg import Series, bar_chart, line_chart, small_multiples
from newscrawl.store.access import open_readonly

DAILY_UP_TO_DAYS = 92
#: More sites than this are drawn as small multiples (one panel each) instead of one chart.
MAX_LINES = 8
CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 900px; color: #222; }
h1 { margin-bottom: 0.2rem; } .summary, .note { color: #555; }
table { border-collapse: collapse; margin-top: 0.5rem; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
"""


@dataclass(frozen=True)
class SiteRow:
    """One site's totals (from the wire_share view)."""

    site: str
    name: str
    articles: int
    wire_copies: int
    wire_share: float
    first_day: str
    last_day: str


@dataclass(frozen=True)
class ReportData:
    """What the report shows: periods, articles per site and period, per-site totals."""

    period: str  # "day" or "week"
    labels: list[str]
    counts: dict[str, list[int]]
    sites: list[SiteRow]
    left_out: list[str] = field(default_factory=list)  # partial weeks at either end


def _bucket(day: date, period: str) -> date:
    return day - timedelta(days=day.weekday()) if period == "week" else day


def gather(conn: sqlite3.Connection) -> ReportData:
    """Read the daily_counts and wire_share views into report data."""
    sites = [
        SiteRow(site, name or site, articles, wire, share, first, last)
        for site, name, articles, wire, share, first, last in conn.execute(
            "SELECT site, site_name, articles, wire_copies, wire_share, first_day, last_day "
            "FROM wire_share ORDER BY articles DESC, site"
        )
    ]
    daily = [
        (site, date.fromisoformat(day), n)
        for site, day, n in conn.execute("SELECT site, day, articles FROM daily_counts")
        if day
    ]
    if not daily:
        return ReportData("day", [], {}, sites)
    first, last = min(d for _, d, _ in daily), max(d for _, d, _ in daily)
    period = "day" if (last - first).days < DAILY_UP_TO_DAYS else "week"
    if period == "day":
        step, start, end = timedelta(days=1), first, last
    else:  # whole weeks only: a week with a few days of data would look like a collapse
        step = timedelta(days=7)
        start = _bucket(first + timedelta(days=6), period)
        end = _bucket(last + timedelta(days=1), period) - step
    buckets = [start + step * i for i in range((end - start) // step + 1)]
    left_out = sorted({_bucket(first, period), _bucket(last, period)} - set(buckets))
    index = {b: i for i, b in enumerate(buckets)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    for site, day, n in daily:
        if (i := index.get(_bucket(day, period))) is not None:
            counts[site][i] += n
    labels = [b.isoformat() for b in buckets]
    return ReportData(period, labels, dict(counts), sites, [d.isoformat() for d in left_out])


def render(data: ReportData, title: str, generated: str) -> str:
    """The report page."""
    total = sum(s.articles for s in data.sites)
    wire = sum(s.wire_copies for s in data.sites)
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if not total:
        parts.append('<p class="summary">No articles in this archive yet.</p></body></html>')
        return "\n".join(parts)
    first = min(s.first_day for s in data.sites)
    last = max(s.last_day for s in data.sites)
    parts.append(
        f'<p class="summary">{total:,} articles from {len(data.sites)} sites, {first} to {last} '
        f"(UTC); {wire / total:.1%} wire copy. Generated {escape(generated)}.</p>"
    )
    series = [
        Series(s.site, s.name, data.counts[s.site]) for s in data.sites if s.site in data.counts
    ]
    parts += [
        f"<h2>Articles per site per {data.period}</h2>",
        line_chart(
            data.labels,
            series,
            x_title="week starting (Monday, UTC)" if data.period == "week" else "day (UTC)",
            y_title=f"articles per {data.period}",
        )
        if len(series) <= MAX_LINES
        else small_multiples(
            data.labels, series, title=f"articles per {data.period} and site (same scale)"
        ),
        *(
            [
                '<p class="note">Left out of the chart as the archive covers only part of '
                f"{'them' if len(data.left_out) > 1 else 'it'}: the "
                f"week{'s' if len(data.left_out) > 1 else ''} of {' and '.join(data.left_out)}.</p>"
            ]
            if data.left_out
            else []
        ),
        "<h2>Wire share per site</h2>",
        bar_chart(
            [
                (
                    s.site,
                    s.name,
                    s.wire_share,
                    f"{s.wire_share:.1%} ({s.wire_copies:,} of {s.articles:,})",
                )
                for s in sorted(data.sites, key=lambda s: (-s.wire_share, s.site))
            ],
            x_title="share of articles that are wire copy",
        ),
        "<h2>Figures</h2>",
        "<table><tr><th>site</th><th>articles</th><th>wire copies</th><th>wire share</th>"
        "<th>first day</th><th>last day</th></tr>",
    ]
    parts += [
        f"<tr><td>{escape(s.name)}</td><td>{s.articles:,}</td><td>{s.wire_copies:,}</td>"
        f"<td>{s.wire_share:.1%}</td><td>{s.first_day}</td><td>{s.last_day}</td></tr>"
        for s in data.sites
    ]
    parts.append("</table></body></html>")
    return "\n".join(parts)


def write_report(db: Path, out: Path, err: TextIO | None = None) -> int:
    """Write the HTML report of the archive at ``db`` to ``out``; the exit code."""
    err = err or sys.stderr
    conn = open_readonly(db)
    try:
        data = gather(conn)
    finally:
        conn.close()
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data, f"newscrawl archive {db.name}", generated), encoding="utf-8")
    err.write(f"Wrote {out}: {sum(s.articles for s in data.sites):,} articles, ")
    err.write(f"{len(data.sites)} sites.\n")
    return 0
