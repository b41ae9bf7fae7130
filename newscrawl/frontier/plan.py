"""Which discovered URL to request, and how: budget, crawl state and revisit policy together."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from newscrawl.frontier.budget import CrawlBudget, url_pattern
from newscrawl.frontier.listings import (
    LISTING_KINDS,
    PAGE,
    ListingPolicy,
    ListingRead,
    article_links,
    fingerprint,
    role_of,
)
from newscrawl.frontier.revisit import ARTICLE, SITEMAP, RevisitPolicy
from newscrawl.store.pages import PageLedger, PageState

#: Refusal reasons of :meth:`Frontier.decide` besides the budget's own.
NOT_DUE = "not_due"  # a known article not due for a revisit
UNCHANGED_SITEMAP = "unchanged_sitemap"  # a child sitemap whose lastmod is not newer
LISTING_NOT_DUE = "listing_not_due"  # a known listing not due (counted when the run began)
TRAP_SHAPE = "trap_shape"  # a new URL of a shape an earlier run found to be a trap
_CONDITIONAL_KINDS = frozenset({ARTICLE, SITEMAP, "feed", *LISTING_KINDS})


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
        listings: ListingPolicy | None = None,
    ):
        self.budget = budget
        self.state = state
        self.policy = policy
        self.clock = clock
        self.listings = listings or ListingPolicy(revisit_all=policy.revisit_all)
        #: Most feeds and sitemaps requested per site and run, and those requested so far.
        self.max_docs: dict[str, int] = {"feed": 10, "sitemap": 50}
        self.documents: Counter[tuple[str, str]] = Counter()
        #: A URL queued but never fetched is given up after this many failed requests.
        self.max_errors = 3
        self.unfetched: set[str] = set()  # URLs never fetched before this run
        self.refetched: set[str] = set()  # URLs requested again (fetched by earlier runs)
        self.fresh: set[str] = set()  # pages that showed new article links in this run
        self.roles: dict[str, str] = {}  # recorded roles of the listings requested again
        self.deferred: set[str] = set()  # known pagination not due unless its parent is fresh
        self.not_due: dict[str, set[str]] = {}  # site -> known listings not requested
        self.traps = state.trap_shapes() if state is not None else set()

    def resumed(self, sites: list[str]) -> Iterator[tuple[str, str]]:
        """(URL, site) of known articles that may be due for a revisit, newest first, then
        of URLs earlier runs queued but never fetched (fewer than ``max_errors`` failures)."""
        if self.state is None:
            return
        horizon = None if self.policy.revisit_all else self.policy.horizon
        since = self.clock() - horizon if horizon is not None else None
        for page in self.state.articles(sites, since):
            yield page.url, page.site
        yield from self.state.frontier(sites, self.max_errors)

    def known_listings(self, sites: list[str]) -> Iterator[PageState]:
        """The known non-article pages of ``sites`` due in this run. Those not due are not
        requested (pagination: unless the page linking it shows new links) and are listed
        in :attr:`not_due`."""
        if self.state is None:
            return
        now = self.clock()
        for page in self.state.known(sites, LISTING_KINDS):
            if page.url in self.budget.seen:
                continue  # a start page: requested already
            if self.listings.due(page.role, now, page.fetched or now, page.born, page.yielded):
                yield page
                continue
            self.not_due.setdefault(page.site, set()).add(page.url)
            if page.role == PAGE:
                self.deferred.add(page.url)
            else:
                self.budget.seen.add(page.url)

    def known_feeds(self, sites: list[str]) -> list[PageState]:
        """Feeds earlier runs read (found on pages that may answer 304 in this run)."""
        return self.state.known(sites, ["feed"]) if self.state is not None else []

    def read(self, url: str, kind: str, links: list[str]) -> ListingRead:
        """What reading the non-article page ``url`` showed: its role, the fingerprint of its
        article links, whether it yielded; a page with new links makes its pagination due
        (so read it before following its links)."""
        found = article_links(links)
        new = [link for link in found if self._new(link)]
        if new:
            self.fresh.add(url)
        role = self.roles.get(url) or role_of(url, kind, self.budget.linked_from_root(url))
        return ListingRead(role, fingerprint(found), bool(new) and url in self.refetched)

    def _new(self, url: str) -> bool:
        """Whether ``url`` was never fetched before this run."""
        if url in self.unfetched:
            return True
        if url in self.budget.seen or self.state is None:
            return url not in self.budget.seen
        known = self.state.lookup(url)
        return known is None or known.fetched is None

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
        if known is None or known.fetched is None:
            if not force and url_pattern(url) in self.traps:
                self.budget.seen.add(url)
                return TRAP_SHAPE
            self.unfetched.add(url)
        elif url in self.deferred:
            if parent not in self.fresh and not force:
                return LISTING_NOT_DUE
            self.deferred.discard(url)
            self.not_due.get(site, set()).discard(url)
            force = True
        target = known.url if known is not None else url
        if target != url and target in self.budget.seen:
            self.budget.seen.add(url)
            return "duplicate"
        if known is not None and known.fetched is not None and not force:
            refusal = self._not_due(known, hint)
            if refusal:
                self.budget.seen.update({url, target})
                return refusal
        is_article = known is not None and known.kind == ARTICLE
        refused = self.budget.admit(
            target, site, trusted=is_article, parent=parent, released=released
        )
        if refused:
            return refused
        self.budget.seen.add(url)
        return self._plan(target, known)

    def _plan(self, target: str, known: PageState | None) -> Plan:
        """The request for an admitted URL: conditional when an earlier fetch gave validators."""
        if known is None or known.fetched is None:
            return Plan(target, {}, known.kind if known is not None else None)
        self.refetched.add(target)
        if known.role:
            self.roles[target] = known.role
        conditional = known.kind in _CONDITIONAL_KINDS and not self.policy.revisit_all
        return Plan(target, conditional_headers(known) if conditional else {}, known.kind)

    def _not_due(self, known: PageState, hint: datetime | None) -> str | None:
        """Why the known page is not requested now (None: it is due)."""
        now = self.clock()
        fetched = known.fetched or now
        if known.kind in LISTING_KINDS:
            due = self.listings.due(known.role, now, fetched, known.born, known.yielded)
            return None if due else LISTING_NOT_DUE
        if self.policy.due(known.kind, now, fetched, known.born, known.changed, hint):
            return None
        return UNCHANGED_SITEMAP if known.kind == SITEMAP else NOT_DUE
