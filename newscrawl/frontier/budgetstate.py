"""Where a crawl budget keeps what it counted and held back (pure: no Scrapy, no Redis).

:class:`~newscrawl.frontier.budget.CrawlBudget` decides; a :class:`BudgetState` remembers.
A one-process crawl keeps it in memory (:class:`LocalBudgetState`); the workers of a
distributed crawl share one in Redis (``newscrawl.distributed.budget``), so a run's
budgets hold for all workers together and the URLs one worker held back are not lost
with it. Each method is one step that is atomic in a shared state: a held URL is *taken*
by one caller only, and given back (:meth:`BudgetState.settle` not called in time) when
that caller died before requesting it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

#: Counters: requests per site, URLs requested per shape, articles found per shape.
PAGES, PATTERNS, ARTICLES = "pages", "patterns", "articles"
#: Sets: start points (their links are trusted), shapes that led to an article.
ROOTS, PRODUCTIVE = "roots", "productive"
#: Held URLs: over their shape's allowance (by shape), or found on a fruitless page
#: while the site's fruitless allowance was used up (by the shape of that page).
HELD, WAITING = "held", "waiting"
#: URLs held back per shape or per fruitless page shape.
MAX_HELD = 2000
#: Request meta key carrying a taken URL's token to the shared queue, which settles it.
HELD_META = "newscrawl_held"


@dataclass(frozen=True)
class Held:
    """A URL held back: its site and the page it was found on (None: a start point).
    ``token``: set when a shared state handed it out, until it is settled."""

    url: str
    site: str
    parent: str | None
    token: str | None = field(default=None, compare=False)


class BudgetState(Protocol):
    """The state of a run's :class:`~newscrawl.frontier.budget.CrawlBudget`."""

    def count(self, counter: str, key: str) -> int: ...
    def add(self, counter: str, key: str, n: int = 1) -> None: ...
    def claim(self, url: str) -> bool:
        """Count ``url`` as requested; False when it was counted already (elsewhere)."""

    def counted(self, url: str) -> bool:
        """True when ``url`` was counted as requested (by another worker of the run)."""

    def mark(self, name: str, member: str) -> bool:
        """Add to a set; True when ``member`` is new there."""

    def marked(self, name: str, member: str) -> bool: ...
    def members(self, name: str) -> set[str]: ...
    def link(self, url: str, parent: str) -> None:
        """``url`` was found on ``parent`` (the first page linking it is kept)."""

    def parent(self, url: str) -> str | None: ...
    def links(self) -> Iterator[tuple[str, str]]: ...
    def charge(self, site: str, url: str, shapes: Iterable[str]) -> None:
        """Charge ``url`` to ``site``'s fruitless allowance, refundable under ``shapes``."""

    def refund(self, shape: str) -> None: ...
    def cost(self, site: str) -> int: ...
    def charged(self, site: str, url: str) -> bool: ...
    def hold(self, kind: str, bucket: str, entry: Held) -> None:
        """Hold ``entry`` in a bucket (a URL once per bucket, at most :data:`MAX_HELD`)."""

    def buckets(self, kind: str) -> list[str]: ...
    def entries(self, kind: str, bucket: str) -> list[Held]: ...
    def take(self, kind: str, bucket: str, url: str | None = None) -> Held | None:
        """Take the first held URL of a bucket (or ``url``); None when there is none."""

    def settle(self, entry: Held) -> None:
        """A taken URL was requested or refused for good: it is no longer held."""


@dataclass
class LocalBudgetState:
    """A one-process crawl's budget state, in memory."""

    counters: dict[str, Counter[str]] = field(default_factory=dict)
    sets: dict[str, set[str]] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)
    found_on: dict[str, str] = field(default_factory=dict)
    fruitless_by_site: dict[str, set[str]] = field(default_factory=dict)
    fruitless_by_shape: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    held: dict[str, dict[str, dict[str, Held]]] = field(default_factory=dict)

    def count(self, counter: str, key: str) -> int:
        return self.counters.get(counter, Counter())[key]

    def add(self, counter: str, key: str, n: int = 1) -> None:
        self.counters.setdefault(counter, Counter())[key] += n

    def claim(self, url: str) -> bool:
        if url in self.claimed:
            return False
        self.claimed.add(url)
        return True

    def counted(self, url: str) -> bool:
        return url in self.claimed

    def mark(self, name: str, member: str) -> bool:
        members = self.sets.setdefault(name, set())
        if member in members:
            return False
        members.add(member)
        return True

    def marked(self, name: str, member: str) -> bool:
        return member in self.sets.get(name, ())

    def members(self, name: str) -> set[str]:
        return set(self.sets.get(name, ()))

    def link(self, url: str, parent: str) -> None:
        self.found_on.setdefault(url, parent)

    def parent(self, url: str) -> str | None:
        return self.found_on.get(url)

    def links(self) -> Iterator[tuple[str, str]]:
        yield from self.found_on.items()

    def charge(self, site: str, url: str, shapes: Iterable[str]) -> None:
        self.fruitless_by_site.setdefault(site, set()).add(url)
        for shape in shapes:
            self.fruitless_by_shape.setdefault(shape, []).append((site, url))

    def refund(self, shape: str) -> None:
        for site, url in self.fruitless_by_shape.pop(shape, []):
            self.fruitless_by_site[site].discard(url)

    def cost(self, site: str) -> int:
        return len(self.fruitless_by_site.get(site, ()))

    def charged(self, site: str, url: str) -> bool:
        return url in self.fruitless_by_site.get(site, ())

    def hold(self, kind: str, bucket: str, entry: Held) -> None:
        held = self.held.setdefault(kind, {}).setdefault(bucket, {})
        if len(held) < MAX_HELD:
            held.setdefault(entry.url, entry)

    def buckets(self, kind: str) -> list[str]:
        return [b for b, held in self.held.get(kind, {}).items() if held]

    def entries(self, kind: str, bucket: str) -> list[Held]:
        return list(self.held.get(kind, {}).get(bucket, {}).values())

    def take(self, kind: str, bucket: str, url: str | None = None) -> Held | None:
        held = self.held.get(kind, {}).get(bucket)
        if not held:
            return None
        key = next(iter(held)) if url is None else url
        return held.pop(key, None)

    def settle(self, entry: Held) -> None:
        """Nothing to do: a URL taken in this process is requested by it or refused."""
