"""Real news pages (the shared evaluation set) served on loopback and crawled end to end:
no crash, and every article page ends stored or dropped with a recorded reason.

Skipped when ``../shared/eval`` is absent (a user's machine)."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl
from newscrawl.demo.server import DemoNetwork

PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "meta-dev" / "pages"
SAMPLE = 60

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="shared evaluation sets absent")


def _site(root: Path) -> Path:
    """Every few pages of the set as /2024/05/page-N/ of one site, listed on its home page."""
    site = root / "real"
    links = []
    pages = sorted(PAGES.iterdir())
    for i, page in enumerate(pages[:: len(pages) // SAMPLE][:SAMPLE]):
        data = page.read_bytes()
        folder = site / "2024" / "05" / f"page-{i}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_bytes(gzip.decompress(data) if page.suffix == ".gz" else data)
        links.append(f"<li><a href='/2024/05/page-{i}/'>Story {i}</a></li>")
    (site / "index.html").write_text(f"<html><body><ul>{''.join(links)}</ul></body></html>")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    network = root / "network.toml"
    network.write_text('[[site]]\nkey = "real"\nname = "Real Pages"\nhost = "127.0.0.2"\n')
    return network


def test_real_pages_are_stored_or_dropped_with_a_reason(tmp_path: Path) -> None:
    db = tmp_path / "real.db"
    with DemoNetwork(_site(tmp_path)) as network:
        code = scrapy_crawl(
            ["-a", f"start_urls={network.url('real')}"],
            {
                "NEWSCRAWL_DB": str(db),
                "DEPTH_LIMIT": "1",  # their own links lead nowhere on loopback
                "NEWSCRAWL_MAX_PAGES_PER_PATTERN": "1000",  # all are /2024/05/page-N/
                **DEMO_SETTINGS,
            },
        )
    assert code == 0
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stats_json, dropped_json = conn.execute("SELECT stats, dropped_reasons FROM crawls").fetchone()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    stats = json.loads(stats_json)
    dropped = sum(json.loads(dropped_json or "{}").values())
    assert "newscrawl/errors/extraction" not in stats
    assert stats["newscrawl/pages/article"] == stored + dropped
    assert stats["newscrawl/pages/fetched"] == SAMPLE + 1  # every page and the home page
    assert stored >= SAMPLE * 0.8  # most of a news-page sample are stored articles
