"""The crawl state recorder: the one writer of the ``pages`` table during a crawl.

It listens to Scrapy's signals and the spider's own (:mod:`newscrawl.signals`): a request
scheduled is queued (a killed run's successor fetches it), a response is recorded under
every URL that led to it (redirects, canonical URL) with its validators, a 304 refreshes
the page, a redirect to a page already requested makes an alias, a failure is counted.
Article pages are recorded when their item is stored or dropped, in the transaction that
stored the article (the archive holds its batch commit from the item's start until then).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawl import signals as news_signals
from newscrawl.clock import utc_now
from newscrawl.extensions.shared import ledger_for
from newscrawl.frontier.listings import ListingRead
from newscrawl.frontier.sites import SiteIndex
from newscrawl.frontier.traps import record_traps
from newscrawl.store.pages import CrawlState, Fetched, PageLedger
from newscrawl.urls import clean_url


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _site(request: Request | None) -> str | None:
    return request.meta.get("newscrawl_site") if request is not None else None


class PageStateRecorder:
    """Extension: writes what the crawl learns about each URL into the archive."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self._state: PageLedger | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageStateRecorder:
        if not crawler.settings.get("NEWSCRAWL_DB"):
            raise NotConfigured
        ext = cls(crawler)
        connect = crawler.signals.connect
        connect(ext.request_scheduled, signal=signals.request_scheduled)
        connect(ext.request_dropped, signal=signals.request_dropped)
        connect(ext.response_received, signal=signals.response_received)
        connect(ext.article_found, signal=news_signals.article_found)
        connect(ext.item_done, signal=signals.item_scraped)
        connect(ext.item_done, signal=signals.item_dropped)
        connect(ext.item_error, signal=signals.item_error)
        connect(ext.page_read, signal=news_signals.page_read)
        connect(ext.request_failed, signal=news_signals.request_failed)
        connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def state(self) -> PageLedger:
        if self._state is None:
            self._state = ledger_for(self.crawler)
        return self._state

    def _sites(self) -> SiteIndex | None:
        return getattr(self.crawler.spider, "site_index", None)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """Remember a URL as queued: if the run is killed, the next one fetches it."""
        site = _site(request)
        if site is not None:
            self.state.queued(clean_url(request.url), site, utc_now())

    def request_dropped(self, request: Request, spider: Spider) -> None:
        """A redirect to a page already requested in this run: its URLs become aliases of
        the target, so they are not taken for never-fetched pages by the next run."""
        site, originals = _site(request), request.meta.get("redirect_urls") or []
        if site is None or not originals:
            return
        reasons = [r for r in request.meta.get("redirect_reasons", []) if isinstance(r, int)]
        alias = Fetched(
            kind="redirect",
            status=reasons[0] if reasons else None,
            canonical=clean_url(request.url),
        )
        self.state.fetched(self._chain(originals, site), site, alias, utc_now())

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        """A 304 answer to a conditional request: the page is unchanged as of now."""
        if response.status == 304 and _site(request) is not None:
            url = clean_url(request.meta.get("redirect_urls", [response.url])[0])
            self.state.not_modified(url, utc_now(), _header(response, "ETag"))

    def article_found(self, item: Any, response: Response) -> None:
        """An article item enters the pipelines: its page is recorded in the transaction
        that stores it, so no commit until then (a run killed in between loses both)."""
        self.state.hold()

    def item_done(self, item: Any, response: Any, spider: Spider, **_: Any) -> None:
        """An article page whose item was stored or dropped."""
        if isinstance(response, Response):
            self.record(response, "article", item.get("url"), item.get("published"))
        self._release()

    def item_error(self, item: Any, response: Any, spider: Spider, **_: Any) -> None:
        """An item a pipeline failed on: its page stays queued (a later run retries it)."""
        self._release()

    def _release(self) -> None:
        self.state.release()

    def page_read(
        self, response: Response, site: str, kind: str, listing: ListingRead | None = None
    ) -> None:
        """A page that is not a stored article (listing, feed, robots.txt, ...); for a
        listing, its role, article-links fingerprint and whether it yielded."""
        self.record(response, kind, listing=listing)

    def request_failed(self, request: Request, status: int | None) -> None:
        """A request that failed for good: counted, so a dead URL stops being retried."""
        if _site(request) is not None:
            self.state.failed(clean_url(request.url), status)

    def spider_closed(self, spider: Spider) -> None:
        """Record the URL families that used up the run's trap budget without an article
        (later runs do not re-enter them beyond their head); forget those that led to one."""
        frontier = getattr(spider, "frontier", None)
        if frontier is not None and isinstance(self.state, CrawlState):
            # a distributed run's families are recorded once, by its writer
            record_traps(self.state, frontier.budget.state)

    def record(
        self,
        response: Response,
        kind: str,
        canonical: str | None = None,
        published: str | None = None,
        listing: ListingRead | None = None,
    ) -> None:
        """The fetch of ``response`` under every same-site URL that led to it."""
        site = _site(response.request)
        if site is None:
            return
        chain = [*response.meta.get("redirect_urls", []), response.url]
        if canonical:
            chain.append(canonical)
        fetched = Fetched(
            kind=kind,
            status=response.status,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            canonical=canonical,
            published=published,
            role=listing.role if listing else None,
            links=listing.links if listing else None,
            yielded=listing.yielded if listing else False,
        )
        self.state.fetched(self._chain(chain, site), site, fetched, utc_now())

    def _chain(self, urls: list[str], site: str) -> list[str]:
        index = self._sites()
        return [
            clean_url(u)
            for u in urls
            if index is None or ((owner := index.site_for(u)) is not None and owner.key == site)
        ]
