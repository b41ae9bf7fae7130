"""Full-text search over the archive: ranked hits with snippets, optional site and date filters."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from newscrawl.store.fts import BM25, FTS_TABLE
from newscrawl.store.views import ARTICLE_TIME

_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_SNIPPET_TOKENS = 14
#: Unfiltered queries matching more articles than this rank only the most recently stored ones.
RANK_WINDOW = 20_000


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


def _filters(site: str | None, since: str | None) -> tuple[list[str], list[str]]:
    where, params = [], []
    if site:
        where.append(
            "(a.site = ? OR a.site_name = ? COLLATE NOCASE "
            "OR a.site IN (SELECT s.site FROM sites s WHERE s.name = ? COLLATE NOCASE))"
        )
        params += [site, site, site]
    if since:
        where.append(f"{ARTICLE_TIME} >= datetime(?)")
        params.append(since)
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
    offset); ``raw`` passes ``query`` to FTS5 unchanged (its full query syntax). Without
    filters, a query matching more than ``window`` articles ranks the ``window`` most
    recently stored matches (ranking costs about a microsecond per match).
    """
    match = query if raw else fts_query(query)
    if not match:
        return Results([])
    where, params = _filters(site, since)
    source = f"{FTS_TABLE} f JOIN articles a ON a.id = f.rowid" if where else f"{FTS_TABLE} f"
    limited = None
    if window and not where:
        floor = conn.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [match, window - 1],
        ).fetchone()
        if floor:
            where, params, limited = ["f.rowid >= ?"], [floor[0]], window
    ranked = conn.execute(
        f"SELECT f.rowid FROM {source} "
        f"WHERE {' AND '.join([f'{FTS_TABLE} MATCH ?', *where])} ORDER BY {BM25} LIMIT ?",
        [match, *params, limit],
    ).fetchall()
    if not ranked:
        return Results([], limited)
    # Snippets for the few best only (bm25 stays out: it would rescan the index per row).
    rows = conn.execute(
        f"SELECT a.id, a.site, a.published, a.headline, a.url, "
        f"snippet({FTS_TABLE}, 1, ?, ?, '…', {_SNIPPET_TOKENS}) "
        f"FROM {FTS_TABLE} f JOIN articles a ON a.id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH ? AND f.rowid IN ({','.join('?' * len(ranked))})",
        [*marks, match, *(r[0] for r in ranked)],
    ).fetchall()
    by_id = {r[0]: Hit(*r) for r in rows}
    return Results([by_id[i] for (i,) in ranked if i in by_id], limited)
