"""Politeness Scrapy lacks: ``Crawl-delay`` honoured, robots.txt obeyed under concurrency.

When a site's robots.txt asks for a delay, its download slot waits at least that long
between requests, without jitter, and AutoThrottle is told not to change that slot's
delay.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


class ConcurrentRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, fixed for requests that wait for robots.txt together.

    In Scrapy 2.19 every request but the first that awaits the same robots.txt download
    gets ``None`` instead of the parser (two awaits on one Deferred), so those requests
    were allowed whatever robots.txt says. Once the download is done the parser is
    stored, so it is read from there.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(stored, Deferred):
                return stored
        return parser


class CrawlDelayMiddleware:
    """Downloader middleware: per-slot minimum delays from robots.txt ``Crawl-delay``."""

    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        settings = crawler.settings
        self.user_agent = str(settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT"))
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        return cls(crawler)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Remember the delay robots.txt asks of us for the slot of ``request``."""
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay or delay <= 0:
            return
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        delay = max(float(delay), self.delays.get(key, 0.0))
        self.delays[key] = delay
        slot_settings = downloader.per_slot_settings.setdefault(key, {})
        slot_settings["delay"] = max(delay, float(slot_settings.get("delay", 0.0)))
        slot_settings["jitter"] = 0.0
        self._apply(key)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(f"newscrawl/crawl_delay/{key}", delay)
        logger.info("robots.txt asks for a Crawl-delay of %.1f s on %s: honoured", delay, key)

    def _apply(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None and slot.delay < self.delays[key]:
            slot.delay = self.delays[key]
            slot.jitter = 0.0

    def process_request(self, request: Request) -> None:
        """Keep the slot at its Crawl-delay and out of AutoThrottle's adjustments."""
        key = self.crawler.engine.downloader.get_slot_key(request)
        if key in self.delays:
            request.meta["autothrottle_dont_adjust_delay"] = True
            self._apply(key)
