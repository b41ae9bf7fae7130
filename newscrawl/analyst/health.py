"""``newscrawl report``: per-site health over recent runs, with the problems flagged.

A site is flagged in the latest run when it failed (no answer to any request), when the
article URLs it showed fell sharply below the median of its earlier runs although it read
about as many listing pages as usual (a redesign that broke link discovery; a run whose
listings were not due, or answered 304, is not judged on it), or when the share of its
article pages with a headline, byline, date or body fell sharply, or the mean extraction
confidence of the articles it first stored in the latest run fell sharply below that of its
earlier articles (a redesign that broke extraction). A site skipped (no browser for a
``render = true`` site) is flagged, and so is one whose plain pages keep needing a browser
(scripts build them: "needs rendering: set render = true"). A latest run that failed or
never finished is flagged too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any, TextIO

from newscrawl.store.queries import CopyEdits, copy_edits
from newscrawl.store.site_figures import COVERAGE_FIELDS, Run, recent_runs

#: A figure is flagged when it falls below (1 - DROP) times the median of earlier runs.
DROP = 0.5
#: Counts and shares are compared only over at least this many articles (noise guard).
MIN_ARTICLES = 5
#: A site is flagged as needing rendering when this many of its plain pages needed it.
MIN_NEEDING_RENDERING = 2
SKIP_REASONS = {
    "no_browser": "render = true, but no browser: install chromium or set NEWSCRAWL_BROWSER"
}


@dataclass(frozen=True)
class Flag:
    """A problem of one site (or of the run itself when ``site`` is None)."""

    site: str | None
    message: str


def _listings_read(row: dict[str, Any]) -> int:
    """Listing pages a run read (answered 200): where it finds article URLs."""
    return (row.get("listings_fetched") or 0) - (row.get("listings_not_modified") or 0)


def site_flags(
    site: str,
    latest: dict[str, Any],
    earlier: Sequence[dict[str, Any]],
    drop: float = DROP,
    min_articles: int = MIN_ARTICLES,
) -> list[Flag]:
    """The problems of ``site`` in its latest figures compared with its earlier runs."""
    if latest["status"] == "failed":
        return [Flag(site, f"failed: no answer to any request ({latest['errors']} errors)")]
    if latest["status"] == "skipped":
        reason = latest["skip_reason"]
        return [Flag(site, f"skipped ({reason}): {SKIP_REASONS.get(reason, reason)}")]
    flags = []
    needing = latest.get("pages_needing_rendering") or 0
    if needing >= MIN_NEEDING_RENDERING:
        message = f"needs rendering: set render = true ({needing} pages are built by scripts)"
        flags.append(Flag(site, message))
    usable = [row for row in earlier if row["status"] == "ok"]
    found = [row["articles_found"] for row in usable]
    base = median(found) if found else 0
    read = [_listings_read(row) for row in usable]
    looked = _listings_read(latest) >= (median(read) if read else 0) * (1 - drop)
    if looked and base >= min_articles and latest["articles_found"] < base * (1 - drop):
        message = f"article URLs found fell to {latest['articles_found']} from a median of {base:g}"
        flags.append(Flag(site, message))
    if latest["article_pages"] >= min_articles:
        for name in COVERAGE_FIELDS:
            share = latest[f"{name}_share"]
            shares = [
                row[f"{name}_share"]
                for row in usable
                if row["article_pages"] >= min_articles and row[f"{name}_share"] is not None
            ]
            if share is None or not shares:
                continue
            base = median(shares)
            if base > 0 and share < base * (1 - drop):
                flags.append(
                    Flag(site, f"{name} coverage fell to {share:.0%} from a median of {base:.0%}")
                )
    return flags


def run_flags(runs: Sequence[Run]) -> list[Flag]:
    """Problems of the latest run itself (failed, or still 'running': killed or running)."""
    if not runs:
        return []
    last = runs[-1]
    if last.status == "failed":
        return [Flag(None, f"the last run (#{last.id}) failed ({last.finish_reason})")]
    if last.status == "running":
        return [Flag(None, f"the last run (#{last.id}) has not finished: running, or killed")]
    return []


def health_flags(
    runs: Sequence[Run], drop: float = DROP, min_articles: int = MIN_ARTICLES
) -> list[Flag]:
    """Every flag of the latest run and of each site's latest figures."""
    flags = run_flags(runs)
    for site in sorted({s for run in runs for s in run.sites}):
        rows = [run.sites[site] for run in runs if site in run.sites]
        flags += site_flags(site, rows[-1], rows[:-1], drop, min_articles)
    return flags


def confidence_flags(
    conn: sqlite3.Connection,
    runs: Sequence[Run],
    drop: float = DROP,
    min_articles: int = MIN_ARTICLES,
) -> list[Flag]:
    """Sites whose new articles of the latest run are extracted with far less confidence."""
    if not runs:
        return []
    since = runs[-1].started
    means: dict[str, dict[bool, tuple[float, int]]] = {}
    for site, new, mean, count in conn.execute(
        "SELECT site, first_seen >= ?, avg(extraction_confidence), count(*) FROM articles "
        "WHERE extraction_confidence IS NOT NULL GROUP BY site, first_seen >= ?",
        [since, since],
    ):
        means.setdefault(site, {})[bool(new)] = (mean, count)
    flags = []
    for site, parts in sorted(means.items()):
        (latest, n_latest), (base, n_base) = parts.get(True, (0, 0)), parts.get(False, (0, 0))
        if min(n_latest, n_base) >= min_articles and latest < base * (1 - drop):
            message = f"extraction confidence fell to {latest:.2f} from {base:.2f}"
            flags.append(Flag(site, message))
    return flags


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)  # None: a run before the figure existed


_HEADER = (
    f"{'run':>5} {'started':<20} {'fetched':>7} {'304':>5} {'skipped':>7} {'found':>6} "
    f"{'new':>5} {'changed':>7} {'dropped':>7} {'errors':>6}  "
    f"{'headline':>8} {'byline':>6} {'date':>5} {'body':>5}  "
    f"{'listings':>8} {'l.304':>5} {'not due':>7}"
)


def _site_line(run: Run, row: dict[str, Any]) -> str:
    line = (
        f"{run.id:>5} {run.started[:19]:<20} {row['pages_fetched']:>7} "
        f"{row['pages_not_modified']:>5} {row['pages_skipped']:>7} {row['articles_found']:>6} "
        f"{row['articles_new']:>5} {row['articles_changed']:>7} {row['articles_dropped']:>7} "
        f"{row['errors']:>6}  {_percent(row['headline_share']):>8} "
        f"{_percent(row['byline_share']):>6} {_percent(row['published_share']):>5} "
        f"{_percent(row['body_share']):>5}  {_count(row['listings_fetched']):>8} "
        f"{_count(row['listings_not_modified']):>5} {_count(row['listings_skipped']):>7}"
    )
    if row.get("pages_rendered"):
        line += f"  rendered {row['pages_rendered']}"
    if row["status"] == "skipped":
        return line + f"  SKIPPED ({row['skip_reason']})"
    return line + ("  FAILED" if row["status"] == "failed" else "")


def copies_line(edits: CopyEdits) -> str:
    """One line on what the sites changed in the copies of syndicated stories."""
    return (
        f"Copies: {edits.copies} in {edits.stories} stories: lead rewritten "
        f"{edits.lead_rewritten}, paragraphs moved {edits.paragraphs_moved}, truncated "
        f"{edits.truncated}, headline changed {edits.headline_changed}, text added "
        f"{edits.text_added}; {edits.write_throughs} write-throughs "
        f"({edits.later_versions} copies of a later version)\n"
    )


def write_report(conn: sqlite3.Connection, out: TextIO, runs_wanted: int = 10) -> int:
    """Print per-site health over the last runs and what the copies changed; the number of
    flags."""
    runs = recent_runs(conn, runs_wanted)
    edits = copy_edits(conn)
    if not runs:
        out.write("No runs recorded yet.\n" + (copies_line(edits) if edits.copies else ""))
        return 0
    names = dict(conn.execute("SELECT site, name FROM sites").fetchall())
    count = "the last run" if len(runs) == 1 else f"the last {len(runs)} runs (oldest first)"
    out.write(f"Health over {count}\n\nRuns:\n")
    out.write(f"{'run':>5} {'started (UTC)':<20} {'status':<9} Scrapy's finish reason\n")
    for run in runs:
        status = "killed" if run.status == "running" and run is not runs[-1] else run.status
        out.write(f"{run.id:>5} {run.started[:19]:<20} {status:<9} {run.finish_reason or ''}\n")
    flags = health_flags(runs) + confidence_flags(conn, runs)
    for site in sorted({s for run in runs for s in run.sites}):
        out.write(f"\n{names.get(site) or site} ({site})\n{_HEADER}\n")
        for run in runs:
            if site in run.sites:
                out.write(_site_line(run, run.sites[site]) + "\n")
        for flag in flags:
            if flag.site == site:
                out.write(f"  ! {flag.message}\n")
    out.write("\n")
    for flag in flags:
        if flag.site is None:
            out.write(f"! {flag.message}\n")
    if edits.copies:
        out.write(copies_line(edits))
    out.write(f"{len(flags)} problem(s) flagged.\n" if flags else "No problems flagged.\n")
    return len(flags)
