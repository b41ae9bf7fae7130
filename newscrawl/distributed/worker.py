"""The worker side of a distributed crawl: joining a run, leases, the outbox, leaving.

- :class:`WorkerLifecycle` (extension): joins the job's run and waits until the writer has
  published the archive's state; then beats (renews its leases, says whether it is busy,
  sends buffered operations, wakes the engine when other workers queued requests); stays
  while any worker is busy or anything is queued or leased, and leaves after
  ``NEWSCRAWL_REDIS_IDLE`` idle seconds, sending its stats to the writer.
- :class:`LeaseKeeper` (spider middleware) and :class:`LeaseOnError` (downloader
  middleware): a leased request is acknowledged once its outcome is in Redis: all the
  callback's output handed on and its items sent, or the request failed for good.
- :class:`OutboxPipeline` (item pipeline): articles go to the writer, not to SQLite.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import redis
from itemadapter import ItemAdapter
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from newscrawl.distributed.queue import LEASE_META, LeasedQueue
from newscrawl.distributed.run import DONE, RUNNING, Run
from newscrawl.distributed.shared import worker_for
from newscrawl.extensions.runlog import COMPLETE_REASONS, RUN_STATUS

logger = logging.getLogger(__name__)

#: Seconds between two heartbeats of a worker.
BEAT_SECONDS = 0.5


def _queue(crawler: Crawler) -> LeasedQueue | None:
    slot = getattr(crawler.engine, "_slot", None)
    queue = getattr(getattr(slot, "scheduler", None), "queue", None)
    return queue if isinstance(queue, LeasedQueue) else None


def _distributed(crawler: Crawler) -> None:
    if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
        raise NotConfigured


class WorkerLifecycle:
    """Extension: a worker's part in the run (see the module docstring)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.worker = worker_for(crawler)
        settings = crawler.settings
        self.idle_seconds = settings.getfloat("NEWSCRAWL_REDIS_IDLE")
        self.run = Run(
            self.worker.client, self.worker.keys, settings.getfloat("NEWSCRAWL_REDIS_LEASE")
        )
        self.idle_since: float | None = None
        self.failing_since: float | None = None
        self.beat = task.LoopingCall(self.tick)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerLifecycle:
        _distributed(crawler)
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    async def spider_opened(self, spider: Spider) -> None:
        """Join the run; wait until the writer has published the archive's state."""
        name = self.worker.name
        phase = self.run.join(name)
        waited = 0.0
        while phase != RUNNING:
            if waited % 30 == 0:
                logger.info(
                    "waiting for `newscrawl store` to publish the archive (job %s)",
                    self.worker.keys.job,
                )
            await asyncio.sleep(0.5)
            waited += 0.5
            phase = self.run.phase() or DONE
            if phase == DONE:
                phase = self.run.join(name)
        sites = [
            {"site": s.key, "name": s.name, "agency": s.agency, "start_urls": s.start_urls}
            for s in getattr(spider, "sites", [])
        ]
        self.run.add_sites(sites)
        self.run.beat(name, busy=True)
        logger.info(
            "worker %s joined run %s of job %s",
            name,
            self.run.info().get("id"),
            self.worker.keys.job,
        )
        self.beat.start(BEAT_SECONDS, now=False)

    def busy(self) -> bool:
        """True while this worker holds a request or its pipelines hold an item."""
        queue = _queue(self.crawler)
        slot = self.crawler.engine.scraper.slot
        return bool(queue and queue.held) or (slot is not None and not slot.is_idle())

    def tick(self) -> None:
        """Renew leases, beat, send buffered operations, wake the engine for new work;
        close the spider when Redis has been unreachable for a lease time."""
        queue = _queue(self.crawler)
        engine = self.crawler.engine
        try:
            if queue is not None:
                queue.renew()
            self.run.beat(self.worker.name, self.busy())
            self.worker.outbox.flush()
            if queue is not None and len(queue) and not engine.needs_backout():
                engine._slot.nextcall.schedule()  # type: ignore[union-attr]
        except redis.RedisError as exc:
            now = time.monotonic()
            self.failing_since = self.failing_since or now
            logger.warning("Redis unreachable: %s", exc)
            if now - self.failing_since > self.run.stale and engine.running:
                logger.error("Redis unreachable for %.0f s: stopping", now - self.failing_since)
                deferred_from_coro(engine.close_spider_async(reason="redis_unavailable"))
        else:
            self.failing_since = None

    def spider_idle(self, spider: Spider) -> None:
        """Stay while the run has work anywhere; leave after the idle time."""
        if not self.run.idle(self.worker.name):
            self.idle_since = None
            raise DontCloseSpider
        self.run.beat(self.worker.name, busy=False)
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Send this worker's figures to the writer and leave the run."""
        if self.beat.running:
            self.beat.stop()
        stats = self.crawler.stats
        complete = reason in COMPLETE_REASONS
        if stats is not None:
            stats.set_value(RUN_STATUS, "finished" if complete else "failed")
            figures = {
                k: v for k, v in stats.get_stats().items()
                if isinstance(v, int | float) and not isinstance(v, bool)
            }  # fmt: skip
            self.worker.outbox.add(["stats", self.worker.name, figures, reason])
        try:
            self.worker.outbox.flush()
            if self.run.leave(self.worker.name):
                logger.info(
                    "run %s of job %s is done", self.run.info().get("id"), self.worker.keys.job
                )
        except redis.RedisError as exc:
            logger.error(
                "could not report to Redis (its requests go back after the lease time): %s", exc
            )
            if stats is not None:
                stats.set_value(RUN_STATUS, "failed")


class LeaseKeeper:
    """Spider middleware: acknowledges a leased request once everything its callback
    produced has been handed on and its items have reached the outbox."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.worker = worker_for(crawler)
        self.items: Counter[str] = Counter()  # lease -> items still in the pipelines
        self.finished: set[str] = set()  # leases whose callback output is all out
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item_done, signal=signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseKeeper:
        _distributed(crawler)
        return cls(crawler)

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        lease = str(response.meta.get(LEASE_META) or "")
        try:
            async for output in result:
                if lease and not isinstance(output, Request):
                    self.items[lease] += 1
                yield output
        finally:
            if lease:
                self.finished.add(lease)
                self._settle(lease)

    def item_done(self, item: Any, response: Any, **_: Any) -> None:
        lease = (
            str(getattr(response, "meta", {}).get(LEASE_META) or "")
            if isinstance(response, Response)
            else ""
        )
        if lease and self.items[lease] > 0:
            self.items[lease] -= 1
            self._settle(lease)

    def _settle(self, lease: str) -> None:
        if lease in self.finished and self.items[lease] <= 0:
            self.finished.discard(lease)
            del self.items[lease]
            acknowledge(self.crawler, lease)


def acknowledge(crawler: Crawler, lease: str) -> None:
    """Send what the worker has buffered, then release ``lease`` for good."""
    worker_for(crawler).outbox.flush()
    queue = _queue(crawler)
    if queue is not None:
        queue.ack(lease)


class LeaseOnError:
    """Downloader middleware (outermost): a request that failed for good (after retries,
    or refused by robots.txt) is acknowledged; a retry carries its lease on instead."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseOnError:
        _distributed(crawler)
        return cls(crawler)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        lease = request.meta.get(LEASE_META)
        if lease:
            # the errback's outcome (a failure count) may be lost if the worker dies now:
            # the URL then stays queued in the archive and the next run retries it
            acknowledge(self.crawler, str(lease))


class OutboxPipeline:
    """Item pipeline: send each article to the writer (which detects wire copy and stores)."""

    def __init__(self, crawler: Crawler):
        self.worker = worker_for(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutboxPipeline:
        _distributed(crawler)
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        self.worker.outbox.add(["article", ItemAdapter(item).asdict()])
        return item
