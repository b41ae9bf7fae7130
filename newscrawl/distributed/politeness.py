"""Politeness across workers: one site is never hit harder because more workers crawl it.

Each download slot (one per site) has a gate in Redis: the requests in flight (a sorted
set of tokens with an expiry, so a killed worker's tokens lapse) and the earliest start
of the next request. A request passes when fewer than the slot's concurrency are in
flight, all workers together, and the slot's delay has passed since the last start; it
waits otherwise. Concurrency and delay are the slot's own (``CONCURRENT_REQUESTS_PER_
DOMAIN``, ``DOWNLOAD_DELAY``, ``DOWNLOAD_SLOTS``, a robots.txt Crawl-delay, AutoThrottle),
so the settings mean the same with one worker or many.
"""

from __future__ import annotations

import asyncio
import uuid

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from newscrawl.distributed.shared import worker_for
from newscrawl.distributed.worker import LeaseOnError

GATE_META = "newscrawl_gate"
#: Longest wait between two tries at a full gate.
POLL_SECONDS = 0.1

# KEYS: in flight, next start; ARGV: token, concurrency, delay, token lifetime.
# Returns "0" when the token was taken, else seconds to wait.
_ACQUIRE = """
local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return '-1' end
local wait = tonumber(redis.call('GET', KEYS[2]) or '0') - now
if wait > 0 then return tostring(wait) end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[4])))
redis.call('SET', KEYS[2], tostring(now + tonumber(ARGV[3])), 'EX', math.ceil(tonumber(ARGV[3])) + 1)
return '0'
"""


class SiteGate:
    """Downloader middleware: waits at the site's shared gate before each download."""

    def __init__(self, crawler: Crawler):
        LeaseOnError.from_crawler(crawler)  # NotConfigured unless distributed
        self.crawler = crawler
        self.worker = worker_for(crawler)
        settings = crawler.settings
        self.concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self.delay = settings.getfloat("DOWNLOAD_DELAY")
        self.lifetime = settings.getfloat("DOWNLOAD_TIMEOUT") + 30.0
        self._acquire = self.worker.client.register_script(_ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteGate:
        return cls(crawler)

    def _slot(self, request: Request) -> tuple[str, int, float]:
        """The request's slot key, concurrency and delay as this worker sees them now."""
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        own = downloader.per_slot_settings.get(key, {})
        concurrency = int(own.get("concurrency", self.concurrency))
        delay = slot.delay if slot is not None else float(own.get("delay", self.delay))
        return key, max(1, concurrency), max(0.0, delay)

    async def process_request(self, request: Request) -> None:
        key, concurrency, delay = self._slot(request)
        busy, next_start = self.worker.keys.gate(key)
        token = uuid.uuid4().hex
        while True:
            wait = float(
                self._acquire(
                    keys=[busy, next_start], args=[token, concurrency, delay, self.lifetime]
                )
            )
            if wait == 0:
                break
            await asyncio.sleep(POLL_SECONDS if wait < 0 else min(wait, POLL_SECONDS * 10))
        request.meta[GATE_META] = [busy, token]

    def _leave(self, request: Request) -> None:
        gate = request.meta.pop(GATE_META, None)
        if gate:
            self.worker.client.zrem(gate[0], gate[1])

    def process_response(self, request: Request, response: Response) -> Response:
        self._leave(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._leave(request)
