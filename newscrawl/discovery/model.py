"""What discovery documents yield: links with their dates, and the document kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin


@dataclass(frozen=True)
class Link:
    """A URL a feed or sitemap lists, with what the document says about it.

    ``modified`` is the newest of lastmod/updated (UTC ISO), ``published`` the publication
    date (Google News ``publication_date``, RSS ``pubDate``, Atom ``published``).
    """

    url: str
    modified: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """A parsed feed or sitemap: ``kind`` is 'rss', 'atom', 'sitemap' or 'sitemapindex'.

    ``links`` are pages (articles); ``sitemaps`` are child sitemaps of a sitemap index.
    """

    kind: str
    links: list[Link] = field(default_factory=list)
    sitemaps: list[Link] = field(default_factory=list)

    @property
    def is_feed(self) -> bool:
        return self.kind in ("rss", "atom")


def absolute(url: str | None, base: str) -> str | None:
    """``url`` made absolute against ``base``; None unless it is http(s)."""
    if not url:
        return None
    full = urljoin(base, url.strip())
    return full if full.startswith(("http://", "https://")) else None
