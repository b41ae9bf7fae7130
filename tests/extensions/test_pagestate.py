"""The crawl state recorder: what the signals of a crawl write into ``pages``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, Request, Response

from newscrawl import signals as news_signals
from newscrawl.clock import utc_now
from newscrawl.extensions.pagestate import PageStateRecorder
from newscrawl.items import Article
from newscrawl.pipelines.store import StorePipeline
from newscrawl.spiders.news import NewsSpider
from newscrawl.store.pages import Fetched
from tests.support.spiders import fixture_response, make_spider, parse_all

BASE = "http://127.0.0.2:8080"
SITE = {"newscrawl_site": "127.0.0.2"}


@pytest.fixture
def spider(tmp_path: Path) -> NewsSpider:
    spider = make_spider(tmp_path / "news.db", start_urls=f"{BASE}/")
    PageStateRecorder.from_crawler(spider.crawler)
    return spider


def send(spider: NewsSpider, signal: object, **kwargs: object) -> None:
    spider.crawler.signals.send_catch_log(signal, spider=spider, **kwargs)


def test_scheduled_requests_form_the_frontier_and_dropped_redirects_become_aliases(
    spider: NewsSpider,
) -> None:
    state = spider.frontier.state
    assert state is not None
    send(spider, signals.request_scheduled, request=Request(f"{BASE}/2025/03/05/q/", meta=SITE))
    send(spider, signals.request_scheduled, request=Request("http://127.0.0.3:8080/elsewhere/"))
    assert state.frontier(["127.0.0.2", "127.0.0.3"], 3) == [(f"{BASE}/2025/03/05/q/", "127.0.0.2")]
    redirected = Request(
        f"{BASE}/2025/03/05/q/",
        meta={**SITE, "redirect_urls": [f"{BASE}/?p=5"], "redirect_reasons": [301]},
    )
    send(spider, signals.request_dropped, request=redirected)
    alias = state.lookup(f"{BASE}/?p=5")
    assert alias is not None and alias.url == f"{BASE}/2025/03/05/q/"


def test_an_article_page_is_recorded_once_its_item_is_stored(spider: NewsSpider) -> None:
    final = f"{BASE}/2025/03/04/ferry-service-resumes-after-storm/"
    request = Request(final, meta={**SITE, "redirect_urls": [f"{BASE}/archives/77/"]})
    response = fixture_response("article_jsonld.html", final).replace(
        request=request, headers={"ETag": '"e1"', "Content-Type": "text/html"}
    )
    (item,) = [o for o in parse_all(spider, response) if isinstance(o, Article)]
    state = spider.frontier.state
    assert state is not None and state.lookup(final) is None  # not before it is stored
    StorePipeline(state.archive, spider.crawler.stats).process_item(item)
    send(spider, signals.item_scraped, item=item, response=response)
    alias = state.lookup(f"{BASE}/archives/77/")
    assert alias is not None and alias.url == final
    assert alias.etag == '"e1"' and alias.kind == "article"
    assert set(item.keys()) <= set(Article.fields)  # the item carries article fields only


def test_a_dropped_article_page_is_fetched_all_the_same(spider: NewsSpider) -> None:
    url = f"{BASE}/2025/03/06/empty-story-here/"
    response = HtmlResponse(url, body=b"<html></html>", request=Request(url, meta=SITE))
    send(spider, signals.item_dropped, item=Article(url=url), response=response,
         exception=DropItem("empty_body"))  # fmt: skip
    known = spider.frontier.state.lookup(url)  # type: ignore[union-attr]
    assert known is not None and known.kind == "article" and known.fetched is not None


def test_listing_pages_not_modified_answers_and_failures(spider: NewsSpider) -> None:
    state = spider.frontier.state
    assert state is not None
    listing = HtmlResponse(
        f"{BASE}/news/", body=b"<html></html>", request=Request(f"{BASE}/news/", meta=SITE)
    )
    send(spider, news_signals.page_read, response=listing, site="127.0.0.2", kind="listing")
    known = state.lookup(f"{BASE}/news/")
    assert known is not None and known.kind == "listing"

    url = f"{BASE}/2025/03/18/known-story/"
    state.fetched(
        [url], "127.0.0.2", Fetched("article", 200, etag='"v1"'), utc_now() - timedelta(hours=2)
    )
    request = Request(url, meta={**SITE, "newscrawl_kind": "article"})
    send(spider, signals.response_received, response=Response(url, status=304, request=request),
         request=request)  # fmt: skip
    known = state.lookup(url)
    assert known is not None and known.status == 304
    assert known.fetched is not None and utc_now() - known.fetched < timedelta(minutes=1)

    missing = f"{BASE}/2025/03/19/gone/"
    state.queued(missing, "127.0.0.2", utc_now())
    send(spider, news_signals.request_failed, request=Request(missing, meta=SITE), status=404)
    assert state.lookup(missing).errors == 1  # type: ignore[union-attr]
