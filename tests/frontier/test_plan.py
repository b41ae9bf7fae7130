"""The frontier: which URL to request, how, and why not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.frontier.budget import CrawlBudget
from newscrawl.frontier.budgetstate import PAGES
from newscrawl.frontier.plan import NOT_DUE, Frontier, Plan
from newscrawl.frontier.revisit import RevisitPolicy
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, Fetched

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
SITE = "127.0.0.2"
ARTICLE = "http://127.0.0.2:8080/2025/03/18/ferry/"
ALIAS = "http://127.0.0.2:8080/?p=12"


@pytest.fixture
def state(tmp_path):
    archive = Archive.open(tmp_path / "news.db")
    state = CrawlState(archive)
    page = Fetched("article", 200, etag='"v1"', last_modified="Tue, 18 Mar 2025 11:00:00 GMT",
                   canonical=ARTICLE, published="2025-03-18T10:00:00+00:00")  # fmt: skip
    state.fetched([ALIAS, ARTICLE], SITE, page, NOW - timedelta(minutes=5))
    yield state
    archive.close()


def frontier(state, **policy) -> Frontier:
    budget = CrawlBudget(max_per_pattern=1)
    return Frontier(budget, state, RevisitPolicy(**policy), lambda: NOW)


def test_unknown_urls_are_requested_plainly(state) -> None:
    plan = frontier(state).decide("http://127.0.0.2:8080/2025/03/18/new/", SITE)
    assert plan == Plan("http://127.0.0.2:8080/2025/03/18/new/", {}, None)


def test_known_articles_not_due_are_skipped_even_through_an_alias(state) -> None:
    f = frontier(state)
    assert f.decide(ALIAS, SITE) == NOT_DUE
    assert f.decide(ARTICLE, SITE) == "duplicate"  # counted once per run


def test_due_articles_are_requested_at_their_own_url_conditionally(state) -> None:
    f = frontier(state)
    plan = f.decide(ALIAS, SITE, hint=NOW)  # a sitemap says it changed
    assert isinstance(plan, Plan) and plan.url == ARTICLE and plan.kind == "article"
    assert plan.headers == {
        "If-None-Match": '"v1"',
        "If-Modified-Since": "Tue, 18 Mar 2025 11:00:00 GMT",
    }
    assert f.decide(ARTICLE, SITE) == "duplicate"


def test_revisit_all_is_unconditional_and_force_skips_the_policy(state) -> None:
    plan = frontier(state, revisit_all=True).decide(ARTICLE, SITE)
    assert isinstance(plan, Plan) and plan.headers == {}
    forced = frontier(state).decide(ARTICLE, SITE, force=True)
    assert isinstance(forced, Plan) and forced.conditional


def test_known_articles_skip_the_trap_checks_but_not_the_site_budget(state) -> None:
    f = frontier(state, revisit_all=True)
    assert isinstance(f.decide("http://127.0.0.2:8080/2025/03/18/1/", SITE), Plan)
    assert f.decide("http://127.0.0.2:8080/2025/03/18/2/", SITE) == "url_pattern_budget_exhausted"
    assert isinstance(f.decide(ARTICLE, SITE), Plan)  # known article: trusted
    f.budget.max_pages_per_site = f.budget.state.count(PAGES, SITE)
    assert f.decide("http://127.0.0.2:8080/other/", SITE) == "site_budget_exhausted"
