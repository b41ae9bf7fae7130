"""The one Archive a crawl shares between its pipelines and the run log, and the one
page ledger its spider and crawl state recorder share, and where its budget keeps state."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawl.frontier.budgetstate import BudgetState, LocalBudgetState
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, PageLedger

_OPEN: WeakKeyDictionary[Crawler, Archive] = WeakKeyDictionary()
_LEDGERS: WeakKeyDictionary[Crawler, PageLedger] = WeakKeyDictionary()


def archive_for(crawler: Crawler) -> Archive:
    """The crawl's Archive at ``NEWSCRAWL_DB``, opened on first use, closed when the engine stops."""
    archive = _OPEN.get(crawler)
    if archive is None:
        settings = crawler.settings
        archive = Archive.open(
            settings.get("NEWSCRAWL_DB"),
            batch_size=settings.getint("NEWSCRAWL_BATCH_SIZE"),
            batch_seconds=settings.getfloat("NEWSCRAWL_BATCH_SECONDS"),
            syndication_threshold=settings.getfloat("NEWSCRAWL_SYNDICATION_THRESHOLD"),
        )
        _OPEN[crawler] = archive

        def close() -> None:
            _OPEN.pop(crawler, None)
            archive.close()

        crawler.signals.connect(close, signal=signals.engine_stopped, weak=False)
    return archive


def ledger_for(crawler: Crawler) -> PageLedger:
    """The crawl's page ledger: the archive's ``pages`` table, or on a distributed worker
    (``NEWSCRAWL_REDIS_URL``) the state the writer published and an outbox to it."""
    ledger = _LEDGERS.get(crawler)
    if ledger is None:
        if crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            from newscrawl.distributed.ledger import RemoteLedger

            ledger = RemoteLedger.from_crawler(crawler)
        else:
            ledger = CrawlState(archive_for(crawler))
        _LEDGERS[crawler] = ledger
    return ledger


def budget_state_for(crawler: Crawler) -> BudgetState:
    """The crawl budget's state: in memory, or on a distributed worker
    (``NEWSCRAWL_REDIS_URL``) the run's state in Redis, shared by its workers."""
    if crawler.settings.get("NEWSCRAWL_REDIS_URL"):
        from newscrawl.distributed.shared import worker_for

        return worker_for(crawler).budget
    return LocalBudgetState()
