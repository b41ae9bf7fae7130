"""A worker killed while the trap budget held URLs back loses none of them: the held URLs
live in Redis, and the surviving worker requests them when their shape proves itself."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from newscrawl.demo.run import DEMO_SETTINGS
from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, Story, prose, site_list
from tests.support.redis import RedisServer, start_worker, start_writer

pytest.importorskip("scrapy_redis")

#: One URL per shape until the shape gives articles: the home page's stories are held.
WORKER = {**DEMO_SETTINGS, "LOG_LEVEL": "INFO", "NEWSCRAWL_REDIS_IDLE": "2",
          "NEWSCRAWL_REDIS_LEASE": "10", "NEWSCRAWL_WORKERS": "0",
          "NEWSCRAWL_MAX_PAGES_PER_PATTERN": "1"}  # fmt: skip
SLOW = 4.0  # seconds each story takes to answer


def one_page_site(root: Path) -> NewsSite:
    """Six stories of one URL shape, linked from the home page only (no feed, sitemap or
    section page), each slow to answer."""
    stories = [
        Story(f"story-{n:02d}", f"Harbor council story number {n}", "Lena Park", 1 + n / 4,
              paragraphs=[prose(n * 10 + k) for k in range(4)])
        for n in range(1, 7)
    ]  # fmt: skip
    site = NewsSite(root, stories)
    site.slow = {s.path(site.now): SLOW for s in stories}
    site.write()
    shutil.rmtree(site.dir / "news")
    (site.dir / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    home = site.listing_html("Home", stories, "", None)
    (site.dir / "index.html").write_text(home, encoding="utf-8")
    return site


def stored(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT url, headline FROM articles").fetchall())
    finally:
        conn.close()


def test_a_killed_worker_that_held_urls_back_loses_none(tmp_path: Path) -> None:
    site = one_page_site(tmp_path / "net")
    with RedisServer(tmp_path / "redis") as server, DemoNetwork(site.network_file) as network:
        sites, db = site_list(network, tmp_path / "sites.toml"), tmp_path / "news.db"
        writer = start_writer(server.url, db, tmp_path / "writer.log", tmp_path, "--until-done",
                              "--lease", WORKER["NEWSCRAWL_REDIS_LEASE"])  # fmt: skip
        victim = start_worker(sites, server.url, tmp_path / "w1.log", tmp_path, **WORKER)
        deadline = time.monotonic() + 300
        while not any("/story-" in p for p in network.requests(site.key)):
            assert time.monotonic() < deadline and victim.poll() is None
            time.sleep(0.1)
        time.sleep(SLOW / 3)  # the home page read, its other stories held; the first in flight
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        survivor = start_worker(sites, server.url, tmp_path / "w2.log", tmp_path, **WORKER)
        assert survivor.wait(timeout=600) == 0
        assert writer.wait(timeout=600) == 0
        expected = {network.url(site.key, s.path(site.now)): s.headline for s in site.stories}
        assert stored(db) == expected
        asked = Counter(p for p in network.requests(site.key) if "/story-" in p)
        assert set(asked) == {s.path(site.now) for s in site.stories}
        assert sorted(asked.values())[:-1] == [1] * 5  # the one in flight when killed: again
