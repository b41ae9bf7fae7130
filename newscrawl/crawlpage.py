"""What the crawl takes from one fetched HTML page (pure: no Scrapy).

One parse per page gives everything (:func:`newscrawl.extract.analyze_page`): the page kind,
raw field candidates, links and feeds; the ArticleLoader's processors normalize the fields
(:func:`newscrawl.loaders.load_article`), and only in-scope links are kept to follow. :mod:`newscrawl.pagepool` runs :func:`analyze_response` in worker processes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from newscrawl.extract import Page, analyze_page
from newscrawl.extract.clientside import clientside_signs
from newscrawl.extract.parse import decode_html, decode_page, parse_html
from newscrawl.frontier.sites import Site, SiteIndex
from newscrawl.loaders import load_article
from newscrawl.urls import clean_url, looks_like_article_url

#: Links to files that are never pages: not requested.
SKIPPED_EXTENSIONS = frozenset(
    [
        "7z",
        "7zip",
        "apk",
        "arj",
        "bin",
        "bz2",
        "deb",
        "dmg",
        "exe",
        "gz",
        "iso",
        "jar",
        "lz",
        "msi",
        "pkg",
        "rar",
        "rpm",
        "sit",
        "tar",
        "tgz",
        "xz",
        "z",
        "zip",
        "mng",
        "pct",
        "bmp",
        "gif",
        "jpg",
        "jpeg",
        "png",
        "pst",
        "psp",
        "tif",
        "tiff",
        "ai",
        "drw",
        "dxf",
        "eps",
        "ps",
        "svg",
        "cdr",
        "ico",
        "webp",
        "avif",
        "heic",
        "mp3",
        "wma",
        "ogg",
        "wav",
        "ra",
        "aac",
        "mid",
        "au",
        "aiff",
        "m4a",
        "flac",
        "opus",
        "3gp",
        "asf",
        "asx",
        "avi",
        "mov",
        "mp4",
        "mpg",
        "qt",
        "rm",
        "swf",
        "wmv",
        "m4v",
        "m4b",
        "webm",
        "flv",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "pps",
        "doc",
        "docx",
        "odt",
        "ods",
        "odg",
        "odp",
        "pdf",
        "csv",
        "json",
        "xml",
        "rss",
        "atom",
        "txt",
        "ics",
        "css",
        "js",
        "woff",
        "woff2",
        "ttf",
        "eot",
        "apk",
    ]
)


#: An article body shorter than this (characters) may be one that scripts insert.
MIN_BODY_CHARS = 200


@dataclass(frozen=True)
class Analysis:
    """What one page gave: its kind, the article (article pages) and what to follow."""

    url: str  # the page's canonical URL
    kind: str
    reason: str
    is_article: bool
    article: dict[str, Any] | None = None  # loaded fields of an article page
    links: list[tuple[str, str]] = field(default_factory=list)  # (URL, site key) to follow
    feeds: list[str] = field(default_factory=list)  # in-scope RSS/Atom links (listings)
    offsite: int = 0  # links dropped because they lead to other sites
    error: str | None = None  # why the page could not be analysed
    #: signs of a client-side app (:mod:`newscrawl.extract.clientside`) on a page that gave
    #: no article body, or no article link: scripts build it, it needs rendering
    clientside: tuple[str, ...] = ()


def _is_file(url: str) -> bool:
    ext = posixpath.splitext(urlsplit(url).path)[1]
    return ext[1:].lower() in SKIPPED_EXTENSIONS


def _in_scope(urls: Sequence[str], sites: SiteIndex) -> tuple[list[tuple[str, str]], int]:
    """Cleaned (URL, site key) pairs of the in-scope page links, and how many were off-site."""
    kept: dict[str, str] = {}
    offsite = 0
    for raw in urls:
        site = sites.site_for(raw)
        if site is None:
            offsite += 1
        elif not _is_file(raw):
            kept.setdefault(clean_url(raw), site.key)
    return list(kept.items()), offsite


def _lacking(article: dict[str, Any] | None, follow: list[tuple[str, str]]) -> bool:
    """No article body, or (not an article) no article-shaped link: maybe built by scripts."""
    if article is not None:
        return len(article.get("body") or "") < MIN_BODY_CHARS
    return not any(looks_like_article_url(url) for url, _key in follow)


def page_article(
    body: bytes,
    url: str,
    content_type: str | None,
    site: Site,
    now: datetime | None = None,
    follow: bool = True,
) -> tuple[Page, dict[str, Any] | None]:
    """A page's analysis and, for an article page, its normalized fields: what a crawl
    stores (``newscrawl import`` reads archived pages through it too, without ``follow``:
    it needs no links, related-story links included). Fields are looked for on article
    pages only: a crawl follows the links of the others, an import skips them."""
    html, source = decode_page(body, content_type)
    page = analyze_page(
        html,
        url,
        selectors=site.selectors,
        site_name=site.name,
        now=now,
        follow=follow,
        related=follow,
        source=source,
        articles_only=True,
    )
    return page, load_article(page) if page.kind.is_article else None


def analyze_response(
    body: bytes,
    url: str,
    content_type: str | None,
    site: Site,
    sites: SiteIndex,
    now: datetime | None = None,
) -> Analysis:
    """Analyse one HTML response: kind, article fields, links to follow, feeds."""
    page, article = page_article(body, url, content_type, site, now)
    feeds = page.feeds
    if article is not None:
        candidates = [*page.related_links, *(u for u in page.links if looks_like_article_url(u))]
        feeds = []
    else:
        candidates = page.links
    follow, offsite = _in_scope(candidates, sites)
    in_scope = [clean_url(f) for f in feeds if sites.site_for(f) is site]
    canonical = article["url"] if article else clean_url(page.url)
    # the analysis drops scripts from its tree: parse again, only for pages lacking content
    lacking = _lacking(article, follow)
    signs = clientside_signs(parse_html(decode_html(body, content_type))) if lacking else ()
    return Analysis(
        canonical, page.kind.kind, page.kind.reason, page.kind.is_article, article, follow,
        in_scope, offsite, clientside=signs,
    )  # fmt: skip
