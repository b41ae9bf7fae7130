"""The add-on that turns ``scrapy crawl news`` into a distributed worker.

Enabled in every crawl (``ADDONS``), it does nothing unless ``NEWSCRAWL_REDIS_URL`` is
set. Then it swaps in the Redis scheduler, shared robots.txt and politeness, lease
acknowledgement, the worker's lifecycle, and sends articles to the writer instead of
storing them: a worker never opens the SQLite archive (no run log, no store pipeline).
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

_PACKAGE = "newscrawl.distributed"
SCHEDULER = f"{_PACKAGE}.scheduler.RedisScheduler"
DOWNLOADER_MIDDLEWARES = {
    f"{_PACKAGE}.worker.LeaseOnError": 1,  # outermost: sees what fails for good
    "newscrawl.middlewares.ConcurrentRobotsTxtMiddleware": None,
    f"{_PACKAGE}.robots.SharedRobotsTxtMiddleware": 100,
    f"{_PACKAGE}.politeness.SiteGate": 950,  # innermost: right before the download
}
SPIDER_MIDDLEWARES = {f"{_PACKAGE}.worker.LeaseKeeper": 1}
ITEM_PIPELINES = {
    "newscrawl.pipelines.syndication.SyndicationPipeline": None,  # the writer runs them
    "newscrawl.pipelines.store.StorePipeline": None,
    f"{_PACKAGE}.worker.OutboxPipeline": 300,
}
EXTENSIONS = {
    "newscrawl.extensions.runlog.RunLog": None,  # the writer keeps the run log
    "newscrawl.extensions.capture.WarcCapture": None,
    f"{_PACKAGE}.worker.WorkerLifecycle": 450,
}


class Distributed:
    """Scrapy add-on: a distributed worker when ``NEWSCRAWL_REDIS_URL`` is set."""

    def __init__(self, crawler: Crawler):
        if not crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            raise NotConfigured

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Distributed:
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        """Swap the local components for their distributed counterparts."""
        settings.set("SCHEDULER", SCHEDULER, priority=_priority(settings, "SCHEDULER"))
        for name, components in (
            ("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
            ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
            ("ITEM_PIPELINES", ITEM_PIPELINES),
            ("EXTENSIONS", EXTENSIONS),
        ):
            merged: dict[str, Any] = {**settings.getdict(name), **components}
            settings.set(name, merged, priority=_priority(settings, name))


def _priority(settings: BaseSettings, name: str) -> int:
    """At least the priority the setting has now, so the swap is not ignored."""
    return max(settings.getpriority(name) or 0, 20)
