"""Which discovered URL to request, and how: budget, crawl state and revisit policy together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.revisit import ARTICLE, SITEMAP, RevisitPolicy
from newscrawl.store.pages import PageLedger, PageState

#: Refusal reasons of :meth:`Frontier.decide` besides the budget's own.
NOT_DUE = "not_due"  # a known article not due for a revisit
UNCHANGED_SITEMAP = "unchanged_sitemap"  # a child sitemap whose lastmod is not newer
_CONDITIONAL_KINDS = frozenset({ARTICLE, SITEMAP, "feed"})


@dataclass(frozen=True)
class Plan:
    """A request to make: ``url`` (an alias's article URL when known) and its headers."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # the page kind the archive knows (None: never fetched)

    @property
    def conditional(self) -> bool:
        return bool(self.headers)


def conditional_headers(state: PageState) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the validators of the last fetch."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


class Frontier:
    """Decides each request of a run from its budget, the crawl state and the policy."""

    def __init__(
        self,
        budget: CrawlBudget,
        state: PageLedger | None,
        policy: RevisitPolicy,
        clock: Callable[[], datetime],
    ):
        self.budget = budget
        self.state = state
        self.policy = policy
        self.clock = clock
        #: Most feeds and sitemaps requested per site and run, and those requested so far.
        self.max_docs: dict[str, int] = {"feed": 10, "sitemap": 50}
        self.documents: Counter[tuple[str, str]] = Counter()

    def resumed(self, sites: list[str], max_errors: int) -> Iterator[tuple[str, str]]:
        """(URL, site) of known articles that may be due for a revisit, newest first, then
        of URLs earlier runs queued but never fetched (fewer than ``max_errors`` failures)."""
        if self.state is None:
            return
        horizon = None if self.policy.revisit_all else self.policy.horizon
        since = self.clock() - horizon if horizon is not None else None
        for page in self.state.articles(sites, since):
            yield page.url, page.site
        yield from self.state.frontier(sites, max_errors)

    def document_room(self, url: str, site: str, doc: str) -> bool:
        """False when ``site`` had its share of ``doc`` documents (feeds, sitemaps) and
        ``url`` is a new one."""
        limit = self.max_docs.get(doc)
        if limit is None or self.documents[(site, doc)] < limit:
            return True
        return url in self.budget.seen  # a duplicate: refused as such, not counted here

    def decide(
        self,
        url: str,
        site: str,
        *,
        hint: datetime | None = None,
        force: bool = False,
        parent: str | None = None,
        released: bool = False,
    ) -> Plan | str:
        """A :class:`Plan`, or why ``url`` is not requested ('duplicate', 'not_due', ...).

        ``hint``: a lastmod/updated date a sitemap or feed gave; ``force``: request even
        when known and not due (start URLs, configured feeds); ``parent``: the page the
        link was found on (None: a start point); ``released``: handed out again by the
        budget. Known articles skip the trap checks (they are no traps) but not the site
        budget.
        """
        if url in self.budget.seen:
            return "duplicate"
        known = self.state.lookup(url) if self.state is not None else None
        target = known.url if known is not None else url
        if target != url and target in self.budget.seen:
            self.budget.seen.add(url)
            return "duplicate"
        if known is not None and known.fetched is not None and not force:
            now = self.clock()
            if not self.policy.due(known.kind, now, known.fetched, known.born, known.changed, hint):
                self.budget.seen.update({url, target})
                return UNCHANGED_SITEMAP if known.kind == SITEMAP else NOT_DUE
        is_article = known is not None and known.kind == ARTICLE
        refused = self.budget.admit(
            target, site, trusted=is_article, parent=parent, released=released
        )
        if refused:
            return refused
        self.budget.seen.add(url)
        headers = {}
        if (
            known is not None
            and known.kind in _CONDITIONAL_KINDS
            and not self.policy.revisit_all
            and known.fetched is not None
        ):
            headers = conditional_headers(known)
        return Plan(target, headers, known.kind if known is not None else None)
