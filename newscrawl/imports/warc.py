"""WARC files through the crawl's chain: page analysis, validation, syndication, store.

Workers turn each page into an article exactly as a crawl does
(:func:`newscrawl.crawlpage.page_article`, then the validate and syndication pipelines,
and the body's signature for the story index); in files of gzip members they read byte
ranges themselves, so only small outcomes cross processes. The importing process is the
one writer, in file order. Progress (file, offset) is written in the same transaction as
the articles it covers, so a killed import resumes where it stopped and a finished file
is not read again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from scrapy.exceptions import DropItem

from newscrawl import settings
from newscrawl.clock import parse_utc
from newscrawl.crawlpage import page_article
from newscrawl.frontier.sites import Site, SiteIndex
from newscrawl.imports.filters import Filters, site_for
from newscrawl.imports.jsonl import Stats
from newscrawl.imports.pool import in_order
from newscrawl.imports.warcread import Limits, Page, Skip, WarcReader
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.store import Archive
from newscrawl.store.archive import Prepared, prepare_article
from newscrawl.store.imports import FileProgress, file_key, load_progress, save_progress

#: Pages sent to a worker at once, bytes of a file a worker reads at once, and batches in
#: flight (memory stays flat).
BATCH = 64
SPAN_BYTES = 4 << 20
WINDOW = 4


class Outcome(NamedTuple):
    """What became of one page-type record (small: this crosses the process boundary)."""

    offset: int
    number: int
    article: dict[str, Any] | None  # ready for the store
    reason: str | None  # why nothing is stored: 'not_article', 'dropped', 'filtered/...'
    detail: str = ""
    stats: dict[str, int] | None = None  # what the pipelines counted
    prepared: Prepared | None = None  # the article's row and signature, for the store


@dataclass(frozen=True)
class Options:
    """How pages become articles (the same in every worker)."""

    min_body_chars: int = settings.NEWSCRAWL_MIN_BODY_CHARS
    filters: Filters = field(default_factory=Filters)
    sites: tuple[Site, ...] = ()
    limits: Limits = field(default_factory=Limits)


class PreparePages:
    """The pure half of the chain, run in a worker: page -> article ready for the store."""

    def __init__(self, options: Options):
        self.options = options
        self.index = SiteIndex(options.sites)
        self.stats = Stats()
        self.validate = ValidatePipeline(self.stats, options.min_body_chars)
        self.syndication = SyndicationPipeline(self.stats)

    def __call__(self, page: Page | Skip) -> Outcome:
        if isinstance(page, Skip):
            return Outcome(page.offset, page.number, None, page.reason, page.detail)
        self.stats.clear()
        prepared = None
        try:
            article, reason = self._article(page)
            if article is not None:
                prepared = prepare_article(article)
        except DropItem as exc:
            article, reason = None, f"dropped: {exc}"
        except Exception as exc:  # one bad page must never stop an import
            article, reason = None, f"error: {type(exc).__name__}: {exc}"
        stats = dict(self.stats) or None
        return Outcome(page.offset, page.number, article, reason, "", stats, prepared)

    def _article(self, page: Page) -> tuple[dict[str, Any] | None, str | None]:
        site = site_for(page.url, self.index)
        now = parse_utc(page.fetched_at)
        _, fields = page_article(page.body, page.url, page.content_type, site, now, False)
        if fields is None:
            return None, "not_article"
        item = {
            **fields,
            "fetched_url": page.url,
            "fetched_at": page.fetched_at,
            "http_status": page.status,
            "site": site.key,
        }
        item = self.validate.process_item(item)
        filtered = self.options.filters.reason(item)
        if filtered:
            return None, f"filtered_{filtered}"
        return self.syndication.process_item(item), None


_worker: PreparePages | None = None


def start_worker(options: Options) -> None:
    """Pool initializer: one preparer per worker process."""
    global _worker
    _worker = PreparePages(options)


def prepare_batch(batch: list[Page | Skip]) -> list[Outcome]:
    """A batch of pages the importing process read, through the worker's preparer."""
    assert _worker is not None
    return [_worker(page) for page in batch]


#: A byte range of a file of gzip members that a worker reads itself: (path, start, end).
Span = tuple[str, int, int | None]


def prepare_spans(spans: list[Span]) -> list[Outcome]:
    """The pages of byte ranges of files, read and prepared in the worker: only the small
    outcomes cross the process boundary, never the pages."""
    assert _worker is not None
    options = _worker.options
    outcomes = []
    for path, start, end in spans:
        reader = WarcReader(Path(path), "warc.gz", options.limits, options.filters.keeps_url)
        outcomes += [_worker(page) for page in reader.pages_between(start, end)]
    return outcomes


@dataclass
class WarcResult:
    """What the WARC files of one import gave."""

    records: int = 0
    stats: Stats = field(default_factory=Stats)
    problems: list[str] = field(default_factory=list)  # "FILE @OFFSET: why"
    files: int = 0
    resumed: int = 0
    already: int = 0  # files imported completely before: not read again


class WarcImport:
    """Imports WARC files into one archive: reads, hands pages to the pool, stores."""

    def __init__(self, archive: Archive, options: Options, pool: Any = None):
        self.archive = archive
        self.options = options
        self.pool = pool
        self.result = WarcResult()
        self.store = StorePipeline(archive, self.result.stats)

    def run(self, path: Path, kind: str, advance: Callable[[int], None]) -> None:
        """Import one file; ``advance(bytes)`` follows the reading position."""
        key = file_key(path)
        size = path.stat().st_size
        progress = load_progress(self.archive.conn, key) or FileProgress(key, str(path), kind, size)
        self.result.files += 1
        if progress.complete:
            self.result.already += 1
            advance(size)
            return
        if progress.records:
            self.result.resumed += 1
        seekable = kind != "warc.gz-stream"
        position = max(progress.last_offset, 0) if seekable else 0
        advance(position)
        for batch in _batches(self._outcomes(path, kind, progress)):
            self._write(path, batch, progress)
            if seekable:
                advance(progress.last_offset - position)
                position = progress.last_offset
        progress.complete = True
        save_progress(self.archive.conn, progress)
        self.archive.commit()
        advance(size - position)

    def _outcomes(self, path: Path, kind: str, progress: FileProgress) -> Iterator[Outcome]:
        """The file's outcomes in file order. Gzip members: workers read byte ranges
        themselves; other files: this process reads and sends the pages."""
        if kind == "warc.gz":
            size = path.stat().st_size
            start = progress.last_offset + 1 if progress.last_offset >= 0 else 0
            spans = [
                (str(path), at, at + SPAN_BYTES if at + SPAN_BYTES < size else None)
                for at in range(start, size, SPAN_BYTES)
            ]
            return in_order(self.pool, prepare_spans, spans, 1, WINDOW)
        reader = WarcReader(path, kind, self.options.limits, self.options.filters.keeps_url)
        pages = reader.pages(progress.last_offset, progress.records)
        return in_order(self.pool, prepare_batch, pages, BATCH, WINDOW)

    def _write(self, path: Path, batch: list[Outcome], progress: FileProgress) -> None:
        """Store a batch's articles and the file's progress in one transaction."""
        self.archive.begin()
        self.archive.hold()
        try:
            for outcome in batch:
                self._one(path, outcome, progress)
            progress.last_offset = batch[-1].offset
            progress.records += len(batch)
            progress.path = str(path)
            save_progress(self.archive.conn, progress)
        finally:
            self.archive.release()
        self.archive.maybe_commit()

    def _one(self, path: Path, outcome: Outcome, progress: FileProgress) -> None:
        stats = self.result.stats
        self.result.records += 1
        if outcome.stats:
            stats.update(outcome.stats)
        if outcome.article is not None:
            try:
                self.store.process_item(outcome.article, outcome.prepared)
                progress.articles += 1
                return
            except Exception as exc:  # a value the archive refuses: skip it, keep going
                outcome = outcome._replace(reason="error", detail=f"{type(exc).__name__}: {exc}")
        progress.skipped += 1
        reason = (outcome.reason or "error").split(":")[0]
        stats.inc_value(f"newscrawl/import/skipped/{reason}")
        if reason in ("broken", "error"):
            detail = outcome.detail or (outcome.reason or "")
            self.result.problems.append(f"{path} @{outcome.offset}: {reason}: {detail}")


def _batches(outcomes: Iterator[Outcome]) -> Iterator[list[Outcome]]:
    batch: list[Outcome] = []
    for outcome in outcomes:
        batch.append(outcome)
        if len(batch) >= BATCH * WINDOW:
            yield batch
            batch = []
    if batch:
        yield batch
