"""Article versions: the text an article had before it changed, and the changes over time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass


def keep_version(conn: sqlite3.Connection, article_id: int, replaced: str) -> None:
    """Copy the current version of an article to ``article_versions`` before it is replaced.

    Call inside the transaction that updates the article, so both land or neither does.
    """
    conn.execute(
        "INSERT INTO article_versions (article_id, fetched, replaced, headline, byline, "
        "modified, body, content_hash) SELECT id, last_seen, ?, headline, byline, modified, "
        "body, content_hash FROM articles WHERE id = ?",
        [replaced, article_id],
    )
    conn.execute(
        "UPDATE pages SET changed = ? WHERE url = (SELECT url FROM articles WHERE id = ?)",
        [replaced, article_id],
    )


@dataclass(frozen=True)
class Text:
    """One version of an article as a reader saw it."""

    headline: str
    body: str
    fetched: str  # last time this version was fetched


@dataclass(frozen=True)
class Change:
    """An article changed at ``replaced``: from ``old`` to ``new``."""

    article_id: int
    url: str
    site: str
    replaced: str
    old: Text
    new: Text


def list_changes(
    conn: sqlite3.Connection, since: str | None = None, site: str | None = None
) -> Iterator[Change]:
    """Changes detected since ``since`` (UTC ISO) on ``site`` (key or name), oldest first."""
    sql = (
        "SELECT v.id, v.article_id, a.url, a.site, v.replaced, v.headline, v.body, v.fetched "
        "FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "LEFT JOIN sites s ON s.site = a.site WHERE 1 = 1"
    )
    params: list[object] = []
    if since:
        sql += " AND v.replaced >= ?"
        params.append(since)
    if site:
        sql += " AND (a.site = ? OR s.name = ? COLLATE NOCASE)"
        params += [site, site]
    for vid, article_id, url, site_key, replaced, headline, body, fetched in conn.execute(
        sql + " ORDER BY v.replaced, v.id", params
    ).fetchall():
        yield Change(
            article_id,
            url,
            site_key,
            replaced,
            Text(headline or "", body or "", fetched or ""),
            _successor(conn, article_id, vid),
        )


def _successor(conn: sqlite3.Connection, article_id: int, version_id: int) -> Text:
    """The version that replaced ``version_id``: the next stored one, else the current row."""
    row = conn.execute(
        "SELECT headline, body, fetched FROM article_versions "
        "WHERE article_id = ? AND id > ? ORDER BY id LIMIT 1",
        [article_id, version_id],
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT headline, body, last_seen FROM articles WHERE id = ?", [article_id]
        ).fetchone()
    return Text(row[0] or "", row[1] or "", row[2] or "")
