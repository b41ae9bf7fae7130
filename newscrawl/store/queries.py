"""Read-only queries over the archive, shared by the CLI commands."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class SiteCount:
    """Articles of one site."""

    site: str
    name: str | None
    articles: int
    wire_copies: int


@dataclass(frozen=True)
class Summary:
    """What an archive holds."""

    articles: int
    stories: int
    syndicated_stories: int
    wire_copies: int
    sites: list[SiteCount]
    last_crawl: tuple[str, str, int, int] | None  # started, status, pages, new articles


def story_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """Stories, and stories run by more than one site."""
    stories, syndicated = conn.execute(
        "SELECT count(*), coalesce(sum(copies > 1), 0) FROM stories"
    ).fetchone()
    return int(stories), int(syndicated)


def summary(conn: sqlite3.Connection) -> Summary:
    """Counts per site, stories, wire copies and the latest run."""
    sites = [
        SiteCount(*row)
        for row in conn.execute(
            "SELECT a.site, s.name, count(*), sum(a.wire_source IS NOT NULL) "
            "FROM articles a LEFT JOIN sites s ON s.site = a.site GROUP BY a.site ORDER BY a.site"
        )
    ]
    articles, wire = conn.execute(
        "SELECT count(*), coalesce(sum(wire_source IS NOT NULL), 0) FROM articles"
    ).fetchone()
    stories, syndicated = story_counts(conn)
    last = conn.execute(
        "SELECT started, status, pages_fetched, articles_new FROM crawls ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return Summary(articles, stories, syndicated, wire, sites, tuple(last) if last else None)


@dataclass(frozen=True)
class CopyEdits:
    """What the sites changed in the copies of syndicated stories (originals left out)."""

    copies: int
    stories: int  # stories with several copies
    lead_rewritten: int
    paragraphs_moved: int
    truncated: int
    headline_changed: int
    text_added: int
    write_throughs: int  # stories with several versions
    later_versions: int  # copies of a version after the first


def copy_edits(conn: sqlite3.Connection) -> CopyEdits:
    """Counts of each kind of change over the copies in ``story_copies``."""
    copies = conn.execute(
        "SELECT count(*), count(DISTINCT c.story_id), coalesce(sum(c.lead_rewritten), 0), "
        "coalesce(sum(c.paragraphs_moved), 0), coalesce(sum(c.truncated), 0), "
        "coalesce(sum(c.headline_changed), 0), coalesce(sum(c.text_added), 0) "
        "FROM story_copies c JOIN stories s ON s.id = c.story_id "
        "WHERE s.copies > 1 AND NOT c.is_original"
    ).fetchone()
    versions = conn.execute(
        "SELECT (SELECT count(*) FROM stories WHERE versions > 1), "
        "(SELECT count(*) FROM story_copies WHERE version > 1 AND NOT is_original)"
    ).fetchone()
    return CopyEdits(*copies, *versions)
