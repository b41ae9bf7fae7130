"""Per-site run figures (``crawl_sites``): written by the run log, read by the health report."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Fields whose share among a run's article pages is recorded per site (coverage).
COVERAGE_FIELDS = ("headline", "byline", "published", "body")
_SITE_COLUMNS = (
    "site", "status", "pages_fetched", "pages_not_modified", "pages_skipped", "errors",
    "articles_found", "article_pages", "articles_new", "articles_changed",
    "articles_unchanged", "articles_dropped", "dropped_reasons",
    *(f"{name}_share" for name in COVERAGE_FIELDS),
    "listings_fetched", "listings_not_modified", "listings_skipped", "requests_by_kind",
    "extraction_confidence",
    "pages_rendered", "pages_needing_rendering", "skip_reason",
)  # fmt: skip


def save_site_figures(
    conn: sqlite3.Connection, crawl_id: int, rows: Iterable[Mapping[str, Any]]
) -> None:
    """Write one ``crawl_sites`` row per site (in the open transaction; the caller commits)."""
    cols = ("crawl_id", *_SITE_COLUMNS)
    conn.executemany(
        f"INSERT OR REPLACE INTO crawl_sites ({', '.join(cols)}) "
        f"VALUES ({', '.join('?' * len(cols))})",
        [
            (
                crawl_id,
                *(
                    json.dumps(row[c]) if isinstance(row[c], dict) else row[c]
                    for c in _SITE_COLUMNS
                ),
            )
            for row in rows
        ],
    )


@dataclass(frozen=True)
class Run:
    """One run of the crawler (a ``crawls`` row)."""

    id: int
    started: str
    status: str  # 'running' (or killed), 'finished', 'failed'
    finish_reason: str | None
    sites: dict[str, dict[str, Any]]  # site key -> its crawl_sites row


def recent_runs(conn: sqlite3.Connection, limit: int) -> list[Run]:
    """The last ``limit`` runs, oldest first, with their per-site figures."""
    rows = conn.execute(
        "SELECT id, started, status, finish_reason FROM crawls ORDER BY id DESC LIMIT ?",
        [limit],
    ).fetchall()
    runs = []
    for crawl_id, started, status, reason in reversed(rows):
        cur = conn.execute(
            f"SELECT {', '.join(_SITE_COLUMNS)} FROM crawl_sites WHERE crawl_id = ?", [crawl_id]
        )
        sites = {}
        for values in cur.fetchall():
            row = dict(zip(_SITE_COLUMNS, values, strict=True))
            row["dropped_reasons"] = json.loads(row["dropped_reasons"] or "{}")
            row["requests_by_kind"] = json.loads(row["requests_by_kind"] or "{}")
            sites[row["site"]] = row
        runs.append(Run(crawl_id, started or "", status or "running", reason, sites))
    return runs
