"""What ``newscrawl report --html`` shows, read from an archive (read-only queries).

Time series count dated articles only, by UTC day of publication: an article without a
date is counted apart, never placed at the day it was fetched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from newscrawl.store.site_figures import COVERAGE_FIELDS, Run, recent_runs

#: Spans longer than this many days are counted per week (Monday, UTC) instead of per day.
DAILY_UP_TO_DAYS = 92
#: Rows of the "stories with most copies" and "recent changes" tables; runs in the
#: coverage and confidence tables.
TOP_STORIES, RECENT_CHANGES, RUNS = 10, 10, 8


@dataclass(frozen=True)
class SiteRow:
    """One site's totals."""

    site: str
    name: str
    articles: int
    dated: int
    wire_copies: int

    @property
    def undated(self) -> int:
        return self.articles - self.dated

    @property
    def wire_share(self) -> float:
        return self.wire_copies / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class RunFigures:
    """A per-site figure over the last runs: run labels and one row of values per site."""

    runs: list[str]
    rows: dict[str, list[float | None]]


@dataclass(frozen=True)
class ListingFigures:
    """Listing pages per site and run: (fetched, answered 304, not due) or None."""

    runs: list[str]
    rows: dict[str, list[tuple[int, int, int] | None]]


@dataclass
class ReportData:
    """Everything the report shows."""

    sites: list[SiteRow]
    period: str = "day"  # or "week"
    days: dict[str, dict[date, int]] = field(default_factory=dict)  # site -> period -> n
    stories: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    agencies: list[tuple[str, int, int, int]] = field(default_factory=list)
    changes: list[tuple[str, str, str, str]] = field(default_factory=list)
    coverage: dict[str, RunFigures] = field(default_factory=dict)  # field -> figures
    confidence: RunFigures | None = None
    listings: ListingFigures | None = None

    @property
    def names(self) -> dict[str, str]:
        return {s.site: s.name for s in self.sites}


def _sites(conn: sqlite3.Connection) -> list[SiteRow]:
    return [
        SiteRow(site, name or site, n, dated, wire)
        for site, name, n, dated, wire in conn.execute(
            "SELECT a.site, max(s.name), count(*), "
            "sum(a.published IS NOT NULL AND datetime(a.published) IS NOT NULL), "
            "sum(coalesce(a.wire_source, '') != '') "
            "FROM articles a LEFT JOIN sites s ON s.site = a.site "
            "GROUP BY a.site ORDER BY count(*) DESC, a.site"
        )
    ]


def bucket(day: date, period: str) -> date:
    """The first day of the period ``day`` falls in."""
    return day - timedelta(days=day.weekday()) if period == "week" else day


def _days(conn: sqlite3.Connection) -> tuple[str, dict[str, dict[date, int]]]:
    rows = [
        (site, date.fromisoformat(day), n)
        for site, day, n in conn.execute(
            "SELECT site, date(published) AS day, count(*) FROM articles "
            "WHERE day IS NOT NULL GROUP BY site, day"
        )
    ]
    if not rows:
        return "day", {}
    span = max(d for _, d, _ in rows) - min(d for _, d, _ in rows)
    period = "day" if span.days < DAILY_UP_TO_DAYS else "week"
    counts: dict[str, dict[date, int]] = {}
    for site, day, n in rows:
        per_site = counts.setdefault(site, {})
        per_site[bucket(day, period)] = per_site.get(bucket(day, period), 0) + n
    return period, counts


def _stories(conn: sqlite3.Connection) -> list[tuple[str, str, int, int, str]]:
    """Headline, agency, copies, sites and first publication of the most copied stories."""
    return [
        (headline or "(no headline)", agency or "", copies, sites, first or "")
        for headline, agency, copies, sites, first in conn.execute(
            "SELECT s.headline, s.wire_source, s.copies, count(DISTINCT a.site), "
            "s.first_published FROM stories s JOIN articles a ON a.story_id = s.id "
            "WHERE s.copies > 1 GROUP BY s.id ORDER BY s.copies DESC, s.id LIMIT ?",
            [TOP_STORIES],
        )
    ]


def _agencies(conn: sqlite3.Connection) -> list[tuple[str, int, int, int]]:
    """Agency, stories, copies and sites running them."""
    return conn.execute(
        "SELECT wire_source, count(DISTINCT story_id), count(*), count(DISTINCT site) "
        "FROM articles WHERE coalesce(wire_source, '') != '' GROUP BY wire_source "
        "ORDER BY count(*) DESC, wire_source"
    ).fetchall()


def _changes(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """When, site, old headline and current headline of the latest detected changes."""
    return conn.execute(
        "SELECT v.replaced, a.site, coalesce(v.headline, ''), coalesce(a.headline, '') "
        "FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "ORDER BY v.replaced DESC, v.id DESC LIMIT ?",
        [RECENT_CHANGES],
    ).fetchall()


def _coverage(runs: list[Run]) -> dict[str, RunFigures]:
    return {name: _run_figures(runs, f"{name}_share") for name in COVERAGE_FIELDS}


def _confidence(runs: list[Run]) -> RunFigures | None:
    """Mean extraction confidence per site and run (None when no run recorded one)."""
    figures = _run_figures(runs, "extraction_confidence")
    return figures if any(v is not None for r in figures.rows.values() for v in r) else None


def _listings(runs: list[Run]) -> ListingFigures | None:
    """Listing pages fetched, answered 304 and not due per site and run (None when no run
    recorded them)."""
    columns = ("listings_fetched", "listings_not_modified", "listings_skipped")
    sites = sorted({s for run in runs for s in run.sites})
    rows: dict[str, list[tuple[int, int, int] | None]] = {}
    for site in sites:
        values = [tuple(run.sites.get(site, {}).get(c) for c in columns) for run in runs]
        rows[site] = [
            (int(v[0]), int(v[1] or 0), int(v[2] or 0)) if v[0] is not None else None
            for v in values
        ]
    if not any(v for row in rows.values() for v in row):
        return None
    return ListingFigures([f"#{run.id}" for run in runs], rows)


def _run_figures(runs: list[Run], column: str) -> RunFigures:
    """``column`` of ``crawl_sites`` per site (rows) and run (columns)."""
    sites = sorted({s for run in runs for s in run.sites})
    return RunFigures(
        [f"#{run.id}" for run in runs],
        {
            site: [run.sites[site].get(column) if site in run.sites else None for run in runs]
            for site in sites
        },
    )


def gather(conn: sqlite3.Connection) -> ReportData:
    """Read everything the report shows."""
    period, days = _days(conn)
    runs = recent_runs(conn, RUNS)
    return ReportData(
        sites=_sites(conn),
        period=period,
        days=days,
        stories=_stories(conn),
        agencies=_agencies(conn),
        changes=_changes(conn),
        coverage=_coverage(runs),
        confidence=_confidence(runs),
        listings=_listings(runs),
    )
