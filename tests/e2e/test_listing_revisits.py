"""Listing pages revisited by their yield, end to end (`scrapy crawl` subprocesses against a
loopback site whose listings change between runs): every new article is found by the
next run, and each run's requests are counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, Story, crawl, prose, rows, site_list

#: Known articles are never due here: each run's requests are the listings' doing.
NO_ARTICLE_REVISITS = {"NEWSCRAWL_REVISIT_SCHEDULE": "1d:1d"}
DOCS = {"/robots.txt", "/feed.xml", "/sitemap_index.xml", "/sitemap-news.xml"}
LISTINGS_ONLY = {"in_feed": False, "in_news_sitemap": False}


class Runs:
    """Crawls of one site into one archive, each after an edit of the site."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.site = NewsSite(tmp / "web").write()
        self.network = DemoNetwork(self.site.network_file)
        self.network.start()
        self.sites = site_list(self.network, tmp / "sites.toml")
        self.db = tmp / "news.db"
        self.paths: list[list[str]] = []
        self.codes: list[int] = []
        self.crawls: list[dict] = []

    def run(self, *new: Story, **settings: str) -> list[str]:
        """Add ``new`` stories, crawl, and return the paths requested in that run."""
        for n, story in enumerate(new):
            story.paragraphs = [prose(700 + 10 * len(self.paths) + n * 3 + k) for k in range(4)]
            self.site.stories.insert(0, story)
        self.site.write()
        before = len(self.network.hits(self.site.key))
        result = crawl(self.sites, self.db, self.tmp, **{**NO_ARTICLE_REVISITS, **settings})
        self.codes.append(result.returncode)
        assert result.returncode == 0, result.stderr[-3000:]
        self.paths.append([hit.path for hit in self.network.hits(self.site.key)[before:]])
        self.crawls.append(dict(rows(self.db, "SELECT * FROM crawls ORDER BY id DESC")[0]))
        return self.paths[-1]

    def stored(self, story: Story) -> bool:
        url = self.network.url(self.site.key, story.path(self.site.now))
        return bool(rows(self.db, "SELECT 1 FROM articles WHERE url = ?", (url,)))

    def listing_pages(self) -> set[str]:
        listed = sum(story.listed for story in self.site.stories)
        return {"/", "/news/", *(f"/news/page/{n}/" for n in range(2, (listed + 4) // 5 + 1))}


def new_story(slug: str, **ways: bool) -> Story:
    return Story(slug, f"Harbor news: {slug.replace('-', ' ')}", "Ida Moss", 0.1, **ways)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory):
    """Run 0: first run; 1: a new article on the section's first page (and the home page);
    2: nothing new; 3: six new articles, the sixth on page 2 only; 4: a new article only in
    the feed; 5: only in the news sitemap; 6: an audit (NEWSCRAWL_REVISIT_ALL)."""
    result = Runs(tmp_path_factory.mktemp("listings"))
    try:
        result.run()
        result.section = new_story("section-first-page", **LISTINGS_ONLY)
        result.run(result.section)
        result.run()
        result.busy = [new_story(f"busy-day-{n}", **LISTINGS_ONLY) for n in range(6)]
        result.run(*result.busy)
        result.feed_only = new_story("feed-only-tide", listed=False, in_news_sitemap=False)
        result.run(result.feed_only)
        result.sitemap_only = new_story("sitemap-only-buoy", listed=False, in_feed=False)
        result.run(result.sitemap_only)
        result.audit_listings = result.listing_pages()
        result.run(NEWSCRAWL_REVISIT_ALL="True")
        yield result
    finally:
        result.network.stop()


def path(runs: Runs, story: Story) -> str:
    return story.path(runs.site.now)


def test_a_first_run_reads_everything(runs: Runs) -> None:
    # 14 articles, home, 2 news pages, robots.txt (twice), feed, sitemap index, 2 sitemaps
    assert len(runs.paths[0]) == 23
    assert runs.crawls[0]["listings_fetched"] == 3


def test_a_new_article_on_the_section_page_is_found(runs: Runs) -> None:
    assert runs.stored(runs.section)
    # page 2 because page 1 showed a new link; page 3 is a new page (the listing grew)
    expected = {*DOCS, "/", "/news/", "/news/page/2/", "/news/page/3/", path(runs, runs.section)}
    assert set(runs.paths[1]) == expected
    assert len(runs.paths[1]) == len(expected) + 1  # robots.txt: middleware and spider
    assert runs.crawls[1]["articles_new"] == 1
    assert runs.crawls[1]["listings_fetched"] == 4


def test_a_run_with_nothing_new_reads_start_page_section_feed_and_sitemaps(runs: Runs) -> None:
    assert set(runs.paths[2]) == {*DOCS, "/", "/news/"}
    assert len(runs.paths[2]) == 7
    crawl_row = runs.crawls[2]
    assert (crawl_row["listings_fetched"], crawl_row["listings_not_modified"]) == (2, 2)
    assert crawl_row["listings_skipped"] == 2  # pages 2 and 3: not due
    assert json.loads(crawl_row["requests_by_kind"]) == {"listing": 2, "feed": 1, "sitemap": 2,
                                                         "robots": 1}  # fmt: skip


def test_new_articles_reaching_page_two_are_found(runs: Runs) -> None:
    assert all(runs.stored(story) for story in runs.busy)
    assert {"/news/page/2/", "/news/page/3/", "/news/page/4/"} <= set(runs.paths[3])
    articles = [p for p in runs.paths[3] if "/20" in p]
    assert sorted(articles) == sorted(path(runs, story) for story in runs.busy)


def test_an_article_only_in_the_feed_is_found(runs: Runs) -> None:
    assert runs.stored(runs.feed_only)
    # page 2 showed a new link in the run before: read again once (nothing new: page 3 is not)
    expected = {*DOCS, "/", "/news/", "/news/page/2/", path(runs, runs.feed_only)}
    assert set(runs.paths[4]) == expected
    assert runs.crawls[4]["listings_not_modified"] == 3


def test_an_article_only_in_the_sitemap_is_found(runs: Runs) -> None:
    assert runs.stored(runs.sitemap_only)
    assert set(runs.paths[5]) == {*DOCS, "/", "/news/", path(runs, runs.sitemap_only)}


def test_revisit_all_reads_every_listing_again(runs: Runs) -> None:
    assert runs.audit_listings <= set(runs.paths[6])
    crawl_row = runs.crawls[6]
    assert crawl_row["listings_fetched"] == len(runs.audit_listings)
    assert crawl_row["listings_not_modified"] == crawl_row["listings_skipped"] == 0


def test_pages_remember_roles_and_yields(runs: Runs) -> None:
    pages = {
        r["url"].split("/", 3)[3]: dict(r)
        for r in rows(runs.db, "SELECT url, role, links, yielded FROM pages WHERE kind = 'listing'")
    }
    assert pages["news/"]["role"] == "section"
    assert pages["news/page/2/"]["role"] == "page"
    assert pages["news/"]["yielded"] and pages["news/"]["links"]
