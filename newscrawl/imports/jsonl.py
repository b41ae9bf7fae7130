"""``newscrawl import``: load article records (JSON lines) through the crawl's pipelines."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from tqdm import tqdm

from newscrawl import settings
from newscrawl.clock import now_iso
from newscrawl.extract.bylines import parse_byline
from newscrawl.fields import ARTICLE_FIELDS
from newscrawl.imports.filters import Filters
from newscrawl.imports.pool import in_order, start_pool
from newscrawl.items import Article
from newscrawl.loaders import ArticleLoader
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.store import Archive
from newscrawl.store.archive import Prepared, prepare_article
from newscrawl.store.queries import story_counts
from newscrawl.syndication.wire import detect_wire
from newscrawl.urls import site_key

#: Record keys that are the archive's business, not the file's (ids of another database).
_IGNORED = {"story_id", "fingerprint"}
_FIELDS = set(Article.fields) - _IGNORED


@lru_cache(maxsize=8192)
def _authors(byline: str) -> tuple[str, ...]:
    return tuple(parse_byline(byline).authors)


class Stats(Counter[str]):
    """The crawl stats interface the pipelines use (``inc_value``)."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] = self.get(key, start) + count


@dataclass
class ImportResult:
    """What one import did."""

    lines: int = 0
    stats: Stats = field(default_factory=Stats)
    problems: list[str] = field(default_factory=list)  # "line N: why"
    seconds: float = 0.0

    @property
    def malformed(self) -> int:
        """Lines that were not article records."""
        return self.stats["newscrawl/import/malformed"]


#: JSON types each kind of article field accepts, and how a problem names them.
_KINDS: dict[str, tuple[tuple[type, ...], str]] = {
    "text": ((str,), "a string"),
    "date": ((str,), "an ISO 8601 string"),
    "list": ((list, str), "a list of strings"),
    "int": ((int,), "a whole number"),
    "float": ((int, float), "a number"),
}
_KIND_OF = {f.name: f.kind for f in ARTICLE_FIELDS}


def wrong_type(values: dict[str, Any]) -> str | None:
    """Why a record's field has a value of the wrong JSON type (None when none has)."""
    for name, value in values.items():
        types, wanted = _KINDS[_KIND_OF[name]]
        bad_list = isinstance(value, list) and not all(isinstance(v, str) for v in value)
        if isinstance(value, bool) or not isinstance(value, types) or bad_list:
            return f"field {name!r} must be {wanted}, not {json.dumps(value)[:40]}"
    return None


def article_item(record: dict[str, Any], fetched_at: str) -> Any:
    """A record cleaned like a crawled page: loader chains, authors from the byline, site
    (ValueError when a field has a value of the wrong type)."""
    values = {k: v for k, v in record.items() if k in _FIELDS and v not in (None, "", [])}
    problem = wrong_type(values)
    if problem:
        raise ValueError(problem)
    if not values.get("authors") and isinstance(values.get("byline"), str):
        values["authors"] = list(_authors(values["byline"]))  # normalized by the loader
    loader = ArticleLoader(site_name=values.get("site_name"))
    loader.add_value(None, values)
    item = loader.load_item()
    if not item.get("site") and item.get("url"):
        item["site"] = site_key(item["url"]) or None
    if not item.get("wire_source"):  # the raw byline may be a CMS handle the loader drops
        raw = record.get("byline") if isinstance(record.get("byline"), str) else None
        item["wire_source"] = detect_wire(
            item.get("byline"),
            item.get("body"),
            handle=raw,
            links=[item.get("canonical_url")],
            site=item.get("site"),
        )
    item.setdefault("fetched_at", fetched_at)
    return item


#: What preparing one line gives: line number, bytes read, item, its row and signature for
#: the store, problem, stats counted.
PreparedLine = tuple[int, int, Any, Prepared | None, str | None, Stats]
#: Lines sent to a worker at once, and batches in flight.
POOL_BATCH = 256
POOL_WINDOW = 4
#: Lines prepared in the importing process while the workers start (~1 s: their imports):
#: the store begins at once instead of waiting for the first batch.
POOL_HEAD = 512


class Prepare:
    """The pure first half of the chain: parse a line, load it, validate, syndication, and
    the body's signature for the story index.

    Runs in the importing process or in a worker process (``--workers``); returns the item
    ready for the store and its signature, or the reason the line is skipped, plus the stats
    it counted.
    """

    def __init__(self, min_body_chars: int, fetched_at: str, filters: Filters | None = None):
        self.stats = Stats()
        self.filters = filters or Filters()
        self.validate = ValidatePipeline(self.stats, min_body_chars)
        self.syndication = SyndicationPipeline(self.stats)
        self.fetched_at = fetched_at

    def __call__(self, numbered: tuple[int, bytes]) -> PreparedLine:
        number, line = numbered
        self.stats.clear()
        item, problem = self._prepare(line)
        prepared = prepare_article(item) if item is not None else None
        return number, len(line), item, prepared, problem, Stats(self.stats)

    def _prepare(self, line: bytes) -> tuple[Any, str | None]:
        if not line.strip():
            return None, None
        try:
            record = json.loads(line)
        except ValueError as exc:
            self.stats.inc_value("newscrawl/import/malformed")
            return None, f"not JSON ({exc})"
        if not isinstance(record, dict):
            self.stats.inc_value("newscrawl/import/malformed")
            return None, "not a JSON object"
        try:
            item = self.validate.process_item(article_item(record, self.fetched_at))
            filtered = self.filters.reason(item)
            if filtered:
                self.stats.inc_value(f"newscrawl/import/skipped/filtered_{filtered}")
                return None, None
            return dict(self.syndication.process_item(item)), None
        except DropItem as exc:
            return None, f"dropped: {exc}"
        except ValueError as exc:  # a value of the wrong type
            self.stats.inc_value("newscrawl/import/malformed")
            return None, str(exc)
        except Exception as exc:  # a bad value must not stop a bulk load
            self.stats.inc_value("newscrawl/import/malformed")
            return None, f"{type(exc).__name__}: {exc}"


_worker: Prepare | None = None


def _start_worker(min_body_chars: int, fetched_at: str, filters: Filters | None) -> None:
    global _worker
    _worker = Prepare(min_body_chars, fetched_at, filters)


def _in_worker(batch: list[tuple[int, bytes]]) -> list[PreparedLine]:
    assert _worker is not None
    return [_worker(numbered) for numbered in batch]


def import_jsonl(
    path: str | Path,
    archive: Archive,
    progress: bool = False,
    min_body_chars: int = settings.NEWSCRAWL_MIN_BODY_CHARS,
    workers: int = 0,
    filters: Filters | None = None,
) -> ImportResult:
    """Send every record of a JSON-lines file through validate -> syndication -> store.

    With ``workers`` > 0, parsing, loading, validation and signing run in that many worker
    processes while this one stores (in file order, so the outcome is the same).
    """
    result = ImportResult()
    store = StorePipeline(archive, result.stats)
    fetched_at = now_iso()
    started = time.perf_counter()
    stream = sys.stdin.buffer if str(path) == "-" else open(path, "rb")  # noqa: SIM115
    size = None if str(path) == "-" else Path(path).stat().st_size
    bar = tqdm(total=size, unit="B", unit_scale=True, desc="import") if progress else None
    setup = (min_body_chars, fetched_at, filters)
    pool = start_pool(workers, _start_worker, setup) if workers else None
    _start_worker(*setup)  # the lines prepared here: all without a pool, the head with one
    numbered = enumerate(stream, start=1)
    prepared = in_order(pool, _in_worker, numbered, POOL_BATCH, POOL_WINDOW, POOL_HEAD)
    try:
        for number, size_read, item, ready, problem, stats in prepared:
            result.lines = number
            result.stats.update(stats)
            if bar is not None:
                bar.update(size_read)
            if item is not None:
                problem = _store(store, item, ready, result)
            if problem:
                result.problems.append(f"line {number}: {problem}")
        store.close_spider()
    finally:
        if pool is not None:
            pool.terminate()
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    result.seconds = time.perf_counter() - started
    return result


def _store(
    store: StorePipeline, item: dict[str, Any], ready: Prepared | None, result: ImportResult
) -> str | None:
    try:
        store.process_item(item, ready)
    except Exception as exc:  # e.g. a constraint the record breaks: skip it, keep going
        result.stats.inc_value("newscrawl/import/malformed")
        return f"{type(exc).__name__}: {exc}"
    return None


def counts(stats: Stats, prefix: str) -> dict[str, int]:
    """The counters under ``prefix``, by their last part (a reason)."""
    return {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith(prefix)}


def story_line(stats: Stats, archive: Archive) -> str:
    """The summary's line on wire copies and the archive's stories."""
    stories, multi = story_counts(archive.conn)
    return (
        f"{stats['newscrawl/syndication/wire_copies']} wire copies; archive: {stories} "
        f"stories, {multi} with several copies"
    )


def summary_lines(result: ImportResult, archive: Archive) -> list[str]:
    """The end-of-import summary."""
    s = result.stats
    dropped = counts(s, "newscrawl/dropped/")
    rate = result.lines / result.seconds if result.seconds else 0.0
    out = [
        f"{result.lines} lines in {result.seconds:.1f} s ({rate:,.0f} lines/s): "
        f"{s['newscrawl/articles/new']} new, {s['newscrawl/articles/updated']} updated, "
        f"{s['newscrawl/articles/unchanged']} unchanged, {sum(dropped.values())} dropped, "
        f"{result.malformed} malformed",
        story_line(s, archive),
    ]
    if dropped:
        out.append("dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())))
    return out
