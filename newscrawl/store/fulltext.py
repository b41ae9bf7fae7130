"""Full-text search over the archive: ranked hits with snippets, optional site and date filters."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from newscrawl.store.fts import BM25, FTS_TABLE
from newscrawl.store.views import ARTICLE_TIME

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_SNIPPET_TOKENS = 14
#: Queries matching more articles than this rank only the most recently stored ones.
RANK_WINDOW = 20_000
NAMED_SITES = "SELECT site FROM sites WHERE name = ? COLLATE NOCASE"


@dataclass(frozen=True)
class Hit:
    """One matching article."""

    article_id: int
    site: str
    published: str | None
    headline: str | None
    url: str
    snippet: str


@dataclass(frozen=True)
class Results:
    """The best hits, and the window ranking was limited to (None: every match was ranked)."""

    hits: list[Hit]
    window: int | None = None


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(text: str) -> str:
    """Turn what a user types into a valid FTS5 query.

    Words are matched after stemming, ``"quoted words"`` as a phrase, ``word*`` as a prefix;
    ``AND``, ``OR`` and ``NOT`` (upper case, between terms) are operators; every other
    character is literal text, so ``U.S.`` or ``covid-19`` never raise a syntax error.
    """
    terms: list[str] = []
    for token in _TOKEN.findall(text):
        if token in _OPERATORS:
            if terms and terms[-1] not in _OPERATORS:
                terms.append(token)
            continue
        prefix = token.endswith("*")
        word = token.rstrip("*").strip('"').strip()
        if word:
            terms.append(_quote(word) + ("*" if prefix else ""))
    while terms and terms[-1] in _OPERATORS:
        terms.pop()
    return " ".join(terms)


def _filters(
    conn: sqlite3.Connection, site: str | None, since: str | None, matches: int
) -> tuple[list[str], list[Any]]:
    """Conditions on ``f.rowid`` for the site and time filters, each in the cheaper form.

    A filter keeping fewer articles than the query matches becomes an id list read from an
    index ("+" keeps SQLite from handing it to FTS5 as ids to look up one by one); a wider
    one is checked per match, by looking the article up.
    """
    conditions: list[tuple[str, list[Any]]] = []
    if site:
        keys = [site, *(r[0] for r in conn.execute(NAMED_SITES, [site]))]
        conditions.append((f"site IN ({','.join('?' * len(keys))})", keys))
    older = f"SELECT 1 FROM articles WHERE {ARTICLE_TIME} < datetime(?) LIMIT 1"
    if since and conn.execute(older, [since]).fetchone():  # else it would keep every article
        conditions.append((f"{ARTICLE_TIME} >= datetime(?)", [since]))
    where, params = [], []
    for condition, values in conditions:
        kept = conn.execute(f"SELECT count(*) FROM articles WHERE {condition}", values)
        if kept.fetchone()[0] < matches:
            where.append(f"+f.rowid IN (SELECT id FROM articles WHERE {condition})")
        else:
            where.append(f"EXISTS (SELECT 1 FROM articles WHERE id = f.rowid AND {condition})")
        params += values
    return where, params


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    site: str | None = None,
    since: str | None = None,
    limit: int = 20,
    raw: bool = False,
    window: int | None = RANK_WINDOW,
    marks: tuple[str, str] = ("[", "]"),
) -> Results:
    """Best matches first (bm25, headline words weigh more), each with a snippet of its body.

    ``site`` is a site key or name; ``since`` an ISO date or time (UTC unless it has an
    offset); ``raw`` passes ``query`` to FTS5 unchanged (its full query syntax). When more
    than ``window`` articles match (filters included), the ``window`` most recently stored
    are ranked: ranking costs about a microsecond per match.
    """
    match = query if raw else fts_query(query)
    if not match:
        return Results([])
    count = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
    matches = conn.execute(count, [match]).fetchone()[0]  # cheap next to ranking
    filters, params = _filters(conn, site, since, matches)
    where, args = [f"{FTS_TABLE} MATCH ?", *filters], [match, *params]
    limited = None
    if window and matches > window:
        floor = conn.execute(
            f"SELECT f.rowid FROM {FTS_TABLE} f WHERE {' AND '.join(where)} "
            "ORDER BY f.rowid DESC LIMIT 1 OFFSET ?",
            [*args, window - 1],
        ).fetchone()
        if floor:
            where, args, limited = [*where, "f.rowid >= ?"], [*args, floor[0]], window
    ranked = conn.execute(
        f"SELECT f.rowid FROM {FTS_TABLE} f WHERE {' AND '.join(where)} ORDER BY {BM25} LIMIT ?",
        [*args, limit],
    ).fetchall()
    if not ranked:
        return Results([], limited)
    ids = [r[0] for r in ranked]
    lookup, bounds = ("+f.rowid", [min(ids), max(ids)]) if "*" in match else ("f.rowid", [])
    rows = conn.execute(
        f"SELECT a.id, a.site, a.published, a.headline, a.url, "
        f"snippet({FTS_TABLE}, 1, ?, ?, '…', {_SNIPPET_TOKENS}) "
        f"FROM {FTS_TABLE} f JOIN articles a ON a.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH ? {'AND f.rowid BETWEEN ? AND ?' if bounds else ''} "
        f"AND {lookup} IN ({','.join('?' * len(ids))})",
        [*marks, match, *bounds, *ids],
    ).fetchall()
    by_id = {r[0]: Hit(*r) for r in rows}
    return Results([by_id[i] for i in ids if i in by_id], limited)
