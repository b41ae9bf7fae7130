"""The SQLite archive: idempotent article upserts, stories, the fingerprint index, run log."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newscrawl.clock import now_iso, parse_utc
from newscrawl.fields import COLUMN_FIELDS, LIST_FIELDS
from newscrawl.store import access, fts
from newscrawl.store.schema import migrate
from newscrawl.store.stories import Stories
from newscrawl.store.versions import keep_version
from newscrawl.syndication.grouping import LEAD_THRESHOLD
from newscrawl.syndication.signature import Signature, signature

ARTICLE_COLUMNS = COLUMN_FIELDS
_JSON_COLUMNS = LIST_FIELDS


def content_hash(headline: str | None, body: str | None) -> str:
    """Hash of what a reader sees; a change means a new version of the article."""
    digest = hashlib.sha256(f"{headline or ''}\n\n{body or ''}".encode())
    return digest.hexdigest()[:32]


@lru_cache(maxsize=65536)
def published_order(value: str | None) -> tuple[int, str]:
    """Sort key putting the earliest publication first (unknown dates last), offsets honoured."""
    moment = parse_utc(value)
    return (0, moment.isoformat()) if moment else (1, value or "")


@dataclass(frozen=True)
class Prepared:
    """What the store derives from an article record before it touches the database: the
    row as stored and the body's signature (an import worker makes it, off the store's
    process)."""

    row: dict[str, Any]
    sig: Signature


def article_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's ``articles`` columns: lists as JSON, content hash, word count."""
    get = record.get
    row: dict[str, Any] = {c: get(c) for c in ARTICLE_COLUMNS}
    for col in _JSON_COLUMNS:
        row[col] = json.dumps(list(get(col) or []), ensure_ascii=False)
    row["content_hash"] = content_hash(row["headline"], row["body"])
    row["word_count"] = len((row["body"] or "").split())
    return row


def prepare_article(record: Mapping[str, Any]) -> Prepared:
    """The record's row and its body's signature."""
    row = article_row(record)
    return Prepared(row, signature(row["body"]))


@dataclass(frozen=True)
class Saved:
    """Outcome of saving one article."""

    article_id: int
    story_id: int
    status: str  # "new" | "updated" | "unchanged"


class Archive:
    """One open archive database. Writes are batched: call :meth:`commit` to make them durable."""

    def __init__(
        self,
        db: Database,
        batch_size: int = 200,
        batch_seconds: float = 5.0,
        syndication_threshold: float = LEAD_THRESHOLD,
    ):
        self.db = db
        self.conn = db.conn
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._held = 0
        self._last_commit = time.monotonic()
        self._upkeep: fts.Upkeep | None = None
        self.stories = Stories(self.conn, published_order, syndication_threshold)

    @classmethod
    def open(cls, path: str | Path, **kwargs: Any) -> Archive:
        """Open (creating or upgrading) the archive at ``path``."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {access.BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
        fts.repair(db)  # a bulk load killed with the index suspended
        return cls(db, **kwargs)

    # -- transactions -------------------------------------------------------------------------
    def commit(self) -> None:
        """Make every write so far durable (story fields brought up to date first, and in a
        :meth:`bulk_load` the new articles indexed)."""
        self.stories.flush()
        if self._upkeep is not None:
            self._upkeep.catch_up()
        self.conn.commit()
        self._pending = 0
        self._last_commit = time.monotonic()

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Writes without full-text upkeep per row: each commit indexes the articles it adds
        (:func:`.fts.fts_suspended`), so the index is built beside a long load, not after it
        (one pass per batch costs about 7% more than one pass at the end: 1.56 against
        1.46 s for 20,000 generated articles)."""
        with fts.fts_suspended(self.db) as upkeep:
            self._upkeep = upkeep
            try:
                yield
            finally:
                self._upkeep = None

    def begin(self) -> None:
        """Open the batch transaction unless one is open (writes then wait for a commit)."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def hold(self) -> None:
        """Postpone batch commits until :meth:`release`: writes that belong together (an
        article and the fetch of its page) are then made durable in one transaction."""
        self._held += 1

    def release(self) -> None:
        """End one :meth:`hold`."""
        self._held = max(0, self._held - 1)

    def maybe_commit(self) -> None:
        """Commit when the batch is full or old enough, unless a write is held open."""
        self._pending += 1
        if self._held:
            return
        if (
            self._pending >= self.batch_size
            or time.monotonic() - self._last_commit >= self.batch_seconds
        ):
            self.commit()

    def close(self) -> None:
        """Commit and close the database."""
        self.commit()
        self.db.close()

    # -- articles and stories -----------------------------------------------------------------
    def save_article(
        self,
        record: Mapping[str, Any],
        seen_at: str | None = None,
        prepared: Prepared | None = None,
    ) -> Saved:
        """Insert or update an article by canonical URL and keep its story up to date
        (a ``story_id`` in the record forces the story; ``prepared``: the record's
        :func:`prepare_article`, when a worker process made it already)."""
        seen_at = seen_at or now_iso()
        row = prepared.row if prepared else article_row(record)

        def sig() -> Signature:
            return prepared.sig if prepared else signature(row["body"])

        self.begin()
        # a savepoint: a failing article leaves the batch (and the index's postings) intact
        with self.db.atomic(), self.stories.index.savepoint():
            existing = self.conn.execute(
                "SELECT id, content_hash, story_id FROM articles WHERE url = ?", [row["url"]]
            ).fetchone()
            if existing and existing[1] == row["content_hash"]:
                article_id, story_id = existing[0], existing[2]
                self.conn.execute(
                    "UPDATE articles SET last_seen = ?, fetched_url = ?, http_status = ? "
                    "WHERE id = ?",
                    [seen_at, row["fetched_url"], row["http_status"], article_id],
                )
                status = "unchanged"
            else:
                if existing:
                    article_id, status = existing[0], "updated"
                    keep_version(self.conn, article_id, seen_at)  # same savepoint as the update
                    sets = ", ".join(f"{c} = ?" for c in row)
                    self.conn.execute(
                        f"UPDATE articles SET {sets}, last_seen = ? WHERE id = ?",
                        [*row.values(), seen_at, article_id],
                    )
                    story_id = self.stories.place(
                        article_id, sig(), existing[2], record.get("story_id"), seen_at, row
                    )
                else:
                    # the id SQLite would give (the largest plus one): the story is chosen
                    # first, so the row is written once, with it (no update of a row that
                    # holds the body, nor of the story index)
                    status = "new"
                    article_id = self.conn.execute(
                        "SELECT coalesce(max(id), 0) + 1 FROM articles"
                    ).fetchone()[0]
                    story_id = self.stories.place(
                        article_id, sig(), None, record.get("story_id"), seen_at, row, False
                    )
                    cols = ["id", *row, "story_id", "first_seen", "last_seen"]
                    self.conn.execute(
                        f"INSERT INTO articles ({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})",
                        [article_id, *row.values(), story_id, seen_at, seen_at],
                    )
        return Saved(article_id, int(story_id), status)

    # -- sites and run log --------------------------------------------------------------------
    def register_sites(self, sites: Iterable[Mapping[str, Any]], now: str | None = None) -> None:
        """Record the crawled sites (key, name, agency, start URLs); first crawl time kept."""
        now = now or now_iso()
        self.begin()
        for site in sites:
            self.conn.execute(
                "INSERT INTO sites (site, name, agency, start_urls, first_crawled) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(site) DO UPDATE SET name = excluded.name, "
                "agency = excluded.agency, start_urls = excluded.start_urls",
                [
                    site["site"],
                    site.get("name"),
                    site.get("agency"),
                    json.dumps(list(site.get("start_urls") or [])),
                    now,
                ],
            )

    def start_crawl(self, spider: str, arguments: Mapping[str, Any]) -> int:
        """Insert the run's ``crawls`` row (status 'running') and commit it at once."""
        cur = self.conn.execute(
            "INSERT INTO crawls (started, status, spider, arguments) VALUES (?, 'running', ?, ?)",
            [now_iso(), spider, json.dumps(dict(arguments), default=str)],
        )
        self.commit()
        return int(cur.lastrowid or 0)

    def finish_crawl(self, crawl_id: int, values: Mapping[str, Any]) -> None:
        """Fill in the run's figures and status, and commit."""
        row = {
            k: json.dumps(v, default=str) if isinstance(v, dict | list) else v
            for k, v in values.items()
        }
        sets = ", ".join(f"{k} = ?" for k in row)
        self.conn.execute(
            f"UPDATE crawls SET {sets}, finished = ? WHERE id = ?",
            [*row.values(), now_iso(), crawl_id],
        )
        self.commit()
