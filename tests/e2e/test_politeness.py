"""Politeness for unattended runs: robots.txt Crawl-delay honoured per site (AutoThrottle
on), robots.txt obeyed for requests that wait for it together, one slot per site."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from newscrawl.demo.server import DemoNetwork
from tests.support.newssite import NewsSite, crawl, default_stories, rows, site_list


def test_crawl_delay_is_honoured_with_autothrottle(tmp_path: Path) -> None:
    site = NewsSite(tmp_path / "web", default_stories()[:2], crawl_delay=0.3).write()
    with DemoNetwork(site.network_file) as network:
        sites = site_list(network, tmp_path / "sites.toml")
        result = crawl(
            sites,
            tmp_path / "news.db",
            tmp_path,
            AUTOTHROTTLE_ENABLED="True",
            AUTOTHROTTLE_START_DELAY="0",
            DOWNLOAD_DELAY="0",
            CONCURRENT_REQUESTS_PER_DOMAIN="4",
        )
        hits = network.hits(site.key)
    assert result.returncode == 0, result.stderr[-2000:]
    times = [h.at for h in hits]
    gaps = [b - a for a, b in pairwise(times[1:])]  # once robots.txt is read
    assert len(gaps) >= 6
    # Arrival times jitter on a loaded machine (one late arrival shortens the next gap);
    # over the whole run the delay holds, and no two requests ever go out together.
    assert (times[-1] - times[1]) / len(gaps) >= 0.3 * 0.95, gaps
    assert min(gaps) >= 0.3 * 0.5, gaps
    stats = json.loads(rows(tmp_path / "news.db", "SELECT stats FROM crawls")[0][0])
    assert stats["newscrawl/crawl_delay/127.0.0.5"] == 0.3


def test_robots_txt_obeyed_by_requests_waiting_together(tmp_path: Path) -> None:
    site = NewsSite(tmp_path / "web", default_stories()[:2]).write()
    (site.dir / "private" / "page").mkdir(parents=True)
    (site.dir / "private" / "page" / "index.html").write_text("<h1>private</h1>")
    with DemoNetwork(site.network_file) as network:
        home, private = network.url(site.key), network.url(site.key, "/private/page/")
        sites = tmp_path / "sites.toml"
        sites.write_text(f'[[site]]\nstart_urls = ["{home}", "{private}", "{home}news/"]\n')
        result = crawl(sites, tmp_path / "news.db", tmp_path)
        requested = network.requests(site.key)
    assert result.returncode == 0
    assert "/private/page/" not in requested
    assert "/" in requested and "/news/" in requested
