"""The run log: one ``crawls`` row per run and one ``crawl_sites`` row per site and run.

A run *failed* when it did not complete (stopped by a signal, cancelled, stopped for
errors) or when every configured site failed (none of its requests answered); the
``crawl`` command then exits with status 1 (see :mod:`newscrawl.commands.crawl`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES

from newscrawl.extensions.shared import archive_for
from newscrawl.store.site_figures import COVERAGE_FIELDS, save_site_figures

logger = logging.getLogger(__name__)

#: Stats key holding the run's status ('finished' or 'failed') for the crawl command.
RUN_STATUS = "newscrawl/run_status"
#: Finish reasons of a run that did its work: the end, or a limit the user set.
COMPLETE_REASONS = frozenset(
    {"finished", "closespider_timeout", "closespider_itemcount", "closespider_pagecount"}
)


def _under(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {
        k[len(prefix) :]: int(v)
        for k, v in stats.items()
        if k.startswith(prefix) and isinstance(v, int | float)
    }


#: Stats (under ``newscrawl/`` or ``newscrawl/site/<site>/``) counted per page kind.
REQUEST_KINDS = {
    "article": ("pages/article", "articles/not_modified"),
    "listing": ("pages/listing", "pages/video", "pages/other", "pages/non_html",
                "listings/not_modified"),
    "feed": ("docs/feed", "feeds/not_modified"),
    "sitemap": ("docs/sitemap", "docs/sitemapindex", "sitemaps/not_modified"),
    "robots": ("docs/robots", "docs/robots_missing"),
}  # fmt: skip


def listing_figures(own: Mapping[str, int]) -> dict[str, Any]:
    """Listing pages fetched (304 answers included), not modified and skipped as not due,
    and the requests answered by page kind ('failed': errors), from one prefix's stats."""
    by_kind = {kind: sum(own.get(k, 0) for k in keys) for kind, keys in REQUEST_KINDS.items()}
    by_kind["failed"] = sum(_under(own, "errors/").values())
    return {
        "listings_fetched": own.get("listings/fetched", 0) + own.get("listings/not_modified", 0),
        "listings_not_modified": own.get("listings/not_modified", 0),
        "listings_skipped": own.get("listings/skipped", 0),
        "requests_by_kind": {kind: n for kind, n in by_kind.items() if n},
    }


def site_figures(stats: Mapping[str, Any], site: str) -> dict[str, Any]:
    """One site's ``crawl_sites`` columns from Scrapy's stats (``newscrawl/site/<site>/...``).

    A site *failed* when none of its requests got an answer and some failed or were
    refused (errors, robots.txt); a site with nothing to do (a resumed JOBDIR run) did not.
    A site *skipped* was not crawled at all (``skip_reason``: 'no_browser', a site to
    render without a browser).

    ``articles_found`` counts the article URLs the run saw: pages parsed as articles,
    known articles skipped as not due and articles answered with 304. Shares are of the
    article pages parsed in the run (stored or dropped); None when there were none.
    """
    own = _under(stats, f"newscrawl/site/{site}/")
    dropped = _under(own, "dropped/")
    pages = own.get("pages/article", 0)
    fetched = own.get("pages/fetched", 0)
    errors = sum(_under(own, "errors/").values())
    failed = not fetched and (errors or own.get("pages/ignored", 0))
    skipped = next(iter(_under(own, "skipped/")), None)
    figures: dict[str, Any] = {
        "site": site,
        "status": "skipped" if skipped else "failed" if failed else "ok",
        "pages_fetched": fetched,
        "pages_not_modified": own.get("pages/not_modified", 0),
        "pages_skipped": own.get("pages/skipped", 0),
        "errors": errors,
        "articles_found": pages + own.get("pages/skipped", 0) + own.get("articles/not_modified", 0),
        "article_pages": pages,
        "articles_new": own.get("articles/new", 0),
        "articles_changed": own.get("articles/updated", 0),
        "articles_unchanged": own.get("articles/unchanged", 0),
        "articles_dropped": sum(dropped.values()),
        "dropped_reasons": dropped,
        **listing_figures(own),
        "pages_rendered": own.get("render/pages", 0),
        "pages_needing_rendering": own.get("render/needed", 0),
        "skip_reason": skipped,
    }
    for name in COVERAGE_FIELDS:
        share = own.get(f"fields/{name}", 0) / pages if pages else None
        figures[f"{name}_share"] = round(share, 4) if share is not None else None
    scored = own.get("confidence/articles", 0)
    mean = own.get("confidence/sum", 0) / 1000 / scored if scored else None
    figures["extraction_confidence"] = round(mean, 4) if mean is not None else None
    return figures


def run_status(reason: str, sites: Sequence[Mapping[str, Any]] = ()) -> str:
    """'failed' when the run did not complete or every site failed or was skipped, else
    'finished'."""
    if reason not in COMPLETE_REASONS:
        return "failed"
    if sites and all(s["status"] in ("failed", "skipped") for s in sites):
        return "failed"
    return "finished"


def crawl_figures(
    stats: dict[str, Any], reason: str, sites: Sequence[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The ``crawls`` columns computed from Scrapy's final stats and the per-site figures."""
    dropped = _under(stats, "newscrawl/dropped/")
    return {
        "status": run_status(reason, sites),
        "finish_reason": reason,
        "pages_fetched": stats.get("newscrawl/pages/fetched", 0),
        "pages_not_modified": stats.get("newscrawl/pages/not_modified", 0),
        "pages_skipped": stats.get("newscrawl/pages/skipped", 0),
        "articles_new": stats.get("newscrawl/articles/new", 0),
        "articles_updated": stats.get("newscrawl/articles/updated", 0),
        "articles_unchanged": stats.get("newscrawl/articles/unchanged", 0),
        "items_dropped": sum(dropped.values()),
        "dropped_reasons": dropped,
        "errors": stats.get("log_count/ERROR", 0),
        **listing_figures(_under(stats, "newscrawl/")),
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
        crawler.signals.connect(ext.article_parsed, signal=signals.item_scraped)
        crawler.signals.connect(ext.article_parsed, signal=signals.item_dropped)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        return ext

    def response_received(self, response: Any, request: Any, **_: Any) -> None:
        """Count the pages rendered in a browser (scrapy-playwright flags them)."""
        site = request.meta.get("newscrawl_site") if request is not None else None
        if self.crawler.stats is not None and site and "playwright" in response.flags:
            self.crawler.stats.inc_value("newscrawl/render/pages")
            self.crawler.stats.inc_value(f"newscrawl/site/{site}/render/pages")

    def article_parsed(self, item: Any, **_: Any) -> None:
        """Count the fields an article page gave (stored or dropped): field coverage."""
        stats, adapter = self.crawler.stats, ItemAdapter(item)
        site = adapter.get("site")
        if stats is None or not site:
            return
        for name in COVERAGE_FIELDS:
            if adapter.get(name):
                stats.inc_value(f"newscrawl/fields/{name}")
                stats.inc_value(f"newscrawl/site/{site}/fields/{name}")
        confidence = adapter.get("extraction_confidence")
        if confidence is not None:  # in thousandths: stats sums stay whole numbers
            stats.inc_value(f"newscrawl/site/{site}/confidence/articles")
            stats.inc_value(f"newscrawl/site/{site}/confidence/sum", round(1000 * confidence))

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
        stats = self.crawler.stats
        if stats is None:
            return
        stats.set_value(RUN_STATUS, "failed")  # until the run log is written
        if self.crawl_id is None:
            logger.error("run failed: the run log could not be started")
            return
        frontier = getattr(spider, "frontier", None)
        for site, urls in getattr(frontier, "not_due", {}).items():
            stats.set_value(f"newscrawl/site/{site}/listings/skipped", len(urls))
            stats.inc_value("newscrawl/listings/skipped", len(urls))
        per_site = [site_figures(stats.get_stats(), s.key) for s in getattr(spider, "sites", [])]
        figures = crawl_figures(stats.get_stats(), reason, per_site)
        archive = archive_for(self.crawler)
        save_site_figures(archive.conn, self.crawl_id, per_site)
        archive.finish_crawl(self.crawl_id, figures)
        stats.set_value(RUN_STATUS, figures["status"])
        failed = [s["site"] for s in per_site if s["status"] != "ok"]
        logger.info(
            "run %s: %d pages fetched (%d not modified), %d known articles skipped; listing "
            "pages: %d fetched (%d not modified), %d not due; %d new and %d changed "
            "articles%s (finish reason: %s)",
            figures["status"],
            figures["pages_fetched"],
            figures["pages_not_modified"],
            figures["pages_skipped"],
            figures["listings_fetched"],
            figures["listings_not_modified"],
            figures["listings_skipped"],
            figures["articles_new"],
            figures["articles_updated"],
            f"; sites failed or skipped: {', '.join(failed)}" if failed else "",
            reason,
        )
