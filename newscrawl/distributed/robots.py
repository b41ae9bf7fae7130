"""robots.txt read once per site and run, and shared by every worker.

The first worker to need a host's robots.txt takes a short lock in Redis, downloads and
parses it as Scrapy does, and stores the body; the others wait for the body and parse
that. A body stored empty after a download error means "no rules", as in Scrapy.
"""

from __future__ import annotations

import asyncio

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

from newscrawl.distributed.shared import worker_for
from newscrawl.distributed.worker import LeaseOnError
from newscrawl.middlewares import ConcurrentRobotsTxtMiddleware

#: Seconds one worker may take to fetch a robots.txt before another one tries.
LOCK_SECONDS = 60


class SharedRobotsTxtMiddleware(ConcurrentRobotsTxtMiddleware):
    """newscrawl's robots.txt middleware with the download shared through Redis."""

    def __init__(self, crawler: Crawler):
        LeaseOnError.from_crawler(crawler)  # NotConfigured unless distributed
        super().__init__(crawler)
        self.worker = worker_for(crawler)

    async def _shared_body(self, netloc: str) -> bytes | None:
        """The stored robots.txt of ``netloc``, or None when this worker is to fetch it."""
        client, keys = self.worker.client, self.worker.keys
        while True:
            body = client.hget(keys.robots, netloc)
            if body is not None:
                return body if isinstance(body, bytes) else str(body).encode()
            if client.set(keys.robots_lock(netloc), self.worker.name, nx=True, ex=LOCK_SECONDS):
                return None
            await asyncio.sleep(0.2)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc in self._parsers:
            return await super().robot_parser(request)
        waiting: Deferred[RobotParser | None] = Deferred()
        self._parsers[netloc] = waiting
        body = await self._shared_body(netloc)
        if body is None:
            del self._parsers[netloc]
            parser = await super().robot_parser(request)
        else:
            parser = build_from_crawler(self._parserimpl, self.crawler, body)
            self._parsers[netloc] = parser
            self._stats.inc_value("robotstxt/shared")
            await self.crawler.signals.send_catch_log_async(
                signal=signals.robots_parsed, robotparser=parser, request=request
            )
        waiting.callback(parser)
        return parser

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        self.worker.client.hset(self.worker.keys.robots, netloc, response.body)
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self.worker.client.hset(self.worker.keys.robots, netloc, b"")
        super()._robots_error(exc, netloc)
