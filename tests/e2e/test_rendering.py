"""Rendering end to end (`scrapy crawl` subprocesses, headless Chromium, loopback sites):
a site whose articles scripts build from inline JSON and whose section page lists its
links by script. Rendered, every article is stored; not rendered, its pages are dropped
as needs_rendering and reported; auto mode finds them; no browser skips the site only;
a page that does not load in time is dropped as render_timeout."""

from __future__ import annotations

import importlib.util
import io
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newscrawl.analyst.health import write_report
from newscrawl.demo.server import DemoNetwork
from newscrawl.extensions.render import find_browser
from tests.support import jssite
from tests.support.newssite import NewsSite, crawl, rows

needs_browser = pytest.mark.skipif(
    find_browser(None) is None or importlib.util.find_spec("scrapy_playwright") is None,
    reason="needs Chromium on PATH (apt-get install chromium) and scrapy-playwright",
)


@pytest.fixture
def web(tmp_path: Path):
    """The script-built site beside a plain one, served on loopback."""
    plain = NewsSite(tmp_path / "web", key="plainpost", name="Plain Post", host="127.0.0.9")
    plain.stories = plain.stories[:3]
    plain.stories[2].related = []
    plain.write()
    stories = jssite.write(tmp_path / "web")
    with DemoNetwork(tmp_path / "web" / "network.toml") as network:
        yield network, stories


def site_list(path: Path, network: DemoNetwork, *, render: bool, start: list[str] | None = None,
              plain: bool = False) -> Path:  # fmt: skip
    urls = [network.url(jssite.KEY, p) for p in start or ["/"]]
    text = (
        f'[[site]]\nname = "{jssite.NAME}"\nstart_urls = {json.dumps(urls)}\n'
        f"render = {str(render).lower()}\n"
    )
    if plain:
        text += f'\n[[site]]\nname = "Plain Post"\nstart_urls = ["{network.url("plainpost")}"]\n'
    path.write_text(text, encoding="utf-8")
    return path


def site_row(db: Path, key: str) -> dict:
    found = rows(db, "SELECT * FROM crawl_sites WHERE site = ? ORDER BY crawl_id DESC", (key,))
    return dict(found[0])


def report(db: Path) -> str:
    out = io.StringIO()
    conn = sqlite3.connect(db)
    try:
        write_report(conn, out)
    finally:
        conn.close()
    return out.getvalue()


@needs_browser
def test_render_sites_store_every_article(web, tmp_path: Path) -> None:
    network, stories = web
    sites = site_list(tmp_path / "sites.toml", network, render=True, start=["/news/"])
    done = crawl(sites, tmp_path / "news.db", tmp_path, NEWSCRAWL_WARC_DIR=str(tmp_path / "w"))
    assert done.returncode == 0, done.stderr[-3000:]
    stored = {r["url"]: r for r in rows(tmp_path / "news.db", "SELECT * FROM articles")}
    assert set(stored) == {network.url(jssite.KEY, s.path) for s in stories}
    for story in stories:
        row = stored[network.url(jssite.KEY, story.path)]
        assert row["headline"] == story.headline
        assert story.author in json.loads(row["authors"])
        assert row["published"][:16] == story.published[:16]
        assert all(p in row["body"] for p in story.paragraphs)
    figures = site_row(tmp_path / "news.db", jssite.HOST)
    assert figures["pages_rendered"] == 4  # the section page and three articles
    assert figures["pages_needing_rendering"] == 0
    assert json.loads(figures["dropped_reasons"]) == {}
    # WARC: each stored article's raw page, and the rendered page referring to it
    (warc,) = (tmp_path / "w").glob("*.warc.gz")
    with warc.open("rb") as stream:
        records = list(_records(stream))
    responses = {r["id"]: r for r in records if r["type"] == "response"}
    conversions = [r for r in records if r["type"] == "conversion"]
    assert len(conversions) == 3
    for conversion in conversions:
        raw = responses[conversion["refers_to"]]
        assert b'<div id="app"></div>' in raw["body"]
        assert b'<div id="app"><article>' in conversion["body"]


def _records(stream):
    for record in ArchiveIterator(stream):
        yield {
            "type": record.rec_type,
            "id": record.rec_headers.get_header("WARC-Record-ID"),
            "refers_to": record.rec_headers.get_header("WARC-Refers-To"),
            "body": record.content_stream().read(),
        }


def test_rendering_off_drops_and_reports(web, tmp_path: Path) -> None:
    network, stories = web
    start = ["/news/", *(s.path for s in stories[:2])]
    sites = site_list(tmp_path / "sites.toml", network, render=False, start=start)
    done = crawl(sites, tmp_path / "news.db", tmp_path, NEWSCRAWL_RENDER="never")
    assert done.returncode == 0, done.stderr[-3000:]
    assert rows(tmp_path / "news.db", "SELECT * FROM articles") == []
    figures = site_row(tmp_path / "news.db", jssite.HOST)
    assert json.loads(figures["dropped_reasons"]) == {"needs_rendering": 2}
    assert figures["pages_needing_rendering"] == 3  # the section page and two articles
    assert figures["pages_rendered"] == 0
    assert "needs rendering: set render = true" in report(tmp_path / "news.db")


@needs_browser
def test_auto_mode_renders_pages_that_need_it(web, tmp_path: Path) -> None:
    network, stories = web
    sites = site_list(tmp_path / "sites.toml", network, render=False, start=["/news/"])
    done = crawl(sites, tmp_path / "news.db", tmp_path, NEWSCRAWL_RENDER="auto")
    assert done.returncode == 0, done.stderr[-3000:]
    stored = {r["url"]: r["headline"] for r in rows(tmp_path / "news.db", "SELECT * FROM articles")}
    assert stored == {network.url(jssite.KEY, s.path): s.headline for s in stories[:3]}
    figures = site_row(tmp_path / "news.db", jssite.HOST)
    assert figures["pages_needing_rendering"] == 4  # the section and each article, once
    assert figures["pages_rendered"] == 4
    assert "needs rendering: set render = true" in report(tmp_path / "news.db")


def test_no_browser_skips_the_site_only(web, tmp_path: Path) -> None:
    network, _stories = web
    sites = site_list(tmp_path / "sites.toml", network, render=True, plain=True)
    done = crawl(sites, tmp_path / "news.db", tmp_path, NEWSCRAWL_BROWSER="/nonexistent/chromium")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "skipped (no_browser)" in done.stderr
    skipped = site_row(tmp_path / "news.db", jssite.HOST)
    assert (skipped["status"], skipped["skip_reason"], skipped["pages_fetched"]) == (
        "skipped",
        "no_browser",
        0,
    )
    assert network.requests(jssite.KEY) == []
    plain = rows(tmp_path / "news.db", "SELECT url FROM articles WHERE site = '127.0.0.9'")
    assert len(plain) == 3
    assert "skipped (no_browser)" in report(tmp_path / "news.db")


@needs_browser
def test_render_timeout_drops_the_page(web, tmp_path: Path) -> None:
    network, _stories = web
    sites = site_list(tmp_path / "sites.toml", network, render=True, start=[jssite.SLOW_STORY.path])
    done = crawl(sites, tmp_path / "news.db", tmp_path, NEWSCRAWL_RENDER_TIMEOUT="2")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert rows(tmp_path / "news.db", "SELECT * FROM articles") == []
    figures = site_row(tmp_path / "news.db", jssite.HOST)
    assert json.loads(figures["dropped_reasons"]) == {"render_timeout": 1}
