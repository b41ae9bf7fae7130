"""``newscrawl store --redis URL``: the one process that writes a distributed crawl's archive.

It publishes the archive's page states when workers request a run, then reads what the
workers send (a Redis stream, consumer group ``writer``) and applies it with the local
crawl's own code: the crawl state (``pages``), wire detection and the store (articles,
versions, stories). Each batch of messages is one transaction, acknowledged only after it
commits: a writer killed mid-batch gets the same messages again when it restarts, and
nothing is lost or stored twice (upserts by URL). The run's figures accumulate in its
``crawls`` row in the same transactions; the row and its ``crawl_sites`` are completed
when the run is done, and the run's trap families recorded once, from the budget state the
workers shared (``newscrawl.distributed.budget``).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import redis

from newscrawl.clock import now_iso, parse_utc, utc_now
from newscrawl.distributed.budget import RedisBudgetState
from newscrawl.distributed.connection import JobKeys
from newscrawl.distributed.ledger import state_json
from newscrawl.distributed.run import DONE, REQUESTED, RUNNING, Run
from newscrawl.extensions.runlog import COMPLETE_REASONS, crawl_figures, site_figures
from newscrawl.frontier.traps import record_traps
from newscrawl.imports.jsonl import Stats
from newscrawl.items import Article
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, Fetched
from newscrawl.store.site_figures import save_site_figures

logger = logging.getLogger(__name__)

GROUP = "writer"
CONSUMER = "writer"
#: Messages per transaction.
BATCH = 200
_FETCHED_KEYS = frozenset(Fetched.__dataclass_fields__)


class Writer:
    """Stores what the workers of one job send (see the module docstring)."""

    def __init__(self, client: redis.Redis, keys: JobKeys, archive: Archive, stale: float):
        self.client = client
        self.keys = keys
        self.archive = archive
        self.run = Run(client, keys, stale)
        self.state = CrawlState(archive)
        self.stats = Stats()  # the current run's figures (as in its crawls row)
        self.crawl_id: int | None = None
        self.syndication = SyndicationPipeline(self.stats)
        self.store = StorePipeline(archive, self.stats)
        self._ops: dict[str, Callable[[list[Any]], None]] = {
            "queued": lambda op: self.state.queued(op[1], op[2], _moment(op[3])),
            "fetched": self._fetched,
            "not_modified": lambda op: self.state.not_modified(op[1], _moment(op[2]), op[3]),
            "failed": lambda op: self.state.failed(op[1], op[2]),
            "article": self._article,
            "stats": self._worker_stats,
        }

    # -- the stream ---------------------------------------------------------------------------
    def ensure_group(self) -> None:
        """Create the consumer group (reading from the stream's start) unless it exists."""
        try:
            self.client.xgroup_create(self.keys.items, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def consume(self, block_ms: int = 1000, pending: bool = False) -> int:
        """Store one batch of messages (``pending``: those delivered to a writer that died
        before acknowledging them); the number of messages stored."""
        streams: dict[Any, Any] = {self.keys.items: "0" if pending else ">"}
        reply: Any = self.client.xreadgroup(
            GROUP, CONSUMER, streams, count=BATCH, block=None if pending else block_ms
        )
        entries = [entry for _stream, batch in reply or [] for entry in batch]
        if not entries:
            return 0
        done = self._stored_up_to()
        self.archive.hold()
        try:
            for ident, fields in entries:
                if fields and _entry(ident) > done:  # None: trimmed away after delivery
                    self._apply(fields)
        finally:
            self.archive.release()
        self._save_stats()
        self._save_progress(entries[-1][0])
        self.archive.commit()
        self.client.xack(self.keys.items, GROUP, *[ident for ident, _f in entries])
        if not pending:
            self.client.xtrim(self.keys.items, minid=_after(entries[-1][0]))
        return len(entries)

    def _apply(self, fields: dict[Any, Any]) -> None:
        try:
            ops = json.loads(fields.get(b"ops", b"[]"))
        except ValueError:
            ops = None
        if not isinstance(ops, list):
            logger.error("ignored a message that is not a list of operations")
            return
        for op in ops:
            handler = self._ops.get(op[0]) if isinstance(op, list) and op else None
            if handler is None:
                logger.error("ignored an unknown operation: %.80r", op)
                continue
            try:
                handler(op)
            except (TypeError, ValueError, IndexError, KeyError) as exc:
                logger.error("ignored a malformed %s operation: %s", op[0], exc)

    def _fetched(self, op: list[Any]) -> None:
        page = Fetched(**{k: v for k, v in dict(op[3]).items() if k in _FETCHED_KEYS})
        self.state.fetched([str(u) for u in op[1]], str(op[2]), page, _moment(op[4]))

    def _article(self, op: list[Any]) -> None:
        record = dict(op[1])
        item = Article(**{k: v for k, v in record.items() if k in Article.fields})
        self.syndication.process_item(item)
        self.store.process_item(item)

    def _worker_stats(self, op: list[Any]) -> None:
        for key, value in dict(op[2]).items():
            if isinstance(value, int) and not isinstance(value, bool):
                self.stats.inc_value(str(key), value)
        self.stats.inc_value(f"newscrawl/workers/{op[3]}")

    def _stored_up_to(self) -> tuple[int, int]:
        """The last stream entry whose operations are committed in the archive."""
        row = self.archive.conn.execute(
            "SELECT last_entry FROM writer_progress WHERE job = ?", [self.keys.job]
        ).fetchone()
        return _entry(row[0]) if row else (-1, -1)

    def _save_progress(self, ident: bytes | str) -> None:
        """Record ``ident`` as stored, in the transaction that stores its operations."""
        text = ident.decode() if isinstance(ident, bytes) else ident
        if _entry(text) > self._stored_up_to():
            self.archive.conn.execute(
                "INSERT INTO writer_progress (job, last_entry, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (job) DO UPDATE SET last_entry = excluded.last_entry, "
                "updated = excluded.updated",
                [self.keys.job, text, now_iso()],
            )

    # -- the run ------------------------------------------------------------------------------
    def _save_stats(self) -> None:
        if self.crawl_id is not None:
            self.archive.conn.execute(
                "UPDATE crawls SET stats = ? WHERE id = ?",
                [json.dumps(dict(self.stats), sort_keys=True), self.crawl_id],
            )

    def _load_run(self, info: dict[str, str]) -> None:
        """Take up the run's crawl row (after a restart: its figures so far)."""
        crawl_id = int(info["crawl_id"]) if info.get("crawl_id") else None
        if crawl_id == self.crawl_id:
            return
        self.crawl_id = crawl_id
        self.stats.clear()
        row = self.archive.conn.execute(
            "SELECT stats FROM crawls WHERE id = ?", [crawl_id]
        ).fetchone()
        if row and row[0]:
            self.stats.update(json.loads(row[0]))

    def publish(self, info: dict[str, str]) -> None:
        """Store what is still in flight, complete the previous run's rows if it was left
        unfinished, publish the archive's page states, start the run."""
        self._load_run(info)  # what is still in flight belongs to the previous run
        while self.consume(pending=True) or self.consume(block_ms=1):
            pass
        if self.crawl_id is not None and not info.get("finalized"):
            self.finalize(info)
        pipe = self.client.pipeline(transaction=False)
        pipe.delete(self.keys.pages)
        count = 0
        for state, discovered in self.state.every_page():
            pipe.hset(self.keys.pages, state.url, state_json(state, discovered))
            count += 1
            if count % 1000 == 0:
                pipe.execute()
        pipe.delete(self.keys.traps)
        traps = self.state.trap_shapes()
        if traps:
            pipe.sadd(self.keys.traps, *sorted(traps))
        pipe.execute()
        crawl_id = self.archive.start_crawl(
            "news", {"distributed": self.keys.job, "run": info.get("id")}
        )
        self.client.hdel(self.keys.run, "finalized")
        self.run.set(phase=RUNNING, crawl_id=crawl_id)
        self._load_run({"crawl_id": str(crawl_id)})
        logger.info("run %s: published %d known pages; workers may start", info.get("id"), count)

    def finalize(self, info: dict[str, str]) -> str:
        """Complete the run's crawls and crawl_sites rows; the run's status."""
        self._load_run(info)
        sites = self.run.sites()
        self.archive.register_sites(sites)
        reasons = [k.rsplit("/", 1)[1] for k in self.stats if k.startswith("newscrawl/workers/")]
        failed = [r for r in reasons if r not in COMPLETE_REASONS]
        reason = failed[0] if failed else "finished"
        per_site = [site_figures(self.stats, s["site"]) for s in sites]
        figures = crawl_figures(dict(self.stats), reason, per_site)
        if self.crawl_id is not None:
            record_traps(self.state, RedisBudgetState(self.client, self.keys, self.run.stale))
            save_site_figures(self.archive.conn, self.crawl_id, per_site)
            self.archive.finish_crawl(self.crawl_id, figures)
        self.run.set(finalized=1)
        logger.info(
            "run %s %s: %d new, %d changed articles",
            info.get("id"), figures["status"], figures["articles_new"], figures["articles_updated"],
        )  # fmt: skip
        return str(figures["status"])

    def resume(self) -> None:
        """After a restart: take up the current run's figures, then store what a writer
        that died had been given but never acknowledged (it belongs to that run)."""
        self.ensure_group()
        self._load_run(self.run.info())
        while self.consume(pending=True):
            pass

    def serve(self, until_done: bool = False) -> int:
        """Store messages for ever, or with ``until_done`` until one run is done and
        stored; 0 when that run finished, 1 when it failed."""
        self.resume()
        served: str | None = None
        while True:
            info = self.run.info()
            phase, run_id = info.get("phase"), info.get("id")
            if phase == REQUESTED:
                self.publish(info)
                served = run_id
                continue
            if phase == RUNNING or (phase == DONE and not info.get("finalized")):
                served = run_id
                self._load_run(info)
            stored = self.consume()
            if phase == DONE and not stored and not info.get("finalized") and self._drained():
                status = self.finalize(info)
                if until_done and served == run_id:
                    return 0 if status == "finished" else 1
            elif phase == DONE and until_done and served == run_id and info.get("finalized"):
                return 0

    def _drained(self) -> bool:
        summary = self.client.xpending(self.keys.items, GROUP)
        return not summary or not summary.get("pending")


def store_command(
    url: str, db: str, *, job: str = "news", lease: float = 60.0, until_done: bool = False
) -> int:
    """``newscrawl store``: serve the job's workers; an exit status (one-line errors)."""
    from newscrawl.distributed.connection import RedisUnavailable, connect, redact
    from newscrawl.distributed.shared import job_name

    try:
        keys = JobKeys(job_name(job))
        client = connect(url)
    except (RedisUnavailable, ValueError) as exc:
        sys.stderr.write(f"newscrawl store: {exc}\n")
        return 1
    archive = Archive.open(db, batch_size=10**9, batch_seconds=float("inf"))
    try:
        return Writer(client, keys, archive, lease).serve(until_done)
    except redis.RedisError as exc:
        sys.stderr.write(f"newscrawl store: lost Redis at {redact(url)}: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 1
    finally:
        archive.close()


def _moment(value: Any) -> Any:
    """A datetime from an ISO 8601 string (now when it is not one)."""
    return parse_utc(value if isinstance(value, str) else None) or utc_now()


def _entry(ident: bytes | str) -> tuple[int, int]:
    """A stream id as a comparable (milliseconds, sequence)."""
    text = ident.decode() if isinstance(ident, bytes) else ident
    ms, _, seq = text.partition("-")
    return int(ms), int(seq or 0)


def _after(ident: bytes | str) -> str:
    """The stream id right after ``ident`` (entries before it are stored: trimmed)."""
    text = ident.decode() if isinstance(ident, bytes) else ident
    ms, _, seq = text.partition("-")
    return f"{ms}-{int(seq or 0) + 1}"
