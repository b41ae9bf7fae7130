"""A run's :class:`~newscrawl.frontier.plan.Frontier` from the ``NEWSCRAWL_*`` settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.budgetstate import BudgetState, LocalBudgetState
from newscrawl.frontier.listings import ListingPolicy
from newscrawl.frontier.plan import Frontier
from newscrawl.frontier.revisit import RevisitPolicy, ScheduleError, parse_duration, parse_schedule
from newscrawl.frontier.sites import Site
from newscrawl.store.pages import PageLedger


class Settings(Protocol):
    """The part of Scrapy's settings API the frontier reads."""

    def get(self, name: str, default: Any = None) -> Any: ...
    def getint(self, name: str, default: int = 0) -> int: ...
    def getbool(self, name: str, default: bool = False) -> bool: ...


def listing_policy(settings: Settings) -> ListingPolicy:
    """The listing revisit policy (ScheduleError on an unreadable duration)."""
    first = parse_duration(str(settings.get("NEWSCRAWL_LISTING_FIRST_RECHECK")))
    longest = parse_duration(str(settings.get("NEWSCRAWL_LISTING_MAX_INTERVAL")))
    if longest < first:
        raise ScheduleError("NEWSCRAWL_LISTING_MAX_INTERVAL is shorter than the first recheck")
    return ListingPolicy(first, longest, settings.getbool("NEWSCRAWL_REVISIT_ALL"))


def build_frontier(
    settings: Settings,
    sites: Sequence[Site],
    state: PageLedger | None,
    clock: Callable[[], datetime],
    budget_state: BudgetState | None = None,
) -> Frontier:
    """Budget, revisit policies and document limits of a run (ScheduleError on a bad
    schedule or duration); ``budget_state``: where the budget keeps state (in memory when
    None)."""
    schedule = parse_schedule(settings.get("NEWSCRAWL_REVISIT_SCHEDULE"))
    budget = CrawlBudget(
        max_pages_per_site=settings.getint("NEWSCRAWL_MAX_PAGES_PER_SITE"),
        max_per_pattern=settings.getint("NEWSCRAWL_MAX_PAGES_PER_PATTERN"),
        max_fruitless=settings.getint("NEWSCRAWL_MAX_FRUITLESS_PAGES"),
        max_url_length=settings.getint("NEWSCRAWL_MAX_URL_LENGTH"),
        site_limits={s.key: s.max_pages for s in sites if s.max_pages},
        state=budget_state if budget_state is not None else LocalBudgetState(),
    )
    policy = RevisitPolicy(schedule, settings.getbool("NEWSCRAWL_REVISIT_ALL"))
    frontier = Frontier(budget, state, policy, clock, listing_policy(settings))
    frontier.max_docs.update(
        feed=settings.getint("NEWSCRAWL_MAX_FEEDS_PER_SITE"),
        sitemap=settings.getint("NEWSCRAWL_MAX_SITEMAPS_PER_SITE"),
    )
    frontier.max_errors = settings.getint("NEWSCRAWL_MAX_FETCH_ERRORS")
    return frontier
