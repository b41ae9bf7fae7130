"""The run log: one ``crawls`` row per run, written at start and completed at the end."""

from __future__ import annotations

from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES

from newscrawl.pipelines.archive import archive_for


def crawl_figures(stats: dict[str, Any], reason: str) -> dict[str, Any]:
    """The ``crawls`` columns computed from Scrapy's final stats."""
    dropped = {
        key.rsplit("/", 1)[1]: value
        for key, value in stats.items()
        if key.startswith("newscrawl/dropped/")
    }
    errors = stats.get("log_count/ERROR", 0)
    return {
        "status": "finished" if reason == "finished" else "failed",
        "finish_reason": reason,
        "pages_fetched": stats.get("newscrawl/pages/fetched", 0),
        "articles_new": stats.get("newscrawl/articles/new", 0),
        "articles_updated": stats.get("newscrawl/articles/updated", 0),
        "articles_unchanged": stats.get("newscrawl/articles/unchanged", 0),
        "items_dropped": sum(dropped.values()),
        "dropped_reasons": dropped,
        "errors": errors,
        "stats": stats,
    }


class RunLog:
    """Writes the ``crawls`` row of this run and registers the crawled sites."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLog:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def arguments(self, spider: Spider) -> dict[str, Any]:
        """Spider arguments and the settings given on the command line."""
        args = {k: v for k, v in vars(spider).items() if k.endswith("_arg") and v}
        cmdline = SETTINGS_PRIORITIES["cmdline"]
        settings = {
            name: str(self.crawler.settings[name])
            for name in self.crawler.settings.attributes
            if self.crawler.settings.getpriority(name) == cmdline
        }
        return {"spider_args": args, "settings": settings}

    def spider_opened(self, spider: Spider) -> None:
        archive = archive_for(self.crawler)
        sites = getattr(spider, "sites", [])
        archive.register_sites(
            {"site": s.key, "name": s.name, "agency": s.agency, "start_urls": s.start_urls}
            for s in sites
        )
        self.crawl_id = archive.start_crawl(spider.name, self.arguments(spider))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.crawl_id is None or self.crawler.stats is None:
            return
        figures = crawl_figures(self.crawler.stats.get_stats(), reason)
        archive_for(self.crawler).finish_crawl(self.crawl_id, figures)
