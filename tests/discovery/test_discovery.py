"""Discovery documents, parsed safely: feeds, (news) sitemaps, indexes, gzip, robots.txt."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from lxml import html

from newscrawl.clock import utc_iso
from newscrawl.discovery import DocumentError, alternate_feeds, read_document, robots_sitemaps
from newscrawl.discovery.safexml import gunzip

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discovery"
BASE = "https://tidewater.example/sitemap.xml"
MB = 1024 * 1024


def read(name: str, max_bytes: int = MB):
    return read_document((FIXTURES / name).read_bytes(), BASE, max_bytes)


def test_news_sitemap_keeps_nested_news_fields() -> None:
    doc = read("news-sitemap.xml")
    assert doc.kind == "sitemap" and not doc.is_feed
    first, second, offsite = doc.links
    assert first.url == "https://tidewater.example/2025/04/02/pier-repairs-approved/"
    assert first.modified == "2025-04-02T14:20:00+00:00"
    assert first.published == "2025-04-02T13:15:00+00:00"
    assert first.title == "Pier repairs approved after storm season"
    assert second.url == "https://tidewater.example/2025/04/01/school-bus-routes-change/"
    assert (second.published, second.title) == (
        "2025-04-01T00:00:00+00:00",
        "School bus routes change & grow",
    )
    assert offsite.url == "https://elsewhere.example/syndicated/"  # scope is the spider's job
    assert len(doc.links) == 3  # javascript: dropped


def test_sitemap_index_and_gzip() -> None:
    doc = read("sitemap-index.xml")
    assert doc.kind == "sitemapindex" and doc.links == []
    assert [(s.url, s.modified) for s in doc.sitemaps] == [
        ("https://tidewater.example/sitemaps/2025-03.xml.gz", "2025-03-31T00:00:00+00:00"),
        ("https://tidewater.example/sitemaps/news.xml", None),
    ]
    packed = gzip.compress((FIXTURES / "news-sitemap.xml").read_bytes())
    assert len(read_document(packed, BASE, MB).links) == 3


def test_rss_atom_and_rdf_feeds() -> None:
    rss = read("rss.xml")
    assert rss.kind == "rss" and rss.is_feed
    assert [link.url for link in rss.links] == [
        "https://tidewater.example/2025/04/02/cafe-reopens/",
        "https://tidewater.example/2025/04/01/permalink-only/",
    ]
    assert rss.links[0].title == "Café on Harbor Street reopens"  # ISO-8859-1 declared
    assert rss.links[0].published == "2025-04-02T12:00:00+00:00"
    assert rss.links[0].modified == "2025-04-02T13:30:00+00:00"
    assert rss.links[1].published == "2025-04-01T10:00:00+00:00"
    atom = read("atom.xml")
    assert atom.kind == "atom"
    (entry,) = atom.links
    assert entry.url == "https://tidewater.example/2025/04/03/ferry-schedule/"
    assert (entry.published, entry.modified) == (
        "2025-04-03T11:00:00+00:00",
        "2025-04-03T16:00:00+00:00",
    )
    rdf = read("rdf.xml")
    assert [link.url for link in rdf.links] == ["https://tidewater.example/2025/04/04/tide-tables/"]


def test_entities_are_never_expanded() -> None:
    started = time.monotonic()
    doc = read("billion-laughs.xml")  # libxml2 stops at the entity loop; nothing expands
    assert time.monotonic() - started < 1
    assert doc.links and all("lollol" not in link.url for link in doc.links)
    xxe = read("xxe.xml")
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    assert xxe.links[0].url == "https://tidewater.example/2025/04/05/xxe/"
    assert not hostname or hostname not in (xxe.links[0].title or "")


def test_size_limits_and_decompression_bombs() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * MB) + b"</urlset>")
    assert len(bomb) < 100_000
    with pytest.raises(DocumentError, match="inflates beyond"):
        read_document(bomb, BASE, MB)
    with pytest.raises(DocumentError, match="inflates beyond"):
        gunzip(bomb, MB)
    with pytest.raises(DocumentError, match="larger than"):
        read_document(b"<urlset>" + b" " * (2 * MB) + b"</urlset>", BASE, MB)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x1f\x8b not really gzip", b"plain text", b"<html><body>hi</body></html>"],
)
def test_unusable_documents(data: bytes) -> None:
    with pytest.raises(DocumentError):
        read_document(data, BASE, MB)


def test_robots_sitemap_lines() -> None:
    text = (
        "User-agent: *\nDisallow: /private/\n"
        "Sitemap: https://tidewater.example/sitemap_index.xml\n"
        "sitemap:/relative-news.xml  \n# Sitemap: https://commented.example/\n"
        "SITEMAP: https://tidewater.example/sitemap_index.xml\n"
    )
    assert robots_sitemaps(text, "https://tidewater.example/robots.txt") == [
        "https://tidewater.example/sitemap_index.xml",
        "https://tidewater.example/relative-news.xml",
    ]


def test_alternate_feeds_without_comment_feeds() -> None:
    page = html.fromstring(
        "<html><head>"
        '<link rel="alternate" type="application/rss+xml" title="Tidewater Post" href="/feed/">'
        '<link rel="alternate" type="application/rss+xml" title="Comments Feed" '
        'href="/comments/feed/">'
        '<link rel="alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">'
        '<link rel="alternate" hreflang="de" href="/de/">'
        '<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed.xml">'
        "</head><body></body></html>"
    )
    assert alternate_feeds(page, "https://tidewater.example/news/") == [
        "https://tidewater.example/feed/",
        "https://tidewater.example/atom.xml",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-04T23:00:00-05:00", "2025-03-05T04:00:00+00:00"),
        ("2025-03-04T10:00:00Z", "2025-03-04T10:00:00+00:00"),
        ("2025-03-04", "2025-03-04T00:00:00+00:00"),
        ("2025-03", "2025-03-01T00:00:00+00:00"),
        ("Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04T10:00:00+00:00"),
        ("2025-03-04T10:00:00", "2025-03-04T10:00:00+00:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_in_utc(value: str, expected: str | None) -> None:
    assert utc_iso(value) == expected
