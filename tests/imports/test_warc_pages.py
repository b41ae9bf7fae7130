"""Web archives of real pages: a crawl's own capture, and the shared eval pages."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest

from newscrawl.demo.run import DEMO_SETTINGS, scrapy_crawl, site_list_toml
from newscrawl.demo.server import DemoNetwork
from newscrawl.extract import extract_article
from newscrawl.imports.run import run_import
from tests.support.warcs import Rec, write_warc

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
EVAL = ROOT.parent / "shared" / "eval"
FIELDS = "url, site, site_name, headline, byline, authors, published, modified, body, wire_source"


def articles(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        return {r[0]: r for r in conn.execute(f"SELECT {FIELDS} FROM articles")}
    finally:
        conn.close()


def stories(db: Path) -> set[frozenset[str]]:
    conn = sqlite3.connect(db)
    try:
        grouped: dict[int, set[str]] = {}
        for url, story in conn.execute("SELECT url, story_id FROM articles"):
            grouped.setdefault(story, set()).add(url)
        return {frozenset(urls) for urls in grouped.values()}
    finally:
        conn.close()


def test_a_crawl_capture_reimported_gives_the_same_articles_and_stories(tmp_path: Path) -> None:
    network = DemoNetwork(DEMO / "network.toml")
    network.start()
    try:
        sites = tmp_path / "sites.toml"
        sites.write_text(site_list_toml(network), encoding="utf-8")
        settings = {
            **DEMO_SETTINGS,
            "NEWSCRAWL_DB": str(tmp_path / "crawl.db"),
            "NEWSCRAWL_WARC_DIR": str(tmp_path / "warc"),
        }
        assert scrapy_crawl(["-a", f"sites={sites}"], settings, cwd=tmp_path) == 0
    finally:
        network.stop()
    out = io.StringIO()
    code = run_import(
        str(tmp_path / "warc"), str(tmp_path / "import.db"), workers=1, site=str(sites), out=out
    )
    assert code == 0, out.getvalue()
    crawled, reimported = articles(tmp_path / "crawl.db"), articles(tmp_path / "import.db")
    assert len(crawled) > 20
    assert reimported == crawled
    assert stories(tmp_path / "import.db") == stories(tmp_path / "crawl.db")
    assert any(len(s) > 1 for s in stories(tmp_path / "import.db"))


def eval_pages(limit: int) -> list[tuple[str, bytes]]:
    truth = EVAL / "aeb-dev" / "ground-truth.json"
    if not truth.exists():
        pytest.skip("../shared/eval is not here")
    urls = {k: v["url"] for k, v in json.loads(truth.read_text(encoding="utf-8")).items()}
    pages = []
    for path in sorted((EVAL / "aeb-dev" / "html").glob("*.html.gz"))[:limit]:
        key = path.name.split(".html")[0]
        pages.append((urls[key], gzip.decompress(path.read_bytes())))
    return pages


def test_shared_pages_are_stored_with_what_extract_article_finds(tmp_path: Path) -> None:
    pages = eval_pages(30)
    write_warc(tmp_path / "eval.warc.gz", [Rec(url, html) for url, html in pages])
    db = tmp_path / "news.db"
    assert run_import(str(tmp_path / "eval.warc.gz"), str(db), workers=0, out=io.StringIO()) == 0
    conn = sqlite3.connect(db)
    stored = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT fetched_url, headline, body, published, authors FROM articles"
        )
    }
    conn.close()
    assert len(stored) >= 25
    for url, html in pages:
        if url in stored:
            fields = extract_article(html, url)
            expected = (fields["headline"], fields["body"], fields["published"])
            assert stored[url][:3] == expected, url
            assert json.loads(stored[url][3]) == fields["authors"], url
