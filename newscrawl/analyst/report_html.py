"""``newscrawl report --html``: one self-contained page (inline SVG, no scripts, no links out).

Dated articles per site over time (one small chart per site, undated ones counted apart),
wire share per site, the stories with most copies, agencies, recent changes, and field
coverage, extraction confidence and listing pages per site over the last runs.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import TextIO

from newscrawl.analyst.report_data import ListingFigures, ReportData, RunFigures, gather
from newscrawl.store.access import open_readonly

INSTALL_HINT = "the HTML report needs matplotlib: pip install 'newscrawl[analyst]'"
CSS = """
body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem auto; max-width: 52rem;
  color: #222; }
h1 { margin-bottom: 0.2rem; } .summary, .note { color: #555; }
svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { padding: 0.2rem 0.5rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
"""


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], text_cols: int = 1) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="text">{escape(str(v))}</td>' if i < text_cols else f"<td>{v}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _shade(value: float | None) -> str:
    if value is None:
        return "<td>–</td>"
    light = 55 + int(40 * value)  # low shares stand out darker
    return f'<td style="background: hsl(210, 45%, {light}%)">{value:.0%}</td>'


def run_table(figures: RunFigures, names: dict[str, str], label: str) -> str:
    """Sites by rows, runs by columns, one shaded share per cell."""
    head = "".join(f"<th>{escape(r)}</th>" for r in figures.runs)
    rows = "".join(
        f"<tr><td>{escape(names.get(site, site))}</td>{''.join(_shade(v) for v in values)}</tr>"
        for site, values in sorted(figures.rows.items())
    )
    return f'<table data-figure="{escape(label)}"><tr><th>site</th>{head}</tr>{rows}</table>'


def listing_table(figures: ListingFigures, names: dict[str, str]) -> str:
    """Sites by rows, runs by columns: listing pages fetched / answered 304 / not due."""
    head = "".join(f"<th>{escape(r)}</th>" for r in figures.runs)
    rows = "".join(
        f"<tr><td>{escape(names.get(site, site))}</td>"
        + "".join(
            "<td>–</td>" if v is None else f"<td>{v[0]} / {v[1]} / {v[2]}</td>" for v in values
        )
        + "</tr>"
        for site, values in sorted(figures.rows.items())
    )
    return f'<table data-figure="listings"><tr><th>site</th>{head}</tr>{rows}</table>'


def _summary(data: ReportData, generated: str) -> str:
    total = sum(s.articles for s in data.sites)
    undated = sum(s.undated for s in data.sites)
    wire = sum(s.wire_copies for s in data.sites)
    return (
        f'<p class="summary">{total:,} articles from {len(data.sites)} sites '
        f"({undated:,} without a publication date); {wire / total:.1%} wire copy. "
        f"Generated {escape(generated)}.</p>"
    )


def _time_section(data: ReportData) -> list[str]:
    from newscrawl.analyst.charts import site_panels

    parts = [f"<h2>Articles per site per {data.period}</h2>"]
    if not data.days:
        return [*parts, '<p class="note">No article has a publication date.</p>']
    undated = {s.site: s.undated for s in data.sites}
    parts.append(site_panels(data.days, data.names, undated, data.period))
    if data.period == "week":
        parts.append('<p class="note">The first and the last week may be partly covered.</p>')
    return parts


def _tables(data: ReportData) -> list[str]:
    parts = ["<h2>Stories with most copies</h2>"]
    parts.append(
        _table(["story", "agency", "copies", "sites", "first published"], data.stories, 2)
        if data.stories
        else '<p class="note">No story was run by more than one site.</p>'
    )
    parts.append("<h2>Agencies</h2>")
    parts.append(
        _table(["agency", "stories", "copies", "sites running them"], data.agencies)
        if data.agencies
        else '<p class="note">No wire copy found.</p>'
    )
    parts.append("<h2>Recent changes</h2>")
    parts.append(
        _table(["detected (UTC)", "site", "headline before", "headline now"], data.changes, 4)
        if data.changes
        else '<p class="note">No change detected in re-fetched articles yet.</p>'
    )
    parts.append("<h2>Field coverage per site over the last runs</h2>")
    if any(f.rows for f in data.coverage.values()):
        for name, figures in data.coverage.items():
            parts += [f"<h3>{escape(name)}</h3>", run_table(figures, data.names, name)]
    else:
        parts.append('<p class="note">No runs recorded yet.</p>')
    if data.confidence is not None:
        parts.append("<h2>Extraction confidence per site over the last runs</h2>")
        parts.append('<p class="note">Mean over the article pages each run read.</p>')
        parts.append(run_table(data.confidence, data.names, "extraction_confidence"))
    if data.listings is not None:
        parts.append("<h2>Listing pages per site over the last runs</h2>")
        parts.append(
            '<p class="note">Fetched / answered 304 (unchanged) / not due (skipped by their '
            "revisit back-off). A site whose listings are read but yield nothing new is "
            "visited less often.</p>"
        )
        parts.append(listing_table(data.listings, data.names))
    return parts


def render(data: ReportData, title: str, generated: str) -> str:
    """The report page."""
    from newscrawl.analyst.charts import share_bars

    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if not data.sites:
        parts.append('<p class="summary">No articles in this archive yet.</p></body></html>')
        return "\n".join(parts)
    parts += [_summary(data, generated), *_time_section(data), "<h2>Wire share per site</h2>"]
    by_share = sorted(data.sites, key=lambda s: (-s.wire_share, s.site))
    parts.append(
        share_bars([s.name for s in by_share], [s.site for s in by_share],
                   [s.wire_share for s in by_share])
    )  # fmt: skip
    parts += _tables(data)
    parts.append("<h2>Figures</h2>")
    parts.append(
        _table(
            ["site", "articles", "undated", "wire copies", "wire share"],
            [
                (
                    s.name,
                    f"{s.articles:,}",
                    f"{s.undated:,}",
                    f"{s.wire_copies:,}",
                    f"{s.wire_share:.1%}",
                )
                for s in data.sites
            ],
        )
    )
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(db: Path, out: Path, err: TextIO | None = None) -> int:
    """Write the HTML report of the archive at ``db`` to ``out``; the exit code."""
    err = err or sys.stderr
    if importlib.util.find_spec("matplotlib") is None:
        err.write(f"newscrawl report: {INSTALL_HINT}\n")
        return 2
    conn = open_readonly(db)
    try:
        data = gather(conn)
    finally:
        conn.close()
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data, f"newscrawl archive {db.name}", generated), encoding="utf-8")
    articles = sum(s.articles for s in data.sites)
    err.write(f"Wrote {out}: {articles:,} articles, {len(data.sites)} sites.\n")
    return 0
