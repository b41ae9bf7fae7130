"""The news spider's callbacks on saved pages: classification, links followed, items."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import DontCloseSpider, UsageError
from scrapy.http import Request, Response, TextResponse

from newscrawl.frontier.budget import url_pattern
from newscrawl.frontier.budgetstate import ARTICLES
from newscrawl.items import Article
from tests.support.spiders import fixture_response, make_spider, parse_all

BASE = "http://127.0.0.2:8080"


def run(spider, response):
    out = parse_all(spider, response)
    items = [o for o in out if isinstance(o, Article)]
    urls = [o.url for o in out if isinstance(o, Request)]
    return items, urls


def test_home_page_follows_in_scope_links_only(spider) -> None:
    items, urls = run(spider, fixture_response("home.html", f"{BASE}/"))
    assert items == []
    assert f"{BASE}/2025/03/04/ferry-service-resumes-after-storm/" in urls  # utm_* removed
    assert f"{BASE}/2025/03/02/school-board-delays-budget-vote/" in urls  # fragment removed
    assert f"{BASE}/news/page/2/" in urls and f"{BASE}/tag/weather/" in urls
    assert not any("127.0.0.3" in u or "facebook" in u for u in urls)  # other hosts
    assert not any(u.endswith((".pdf", ".jpg")) for u in urls)  # non-HTML never requested
    assert len(urls) == len(set(urls))
    assert spider.crawler.stats.get_value("newscrawl/pages/listing") == 1


def test_article_page_yields_item_and_related_links(spider) -> None:
    items, urls = run(
        spider,
        fixture_response(
            "article_jsonld.html",
            f"{BASE}/2025/03/04/ferry-service-resumes-after-storm/?utm_source=x",
        ),
    )
    (item,) = items
    assert item["url"] == f"{BASE}/2025/03/04/ferry-service-resumes-after-storm/"
    assert item["site"] == "127.0.0.2"
    assert item["headline"] == "Ferry service resumes after storm"
    assert item["byline"] == "By Lena Park and Omar Haddad"
    assert item["authors"] == ["Lena Park", "Omar Haddad"]
    assert item["published"] == "2025-03-04T21:10:00-05:00"
    assert item["modified"] == "2025-03-05T08:00:00-05:00"
    body = item["body"]
    assert body.startswith("The river ferry between Alder Point")
    assert "\n\nRepairs to continue\n\n" in body
    assert body.endswith("over the north bridge.")
    for junk in (
        "audio player",
        "Tweet",
        "Read more",
        "newsletter",
        "Help support",
        "(Riverside Post photo)",
        "Related",
    ):
        assert junk not in body
    # related stories are followed (tracking parameters removed); navigation is not
    assert f"{BASE}/2025/03/01/river-levels-rise-across-valley/" in urls
    assert f"{BASE}/2025/02/27/county-approves-dock-funding/" in urls
    assert f"{BASE}/2025/03/03/library-extends-weekend-hours/" in urls
    assert f"{BASE}/about/" not in urls and f"{BASE}/news/" not in urls


def test_video_page_is_not_an_article(spider) -> None:
    items, _ = run(spider, fixture_response("video.html", f"{BASE}/video/ferry-first-crossing/"))
    assert items == []
    assert spider.crawler.stats.get_value("newscrawl/pages/video") == 1


@pytest.mark.parametrize(
    "path", ["/tag/weather/", "/author/lena-park/", "/about/", "/contact/", "/news/page/2/"]
)
def test_non_article_paths_are_never_items(spider, path: str) -> None:
    response = fixture_response("article_jsonld.html", f"{BASE}{path}")
    without_canonical = response.body.replace(b'rel="canonical"', b'rel="x-canonical"')
    items, _ = run(spider, response.replace(body=without_canonical))
    assert items == []


def test_charset_declared_only_in_meta(spider) -> None:
    response = fixture_response("cp1252.html", f"{BASE}/2025/03/04/cafe-owners-relieved/")
    (item,) = run(spider, response)[0]
    assert item["headline"] == "Café owners “relieved” as road reopens"
    assert item["authors"] == ["Renée Dubois"]
    assert "“We lost half our lunch trade,”" in item["body"]
    assert item["published"] == "2025-03-04"


def test_non_html_responses_are_skipped(spider) -> None:
    pdf = Response(
        f"{BASE}/files/report", body=b"%PDF-1.4 binary", headers={"Content-Type": "application/pdf"}
    )
    text = TextResponse(f"{BASE}/robots-like", body=b"plain", encoding="utf-8")
    assert parse_all(spider, pdf) == [] and parse_all(spider, text) == []
    assert spider.crawler.stats.get_value("newscrawl/pages/non_html") == 2


def test_broken_and_empty_pages_are_read_and_classified(spider) -> None:
    for body in (b"", b"<html><body><div><p>unclosed <b>tags", b"\x00\xff\xfe garbage \x89PNG"):
        response = fixture_response("home.html", f"{BASE}/2025/03/09/some-story-slug-here/")
        out = parse_all(spider, response.replace(body=body))
        assert all(isinstance(o, Request | Article) for o in out)
    stats = spider.crawler.stats.get_stats()
    kinds = {k: v for k, v in stats.items() if k.startswith("newscrawl/pages/")}
    assert kinds.pop("newscrawl/pages/fetched") == 3 and sum(kinds.values()) == 3
    assert "newscrawl/errors/extraction" not in stats


def test_a_page_that_breaks_analysis_is_counted_as_an_error(spider, monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("newscrawl.pagepool.analyze_response", broken)
    response = fixture_response("article_jsonld.html", f"{BASE}/2025/03/04/ferry/")
    assert parse_all(spider, response) == []
    assert spider.crawler.stats.get_value("newscrawl/site/127.0.0.2/errors/extraction") == 1


def test_site_list_argument(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(
        '[[site]]\nname = "Riverside Post"\nstart_urls = ["http://127.0.0.2:8080/"]\nmax_pages = 3\n'
    )
    spider = make_spider(sites=str(sites))
    assert spider.sites[0].name == "Riverside Post"
    _, urls = run(spider, fixture_response("home.html", f"{BASE}/"))
    assert len(urls) == 3  # max_pages (start URL not counted here: it was never admitted)
    assert spider.crawler.stats.get_value("newscrawl/links/refused/site_budget_exhausted") > 0


def test_bad_site_list_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        make_spider(sites=str(tmp_path / "missing.toml"))


def test_an_article_releases_held_urls_of_its_shape_at_depth_zero(spider) -> None:
    spider.budget.max_per_pattern = 0  # every URL of a shape is held until it gives articles
    shape = f"{BASE}/2025/03/04/ferry-service-resumes-after-storm-{{}}/"
    for n in (1, 2, 3):
        assert spider.budget.admit(shape.format(n), "127.0.0.2") == "url_pattern_budget_exhausted"
    out = parse_all(spider, fixture_response("article_jsonld.html", shape.format(0)))
    released = [
        o for o in out if isinstance(o, Request) and o.url in {shape.format(n) for n in (1, 2, 3)}
    ]
    assert [r.url for r in released] == [shape.format(1), shape.format(2)]  # two per article
    assert all(r.meta.get("depth_reset") for r in released)
    assert spider.crawler.stats.get_value("newscrawl/links/released") == 2


def test_idle_spider_requests_held_urls_its_shapes_have_room_for(spider) -> None:
    crawled: list[Request] = []
    spider.crawler.engine = type("Engine", (), {"crawl": lambda self, r: crawled.append(r)})()
    spider.budget.max_per_pattern = 0
    shape = f"{BASE}/news/world-{{}}/"
    for n in (1, 2, 3):
        spider.budget.admit(shape.format(n), "127.0.0.2")
    spider.on_idle()  # nothing productive: the crawl may end
    spider.budget.state.add(ARTICLES, url_pattern(shape.format(0)))
    with pytest.raises(DontCloseSpider):
        spider.on_idle()
    assert [r.url for r in crawled] == [shape.format(1), shape.format(2)]
    spider.on_idle()  # no room left: the crawl may end
