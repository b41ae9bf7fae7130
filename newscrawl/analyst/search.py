"""``newscrawl search``: ranked full-text hits with snippets, printed for a terminal."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from newscrawl.store.access import open_readonly
from newscrawl.store.fulltext import RANK_WINDOW, Hit, search

BOLD = ("\033[1m", "\033[0m")
BRACKETS = ("[", "]")


def parse_since(value: str) -> str:
    """An ISO 8601 date or time, normalized for SQLite (ValueError when it is not one)."""
    return datetime.fromisoformat(value).isoformat()


def format_hit(number: int, hit: Hit) -> str:
    """Three lines: rank and headline; site, publication time and URL; the snippet."""
    when = hit.published or "undated"
    return (
        f"{number:>2}. {hit.headline or '(no headline)'}\n"
        f"    {hit.site} · {when} · {hit.url}\n"
        f"    {' '.join(hit.snippet.split())}\n"
    )


def run_search(
    db: Path,
    query: str,
    *,
    site: str | None = None,
    since: str | None = None,
    limit: int = 20,
    raw: bool = False,
    rank_all: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the best hits for ``query``; 0 with hits, 1 without, 2 on a usage error
    (ArchiveError when ``db`` is no usable archive)."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        since = parse_since(since) if since else None
    except ValueError:
        err.write(f"--since: not an ISO 8601 date or time: {since!r} (e.g. 2024-05-01)\n")
        return 2
    conn = open_readonly(db)
    marks = BOLD if out.isatty() else BRACKETS
    try:
        results = search(
            conn, query, site=site, since=since, limit=limit, raw=raw,
            window=None if rank_all else RANK_WINDOW, marks=marks,
        )  # fmt: skip
    except sqlite3.OperationalError as exc:
        err.write(f"invalid query: {exc}\n")
        return 2
    finally:
        conn.close()
    if not results.hits:
        out.write(f"No matches for {query!r}.\n")
        return 1
    for number, hit in enumerate(results.hits, 1):
        out.write(format_hit(number, hit))
    if results.window:
        out.write(
            f"\n{results.window:,} articles or more match: ranked the {results.window:,} most "
            "recently stored. Narrow with --site/--since, or rank all with --all.\n"
        )
    return 0
