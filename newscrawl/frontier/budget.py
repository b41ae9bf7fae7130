"""Per-site page budget and crawler-trap guard (pure: no Scrapy)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

_DIGITS = re.compile(r"\d+")
#: Each article found at a URL shape lets that many more URLs of the shape be requested:
#: a shape that keeps giving articles (/news/world-12345678) is no trap, while one of
#: listings (an endless calendar) or of rare articles stays near its budget.
ARTICLE_BONUS = 2
#: URLs held back per shape, to be requested if the shape proves productive.
MAX_HELD = 2000


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
    """Decides whether one more URL of a site may be requested.

    Bounds: pages per site, URLs per shape (endless calendars, faceted search,
    ever-growing pagination), URL length and path segments repeated in a loop. URLs over
    their shape's budget are held back; :meth:`article_found` releases them as the shape
    proves to be one of articles.
    """

    max_pages_per_site: int = 2000
    max_per_pattern: int = 50
    max_url_length: int = 400
    site_limits: dict[str, int] = field(default_factory=dict)
    pages: Counter[str] = field(default_factory=Counter)
    patterns: Counter[str] = field(default_factory=Counter)
    seen: set[str] = field(default_factory=set)
    articles: Counter[str] = field(default_factory=Counter)  # articles found per shape
    held: dict[str, dict[str, None]] = field(default_factory=dict)  # shape -> URLs held back

    def admit(self, url: str, site: str, trusted: bool = False) -> str | None:
        """Record and allow ``url`` (returns None), or return why it is refused.

        ``trusted`` URLs (known articles due for a revisit) are not trap candidates: only
        the duplicate check and the site budget apply.
        """
        if url in self.seen:
            return "duplicate"
        if not trusted and len(url) > self.max_url_length:
            return "url_too_long"
        if not trusted and _repeats_segments(urlsplit(url).path):
            return "repeated_path_segments"
        if self.pages[site] >= self.site_limits.get(site, self.max_pages_per_site):
            return "site_budget_exhausted"
        pattern = url_pattern(url)
        if not trusted and self.patterns[pattern] >= self.allowance(pattern):
            held = self.held.setdefault(pattern, {})
            if len(held) < MAX_HELD:
                held[url] = None
            return "url_pattern_budget_exhausted"
        self.seen.add(url)
        self.pages[site] += 1
        self.patterns[pattern] += 1
        return None

    def allowance(self, pattern: str) -> int:
        """How many URLs of ``pattern`` may be requested this run, given what they gave."""
        return self.max_per_pattern + ARTICLE_BONUS * self.articles[pattern]

    def article_found(self, url: str) -> Iterator[str]:
        """Count an article at ``url``'s shape and hand out the URLs it held back, while the
        shape's allowance has room: request each before taking the next (admitting one uses
        room; a duplicate or a known article not due does not)."""
        pattern = url_pattern(url)
        self.articles[pattern] += 1
        return self._release(pattern)

    def releasable(self) -> Iterator[str]:
        """Held URLs of shapes that gave articles and still have room (for when the queue
        runs dry before another article of the shape comes to release them)."""
        for pattern in [p for p in self.held if self.articles[p]]:
            yield from self._release(pattern)

    def _release(self, pattern: str) -> Iterator[str]:
        held = self.held.get(pattern)
        while held and self.patterns[pattern] < self.allowance(pattern):
            released = next(iter(held))
            del held[released]
            yield released
