"""The ``news`` spider: from start pages, feeds and sitemaps through listings to articles.

Every run reads robots.txt ``Sitemap:`` lines, the configured and auto-discovered feeds
and sitemaps, and the start pages with the listings they link to. A known article is
fetched again only when the revisit policy says it is due (with a conditional request
when the server gave validators); URLs a killed run queued but never fetched come back
from the archive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest, UsageError
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.url import url_has_any_extension
from twisted.python.failure import Failure

from newscrawl.clock import parse_utc, utc_now
from newscrawl.discovery import DocumentError, alternate_feeds, read_document, robots_sitemaps
from newscrawl.discovery.safexml import GZIP_MAGIC
from newscrawl.extensions.shared import archive_for
from newscrawl.extract import Page, analyze_page
from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.plan import NOT_DUE, UNCHANGED_SITEMAP, Frontier, Plan
from newscrawl.frontier.revisit import RevisitPolicy, ScheduleError, parse_schedule
from newscrawl.frontier.sites import Site, SiteIndex, SiteListError, load_sites, sites_from_urls
from newscrawl.items import Article
from newscrawl.loaders import ArticleLoader
from newscrawl.store.pages import CrawlState, Fetched, PageFetch
from newscrawl.store.site_figures import COVERAGE_FIELDS
from newscrawl.urls import clean_url, looks_like_article_url

SKIPPED_EXTENSIONS = [*IGNORED_EXTENSIONS, "xml", "json", "rss", "atom", "csv", "txt"]
_SKIPPED_SUFFIXES = {f".{ext}" for ext in SKIPPED_EXTENSIONS}
#: Discovery documents go first, then articles listed in feeds and sitemaps.
DOC_PRIORITY = 10
LISTED_ARTICLE_PRIORITY = 5


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _meta(response: Response) -> dict[str, Any]:
    """The request meta of a response ({} for a response built without a request)."""
    return response.request.meta if response.request is not None else {}


def _looks_like_document(response: Response) -> bool:
    """An XML or gzip response: a feed or sitemap reached by a link or the frontier."""
    if isinstance(response, XmlResponse) or response.body[:2] == GZIP_MAGIC:
        return True
    return isinstance(response, TextResponse) and response.body.lstrip()[:5] == b"<?xml"


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
        self.frontier = Frontier(CrawlBudget(), None, RevisitPolicy(), utc_now)
        self.link_extractor = LinkExtractor(deny_extensions=SKIPPED_EXTENSIONS, unique=True)
        self.autodiscover = True
        self.max_docs = {"feed": 10, "sitemap": 50}
        self.max_xml_bytes = 50 * 1024 * 1024
        self.max_fetch_errors = 3
        self.docs_requested: Counter[tuple[str, str]] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings, CrawlState(archive_for(crawler)))
        crawler.signals.connect(spider.article_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def configure(self, settings: BaseSettings, state: CrawlState | None = None) -> None:
        """Load the sites to crawl and set scope, budgets and revisit policy from settings."""
        try:
            if self.start_urls_arg:
                sites = sites_from_urls(self.start_urls_arg.split(","))
            else:
                sites = load_sites(self.sites_arg or settings.get("NEWSCRAWL_SITES"))
            schedule = parse_schedule(settings.get("NEWSCRAWL_REVISIT_SCHEDULE"))
        except (SiteListError, ScheduleError) as exc:
            raise UsageError(str(exc)) from exc
        if not sites:
            raise UsageError("no sites to crawl: give -a start_urls=... or -a sites=FILE")
        self.site_index = SiteIndex(sites)
        self.allowed_domains = self.site_index.allowed_domains
        budget = CrawlBudget(
            max_pages_per_site=settings.getint("NEWSCRAWL_MAX_PAGES_PER_SITE"),
            max_per_pattern=settings.getint("NEWSCRAWL_MAX_PAGES_PER_PATTERN"),
            max_url_length=settings.getint("NEWSCRAWL_MAX_URL_LENGTH"),
            site_limits={s.key: s.max_pages for s in sites if s.max_pages},
        )
        policy = RevisitPolicy(schedule, settings.getbool("NEWSCRAWL_REVISIT_ALL"))
        self.frontier = Frontier(budget, state, policy, utc_now)
        self.autodiscover = settings.getbool("NEWSCRAWL_AUTODISCOVER")
        self.max_docs = {
            "feed": settings.getint("NEWSCRAWL_MAX_FEEDS_PER_SITE"),
            "sitemap": settings.getint("NEWSCRAWL_MAX_SITEMAPS_PER_SITE"),
        }
        self.max_xml_bytes = settings.getint("NEWSCRAWL_MAX_XML_BYTES")
        self.max_fetch_errors = settings.getint("NEWSCRAWL_MAX_FETCH_ERRORS")

    @property
    def sites(self) -> list[Site]:
        """The configured sites."""
        return self.site_index.sites

    @property
    def budget(self) -> CrawlBudget:
        """This run's page budget and trap guard."""
        return self.frontier.budget

    # -- requests ----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites:
            for request in self.discovery_requests(site):
                yield request
            for url in site.start_urls:
                for request in self.plan(clean_url(url), site, self.parse, force=True):
                    yield request
        for request in self.resumed_requests():
            yield request

    def discovery_requests(self, site: Site) -> Iterator[scrapy.Request]:
        """robots.txt (for its ``Sitemap:`` lines), then the configured sitemaps and feeds."""
        if self.autodiscover:
            urls = (*site.start_urls, *site.feeds, *site.sitemaps)
            origins = dict.fromkeys(f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls))
            for origin in origins:
                yield from self.plan_document(f"{origin}/robots.txt", site, "robots")
        for url in site.sitemaps:
            yield from self.plan_document(clean_url(url), site, "sitemap", force=True)
        for url in site.feeds:
            yield from self.plan_document(clean_url(url), site, "feed", force=True)

    def resumed_requests(self) -> Iterator[scrapy.Request]:
        """Known articles due for a revisit, then URLs earlier runs queued but never fetched."""
        state, policy = self.frontier.state, self.frontier.policy
        if state is None:
            return
        keys = [site.key for site in self.sites]
        horizon = None if policy.revisit_all else policy.horizon
        since = utc_now() - horizon if horizon is not None else None
        by_key = {site.key: site for site in self.sites}
        for page in state.articles(keys, since):
            yield from self.plan(page.url, by_key[page.site], self.parse)
        for url, key in state.frontier(keys, self.max_fetch_errors):
            yield from self.plan(url, by_key[key], self.parse)

    def plan(
        self,
        url: str,
        site: Site,
        callback: Any,
        *,
        hint: str | None = None,
        force: bool = False,
        priority: int = 0,
        doc: str | None = None,
    ) -> Iterator[scrapy.Request]:
        """The request for ``url`` when the frontier admits it; refusals are counted."""
        decision = self.frontier.decide(url, site.key, hint=parse_utc(hint), force=force)
        if isinstance(decision, Plan):
            yield self.request(decision, site, callback, priority=priority, doc=doc)
        elif decision == NOT_DUE:
            self._count("pages/skipped", site)
        elif decision == UNCHANGED_SITEMAP:
            self._count("docs/skipped", site)
        elif decision != "duplicate":
            self._count(f"links/refused/{decision}", site)

    def plan_document(
        self,
        url: str,
        site: Site,
        doc: str,
        *,
        hint: str | None = None,
        force: bool = False,
    ) -> Iterator[scrapy.Request]:
        """The request for a robots.txt, feed or sitemap, within the per-site limits."""
        limit = self.max_docs.get(doc)
        if limit is not None and self.docs_requested[(site.key, doc)] >= limit:
            if url not in self.budget.seen:
                self._count(f"docs/refused/{doc}s_per_site", site)
            return
        for request in self.plan(
            url, site, self.parse_document, hint=hint, force=force, priority=DOC_PRIORITY, doc=doc
        ):
            self.docs_requested[(site.key, doc)] += 1
            yield request

    def request(
        self, plan: Plan, site: Site, callback: Any, *, priority: int = 0, doc: str | None = None
    ) -> scrapy.Request:
        """A request in the site's download slot (one concurrency and delay per site)."""
        meta: dict[str, Any] = {"download_slot": site.key}
        if plan.conditional:
            meta["handle_httpstatus_list"] = [304]
        if plan.kind:
            meta["newscrawl_kind"] = plan.kind
        if doc:
            meta["newscrawl_doc"] = doc
        return scrapy.Request(
            plan.url,
            callback=callback,
            errback=self.on_error,
            headers=plan.headers or None,
            meta=meta,
            priority=priority,
        )

    # -- responses ---------------------------------------------------------------------------
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
        if response.status == 304:
            self.not_modified(response, site)
            return
        if not isinstance(response, HtmlResponse):
            if _looks_like_document(response):
                yield from self.parse_document(response)
                return
            self._count("pages/fetched", site)
            self._count("pages/non_html", site)
            self.remember(response, site, "other")
            return
        self._count("pages/fetched", site)
        links = [link.url for link in self.link_extractor.extract_links(response)]
        feeds = alternate_feeds(response.selector.root, response.url) if self.autodiscover else []
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
            yield self.build_article(response, page, site)  # remembered once stored or dropped
            yield from self.release(self.budget.article_found(response.url))
        else:
            self.logger.debug("not an article (%s): %s", page.kind.reason, response.url)
            for url in feeds:
                if self.site_index.site_for(url) is site:
                    yield from self.plan_document(clean_url(url), site, "feed")
            self.remember(response, site, page.kind.kind)

    def parse_document(self, response: Response) -> Iterator[scrapy.Request]:
        """Read robots.txt, a feed or a sitemap and request what it lists."""
        site = self.site_index.site_for(response.url)
        if site is None:
            self._count("pages/offsite_redirect")
            return
        if response.status == 304:
            self.not_modified(response, site)
            return
        if _meta(response).get("newscrawl_doc") == "robots":
            self._count("docs/robots", site)
            text = response.text if isinstance(response, TextResponse) else ""
            for url in robots_sitemaps(text, response.url):
                if self.site_index.site_for(url) is site:
                    yield from self.plan_document(clean_url(url), site, "sitemap")
            self.remember(response, site, "robots")
            return
        self._count("pages/fetched", site)
        self._count("docs/fetched", site)
        try:
            document = read_document(response.body, response.url, self.max_xml_bytes)
        except DocumentError as exc:
            self._count("errors/bad_document", site)
            self.logger.warning("unusable feed or sitemap %s: %s", response.url, exc)
            return
        newest_first = sorted(document.sitemaps, key=lambda s: s.modified or "", reverse=True)
        for child in newest_first:
            if self.site_index.site_for(child.url) is site:
                yield from self.plan_document(
                    clean_url(child.url), site, "sitemap", hint=child.modified
                )
        for link in document.links:
            if self.site_index.site_for(link.url) is not site:
                self._count("links/offsite")
                continue
            hint = max(filter(None, (link.modified, link.published)), default=None)
            yield from self.plan(
                clean_url(link.url),
                site,
                self.parse,
                hint=hint,
                priority=LISTED_ARTICLE_PRIORITY,
            )
        kind = "feed" if document.is_feed else document.kind
        self._count(f"docs/{kind}", site)
        self.remember(response, site, kind)

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
            yield from self.plan(url, target, self.parse)

    def build_article(self, response: Response, page: Page, site: Site) -> Any:
        """The Article item for an article page, through the ArticleLoader."""
        loader = ArticleLoader(site_name=site.name)
        loader.add_value(None, page.fields)
        loader.add_value("site", site.key)
        loader.add_value("site_name", site.name)
        loader.add_value("fetched_url", response.url)
        loader.add_value("fetched_at", utc_now().isoformat(timespec="seconds"))
        loader.add_value("http_status", response.status)
        item = loader.load_item()
        for name in COVERAGE_FIELDS:
            if item.get(name):
                self._count(f"fields/{name}", site)
        if self.frontier.state is not None:  # stored with the article, in one transaction
            record = self.fetch_record(
                response, site, "article", item.get("url"), item.get("published")
            )
            item["page_fetch"] = record
        return item

    # -- crawl state -------------------------------------------------------------------------
    def fetch_record(
        self,
        response: Response,
        site: Site,
        kind: str,
        canonical: str | None = None,
        published: str | None = None,
    ) -> PageFetch:
        """The fetch of ``response`` under every URL that led to it (redirects, canonical)."""
        chain = [*_meta(response).get("redirect_urls", []), response.url]
        if canonical:
            chain.append(canonical)
        urls = [clean_url(u) for u in chain if self.site_index.site_for(u) is site]
        fetched = Fetched(
            kind=kind,
            status=response.status,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            canonical=canonical,
            published=published,
        )
        return PageFetch(urls, site.key, fetched)

    def remember(
        self,
        response: Response,
        site: Site,
        kind: str,
        canonical: str | None = None,
        published: str | None = None,
    ) -> None:
        """Record a successful fetch of a page that is not a stored article."""
        if self.frontier.state is not None:
            record = self.fetch_record(response, site, kind, canonical, published)
            self.frontier.state.record(record, utc_now())

    def request_scheduled(self, request: scrapy.Request) -> None:
        """Remember a URL as queued: if the run is killed, the next one fetches it."""
        site = self.site_index.site_for(request.url)
        if site is not None and self.frontier.state is not None:
            self.frontier.state.queued(clean_url(request.url), site.key, utc_now())

    def request_dropped(self, request: scrapy.Request) -> None:
        """A redirect to a page already requested in this run: its URLs become aliases of
        the target, so they are not taken for never-fetched pages by the next run."""
        site = self.site_index.site_for(request.url)
        originals = request.meta.get("redirect_urls") or []
        if site is None or not originals or self.frontier.state is None:
            return
        target = clean_url(request.url)
        urls = [clean_url(u) for u in originals if self.site_index.site_for(u) is site]
        reasons = [r for r in request.meta.get("redirect_reasons", []) if isinstance(r, int)]
        alias = Fetched(kind="redirect", status=reasons[0] if reasons else None, canonical=target)
        self.frontier.state.fetched(urls, site.key, alias, utc_now())

    def article_dropped(self, item: Any, response: Any) -> None:
        """A dropped article's page is fetched (stored articles record it with the article)."""
        if not isinstance(item, Article) or not isinstance(response, Response):
            return
        item.pop("page_fetch", None)
        site = self.site_index.site_for(response.url)
        if site is not None:
            self.remember(response, site, "article", item.get("url"), item.get("published"))

    def release(self, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        """Requests for URLs the trap guard held back until their shape gave articles."""
        for url in urls:
            site = self.site_index.site_for(url)
            if site is None:
                continue
            self._count("links/released", site)
            for request in self.plan(url, site, self.parse):
                # found within DEPTH_LIMIT earlier: not one link deeper than the releasing page
                request.meta["depth_reset"] = True
                yield request

    def on_idle(self) -> None:
        """Before the crawl ends, request the held URLs their shapes have room for."""
        requests = list(self.release(self.budget.releasable()))
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def not_modified(self, response: Response, site: Site) -> None:
        """A 304 answer to a conditional request: nothing to parse, the page is unchanged."""
        self._count("pages/fetched", site)
        self._count("pages/not_modified", site)
        kind = _meta(response).get("newscrawl_kind")
        self._count("articles/not_modified" if kind == "article" else "docs/not_modified", site)
        if self.frontier.state is not None:
            url = clean_url(_meta(response).get("redirect_urls", [response.url])[0])
            self.frontier.state.not_modified(url, utc_now(), _header(response, "ETag"))

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        site = self.site_index.site_for(url)
        status = None
        if failure.check(HttpError):
            response = getattr(failure.value, "response", None)
            status = getattr(response, "status", None)
            if request is not None and request.meta.get("newscrawl_doc") == "robots":
                self._count("docs/robots_missing", site)  # no robots.txt: nothing to read
                if site is not None and isinstance(response, Response):
                    self.remember(response, site, "robots")
                return
            self._count(f"errors/http_{status or '?'}", site)
            self.logger.warning("HTTP %s: %s", status, url)
        elif failure.check(IgnoreRequest):
            self._count("pages/ignored", site)  # robots.txt, size limits: logged by Scrapy
        else:
            self._count(f"errors/{failure.type.__name__ if failure.type else 'unknown'}", site)
            self.logger.error("request failed: %s (%s)", url, failure.getErrorMessage())
        if self.frontier.state is not None and request is not None:
            self.frontier.state.failed(clean_url(url), status)
