"""A site bigger than the trap guard's per-shape budget and deeper than its pagination:
every article is found, while the guard still bounds listings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl
from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, Story, prose

ARTICLES = 90  # 18 pages of pagination: within DEPTH_LIMIT, beyond the shape budget


def numbered_stories() -> list[Story]:
    """/YYYY/MM/DD/story-N/ articles (one URL shape); every tenth is linked only from the
    article before it."""
    stories = []
    for n in range(ARTICLES):
        story = Story(f"story-{n}", f"Council story number {n}", "Lena Park", 2,
                      listed=n % 10 != 9, in_feed=False, in_news_sitemap=False)  # fmt: skip
        story.paragraphs = [prose(n * 3 + k) for k in range(3)]
        story.related = [f"story-{n + 1}"] if n % 10 == 8 else []
        stories.append(story)
    return stories


def test_numbered_article_urls_and_long_pagination_are_crawled_whole(tmp_path: Path) -> None:
    site = NewsSite(tmp_path / "net", numbered_stories()).write()
    db = tmp_path / "crawl.db"
    with DemoNetwork(site.network_file) as network:
        code = scrapy_crawl(
            ["-a", f"start_urls={network.url(site.key)}"],
            {
                "NEWSCRAWL_DB": str(db),
                "NEWSCRAWL_MAX_PAGES_PER_PATTERN": "12",  # far fewer than the articles or pages
                "NEWSCRAWL_MAX_FRUITLESS_PAGES": "12",
                **DEMO_SETTINGS,
            },
        )
        requested = network.requests(site.key)
    assert code == 0
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stats = json.loads(conn.execute("SELECT stats FROM crawls").fetchone()[0])
    conn.close()
    why = {k: v for k, v in stats.items() if k.startswith(("newscrawl/links", "newscrawl/pages"))}
    assert stored == ARTICLES, why
    pagination = {p for p in requested if p.startswith("/news/page/")}
    served = {f"/news/page/{d.name}/" for d in (site.dir / "news" / "page").iterdir()}
    assert pagination == served and len(served) > 12
    pages = [p for p in requested if p != "/robots.txt"]
    assert len(pages) == len(set(pages))  # no page twice
