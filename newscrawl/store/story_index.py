"""The story index in SQLite: one signature per article and a key -> article lookup table."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from newscrawl.syndication.grouping import MAX_POSTINGS, MIN_KEYS, Candidate, rank_candidates
from newscrawl.syndication.signature import SCHEME, Signature, signature


class FingerprintIndex:
    """Signatures (``story_signatures``) and index keys (``story_keys``) of stored articles."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.rebuilt = False  # the signatures were rebuilt: stories must be regrouped
        self.indexed = False  # the archive had an index (a scheme) before it was opened
        self._check_scheme()

    def _check_scheme(self) -> None:
        """Record the signature scheme; rebuild every signature when it has changed."""
        row = self.conn.execute(
            "SELECT value FROM syndication_meta WHERE key = 'scheme'"
        ).fetchone()
        self.indexed = row is not None
        if row and row[0] == SCHEME:
            return
        if row:
            self.rebuild()
            self.rebuilt = True
        self.conn.execute(
            "INSERT OR REPLACE INTO syndication_meta (key, value) VALUES ('scheme', ?)", [SCHEME]
        )
        self.conn.commit()

    def rebuild(self) -> None:
        """Recompute every stored signature from the article bodies. The keys are left out:
        ``replay`` adds them again in arrival order (the stories are regrouped after it)."""
        self.conn.execute("DELETE FROM story_keys")
        self.conn.execute("DELETE FROM story_signatures")
        rows = self.conn.execute("SELECT id, body FROM articles ORDER BY id")
        for article_id, body in rows:
            self._store_signature(article_id, signature(body))

    def replay(self) -> Iterator[tuple[int, Signature, list[Candidate]]]:
        """Add every stored article's keys again in arrival (id) order, yielding each with the
        candidates the index proposes when it arrives: the pairs an import of the archive in
        that order compares (full keys drop their oldest postings as they fill, so the
        finished index alone no longer proposes every pair an import compared)."""
        self.conn.execute("DELETE FROM story_keys")
        rows = self.conn.execute(
            "SELECT article_id, signature, keys FROM story_signatures ORDER BY article_id"
        )
        for article_id, blob, keys in rows:
            sig = replace(Signature.from_blob(blob), keys=tuple(array("I", keys)))
            candidates, evict = self.candidates(sig, article_id)
            self._add_keys(article_id, sig.keys, evict)
            yield article_id, sig, candidates

    def candidates(
        self, sig: Signature, exclude_id: int | None = None
    ) -> tuple[list[Candidate], dict[int, int]]:
        """Stored articles worth comparing with ``sig``, and the postings to drop from full
        keys (key -> oldest article) when ``sig`` is added."""
        if not sig.keys:
            return [], {}
        marks = ",".join("?" * len(sig.keys))
        shared = {
            article_id: (n, theirs)
            for article_id, n, theirs in self.conn.execute(
                f"SELECT article_id, count(*), max(keys) FROM story_keys "
                f"WHERE hash IN ({marks}) AND article_id IS NOT ? "
                f"GROUP BY article_id HAVING count(*) >= ?",
                [*sig.keys, exclude_id, MIN_KEYS],
            )
        }
        evict = dict(
            self.conn.execute(
                f"SELECT hash, min(article_id) FROM story_keys WHERE hash IN ({marks}) "
                f"GROUP BY hash HAVING count(*) >= ?",
                [*sig.keys, MAX_POSTINGS],
            ).fetchall()
        )
        ranked = rank_candidates(shared, len(sig.keys))
        if not ranked:
            return [], evict
        rows = self.conn.execute(
            f"SELECT s.article_id, a.story_id, s.signature FROM story_signatures s "
            f"JOIN articles a ON a.id = s.article_id "
            f"WHERE s.article_id IN ({','.join('?' * len(ranked))})",
            ranked,
        ).fetchall()
        found = {r[0]: Candidate(r[0], r[1], Signature.from_blob(r[2])) for r in rows}
        return [found[a] for a in ranked if a in found], evict

    def add(self, article_id: int, sig: Signature, evict: Mapping[int, int] | None = None) -> None:
        """Store an article's signature and keys, first dropping the ``evict`` postings
        (the oldest article of each full key)."""
        self._store_signature(article_id, sig)
        self._add_keys(article_id, sig.keys, evict)

    def _store_signature(self, article_id: int, sig: Signature) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO story_signatures (article_id, signature, keys) "
            "VALUES (?, ?, ?)",
            [article_id, sig.to_blob(), array("I", sig.keys).tobytes()],
        )

    def _add_keys(
        self, article_id: int, keys: Sequence[int], evict: Mapping[int, int] | None
    ) -> None:
        if evict:
            self.conn.executemany(
                "DELETE FROM story_keys WHERE hash = ? AND article_id = ?", list(evict.items())
            )
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_keys (hash, article_id, keys) VALUES (?, ?, ?)",
            [(k, article_id, len(keys)) for k in keys],
        )

    def remove(self, article_id: int) -> None:
        """Forget an article's signature and keys (before it is re-indexed)."""
        row = self.conn.execute(
            "SELECT keys FROM story_signatures WHERE article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return
        self.conn.executemany(
            "DELETE FROM story_keys WHERE hash = ? AND article_id = ?",
            [(k, article_id) for k in array("I", row[0])],
        )
        self.conn.execute("DELETE FROM story_signatures WHERE article_id = ?", [article_id])

    def signatures(self, article_ids: list[int]) -> dict[int, Signature]:
        """Stored signatures (with their index keys) by article id."""
        rows = self.conn.execute(
            f"SELECT article_id, signature, keys FROM story_signatures "
            f"WHERE article_id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ).fetchall()
        return {
            r[0]: replace(Signature.from_blob(r[1]), keys=tuple(array("I", r[2]))) for r in rows
        }
