"""Per-site page budget and crawler-trap guard (pure: no Scrapy).

Three bounds keep a crawl finite whatever a site links to:

- the site budget: at most ``max_pages_per_site`` requests per site and run;
- URL shapes (digits folded, query values dropped): at most ``max_per_pattern`` URLs of
  one shape, plus :data:`ARTICLE_BONUS` for each article found at that shape or first
  linked from a page of it, so numbered article URLs (``/news/world-12345678``) and long
  pagination are never cut short;
- fruitless chains: a page that is not an article and whose shape has not led to an article
  is *fruitless* so far; URLs found on such pages, and those pages themselves, share one
  per-site allowance of ``max_fruitless`` requests, refunded as soon as their shape leads
  to an article. An endless calendar linking days, months and years under several URL
  shapes costs that allowance in total, not that much per shape.

A shape *leads to an article* when a page of it is an article or first linked to one.
URLs over a bound are held back and handed out again (:meth:`CrawlBudget.article_found`,
:meth:`CrawlBudget.releasable`) when the reason they were held goes away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

_DIGITS = re.compile(r"\d+")
#: Each article found at a URL shape lets that many more URLs of the shape be requested.
ARTICLE_BONUS = 2
#: URLs held back per shape or per fruitless page shape.
MAX_HELD = 2000


@lru_cache(maxsize=65536)
def url_pattern(url: str) -> str:
    """A URL's shape: digits folded, query values dropped ('/cal?m=2025-03' -> '/cal?m')."""
    parts = urlsplit(url)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    path = _DIGITS.sub("N", parts.path)
    return f"{parts.hostname}{path}?{'&'.join(keys)}"


def _repeats_segments(path: str) -> bool:
    segments = [s for s in path.split("/") if s]
    counts = Counter(segments)
    return bool(counts) and counts.most_common(1)[0][1] >= 3


@dataclass(frozen=True)
class Held:
    """A URL held back: its site and the page it was found on (None: a start point)."""

    url: str
    site: str
    parent: str | None


@dataclass
class FruitlessCost:
    """Requests charged to fruitless chains, per site; a charge is refunded when one of
    the shapes it was charged under (the URL's own, the page it was found on) leads to an
    article."""

    by_site: dict[str, set[str]] = field(default_factory=dict)
    by_shape: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def charge(self, site: str, url: str, shapes: tuple[str, ...]) -> None:
        self.by_site.setdefault(site, set()).add(url)
        for shape in shapes:
            self.by_shape.setdefault(shape, []).append((site, url))

    def refund(self, shape: str) -> None:
        for site, url in self.by_shape.pop(shape, []):
            self.by_site[site].discard(url)

    def cost(self, site: str) -> int:
        return len(self.by_site.get(site, ()))

    def charged(self, site: str, url: str) -> bool:
        return url in self.by_site.get(site, ())


@dataclass
class CrawlBudget:
    """Decides whether one more URL of a site may be requested (see the module docstring)."""

    max_pages_per_site: int = 2000
    max_per_pattern: int = 50
    max_fruitless: int = 50
    max_url_length: int = 400
    site_limits: dict[str, int] = field(default_factory=dict)
    pages: Counter[str] = field(default_factory=Counter)
    patterns: Counter[str] = field(default_factory=Counter)
    seen: set[str] = field(default_factory=set)
    articles: Counter[str] = field(default_factory=Counter)  # articles found per shape
    held: dict[str, dict[str, Held]] = field(default_factory=dict)  # shape -> held URLs
    productive: set[str] = field(default_factory=set)  # shapes that led to an article
    roots: set[str] = field(default_factory=set)  # start points: their links are trusted
    found_on: dict[str, str] = field(default_factory=dict)  # URL -> first page linking it
    fruitless: FruitlessCost = field(default_factory=FruitlessCost)
    waiting: dict[str, dict[str, Held]] = field(default_factory=dict)  # parent shape -> held

    def admit(
        self,
        url: str,
        site: str,
        *,
        trusted: bool = False,
        parent: str | None = None,
        released: bool = False,
    ) -> str | None:
        """Record and allow ``url`` found on page ``parent`` (None: a start URL, feed,
        sitemap or known page), or return why it is refused.

        ``trusted`` URLs (known articles due for a revisit) are no trap candidates: only
        the duplicate check and the site budget apply. ``released`` URLs (handed out by
        :meth:`releasable`) skip the fruitless-chain check that held them.
        """
        if url in self.seen:
            return "duplicate"
        refused = None if trusted else _shape_check(url, self.max_url_length)
        if refused:
            return refused
        if self.pages[site] >= self.site_limits.get(site, self.max_pages_per_site):
            return "site_budget_exhausted"
        pattern = url_pattern(url)
        if not trusted:
            refused = self._hold(Held(url, site, parent), pattern, released)
            if refused:
                return refused
        self.seen.add(url)
        self.pages[site] += 1
        self.patterns[pattern] += 1
        if parent is None:
            self.roots.add(url)
            return None
        self.found_on.setdefault(url, parent)
        if not trusted and self._fruitless_link(parent, pattern):
            self.fruitless.charge(site, url, (pattern, url_pattern(parent)))
        return None

    def _fruitless_link(self, parent: str, pattern: str) -> bool:
        return not self.proven(parent) and pattern not in self.productive

    def _hold(self, entry: Held, pattern: str, released: bool) -> str | None:
        """Hold ``entry`` back when its shape or its site's fruitless allowance is used up."""
        if self.patterns[pattern] >= self.allowance(pattern):
            _put(self.held.setdefault(pattern, {}), entry)
            return "url_pattern_budget_exhausted"
        parent = entry.parent
        if parent is None or released or not self._fruitless_link(parent, pattern):
            return None
        if self.fruitless.cost(entry.site) >= self.max_fruitless:
            _put(self.waiting.setdefault(url_pattern(parent), {}), entry)
            return "fruitless_budget_exhausted"
        return None

    def proven(self, page: str) -> bool:
        """True when links found on ``page`` are trusted: a start point, or a page whose
        shape led to an article."""
        return page in self.roots or url_pattern(page) in self.productive

    def allowance(self, pattern: str) -> int:
        """How many URLs of ``pattern`` may be requested this run, given what they gave."""
        return self.max_per_pattern + ARTICLE_BONUS * self.articles[pattern]

    def no_article(self, url: str, site: str) -> None:
        """A page that is not an article was parsed: a fruitless one costs the allowance
        (unless it was charged when it was found)."""
        pattern = url_pattern(url)
        if self.proven(url) or self.fruitless.charged(site, url):
            return
        self.fruitless.charge(site, url, (pattern,))

    def article_found(self, url: str) -> Iterator[Held]:
        """An article at ``url``: its shape and the shape of the page that first linked to
        it (pagination, a section) lead to articles, and each may request
        :data:`ARTICLE_BONUS` more URLs. Hands out URLs those shapes held back."""
        parent = self.found_on.get(url)
        shapes = dict.fromkeys((url_pattern(url), url_pattern(parent) if parent else None))
        for shape in filter(None, shapes):
            self.articles[shape] += 1
            if shape not in self.productive:
                self.productive.add(shape)
                self.fruitless.refund(shape)
                yield from self.waiting.pop(shape, {}).values()
            yield from self._release(shape)

    def releasable(self) -> Iterator[Held]:
        """Held URLs to request when the queue runs dry: those of shapes that gave articles
        and still have room, then those found one step from a trusted page (so that a site
        whose articles sit below many section pages does not stall, while a chain of
        fruitless pages is never followed further)."""
        for pattern in [p for p in self.held if self.articles[p]]:
            yield from self._release(pattern)
        for held in self.waiting.values():
            for key, entry in list(held.items()):
                grandparent = self.found_on.get(entry.parent or "")
                if grandparent is not None and self.proven(grandparent):
                    del held[key]
                    yield entry

    def _release(self, pattern: str) -> Iterator[Held]:
        held = self.held.get(pattern)
        while held and self.patterns[pattern] < self.allowance(pattern):
            yield held.pop(next(iter(held)))


def _shape_check(url: str, max_length: int) -> str | None:
    if len(url) > max_length:
        return "url_too_long"
    if _repeats_segments(urlsplit(url).path):
        return "repeated_path_segments"
    return None


def _put(held: dict[str, Held], entry: Held) -> None:
    if len(held) < MAX_HELD:
        held.setdefault(entry.url, entry)
