"""An invented news site for scheduled-run tests, written to a temporary folder.

Served by the demo server (``newscrawl.demo.server``), so a test can edit the files
between two crawls. Articles are published "now" minus a few hours (young, so the revisit
schedule applies) and reachable in different ways: listing pages, the RSS feed only, the
Google News sitemap only, a gzip archive sitemap only (through the sitemap index), or a
related-story link of another article only.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from newscrawl.demo.server import DemoNetwork

PROJECT = Path(__file__).resolve().parents[2]
#: Fast, quiet settings for loopback crawls.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
    "RETRY_TIMES": "1",
}
_WORDS = [
    "council", "ferry", "harbor", "budget", "river", "school", "bridge", "mayor", "library",
    "storm", "board", "vote", "winter", "market", "county", "repair", "plan", "residents",
    "meeting", "week", "officials", "said", "contract", "funding", "road", "closure",
    "season", "volunteers", "schedule", "public", "hearing", "report", "estimate",
]  # fmt: skip


@dataclass
class Story:
    """One article of the test site and the ways it can be reached."""

    slug: str
    headline: str
    author: str
    hours_old: float = 2.0
    paragraphs: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # slugs
    listed: bool = True  # on the home page and the /news/ listings
    in_feed: bool = True
    in_news_sitemap: bool = True
    in_archive_sitemap: bool = False

    def published(self, now: datetime) -> datetime:
        return (now - timedelta(hours=self.hours_old)).replace(microsecond=0)

    def path(self, now: datetime) -> str:
        return f"/{self.published(now):%Y/%m/%d}/{self.slug}/"


def prose(seed: int, sentences: int = 5) -> str:
    """A deterministic invented paragraph."""
    out = []
    for n in range(sentences):
        words = [_WORDS[(seed * 7 + n * 3 + k * 5) % len(_WORDS)] for k in range(14)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def default_stories() -> list[Story]:
    """Fourteen stories: ten listed, one each only in the feed, the news sitemap, the
    gzip archive sitemap, and behind a related link."""
    stories = [
        Story(f"story-{n:02d}", f"Harbor council story number {n}", "Lena Park", 1 + n / 4)
        for n in range(1, 11)
    ]
    stories += [
        Story("feed-only-ferry", "Ferry adds a night crossing", "Omar Haddad", 1.5, listed=False,
              in_news_sitemap=False),
        Story("sitemap-only-dock", "Dock repairs start early", "Omar Haddad", 1.7, listed=False,
              in_feed=False),
        Story("archive-only-lighthouse", "Lighthouse keeper's log found", "Ida Moss", 5,
              listed=False, in_feed=False, in_news_sitemap=False, in_archive_sitemap=True),
        Story("related-only-gull", "Gull census counts record numbers", "Ida Moss", 3,
              listed=False, in_feed=False, in_news_sitemap=False),
    ]  # fmt: skip
    stories[2].related = ["related-only-gull"]
    for n, story in enumerate(stories):
        story.paragraphs = [prose(n * 10 + k) for k in range(4)]
    return stories


class NewsSite:
    """The files of the site under ``root/<key>/`` and a network.toml to serve them."""

    def __init__(
        self,
        root: Path,
        stories: list[Story] | None = None,
        *,
        key: str = "gazette",
        name: str = "Test Gazette",
        host: str = "127.0.0.5",
        crawl_delay: float | None = None,
        slow: dict[str, float] | None = None,
    ):
        self.root = root
        self.key, self.name, self.host = key, name, host
        self.stories = stories if stories is not None else default_stories()
        self.crawl_delay = crawl_delay
        self.slow = slow or {}
        self.now = datetime.now(UTC)
        self.dir = root / key

    @property
    def network_file(self) -> Path:
        return self.root / "network.toml"

    def story(self, slug: str) -> Story:
        return next(s for s in self.stories if s.slug == slug)

    def write(self) -> NewsSite:
        """(Re)write every file of the site."""
        self.dir.mkdir(parents=True, exist_ok=True)
        slow = ", ".join(f'"{path}" = {secs}' for path, secs in self.slow.items())
        self.network_file.write_text(
            f'[[site]]\nkey = "{self.key}"\nname = "{self.name}"\nhost = "{self.host}"\n'
            f"slow = {{ {slow} }}\n",
            encoding="utf-8",
        )
        for story in self.stories:
            self._file(story.path(self.now) + "index.html", self.article_html(story))
        listed = [s for s in self.stories if s.listed]
        feed_link = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        self._file("/index.html", self.listing_html("Home", listed[:5], feed_link, "/news/"))
        pages = [listed[i : i + 5] for i in range(0, len(listed), 5)]
        for n, page in enumerate(pages, start=1):
            path = "/news/" if n == 1 else f"/news/page/{n}/"
            more = f"/news/page/{n + 1}/" if n < len(pages) else None
            self._file(path + "index.html", self.listing_html(f"News page {n}", page, "", more))
        robots = "User-agent: *\nDisallow: /private/\n"
        if self.crawl_delay is not None:
            robots += f"Crawl-delay: {self.crawl_delay}\n"
        robots += f"\nSitemap: {self.url('/sitemap_index.xml')}\n"
        self._file("/robots.txt", robots)
        self._file("/feed.xml", self.feed_xml([s for s in self.stories if s.in_feed]))
        self._file("/sitemap_index.xml", self.sitemap_index())
        self._file("/sitemap-news.xml", self.news_sitemap())
        archive = self.urlset([s for s in self.stories if s.in_archive_sitemap])
        (self.dir / "sitemap-archive.xml.gz").write_bytes(gzip.compress(archive.encode()))
        return self

    def url(self, path: str) -> str:
        """URL with the port placeholder the demo server fills in."""
        return f"http://{self.host}:__PORT__{path}"

    def _file(self, path: str, text: str) -> None:
        target = self.dir / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def article_html(self, story: Story) -> str:
        published = story.published(self.now).isoformat()
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.headline,
            "datePublished": published,
            "author": {"@type": "Person", "name": story.author},
        }
        related = "".join(
            f'<li><a href="{self.story(slug).path(self.now)}">{escape(self.story(slug).headline)}'
            f"</a></li>"
            for slug in story.related
        )
        aside = f'<aside class="related"><h2>Related</h2><ul>{related}</ul></aside>' * bool(related)
        body = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(story.headline)} - {self.name}</title>"
            f'<link rel="canonical" href="{self.url(story.path(self.now))}">'
            f'<meta property="og:type" content="article">'
            f'<meta property="og:title" content="{escape(story.headline)}">'
            f'<meta property="article:published_time" content="{published}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<header><a href="/">{self.name}</a> <a href="/news/">News</a></header><main>'
            f'<article><h1>{escape(story.headline)}</h1><p class="byline">By {story.author}</p>'
            f'<time datetime="{published}">{published}</time>'
            f'<div class="article-body">{body}</div></article>{aside}</main></body></html>'
        )

    def listing_html(self, title: str, stories: list[Story], head: str, more: str | None) -> str:
        items = "".join(
            f'<li><h2><a href="{s.path(self.now)}">{escape(s.headline)}</a></h2></li>'
            for s in stories
        )
        nav = f'<a href="{more}">Older stories</a>' if more else ""
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{title} - {self.name}</title>{head}</head><body>"
            f'<header><a href="/">{self.name}</a> <a href="/news/">News</a></header>'
            f"<main><h1>{title}</h1><ul>{items}</ul>{nav}</main></body></html>"
        )

    def feed_xml(self, stories: list[Story]) -> str:
        items = "".join(
            f"<item><title>{escape(s.headline)}</title><link>{self.url(s.path(self.now))}</link>"
            f"<pubDate>{format_datetime(s.published(self.now))}</pubDate></item>"
            for s in stories
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{self.name}</title><link>{self.url('/')}</link>{items}</channel></rss>"
        )

    def sitemap_index(self) -> str:
        today = f"{self.now:%Y-%m-%d}"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url('/sitemap-news.xml')}</loc></sitemap>"
            f"<sitemap><loc>{self.url('/sitemap-archive.xml.gz')}</loc>"
            f"<lastmod>{today}</lastmod></sitemap></sitemapindex>"
        )

    def news_sitemap(self) -> str:
        entries = "".join(
            f"<url><loc>{self.url(s.path(self.now))}</loc><news:news><news:publication>"
            f"<news:name>{self.name}</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{s.published(self.now).isoformat()}"
            f"</news:publication_date><news:title>{escape(s.headline)}</news:title>"
            f"</news:news></url>"
            for s in self.stories
            if s.in_news_sitemap
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{entries}</urlset>"
        )

    def urlset(self, stories: list[Story]) -> str:
        entries = "".join(
            f"<url><loc>{self.url(s.path(self.now))}</loc>"
            f"<lastmod>{s.published(self.now):%Y-%m-%d}</lastmod></url>"
            for s in stories
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        )


def site_list(network: DemoNetwork, path: Path, keys: list[str] | None = None) -> Path:
    """A site list with one [[site]] per served site (start URL: its home page)."""
    entries = [
        f'[[site]]\nname = "{site.name}"\nstart_urls = ["{network.url(site.key)}"]\n'
        for site in network.sites
        if keys is None or site.key in keys
    ]
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def crawl_command(sites: Path, db: Path, **settings: str) -> list[str]:
    """``python -m scrapy crawl news`` with the site list, archive and settings."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"sites={sites}"]
    for key, value in {**FAST, "NEWSCRAWL_DB": str(db), **settings}.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def crawl_env() -> dict[str, str]:
    return dict(os.environ, SCRAPY_SETTINGS_MODULE="newscrawl.settings")


def crawl(sites: Path, db: Path, cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """Run one crawl to the end; its completed process (exit code, log on stderr)."""
    return subprocess.run(
        crawl_command(sites, db, **settings),
        env=crawl_env(),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
