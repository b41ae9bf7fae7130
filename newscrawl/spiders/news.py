"""The ``news`` spider: from start pages through listings and related links to articles."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, UsageError
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.url import url_has_any_extension
from twisted.python.failure import Failure

from newscrawl.extract import Page, analyze_page
from newscrawl.extract.dates import utc_now
from newscrawl.extract.urls import clean_url, looks_like_article_url
from newscrawl.loaders import ArticleLoader
from newscrawl.sites import Site, SiteIndex, SiteListError, load_sites, sites_from_urls
from newscrawl.spiders.budget import CrawlBudget

SKIPPED_EXTENSIONS = [*IGNORED_EXTENSIONS, "xml", "json", "rss", "atom", "csv", "txt"]
_SKIPPED_SUFFIXES = {f".{ext}" for ext in SKIPPED_EXTENSIONS}


class NewsSpider(scrapy.Spider):
    """Crawl news sites; yield one Article per article page.

    Arguments: ``-a start_urls=URL[,URL...]`` or ``-a sites=FILE`` (TOML site list);
    with neither, the ``NEWSCRAWL_SITES`` setting names the site list.
    """

    name = "news"

    def __init__(self, start_urls: str | None = None, sites: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.start_urls_arg = start_urls
        self.sites_arg = sites
        self.site_index = SiteIndex([])
        self.budget = CrawlBudget()
        self.link_extractor = LinkExtractor(deny_extensions=SKIPPED_EXTENSIONS, unique=True)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings)
        return spider

    def configure(self, settings: BaseSettings) -> None:
        """Load the sites to crawl and set scope and budgets from the settings."""
        try:
            if self.start_urls_arg:
                sites = sites_from_urls(self.start_urls_arg.split(","))
            else:
                sites = load_sites(self.sites_arg or settings.get("NEWSCRAWL_SITES"))
        except SiteListError as exc:
            raise UsageError(str(exc)) from exc
        if not sites:
            raise UsageError("no sites to crawl: give -a start_urls=... or -a sites=FILE")
        self.site_index = SiteIndex(sites)
        self.allowed_domains = self.site_index.allowed_domains
        self.budget = CrawlBudget(
            max_pages_per_site=settings.getint("NEWSCRAWL_MAX_PAGES_PER_SITE"),
            max_per_pattern=settings.getint("NEWSCRAWL_MAX_PAGES_PER_PATTERN"),
            max_url_length=settings.getint("NEWSCRAWL_MAX_URL_LENGTH"),
            site_limits={s.key: s.max_pages for s in sites if s.max_pages},
        )

    @property
    def sites(self) -> list[Site]:
        """The configured sites."""
        return self.site_index.sites

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites:
            for url in site.start_urls:
                self.budget.admit(clean_url(url), site.key)
                yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def _count(self, key: str, site: Site | None = None) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(f"newscrawl/{key}")
            if site is not None:
                stats.inc_value(f"newscrawl/site/{site.key}/{key}")

    def parse(self, response: Response) -> Iterator[Any]:
        """Classify the page, follow its links, and yield an Article for article pages."""
        site = self.site_index.site_for(response.url)
        if site is None:
            self._count("pages/offsite_redirect")
            return
        self._count("pages/fetched", site)
        if not isinstance(response, HtmlResponse):
            self._count("pages/non_html", site)
            return
        links = [link.url for link in self.link_extractor.extract_links(response)]
        try:
            page = analyze_page(
                response.text,
                response.url,
                tree=response.selector.root,
                selectors=site.selectors,
                site_name=site.name,
                now=utc_now(),
            )
        except Exception:
            self.logger.exception("extraction failed on %s", response.url)
            self._count("errors/extraction", site)
            return
        yield from self.follow(response, page, links, site)
        self._count(f"pages/{page.kind.kind}", site)
        if page.kind.is_article:
            yield self.build_article(response, page, site)
        else:
            self.logger.debug("not an article (%s): %s", page.kind.reason, response.url)

    def follow(
        self, response: Response, page: Page, links: list[str], site: Site
    ) -> Iterator[scrapy.Request]:
        """Requests for in-scope links: all of a listing's, an article's related stories."""
        if page.kind.is_article:
            candidates = [*page.related_links, *(u for u in links if looks_like_article_url(u))]
        else:
            candidates = links
        for raw in candidates:
            if url_has_any_extension(raw, _SKIPPED_SUFFIXES):
                continue
            url = clean_url(raw)
            target = self.site_index.site_for(url)
            if target is None:
                self._count("links/offsite")
                continue
            refused = self.budget.admit(url, target.key)
            if refused:
                if refused != "duplicate":
                    self._count(f"links/refused/{refused}", target)
                continue
            yield response.follow(url, callback=self.parse, errback=self.on_error)

    def build_article(self, response: Response, page: Page, site: Site) -> Any:
        """The Article item for an article page, through the ArticleLoader."""
        loader = ArticleLoader(site_name=site.name)
        loader.add_value(None, page.fields)
        loader.add_value("site", site.key)
        loader.add_value("site_name", site.name)
        loader.add_value("fetched_url", response.url)
        loader.add_value("fetched_at", utc_now().isoformat(timespec="seconds"))
        loader.add_value("http_status", response.status)
        return loader.load_item()

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        site = self.site_index.site_for(url)
        if failure.check(HttpError):
            status = getattr(getattr(failure.value, "response", None), "status", "?")
            self._count(f"errors/http_{status}", site)
            self.logger.warning("HTTP %s: %s", status, url)
        elif failure.check(IgnoreRequest):
            self._count("pages/ignored", site)  # robots.txt, size limits: logged by Scrapy
        else:
            self._count(f"errors/{failure.type.__name__ if failure.type else 'unknown'}", site)
            self.logger.error("request failed: %s (%s)", url, failure.getErrorMessage())
