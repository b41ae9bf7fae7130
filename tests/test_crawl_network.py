"""A generated site bigger than the trap guard's per-shape budget and deeper than its
pagination: every article is found, the guard still bounds listings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from benchmarks.crawl import build_network
from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl
from newscrawl.demo.server import DemoNetwork


def test_numbered_article_urls_and_long_pagination_are_crawled_whole(tmp_path: Path) -> None:
    network_file, expected = build_network(tmp_path / "net", sites=1, pages=220, seed=3)
    db = tmp_path / "crawl.db"
    with DemoNetwork(network_file) as network:
        code = scrapy_crawl(
            ["-a", f"start_urls={network.url('site0')}"],
            {
                "NEWSCRAWL_DB": str(db),
                "NEWSCRAWL_MAX_PAGES_PER_PATTERN": "12",  # all /YYYY/MM/DD/story-N/ are one shape
                **DEMO_SETTINGS,
            },
        )
        requested = network.requests("site0")
    assert code == 0
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stats = json.loads(conn.execute("SELECT stats FROM crawls").fetchone()[0])
    conn.close()
    why = {k: v for k, v in stats.items() if k.startswith(("newscrawl/links", "newscrawl/pages"))}
    assert stored == expected["127.0.0.2"] > 200, (why, [p for p in requested if "story" in p][-5:])
    pagination = [p for p in requested if p.startswith("/news/page/")]
    served = list((tmp_path / "net" / "site0" / "news" / "page").iterdir())
    assert len(pagination) == len(served) >= 8  # /news/page/9/ is ten links from the home page
    pages = [p for p in requested if p != "/robots.txt"]
    assert len(pages) == len(set(pages))  # no page twice
