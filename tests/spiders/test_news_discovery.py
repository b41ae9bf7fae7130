"""The news spider on discovery documents and known pages: feeds, sitemaps, robots.txt,
revisits, 304 answers and the crawl state it leaves in the archive."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response, TextResponse, XmlResponse

from newscrawl.clock import utc_now
from newscrawl.spiders.news import DOC_PRIORITY, LISTED_ARTICLE_PRIORITY, NewsSpider
from newscrawl.store.pages import Fetched
from tests.support.spiders import fixture_response, make_spider, parse_all

BASE = "http://127.0.0.2:8080"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "discovery"
NEWS = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    f"<url><loc>{BASE}/2025/03/18/known-story/</loc><lastmod>LASTMOD</lastmod></url>"
    f"<url><loc>{BASE}/2025/03/18/new-story/</loc><news:news><news:publication_date>"
    "2025-03-18T08:00:00Z</news:publication_date></news:news></url>"
    "<url><loc>http://127.0.0.3:8080/2025/03/18/other-site/</loc></url></urlset>"
)


@pytest.fixture
def spider(tmp_path: Path) -> NewsSpider:
    return make_spider(tmp_path / "news.db", start_urls=f"{BASE}/")


def doc(url: str, body: str, kind: str, cls: type[Response] = XmlResponse, status: int = 200):
    request = Request(url, meta={"newscrawl_doc": kind})
    return cls(url, body=body.encode(), request=request, status=status, encoding="utf-8")


def requests(output) -> list[Request]:
    return [r for r in output if isinstance(r, Request)]


def stat(spider: NewsSpider, key: str) -> int:
    return spider.crawler.stats.get_value(f"newscrawl/site/127.0.0.2/{key}", 0)


def remember_article(spider: NewsSpider, url: str, when=None, **extra) -> None:
    assert spider.frontier.state is not None
    page = Fetched("article", 200, etag='"v1"', canonical=url, published=extra.get("published"))
    spider.frontier.state.fetched([url], "127.0.0.2", page, when or utc_now())


def test_news_sitemap_requests_new_articles_first_and_skips_known_ones(spider) -> None:
    remember_article(spider, f"{BASE}/2025/03/18/known-story/", published=utc_now().isoformat())
    old = (utc_now() - timedelta(days=2)).isoformat()
    out = requests(spider.parse_document(doc(f"{BASE}/sitemap.xml", NEWS.replace("LASTMOD", old),
                                              "sitemap")))  # fmt: skip
    assert [r.url for r in out] == [f"{BASE}/2025/03/18/new-story/"]
    (new,) = out
    assert new.priority == LISTED_ARTICLE_PRIORITY and new.callback == spider.parse
    assert new.meta["download_slot"] == "127.0.0.2" and "If-None-Match" not in new.headers
    assert stat(spider, "pages/skipped") == 1 and stat(spider, "docs/sitemap") == 1
    assert spider.crawler.stats.get_value("newscrawl/links/offsite") == 1


def test_a_newer_lastmod_makes_a_known_article_due_with_a_conditional_request(spider) -> None:
    url = f"{BASE}/2025/03/18/known-story/"
    remember_article(spider, url, when=utc_now() - timedelta(minutes=5), published="2025-03-18")
    newer = utc_now().isoformat()
    out = requests(spider.parse_document(doc(f"{BASE}/s.xml", NEWS.replace("LASTMOD", newer),
                                              "sitemap")))  # fmt: skip
    known = next(r for r in out if r.url == url)
    assert known.headers["If-None-Match"] == b'"v1"'
    assert (
        known.meta["handle_httpstatus_list"] == [304] and known.meta["newscrawl_kind"] == "article"
    )


def test_robots_txt_leads_to_sitemaps_and_an_index_to_its_children(spider) -> None:
    robots = doc(f"{BASE}/robots.txt", f"User-agent: *\nSitemap: {BASE}/index.xml\n"
                 "Sitemap: http://127.0.0.3:8080/theirs.xml\n", "robots", TextResponse)  # fmt: skip
    (index_request,) = requests(spider.parse_document(robots))
    assert index_request.url == f"{BASE}/index.xml" and index_request.priority == DOC_PRIORITY
    assert index_request.meta["newscrawl_doc"] == "sitemap"
    assert index_request.callback == spider.parse_document
    assert spider.frontier.state is not None
    unchanged = f"{BASE}/sitemaps/2025-02.xml"
    spider.frontier.state.fetched([unchanged], "127.0.0.2", Fetched("sitemap", 200), utc_now())
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{unchanged}</loc><lastmod>2025-02-28</lastmod></sitemap>"
        f"<sitemap><loc>{BASE}/sitemaps/news.xml</loc></sitemap>"
        f"<sitemap><loc>{BASE}/sitemaps/2025-03.xml</loc><lastmod>2025-03-31</lastmod></sitemap>"
        "</sitemapindex>"
    )
    children = requests(spider.parse_document(doc(f"{BASE}/index.xml", index, "sitemap")))
    assert [r.url for r in children] == [
        f"{BASE}/sitemaps/2025-03.xml",
        f"{BASE}/sitemaps/news.xml",
    ]
    assert stat(spider, "docs/skipped") == 1


def test_feed_limits_per_site(tmp_path: Path) -> None:
    spider = make_spider(tmp_path / "news.db", start_urls=f"{BASE}/")
    spider.frontier.max_docs["feed"] = 1
    listing = HtmlResponse(
        f"{BASE}/news/",
        body=b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">'
        b'<link rel="alternate" type="application/atom+xml" href="/atom/"></head>'
        b"<body><h1>News</h1></body></html>",
        request=Request(f"{BASE}/news/"),
    )
    feeds = [r for r in requests(parse_all(spider, listing)) if r.meta.get("newscrawl_doc")]
    assert [r.url for r in feeds] == [f"{BASE}/feed/"]
    assert stat(spider, "docs/refused/feeds_per_site") == 1


def test_feeds_are_not_taken_from_article_pages(spider) -> None:
    page = fixture_response(
        "article_jsonld.html", f"{BASE}/2025/03/04/ferry-service-resumes-after-storm/"
    )
    feed = b'<link rel="alternate" type="application/rss+xml" href="/feed/"></head>'
    output = parse_all(spider, page.replace(body=page.body.replace(b"</head>", feed)))
    assert not [r for r in requests(output) if r.meta.get("newscrawl_doc")]


def test_not_modified_answer_is_counted(spider) -> None:
    url = f"{BASE}/2025/03/18/known-story/"
    request = Request(url, meta={"newscrawl_kind": "article", "handle_httpstatus_list": [304]})
    assert parse_all(spider, Response(url, status=304, request=request)) == []
    assert stat(spider, "pages/not_modified") == 1 and stat(spider, "articles/not_modified") == 1


async def collect(spider: NewsSpider) -> list[Request]:
    return [r async for r in spider.start()]


def test_start_reads_robots_then_start_urls_then_revisits_and_the_frontier(spider) -> None:
    state = spider.frontier.state
    due = f"{BASE}/2025/03/18/due-story/"
    remember_article(spider, due, when=utc_now() - timedelta(hours=2),
                     published=(utc_now() - timedelta(hours=3)).isoformat())  # fmt: skip
    remember_article(spider, f"{BASE}/2025/03/18/fresh/", published=utc_now().isoformat())
    state.queued(f"{BASE}/2025/03/18/left-over/", "127.0.0.2", utc_now())
    out = asyncio.run(collect(spider))
    assert [r.url for r in out] == [
        f"{BASE}/robots.txt",
        f"{BASE}/",
        due,
        f"{BASE}/2025/03/18/left-over/",
    ]
    assert out[0].meta["newscrawl_doc"] == "robots" and out[2].headers["If-None-Match"]
