"""scrapy-redis's scheduler and duplicate filter, fitted to newscrawl.

Why subclasses: scrapy-redis 0.9.1 pickles requests (our queue writes JSON,
:mod:`.codec`), pops them for good (our queue leases them, :mod:`.queue`), fingerprints
requests its own way instead of with Scrapy's ``REQUEST_FINGERPRINTER`` (our filter asks
the crawler's fingerprinter), and clears the shared queue and filter when one worker
closes (ours keep them: they belong to the run, which the last worker ends). A request for
a URL the crawl budget had held back settles its take (``newscrawl.distributed.budget``)
once it is queued or found queued already.
"""

from __future__ import annotations

import logging
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.budget import RedisBudgetState
from newscrawl.distributed.queue import LEASE_META, LeasedQueue
from newscrawl.distributed.shared import worker_for
from newscrawl.frontier.budgetstate import HELD_META

logger = logging.getLogger(__name__)


class SharedDupeFilter(RFPDupeFilter):
    """The run's seen-set in Redis, keyed by Scrapy's own request fingerprints."""

    def __init__(self, server: Any, key: str, crawler: Crawler):
        super().__init__(server, key, debug=crawler.settings.getbool("DUPEFILTER_DEBUG"))
        self.fingerprinter = crawler.request_fingerprinter

    def request_fingerprint(self, request: scrapy.Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other workers of the run still use them."""


class RedisScheduler(Scheduler):
    """The shared, leased request queue of a distributed crawl."""

    queue: LeasedQueue
    budget: RedisBudgetState

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        worker = worker_for(crawler)
        scheduler = cls(
            server=worker.client,
            persist=True,
            queue_key=worker.keys.job,
            queue_cls=f"{LeasedQueue.__module__}.{LeasedQueue.__qualname__}",
            dupefilter=SharedDupeFilter(worker.client, worker.keys.seen, crawler),
        )
        scheduler.stats = crawler.stats
        scheduler.budget = worker.budget
        scheduler.lease_seconds = crawler.settings.getfloat("NEWSCRAWL_REDIS_LEASE")
        return scheduler

    def open(self, spider: scrapy.Spider) -> None:
        super().open(spider)
        self.queue.lease_seconds = self.lease_seconds

    def enqueue_request(self, request: scrapy.Request) -> bool:
        """Queue ``request`` unless another worker already did; a redirect or retry of a
        leased request settles that lease, a released held URL its take."""
        lease = request.meta.get(LEASE_META)
        taken = request.meta.pop(HELD_META, None)
        try:
            if not request.dont_filter and self.df.request_seen(request):
                if lease:
                    self.queue.ack(request.meta.pop(LEASE_META))
                self.df.log(request, self.spider)
                return False
            if self.stats is not None:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True
        finally:
            if taken:
                self.budget.settle_token(str(taken))

    def next_request(self) -> scrapy.Request | None:
        request = self.queue.pop()
        if request is not None and self.stats is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def close(self, reason: str) -> None:
        """Hand the requests this worker still holds back to the queue at once."""
        self.queue.lease_seconds = 0
        self.queue.renew()
