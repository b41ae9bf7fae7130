"""Politeness Scrapy lacks: ``Crawl-delay`` honoured, robots.txt obeyed under concurrency,
an unreachable robots.txt read as RFC 9309 says.

When a site's robots.txt asks for a delay, its download slot waits at least that long
between requests, without jitter, and AutoThrottle is told not to change that slot's
delay.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newscrawl.urls import site_key

logger = logging.getLogger(__name__)


class DisallowAll(RobotParser):
    """The rules of a site whose robots.txt is unreachable: nothing may be fetched."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, robotstxt_body: bytes) -> DisallowAll:
        return cls()

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class ConcurrentRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, fixed for concurrency and for unreachable robots.txt.

    In Scrapy 2.19 every request but the first that awaits the same robots.txt download
    gets ``None`` instead of the parser (two awaits on one Deferred), so those requests
    were allowed whatever robots.txt says. Here the first request downloads robots.txt
    and the others, once the Deferred fires, read the parser stored for the host.

    RFC 9309 (2.3.1.3, 2.3.1.4): a robots.txt answered 4xx allows everything; one that is
    unreachable (a 5xx answer after retries, a timeout, a network error) disallows the
    whole site, here for the rest of the run, said in one warning line (no traceback).
    Scrapy allowed everything in both cases.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            await self._download_robots(request, netloc)
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            await maybe_deferred_to_future(parser)
            parser = self._parsers[netloc]
        return None if isinstance(parser, Deferred) else parser

    async def _download_robots(self, request: Request, netloc: str) -> None:
        url = urlparse_cached(request)
        robots = Request(
            f"{url.scheme}://{netloc}/robots.txt",
            priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True},
            callback=NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(robots)
            await self._parse_robots(response, netloc, request)
        except Exception as exc:
            self._robots_error(exc, netloc)
        self._stats.inc_value("robotstxt/request_count")

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status < 500:
            await super()._parse_robots(response, netloc, request)
            return
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        self._disallow(netloc, f"answered {response.status}")

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # not fetched by choice (size cap, ...): allowed
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._disallow(netloc, f"unreachable ({type(exc).__name__}: {exc})")

    def _disallow(self, netloc: str, why: str) -> None:
        logger.warning(
            "robots.txt of %s %s: nothing on that host is fetched in this run (RFC 9309)",
            netloc,
            why,
        )
        site = site_key(f"http://{netloc}/")
        self._stats.inc_value("newscrawl/errors/robots_unreachable")
        self._stats.inc_value(f"newscrawl/site/{site}/errors/robots_unreachable")
        parser = DisallowAll()
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(pending, Deferred):
            pending.callback(parser)


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
