"""Trap families: the URL shapes a run found to be traps, kept out of later runs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.frontier.budget import CrawlBudget, url_pattern
from newscrawl.frontier.plan import TRAP_SHAPE, Frontier, Plan
from newscrawl.frontier.revisit import RevisitPolicy
from newscrawl.frontier.traps import trap_families
from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, Fetched

NOW = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
SITE = "127.0.0.2"
BASE = "http://127.0.0.2:8080"


@pytest.fixture
def state(tmp_path):
    archive = Archive.open(tmp_path / "news.db")
    yield CrawlState(archive)
    archive.close()


def trapped_budget() -> CrawlBudget:
    budget = CrawlBudget(max_fruitless=3)
    budget.admit(f"{BASE}/", SITE)
    budget.admit(f"{BASE}/events/calendar/", SITE, parent=f"{BASE}/")
    parent = f"{BASE}/events/calendar/"
    for n in range(1, 8):
        url = f"{BASE}/events/calendar/2025/{n:02d}/"
        budget.admit(url, SITE, parent=parent)
        budget.no_article(url, SITE)
        parent = url
    return budget


def test_a_trap_family_keeps_its_head() -> None:
    budget = trapped_budget()
    (family,) = trap_families(budget.state)
    assert family.site == SITE
    assert url_pattern(f"{BASE}/events/calendar/2025/01/") in family.shapes
    assert family.heads == (f"{BASE}/events/calendar/",)  # where the family was entered
    assert family.pages == tuple(f"{BASE}/events/calendar/2025/{n:02d}/" for n in (1, 2, 3))
    list(budget.article_found(f"{BASE}/events/calendar/2025/01/"))  # it led to an article
    assert trap_families(budget.state) == []


def test_trap_shapes_are_not_entered_again(state: CrawlState) -> None:
    budget = trapped_budget()
    (family,) = trap_families(budget.state)
    state.fetched(family.pages, SITE, Fetched("listing", 200, role="listing"), NOW)
    state.trap(SITE, family.shapes, family.heads[0], family.pages, NOW)
    roles = {p.role for p in state.known([SITE], ["listing"])}
    assert roles == {"trap"}
    f = Frontier(CrawlBudget(), state, RevisitPolicy(), lambda: NOW)
    assert f.decide(f"{BASE}/events/calendar/2031/01/", SITE, parent=BASE + "/") == TRAP_SHAPE
    assert isinstance(f.decide(f"{BASE}/2025/03/18/new/", SITE), Plan)
    state.forget_traps(family.shapes)
    assert state.trap_shapes() == set()
