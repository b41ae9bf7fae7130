"""The ``news`` spider: from start pages, feeds and sitemaps through listings to articles.

The spider only finds: it asks the frontier (``newscrawl.frontier``) which URLs to
request, has each HTML page analysed off the reactor (:mod:`newscrawl.pagepool`), follows
what the analysis found and yields an :class:`~newscrawl.items.Article` for article pages.
What happened to each URL is recorded by the ``PageStateRecorder`` extension from signals.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from itertools import chain
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from newscrawl import responses as res
from newscrawl import signals as news_signals
from newscrawl.clock import now_iso, parse_utc, utc_now
from newscrawl.crawlpage import Analysis
from newscrawl.discovery import DocumentError, read_document, robots_sitemaps
from newscrawl.extensions import render
from newscrawl.extensions.shared import budget_state_for, ledger_for
from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.budgetstate import HELD_META, BudgetState, Held
from newscrawl.frontier.configure import build_frontier
from newscrawl.frontier.listings import LISTING_KINDS
from newscrawl.frontier.plan import NOT_DUE, UNCHANGED_SITEMAP, Frontier, Plan
from newscrawl.frontier.revisit import RevisitPolicy, ScheduleError
from newscrawl.frontier.sites import Site, SiteIndex, SiteListError, load_sites, sites_from_urls
from newscrawl.items import Article
from newscrawl.pagepool import PagePool
from newscrawl.store.pages import PageLedger
from newscrawl.urls import clean_url, looks_like_article_url

#: Discovery documents go first, then articles listed in feeds and sitemaps.
DOC_PRIORITY = 10
LISTED_ARTICLE_PRIORITY = 5


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
        self.pool = PagePool([], 0)
        self.autodiscover = True
        self.max_xml_bytes = 50 * 1024 * 1024
        self.render = render.RenderPlan()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings, ledger_for(crawler), budget_state_for(crawler))
        spider.render = render.install(crawler.settings, spider.render)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.pool.close, signal=signals.spider_closed)
        return spider

    def configure(
        self,
        settings: BaseSettings,
        state: PageLedger | None = None,
        budget_state: BudgetState | None = None,
    ) -> None:
        """Load the sites to crawl and set scope, budgets and revisit policy from settings."""
        try:
            if self.start_urls_arg:
                sites = sites_from_urls(self.start_urls_arg.split(","))
            else:
                sites = load_sites(self.sites_arg or settings.get("NEWSCRAWL_SITES"))
            self.frontier = build_frontier(settings, sites, state, utc_now, budget_state)
            self.render = render.render_plan(settings, {s.key: s.render for s in sites})
        except (SiteListError, ScheduleError, render.RenderSettingsError) as exc:
            raise UsageError(str(exc)) from exc
        if not sites:
            raise UsageError("no sites to crawl: give -a start_urls=... or -a sites=FILE")
        self.site_index = SiteIndex(sites)
        self.allowed_domains = self.site_index.allowed_domains
        self.pool = PagePool(sites, settings.getint("NEWSCRAWL_WORKERS"))
        self.autodiscover = settings.getbool("NEWSCRAWL_AUTODISCOVER")
        self.max_xml_bytes = settings.getint("NEWSCRAWL_MAX_XML_BYTES")

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
            if site.key in self.render.skipped:
                self._count("skipped/no_browser", site)
                self.logger.error("site %s skipped (no_browser): %s", site.key, render.NO_BROWSER)
                continue
            for request in chain(self.discovery_requests(site), self.start_pages(site)):
                yield request
        for request in self.resumed_requests():
            yield request

    def discovery_requests(self, site: Site) -> Iterator[scrapy.Request]:
        """robots.txt (for its ``Sitemap:`` lines), the configured sitemaps, the configured
        feeds and those read before (the pages announcing them may answer 304)."""
        if self.autodiscover:
            urls = (*site.start_urls, *site.feeds, *site.sitemaps)
            origins = dict.fromkeys(f"{p.scheme}://{p.netloc}" for p in map(urlsplit, urls))
            for origin in origins:
                yield from self.plan_document(f"{origin}/robots.txt", site, "robots")
        for url in site.sitemaps:
            yield from self.plan_document(clean_url(url), site, "sitemap", force=True)
        known = [page.url for page in self.frontier.known_feeds([site.key])]  # may answer 304
        for url in dict.fromkeys([*map(clean_url, site.feeds), *known]):
            yield from self.plan_document(url, site, "feed", force=True)

    def start_pages(self, site: Site) -> Iterator[scrapy.Request]:
        """The start URLs, then the known listing pages due in this run (conditional)."""
        for url in site.start_urls:
            yield from self.plan(clean_url(url), site, self.parse, force=True)
        for page in self.frontier.known_listings([site.key]):
            yield from self.plan(page.url, site, self.parse, force=True)

    def resumed_requests(self) -> Iterator[scrapy.Request]:
        """Known articles due for a revisit, then URLs earlier runs queued but never fetched."""
        keys = [site.key for site in self.sites]
        for url, key in self.frontier.resumed(keys):
            yield from self.plan(url, self.site_index.by_key(key), self.parse)

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
        parent: str | None = None,
        released: bool = False,
    ) -> Iterator[scrapy.Request]:
        """The request for ``url`` when the frontier admits it; refusals are counted."""
        decision = self.frontier.decide(
            url, site.key, hint=parse_utc(hint), force=force, parent=parent, released=released
        )
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
        if not self.frontier.document_room(url, site.key, doc):
            self._count(f"docs/refused/{doc}s_per_site", site)
            return
        for request in self.plan(
            url, site, self.parse_document, hint=hint, force=force, priority=DOC_PRIORITY, doc=doc
        ):
            self.frontier.documents[(site.key, doc)] += 1
            yield request

    def request(
        self, plan: Plan, site: Site, callback: Any, *, priority: int = 0, doc: str | None = None
    ) -> scrapy.Request:
        """A request in the site's download slot (one concurrency and delay per site)."""
        meta: dict[str, Any] = {"download_slot": site.key, "newscrawl_site": site.key}
        if plan.conditional:
            meta["handle_httpstatus_list"] = [304]
        if plan.kind:
            meta["newscrawl_kind"] = plan.kind
        if doc:
            meta["newscrawl_doc"] = doc
        elif self.render.renders(site.key) and not render.plain_only(plan.url, plan.kind):
            meta.update(render.render_meta(self.render.wait_until))
        return scrapy.Request(
            plan.url,
            callback=callback,
            errback=self.on_error,
            headers=plan.headers or None,
            meta=meta,
            priority=priority,
        )

    # -- responses ---------------------------------------------------------------------------
    def _count(self, key: str, site: Site | None = None, n: int = 1) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(f"newscrawl/{key}", n)
            if site is not None:
                stats.inc_value(f"newscrawl/site/{site.key}/{key}", n)

    def _read(self, response: Response, site: Site, kind: str, links: Iterable[str] = ()) -> None:
        """Report a page that is not a stored article (the recorder writes it down), with
        what it showed as a listing."""
        listing = None
        if kind in LISTING_KINDS:
            self._count("listings/fetched", site)
            listing = self.frontier.read(res.requested(response), kind, list(links))
        self.crawler.signals.send_catch_log(
            news_signals.page_read, response=response, site=site.key, kind=kind, listing=listing
        )

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        """Analyse the page, follow its links, and yield an Article for article pages."""
        site = self.site_index.site_for(response.url)
        if site is None:
            self._count("pages/offsite_redirect")
            return
        if response.status == 304:
            self.not_modified(response, site)
            return
        if res.looks_like_document(response):
            for request in self.parse_document(response):
                yield request
            return
        self._count("pages/fetched", site)
        if not isinstance(response, HtmlResponse):
            self._count("pages/non_html", site)
            self._read(response, site, "other")
            return
        ctype = res.content_type(response)
        analysis = await self.pool.analyze(response.body, response.url, ctype, site.key)
        for output in self.handle(response, analysis, site):
            yield output

    def handle(self, response: Response, analysis: Analysis, site: Site) -> Iterator[Any]:
        """Requests and the article from the analysis of an HTML page."""
        if analysis.error:
            self.logger.error("extraction failed on %s (%s)", response.url, analysis.error)
            self._count("errors/extraction", site)
            return
        if analysis.clientside and (yield from self.needs_rendering(response, analysis, site)):
            return
        self._count(f"pages/{analysis.kind}", site)
        self._count("links/offsite", None, analysis.offsite)
        if analysis.is_article and analysis.article is not None:
            self.budget.seen.add(analysis.url)
            yield from self.release(self.budget.article_found(res.requested(response)))
            yield from self.follow(analysis, res.requested(response))
            yield self.article(response, analysis.article, site)
            return
        self.logger.debug("not an article (%s): %s", analysis.reason, response.url)
        self.budget.no_article(res.requested(response), site.key)
        self._read(response, site, analysis.kind, (url for url, _ in analysis.links))
        yield from self.follow(analysis, res.requested(response))
        for url in analysis.feeds:
            yield from self.plan_document(url, site, "feed")

    def needs_rendering(
        self, response: Response, analysis: Analysis, site: Site
    ) -> Generator[Any, None, bool]:
        """A plain page that scripts build: fetched once more rendered (auto mode; True),
        or counted, and an article page dropped as ``needs_rendering`` (True)."""
        if res.meta_of(response).get("newscrawl_render"):
            return False  # rendered already: what it gave is what there is
        self._count("render/needed", site)
        self.logger.info("needs rendering (%s): %s", ", ".join(analysis.clientside), response.url)
        if (again := render.rendered_again(response.request, self.render)) is not None:
            yield again
            return True
        if not (analysis.is_article or looks_like_article_url(analysis.url)):
            return False  # a listing: its links (if any) are still followed
        self._count("pages/article", site)  # an article page, dropped (article_pages counts it)
        self._count("dropped/needs_rendering", site)
        self.budget.no_article(res.requested(response), site.key)
        self._read(response, site, "needs_rendering")
        return True

    def follow(self, analysis: Analysis, page: str) -> Iterator[scrapy.Request]:
        """Requests for the in-scope links the analysis chose to follow."""
        for url, key in analysis.links:
            if url not in self.budget.seen:
                yield from self.plan(url, self.site_index.by_key(key), self.parse, parent=page)

    def article(self, response: Response, fields: dict[str, Any], site: Site) -> Any:
        """The Article item of an article page: its loaded fields and the fetch."""
        fetch = {"fetched_url": response.url, "fetched_at": now_iso()}
        item = Article(**fields, **fetch, http_status=response.status, site=site.key)
        self.crawler.signals.send_catch_log(
            news_signals.article_found, item=item, response=response
        )
        return item

    def parse_document(self, response: Response) -> Iterator[scrapy.Request]:
        """Read robots.txt, a feed or a sitemap and request what it lists."""
        site = self.site_index.site_for(response.url)
        if site is None:
            self._count("pages/offsite_redirect")
            return
        if response.status == 304:
            self.not_modified(response, site)
            return
        if res.meta_of(response).get("newscrawl_doc") == "robots":
            self._count("docs/robots", site)
            text = response.text if isinstance(response, TextResponse) else ""
            for url in robots_sitemaps(text, response.url):
                if self.site_index.site_for(url) is site:
                    yield from self.plan_document(clean_url(url), site, "sitemap")
            self._read(response, site, "robots")
            return
        for key in ("pages/fetched", "docs/fetched"):
            self._count(key, site)
        try:
            document = read_document(response.body, response.url, self.max_xml_bytes)
        except DocumentError as exc:
            self._count("errors/bad_document", site)
            self.logger.warning("unusable feed or sitemap %s: %s", response.url, exc)
            return
        children = [c for c in document.sitemaps if self.site_index.site_for(c.url) is site]
        for c in sorted(children, key=lambda c: c.modified or "", reverse=True):  # newest first
            yield from self.plan_document(clean_url(c.url), site, "sitemap", hint=c.modified)
        for link in document.links:
            if self.site_index.site_for(link.url) is not site:
                self._count("links/offsite")
                continue
            hint = max(filter(None, (link.modified, link.published)), default=None)
            yield from self.plan(
                clean_url(link.url), site, self.parse, hint=hint, priority=LISTED_ARTICLE_PRIORITY
            )
        kind = "feed" if document.is_feed else document.kind
        self._count(f"docs/{kind}", site)
        self._read(response, site, kind)

    def release(self, held: Iterable[Held]) -> Iterator[scrapy.Request]:
        """Requests for URLs the trap guard held back until they proved worth it."""
        for entry in held:
            site = self.site_index.by_key(entry.site)
            self._count("links/released", site)
            plan = self.plan(entry.url, site, self.parse, parent=entry.parent, released=True)
            requests = list(plan)
            if not requests:
                self.budget.settle(entry)  # refused (held again, a duplicate): settled here
            for request in requests:
                # found within DEPTH_LIMIT earlier: not one link deeper than the releasing page
                request.meta["depth_reset"] = True
                if entry.token:
                    request.meta[HELD_META] = entry.token  # settled once queued
                yield request

    def on_idle(self) -> None:
        """Before the crawl ends, request the held URLs that have room now."""
        if requests := list(self.release(self.budget.releasable())):
            for request in requests:
                self.crawler.engine.crawl(request)
            raise DontCloseSpider

    def not_modified(self, response: Response, site: Site) -> None:
        """A 304 answer to a conditional request: nothing to parse, the page is unchanged."""
        kind = res.meta_of(response).get("newscrawl_kind")
        group = "listings" if kind in LISTING_KINDS else f"{kind}s"  # articles, feeds, sitemaps
        for key in ("pages/fetched", "pages/not_modified", f"{group}/not_modified"):
            self._count(key, site)

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed for good (after retries)."""
        request = getattr(failure, "request", None)
        site = self.site_index.site_for(request.url) if request is not None else None
        outcome = res.failure_outcome(failure)
        self._count(outcome.key, site)
        if outcome.message:
            self.logger.log(outcome.level, outcome.message)
        if site is not None and outcome.robots_answer is not None:  # no robots.txt to read
            self._read(outcome.robots_answer, site, "robots")
        elif request is not None and outcome.key != "docs/robots_missing":
            self.crawler.signals.send_catch_log(
                news_signals.request_failed, request=request, status=outcome.status
            )
