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

The budget decides; what it counted and held back lives in a
:class:`~newscrawl.frontier.budgetstate.BudgetState`: in memory for one process, shared
in Redis by the workers of a distributed crawl (so their budgets hold for the whole run,
and a killed worker's held URLs are handed out to the others). Whether a URL was already
seen stays per process (:attr:`CrawlBudget.seen`); a URL another worker counted is
requested anyway, uncounted, and the shared queue drops it if it is queued already.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from newscrawl.frontier.budgetstate import (
    ARTICLES,
    HELD,
    PAGES,
    PATTERNS,
    PRODUCTIVE,
    ROOTS,
    WAITING,
    BudgetState,
    Held,
    LocalBudgetState,
)

__all__ = ["ARTICLE_BONUS", "CrawlBudget", "Held", "url_pattern"]

_DIGITS = re.compile(r"\d+")
#: Each article found at a URL shape lets that many more URLs of the shape be requested.
ARTICLE_BONUS = 2


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


@dataclass
class CrawlBudget:
    """Decides whether one more URL of a site may be requested (see the module docstring)."""

    max_pages_per_site: int = 2000
    max_per_pattern: int = 50
    max_fruitless: int = 50
    max_url_length: int = 400
    site_limits: dict[str, int] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # URLs this process dealt with
    state: BudgetState = field(default_factory=LocalBudgetState)

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
        if self.state.counted(url):  # by another worker of the run: its queue drops it
            self.seen.add(url)
            return None
        if self.state.count(PAGES, site) >= self.site_limits.get(site, self.max_pages_per_site):
            return "site_budget_exhausted"
        pattern = url_pattern(url)
        if not trusted:
            refused = self._hold(Held(url, site, parent), pattern, released)
            if refused:
                return refused
        self.seen.add(url)
        if not self.state.claim(url):
            return None  # counted by another worker of the run meanwhile
        self.state.add(PAGES, site)
        self.state.add(PATTERNS, pattern)
        if parent is None:
            self.state.mark(ROOTS, url)
            return None
        self.state.link(url, parent)
        if not trusted and self._fruitless_link(parent, pattern):
            self.state.charge(site, url, (pattern, url_pattern(parent)))
        return None

    def _fruitless_link(self, parent: str, pattern: str) -> bool:
        return not self.proven(parent) and not self.state.marked(PRODUCTIVE, pattern)

    def _hold(self, entry: Held, pattern: str, released: bool) -> str | None:
        """Hold ``entry`` back when its shape or its site's fruitless allowance is used up."""
        if self.state.count(PATTERNS, pattern) >= self.allowance(pattern):
            self.state.hold(HELD, pattern, entry)
            return "url_pattern_budget_exhausted"
        parent = entry.parent
        if parent is None or released or not self._fruitless_link(parent, pattern):
            return None
        if self.state.cost(entry.site) >= self.max_fruitless:
            self.state.hold(WAITING, url_pattern(parent), entry)
            return "fruitless_budget_exhausted"
        return None

    def proven(self, page: str) -> bool:
        """True when links found on ``page`` are trusted: a start point, or a page whose
        shape led to an article."""
        return self.state.marked(ROOTS, page) or self.state.marked(PRODUCTIVE, url_pattern(page))

    def linked_from_root(self, url: str) -> bool:
        """True when ``url`` was first found on a start point."""
        parent = self.state.parent(url)
        return parent is not None and self.state.marked(ROOTS, parent)

    def allowance(self, pattern: str) -> int:
        """How many URLs of ``pattern`` may be requested this run, given what they gave."""
        return self.max_per_pattern + ARTICLE_BONUS * self.state.count(ARTICLES, pattern)

    def no_article(self, url: str, site: str) -> None:
        """A page that is not an article was parsed: a fruitless one costs the allowance
        (unless it was charged when it was found)."""
        pattern = url_pattern(url)
        if self.proven(url) or self.state.charged(site, url):
            return
        self.state.charge(site, url, (pattern,))

    def article_found(self, url: str) -> Iterator[Held]:
        """An article at ``url``: its shape and the shape of the page that first linked to
        it (pagination, a section) lead to articles, and each may request
        :data:`ARTICLE_BONUS` more URLs. Hands out URLs those shapes held back."""
        parent = self.state.parent(url)
        shapes = dict.fromkeys((url_pattern(url), url_pattern(parent) if parent else None))
        for shape in filter(None, shapes):
            self.state.add(ARTICLES, shape)
            if self.state.mark(PRODUCTIVE, shape):
                self.state.refund(shape)
                while (entry := self.state.take(WAITING, shape)) is not None:
                    yield entry
            yield from self._release(shape)

    def releasable(self) -> Iterator[Held]:
        """Held URLs to request when the queue runs dry: those of shapes that gave articles
        and still have room, then those found one step from a trusted page (so that a site
        whose articles sit below many section pages does not stall, while a chain of
        fruitless pages is never followed further). URLs waiting on a shape that led to an
        article are handed out whatever their parent (a shared state gives back those a
        worker took when that shape proved, if it died before requesting them)."""
        for pattern in self.state.buckets(HELD):
            if self.state.count(ARTICLES, pattern):
                yield from self._release(pattern)
        for bucket in self.state.buckets(WAITING):
            if self.state.marked(PRODUCTIVE, bucket):  # handed back by a worker that died
                while (entry := self.state.take(WAITING, bucket)) is not None:
                    yield entry
                continue
            for entry in self.state.entries(WAITING, bucket):
                grandparent = self.state.parent(entry.parent or "")
                if grandparent is None or not self.proven(grandparent):
                    continue
                taken = self.state.take(WAITING, bucket, entry.url)
                if taken is not None:
                    yield taken

    def settle(self, entry: Held) -> None:
        """A URL handed out was requested, or refused again: it is no longer held."""
        self.state.settle(entry)

    def _release(self, pattern: str) -> Iterator[Held]:
        while self.state.count(PATTERNS, pattern) < self.allowance(pattern):
            entry = self.state.take(HELD, pattern)
            if entry is None:
                return
            yield entry


def _shape_check(url: str, max_length: int) -> str | None:
    if len(url) > max_length:
        return "url_too_long"
    if _repeats_segments(urlsplit(url).path):
        return "repeated_path_segments"
    return None
