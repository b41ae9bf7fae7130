"""When a known listing page is read again (pure: no Scrapy, no database).

Every non-article page a crawl fetched gets a *role* when it is first read:

- ``section``: a listing linked from a start page (``/news/``, ``/category/world/``, a home
  page that is not itself a start URL): read every run with a conditional request, so an
  article that appears on it is found by the next run;
- ``page``: pagination deeper than the first page (``/news/page/2/``, ``?page=3``): read
  when the page linking it showed new article links in this run, else by its yield;
- ``listing``: tag, author, calendar and other listings: read by their yield;
- ``static``: pages that are not listings (about, contact, search, video, ...): never read
  again once classified;
- ``trap``: a page inside a URL family that used up the trap budget without leading to an
  article: never read again (the family's head keeps its own role).

*By their yield*: a page that showed an article link never fetched before (compared with
what it listed when last read) is due again in the next run; one that did not waits
``max(first_recheck, time since its last yield)`` (since its first fetch when it never
yielded), capped at ``max_interval``: the wait roughly doubles with every fruitless read.
Start pages, feeds and sitemaps are not governed here: they are read every run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

from newscrawl.extract.pagetype import non_article_path
from newscrawl.frontier.revisit import DUE_FRACTION
from newscrawl.urls import looks_like_article_url

SECTION, PAGE, LISTING, STATIC, TRAP = "section", "page", "listing", "static", "trap"
#: Page kinds of non-article HTML pages (the pages this policy governs).
LISTING_KINDS = frozenset({"listing", "video", "other"})
#: First or last path segments of pages that are not listings: read once, never again.
NOT_LISTING_SEGMENTS = frozenset(
    {
        "about", "about-us", "contact", "contact-us", "impressum", "imprint", "privacy",
        "privacy-policy", "datenschutz", "terms", "terms-of-service", "terms-of-use", "search",
        "suche", "login", "signin", "register", "account", "subscribe", "subscription",
        "newsletter", "newsletters", "advertise", "careers", "jobs", "faq", "help", "cookies",
        "cookie-policy", "video", "videos", "tv", "live-tv",
    }
)  # fmt: skip
#: First path segments under which any page is a listing (``/tag/weather/``, ``/topic/tv/``).
LISTING_PREFIXES = frozenset(
    {"tag", "tags", "topic", "topics", "category", "categories", "section", "sections",
     "author", "authors"}
)  # fmt: skip
#: Markers of listings that still count as sections when linked from a start page.
SECTION_MARKERS = frozenset({"/", "category", "categories", "section", "sections"})
_SEARCH_PARAMS = frozenset({"q", "s", "query", "search"})
_PAGINATION = re.compile(r"/(?:page|p|seite)/(\d+)(?:/|$)", re.IGNORECASE)
_PAGE_PARAMS = frozenset({"page", "p", "pg", "paged", "seite"})


def page_number(url: str) -> int | None:
    """The page number of a paginated listing URL (None: not paginated)."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    match = _PAGINATION.search(parts.path)
    return int(match.group(1)) if match else None


def role_of(url: str, kind: str, from_start: bool) -> str:
    """The role of a non-article page of ``kind`` at ``url`` (``from_start``: first linked
    from a start page)."""
    parts = urlsplit(url)
    segments = [s.lower().rsplit(".", 1)[0] for s in parts.path.split("/") if s]
    ends = {segments[0], segments[-1]} if segments else set()
    if segments and segments[0] in LISTING_PREFIXES:
        ends = set()
    params = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if kind != "listing" or ends & NOT_LISTING_SEGMENTS or params & _SEARCH_PARAMS:
        return STATIC
    number = page_number(url)
    if number is not None and number > 1:
        return PAGE
    if from_start and (non_article_path(url) or "/") in SECTION_MARKERS:
        return SECTION
    return LISTING


def article_links(urls: Iterable[str]) -> list[str]:
    """The links of a listing that may be articles (article-shaped, not a listing path)."""
    return sorted({u for u in urls if looks_like_article_url(u) and not non_article_path(u)})


def fingerprint(links: Iterable[str]) -> str:
    """A short fingerprint of a set of article links (order and repeats ignored)."""
    text = "\n".join(sorted(set(links)))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ListingRead:
    """What reading one listing page showed: its role, the fingerprint of its article
    links and whether it listed an article link never fetched before while being known."""

    role: str
    links: str
    yielded: bool


@dataclass(frozen=True)
class ListingPolicy:
    """Decides whether a known non-article page is due (see the module docstring)."""

    first_recheck: timedelta = timedelta(hours=6)
    max_interval: timedelta = timedelta(days=7)
    revisit_all: bool = False

    def interval(self, fetched: datetime, since: datetime) -> timedelta:
        """The wait after a read at ``fetched`` that yielded nothing since ``since``."""
        return min(self.max_interval, max(self.first_recheck, fetched - since))

    def due(
        self,
        role: str | None,
        now: datetime,
        fetched: datetime,
        first: datetime | None = None,
        yielded: datetime | None = None,
    ) -> bool:
        """Whether a page of ``role`` last read at ``fetched`` (first read at ``first``,
        last yield at ``yielded``) is read again at ``now``."""
        if self.revisit_all or role in (None, SECTION):
            return True  # None: read before roles were recorded; read to classify
        if role in (STATIC, TRAP):
            return False
        if yielded is not None and yielded >= fetched:
            return True
        since = yielded or first or fetched
        return now - fetched >= self.interval(fetched, since) * DUE_FRACTION
