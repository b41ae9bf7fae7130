"""A demo-like network of news sites whose listings change between runs (invented content).

Each site has a home page (linking its sections, trending tags and writers), three
paginated sections, tag and author pages, about, contact,
search and video pages, an RSS feed of its latest articles, a sitemap of every article, a
robots.txt naming the sitemap and, on the first site, an endless events calendar (served by
:mod:`newscrawl.demo.server`). Articles carry JSON-LD, a byline linking their author, tag
links and related-story links. :meth:`NewsNet.publish` adds new articles at the top of the
home page, their section, the feed and the sitemap, as a newsroom does between two runs.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

SECTIONS = ("news", "business", "sport")
TAGS = ("harbor", "council", "schools", "weather")
AUTHORS = ("ada-quill", "ben-marsh", "cora-vale")
PER_PAGE = 4  # article links per section page
ON_HOME = 6
IN_FEED = 10
_WORDS = [
    "council",
    "harbor",
    "budget",
    "river",
    "school",
    "bridge",
    "mayor",
    "library",
    "storm",
    "board",
    "vote",
    "winter",
    "market",
    "county",
    "repair",
    "plan",
    "residents",
    "meeting",
    "officials",
    "contract",
    "funding",
    "road",
    "closure",
    "season",
    "volunteers",
    "schedule",
    "hearing",
    "report",
    "estimate",
    "ferry",
    "museum",
    "festival",
    "clinic",
    "trail",
    "garden",
]


@dataclass
class Item:
    """One article: where it lives and what it says."""

    slug: str
    headline: str
    section: str
    tag: str
    author: str
    published: datetime
    paragraphs: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/{self.published:%Y/%m/%d}/{self.slug}/"


def _prose(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(9, 16))).capitalize() + "."
        for _ in range(sentences)
    )


class NewsSite:
    """One site's articles and pages, written under ``root/<key>/``."""

    def __init__(self, key: str, name: str, host: str, calendar: bool):
        self.key, self.name, self.host, self.calendar = key, name, host, calendar
        self.items: list[Item] = []  # newest first

    def url(self, path: str) -> str:
        return f"http://{self.host}:__PORT__{path}"

    def page(self, title: str, body: str, head: str = "") -> str:
        nav = "".join(f'<a href="/{s}/">{s.title()}</a> ' for s in SECTIONS)
        extra = '<a href="/events/calendar/">Events</a>' if self.calendar else ""
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
            f' - {self.name}</title>{head}</head><body><header><a href="/">{self.name}</a> '
            f'{nav}{extra} <a href="/search/?q=">Search</a></header><main>{body}</main>'
            f'<footer><a href="/about/">About us</a> <a href="/contact/">Contact</a> '
            f'<a href="/video/harbor-tour/">Video</a></footer></body></html>'
        )

    def listing(self, title: str, items: list[Item], more: str | None = None) -> str:
        links = "".join(
            f'<li><h2><a href="{i.path}">{escape(i.headline)}</a></h2>'
            f"<p>{escape(i.paragraphs[0][:120])}</p></li>"
            for i in items
        )
        nav = f'<a href="{more}">Older stories</a>' if more else ""
        return self.page(title, f"<h1>{escape(title)}</h1><ul>{links}</ul>{nav}")

    def trending(self) -> str:
        """The home page's tag and author links (then the end of its main part)."""
        tags = "".join(f'<a href="/tag/{t}/">{t}</a> ' for t in TAGS)
        people = "".join(f'<a href="/author/{a}/">{a.replace("-", " ").title()}</a> '
                         for a in AUTHORS)  # fmt: skip
        return f"<nav>Trending: {tags}</nav><nav>Our writers: {people}</nav></main>"

    def article(self, item: Item, related: list[Item]) -> str:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": item.headline, "datePublished": item.published.isoformat(),
              "author": {"@type": "Person", "name": item.author.replace("-", " ").title()}}  # fmt: skip
        body = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
        rel = "".join(f'<li><a href="{r.path}">{escape(r.headline)}</a></li>' for r in related)
        return self.page(
            item.headline,
            f'<article><h1>{escape(item.headline)}</h1><p class="byline">By <a href='
            f'"/author/{item.author}/">{item.author.replace("-", " ").title()}</a></p>'
            f'<time datetime="{item.published.isoformat()}"></time>{body}'
            f'<p>Filed in <a href="/{item.section}/">{item.section}</a>, tagged '
            f'<a href="/tag/{item.tag}/">{item.tag}</a></p></article>'
            f'<aside class="related"><ul>{rel}</ul></aside>',
            f'<link rel="canonical" href="{self.url(item.path)}"><meta property="og:type" '
            f'content="article"><script type="application/ld+json">{json.dumps(ld)}</script>',
        )

    def files(self) -> dict[str, str]:
        """Every file of the site: path -> text."""
        out = {i.path + "index.html": self.article(i, self.items[n + 1 : n + 3])
               for n, i in enumerate(self.items)}  # fmt: skip
        feed = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        home = self.listing(self.name, self.items[:ON_HOME]).replace("</main>", self.trending())
        out["/index.html"] = home.replace("</head>", f"{feed}</head>", 1)
        for section in SECTIONS:
            items = [i for i in self.items if i.section == section]
            pages = max(1, -(-len(items) // PER_PAGE))
            for n in range(1, pages + 1):
                path = f"/{section}/" if n == 1 else f"/{section}/page/{n}/"
                more = f"/{section}/page/{n + 1}/" if n < pages else None
                chunk = items[(n - 1) * PER_PAGE : n * PER_PAGE]
                out[path + "index.html"] = self.listing(f"{section.title()} {n}", chunk, more)
        for tag in TAGS:
            out[f"/tag/{tag}/index.html"] = self.listing(
                f"Tagged {tag}", [i for i in self.items if i.tag == tag][: PER_PAGE * 2]
            )
        for author in AUTHORS:
            out[f"/author/{author}/index.html"] = self.listing(
                author, [i for i in self.items if i.author == author][: PER_PAGE * 2]
            )
        for path, title in (("/about/", "About us"), ("/contact/", "Contact the newsroom"),
                            ("/search/", "Search"), ("/video/harbor-tour/", "Harbor tour")):  # fmt: skip
            out[path + "index.html"] = self.page(title, f"<h1>{title}</h1><p>{self.name}.</p>")
        out["/feed.xml"] = self.feed()
        out["/sitemap.xml"] = self.sitemap()
        out["/robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {self.url('/sitemap.xml')}\n"
        return out

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{escape(i.headline)}</title><link>{self.url(i.path)}</link>"
            f"<pubDate>{format_datetime(i.published)}</pubDate></item>"
            for i in self.items[:IN_FEED]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{self.name}</title><link>{self.url('/')}</link>{items}</channel></rss>"
        )

    def sitemap(self) -> str:
        urls = "".join(
            f"<url><loc>{self.url(i.path)}</loc><lastmod>{i.published:%Y-%m-%d}</lastmod></url>"
            for i in self.items
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )


class NewsNet:
    """The sites of the network, their files under ``root`` and a network.toml."""

    def __init__(self, root: Path, sites: int = 4, articles: int = 18, seed: int = 17):
        self.root = root
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC).replace(microsecond=0)
        self.sites = [NewsSite(f"site{n}", f"Demo Post {n}", f"127.0.0.{n + 2}", n == 0)
                      for n in range(sites)]  # fmt: skip
        self.count = 0
        for site in self.sites:
            for n in range(articles):
                site.items.append(self.item(self.now - timedelta(days=1 + n * 0.7)))

    def item(self, published: datetime) -> Item:
        self.count += 1
        words = [self.rng.choice(_WORDS) for _ in range(4)]
        paragraphs = [_prose(self.rng) for _ in range(4)]
        return Item(f"{'-'.join(words)}-{self.count}", " ".join(words).capitalize(),
                    self.rng.choice(SECTIONS), self.rng.choice(TAGS), self.rng.choice(AUTHORS),
                    published, paragraphs)  # fmt: skip

    def publish(self, per_site: list[int], minutes_ago: int = 10) -> list[tuple[str, Item]]:
        """New articles at the top of each site (``per_site[n]`` on site n): (site key, item)."""
        new = []
        for site, count in zip(self.sites, per_site, strict=False):
            for _ in range(count):
                item = self.item(self.now - timedelta(minutes=minutes_ago))
                site.items.insert(0, item)
                new.append((site.key, item))
        return new

    def write(self) -> Path:
        """(Re)write every file; the network.toml to serve."""
        toml = []
        for site in self.sites:
            for path, text in site.files().items():
                target = self.root / site.key / path.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists() or target.read_text(encoding="utf-8") != text:
                    target.write_text(text, encoding="utf-8")
            calendar = 'calendar = "/events/calendar/"\n' if site.calendar else ""
            toml.append(f'[[site]]\nkey = "{site.key}"\nname = "{site.name}"\n'
                        f'host = "{site.host}"\n{calendar}')  # fmt: skip
        network = self.root / "network.toml"
        network.write_text("\n".join(toml), encoding="utf-8")
        return network
