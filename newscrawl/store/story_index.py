"""The story index in SQLite: one signature per article and a key -> postings table.

A key's postings are one blob of (article id, the article's key count) pairs, uint32
little-endian, in ascending article id: a lookup reads one row per key and counts the
shared keys per article in numpy (a GROUP BY over the postings' rows cost three times more).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import numpy as np

from newscrawl.syndication.grouping import (
    MAX_POSTINGS,
    MIN_KEYS,
    Candidate,
    Header,
    rank_candidates,
)
from newscrawl.syndication.signature import SCHEME, Signature, signature

_PAIR = 8  # bytes of one posting: article id, key count
_REPLAY_FLUSH = 1000  # articles replayed between writes of their postings
#: Keys whose postings stay in memory from one transaction to the next (about 30 MB): most
#: keys an article reads were read for earlier articles of the import (stock phrases, a
#: story's copies). Beyond it they are dropped at the next flush and read again.
CACHED_KEYS = 250_000
#: Signatures kept decoded, with the sets and maps the comparisons built on them (~140 KB
#: each), latest used first: a story's copies come close together and are compared with the
#: same articles (90% of a 20,000-article import's comparisons find theirs here).
DECODED = 512
#: The articles' columns of a ``Header``.
_HEADER = "a.headline, a.published, a.wire_source"


def posting(article_id: int, keys: int) -> bytes:
    """One posting, as stored."""
    return article_id.to_bytes(4, "little") + keys.to_bytes(4, "little")


def with_posting(postings: bytes, article_id: int, keys: int) -> bytes:
    """``postings`` with the article's posting added in id order, keeping the latest
    MAX_POSTINGS (a full key drops its oldest article)."""
    new = posting(article_id, keys)
    if not postings or int.from_bytes(postings[-_PAIR:-4], "little") < article_id:
        postings += new  # the usual case: a new article has the largest id
    else:
        pairs = np.frombuffer(postings, dtype="<u4").reshape(-1, 2)
        kept = pairs[pairs[:, 0] != article_id]
        at = int(np.searchsorted(kept[:, 0], article_id))
        postings = kept[:at].tobytes() + new + kept[at:].tobytes()
    return postings[-MAX_POSTINGS * _PAIR :]


def without_posting(postings: bytes, article_id: int) -> bytes:
    """``postings`` without the article's posting."""
    pairs = np.frombuffer(postings, dtype="<u4").reshape(-1, 2)
    return pairs[pairs[:, 0] != article_id].tobytes()


def shared_keys(postings: list[bytes], exclude_id: int | None) -> dict[int, tuple[int, int]]:
    """Stored article -> (keys it shares, its key count), for the articles sharing at
    least MIN_KEYS of the keys whose ``postings`` are given.

    An article's postings all hold the same key count (the count when it was indexed), so
    each posting read as one little-endian uint64 (count << 32 | id) is the same value for
    every key the article is found under: counting the values counts the shared keys."""
    values, counts = np.unique(np.frombuffer(b"".join(postings), dtype="<u8"), return_counts=True)
    keep = counts >= MIN_KEYS
    found = values[keep]
    ids = (found & 0xFFFFFFFF).tolist()
    return {
        a: (n, theirs)
        for a, n, theirs in zip(ids, counts[keep].tolist(), (found >> 32).tolist(), strict=True)
        if a != exclude_id
    }


class FingerprintIndex:
    """Signatures (``story_signatures``) and index keys (``story_postings``) of stored
    articles.

    The postings a transaction reads or changes stay in memory until :meth:`flush` writes
    the changed ones (before every commit): a key shared by several articles of a batch is
    read and written once. They are kept for the next transactions (up to CACHED_KEYS keys)
    unless another connection has committed meanwhile (``PRAGMA data_version``), so what
    they hold is always what is stored. Changes made inside :meth:`savepoint` are undone
    with it.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.rebuilt = False  # the signatures were rebuilt: stories must be regrouped
        self.indexed = False  # the archive had an index (a scheme) before it was opened
        self._postings: dict[int, bytes] = {}  # key -> postings, as this transaction sees them
        self._changed: set[int] = set()  # keys whose postings wait for flush()
        self._undo: dict[int, tuple[bytes, bool]] | None = None  # key -> (postings, changed)
        self._version: int | None = None  # data_version when the kept postings were checked
        self._checked = False  # this transaction's reads were checked
        self._decoded: OrderedDict[int, tuple[bytes, Signature]] = OrderedDict()
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
        self._forget_keys()
        self.conn.execute("DELETE FROM story_signatures")
        rows = self.conn.execute("SELECT id, body FROM articles ORDER BY id")
        for article_id, body in rows:
            self._store_signature(article_id, signature(body))

    def replay(self) -> Iterator[tuple[int, Signature, Header, list[Candidate]]]:
        """Add every stored article's keys again in arrival (id) order, yielding each (with its
        header) with the candidates the index proposes when it arrives: the pairs an import
        of the archive in that order compares (full keys drop their oldest postings as they
        fill, so the finished index alone no longer proposes every pair an import compared)."""
        self._forget_keys()
        rows = self.conn.execute(
            f"SELECT s.article_id, s.signature, s.keys, {_HEADER} FROM story_signatures s "
            f"JOIN articles a ON a.id = s.article_id ORDER BY s.article_id"
        )
        for n, (article_id, blob, keys, *header) in enumerate(rows, start=1):
            sig = replace(Signature.from_blob(blob), keys=tuple(array("I", keys)))
            candidates = self.candidates(sig, article_id)
            self._add_keys(article_id, sig.keys)
            if n % _REPLAY_FLUSH == 0:
                self.flush()  # the postings held in memory stay bounded
            yield article_id, sig, Header(*header), candidates

    def candidates(self, sig: Signature, exclude_id: int | None = None) -> list[Candidate]:
        """Stored articles worth comparing with ``sig``, most shared keys first."""
        if not sig.keys:
            return []
        ranked = rank_candidates(shared_keys(self._read(sig.keys), exclude_id), len(sig.keys))
        if not ranked:
            return []
        rows = self.conn.execute(
            f"SELECT s.article_id, a.story_id, s.signature, {_HEADER} FROM story_signatures s "
            f"JOIN articles a ON a.id = s.article_id "
            f"WHERE s.article_id IN ({','.join('?' * len(ranked))})",
            ranked,
        ).fetchall()
        found = {
            r[0]: Candidate(r[0], r[1], self._decode(r[0], r[2]), Header(*r[3:])) for r in rows
        }
        return [found[a] for a in ranked if a in found]

    def add(self, article_id: int, sig: Signature) -> None:
        """Store an article's signature and keys."""
        self._store_signature(article_id, sig)
        self._add_keys(article_id, sig.keys)

    def remove(self, article_id: int) -> None:
        """Forget an article's signature and keys (before it is re-indexed)."""
        row = self.conn.execute(
            "SELECT keys FROM story_signatures WHERE article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return
        keys = tuple(array("I", row[0]))
        self._set(keys, [without_posting(p, article_id) for p in self._read(keys)])
        self.conn.execute("DELETE FROM story_signatures WHERE article_id = ?", [article_id])

    def flush(self) -> None:
        """Write the changed postings (call before every commit); the postings read stay in
        memory for the next transaction (see ``_check_kept``)."""
        rows = [(k, self._postings[k]) for k in sorted(self._changed)]
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_postings (hash, postings) VALUES (?, ?)",
            [r for r in rows if r[1]],
        )
        self.conn.executemany(
            "DELETE FROM story_postings WHERE hash = ?", [(k,) for k, p in rows if not p]
        )
        self._changed.clear()
        if len(self._postings) > CACHED_KEYS:
            self._postings.clear()
        self._checked = False  # checked again when the next transaction reads

    def _check_kept(self) -> None:
        """Drop the postings kept from earlier transactions when another connection has
        committed since they were read (called as a transaction first reads postings)."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._postings.clear()
        self._version, self._checked = version, True

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo the changes to the postings made inside when the block fails (with the SQL
        savepoint the caller rolls back)."""
        self._undo = {}
        try:
            yield
        except BaseException:
            for key, (postings, changed) in self._undo.items():
                self._postings[key] = postings
                if not changed:
                    self._changed.discard(key)
            raise
        finally:
            self._undo = None

    def _store_signature(self, article_id: int, sig: Signature) -> None:
        blob = sig.to_blob()
        self._keep(article_id, blob, sig)  # with what its own comparisons built on it
        self.conn.execute(
            "INSERT OR REPLACE INTO story_signatures (article_id, signature, keys) "
            "VALUES (?, ?, ?)",
            [article_id, blob, array("I", sig.keys).tobytes()],
        )

    def _decode(self, article_id: int, blob: bytes) -> Signature:
        """A stored signature, decoded once while it stays among the latest used (and is
        still the stored one: a replaced or rolled-back row is decoded again)."""
        kept = self._decoded.pop(article_id, None)
        sig = kept[1] if kept and kept[0] == blob else Signature.from_blob(blob)
        self._keep(article_id, blob, sig)
        return sig

    def _keep(self, article_id: int, blob: bytes, sig: Signature) -> None:
        self._decoded[article_id] = (blob, sig)
        if len(self._decoded) > DECODED:
            self._decoded.popitem(last=False)

    def _add_keys(self, article_id: int, keys: tuple[int, ...]) -> None:
        new, full = posting(article_id, len(keys)), MAX_POSTINGS * _PAIR
        self._set(
            keys,
            [
                p + new  # with_posting's usual case inlined (a call a key: +3% of the store)
                if (not p or int.from_bytes(p[-_PAIR:-4], "little") < article_id) and len(p) < full
                else with_posting(p, article_id, len(keys))
                for p in self._read(keys)
            ],
        )

    def _read(self, keys: tuple[int, ...]) -> list[bytes]:
        """The postings of ``keys`` (distinct), in their order (empty for a key without any)."""
        if not self._checked:
            self._check_kept()
        known = self._postings
        missing = set(keys).difference(known)
        if missing:
            stored = dict(
                self.conn.execute(
                    f"SELECT hash, postings FROM story_postings "
                    f"WHERE hash IN ({','.join('?' * len(missing))})",
                    list(missing),
                )
            )
            for key in missing:
                known[key] = stored.get(key, b"")
        return list(map(known.__getitem__, keys))

    def _set(self, keys: tuple[int, ...], postings: list[bytes]) -> None:
        """Give ``keys`` their new ``postings`` (remembering the old ones for an undo)."""
        if self._undo is not None:
            for key in set(keys).difference(self._undo):
                self._undo[key] = (self._postings[key], key in self._changed)  # read before set
        self._postings.update(zip(keys, postings, strict=True))
        self._changed.update(keys)

    def _forget_keys(self) -> None:
        self.conn.execute("DELETE FROM story_postings")
        self._postings.clear()
        self._changed.clear()

    def headers(self, article_ids: list[int]) -> dict[int, Header]:
        """The articles' headers (headline, publication date, agency) by article id."""
        rows = self.conn.execute(
            f"SELECT a.id, {_HEADER} FROM articles a "
            f"WHERE a.id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ).fetchall()
        return {r[0]: Header(*r[1:]) for r in rows}

    def signatures(self, article_ids: list[int]) -> dict[int, Signature]:
        """Stored signatures by article id (without their index keys), decoded once while
        they stay among the latest used (a story's copies were compared as they came)."""
        rows = self.conn.execute(
            f"SELECT article_id, signature FROM story_signatures "
            f"WHERE article_id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ).fetchall()
        return {r[0]: self._decode(r[0], r[1]) for r in rows}
