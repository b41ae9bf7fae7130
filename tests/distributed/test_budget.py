"""The crawl budget's state in Redis: the same policy as in one process, one budget for
all workers, and held URLs that outlive the worker that held or took them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newscrawl.distributed.budget import RedisBudgetState
from newscrawl.distributed.connection import JobKeys
from newscrawl.distributed.run import DONE, REQUESTED, RUNNING, Run
from newscrawl.frontier.budget import CrawlBudget, url_pattern
from newscrawl.frontier.budgetstate import HELD, PATTERNS, BudgetState, LocalBudgetState
from newscrawl.frontier.traps import trap_families

pytest.importorskip("redis")
KEYS = JobKeys("t")
CALENDAR = [f"http://a/cal/?month={2000 + i // 12}-{i % 12 + 1:02d}" for i in range(60)]


def shared(client, lease: float = 30.0) -> RedisBudgetState:
    return RedisBudgetState(client, KEYS, lease)


def walk(budget: CrawlBudget, links: dict[str, list[str]], articles: set[str]) -> list[str]:
    """Fetch from http://a/ what the budget admits; pages in ``articles`` are articles;
    held URLs are requested when the queue runs dry, as the spider does."""
    assert budget.admit("http://a/", "a") is None
    queue, fetched = [("http://a/", None)], []
    while queue:
        url, _parent = queue.pop(0)
        fetched.append(url)
        if url in articles:
            released = list(budget.article_found(url))
        else:
            budget.no_article(url, "a")
            released = []
        queue += [(h.url, h.parent) for h in released
                  if budget.admit(h.url, "a", parent=h.parent, released=True) is None]  # fmt: skip
        queue += [(u, url) for u in links.get(url, []) if budget.admit(u, "a", parent=url) is None]
        if not queue:
            queue = [(h.url, h.parent) for h in budget.releasable()
                     if budget.admit(h.url, "a", parent=h.parent, released=True) is None]  # fmt: skip
    return fetched


def site() -> tuple[dict[str, list[str]], set[str]]:
    """Sections with articles, a calendar of fruitless pages, and a numbered archive."""
    links = {"http://a/": ["http://a/news/", "http://a/cal/", *CALENDAR[:3]]}
    links["http://a/news/"] = [f"http://a/news/story-{n}/" for n in range(12)]
    links["http://a/cal/"] = CALENDAR
    for n, url in enumerate(CALENDAR[:-1]):
        links[url] = [CALENDAR[n + 1], f"http://a/cal/day-{n}/"]
    return links, {f"http://a/news/story-{n}/" for n in range(12)} | {"http://a/cal/day-7/"}


@pytest.mark.parametrize("state", ["local", "redis"])
def test_the_policy_is_the_same_whichever_state_keeps_it(client, state: str) -> None:
    links, articles = site()
    expected = walk(CrawlBudget(max_per_pattern=4, max_fruitless=5), links, articles)
    store: BudgetState = shared(client) if state == "redis" else LocalBudgetState()
    budget = CrawlBudget(max_per_pattern=4, max_fruitless=5, state=store)
    assert walk(budget, links, articles) == expected
    reference = CrawlBudget(max_per_pattern=4, max_fruitless=5)
    walk(reference, links, articles)
    assert trap_families(store) == trap_families(reference.state) != []


def test_two_workers_keep_one_budget(client) -> None:
    first, second = (CrawlBudget(max_per_pattern=10, state=shared(client)) for _ in range(2))
    admitted = [(first if n % 2 else second).admit(url, "a") is None
                for n, url in enumerate(CALENDAR)]  # fmt: skip
    assert sum(admitted) == 10  # for both together, not 10 each
    assert len(second.state.entries(HELD, url_pattern(CALENDAR[0]))) == 50
    assert first.admit(CALENDAR[0], "a") is None  # the other's: not held, though over
    assert len(first.state.entries(HELD, url_pattern(CALENDAR[0]))) == 50
    assert first.admit("http://a/story-one-two-three/", "a") is None
    assert second.admit("http://a/story-one-two-three/", "a") is None  # its queue drops it
    assert second.state.count(PATTERNS, url_pattern("http://a/story-one-two-three/")) == 1


def test_held_urls_outlive_the_worker_that_held_or_took_them(client) -> None:
    run = Run(client, KEYS, stale=5)
    assert run.join("w1") == REQUESTED
    run.set(phase=RUNNING)
    dying = CrawlBudget(max_per_pattern=1, state=shared(client, lease=0.3))
    for url in CALENDAR[:4]:
        dying.admit(url, "a")
    taken = dying.state.take(HELD, url_pattern(CALENDAR[0]))
    assert taken is not None and taken.url == CALENDAR[1]
    assert not run.idle("w2")  # a held URL is out with a worker: the run goes on
    survivor = CrawlBudget(max_per_pattern=1, state=shared(client))
    settled = survivor.state.take(HELD, url_pattern(CALENDAR[0]))
    assert settled is not None and settled.url == CALENDAR[2]
    survivor.settle(settled)  # requested: gone for good
    time.sleep(0.5)  # the dying worker never queued what it took
    shape = url_pattern(CALENDAR[0])
    assert [h.url for h in survivor.state.entries(HELD, shape)] == [CALENDAR[3]]
    assert survivor.state.buckets(HELD) == [shape]
    assert [h.url for h in survivor.state.entries(HELD, shape)] == [CALENDAR[3], CALENDAR[1]]
    assert run.idle("w2")


def test_a_new_run_starts_with_an_empty_budget(client) -> None:
    budget = CrawlBudget(max_per_pattern=1, state=shared(client))
    for url in CALENDAR[:3]:
        budget.admit(url, "a")
    assert client.keys("newscrawl:t:budget:*")
    run = Run(client, KEYS, stale=5)
    run.join("w1")
    assert client.keys("newscrawl:t:budget:*") == []


def test_the_writer_records_the_trap_families_the_workers_found_together(
    client, tmp_path: Path
) -> None:
    from newscrawl.distributed.writer import Writer
    from newscrawl.store import Archive
    from newscrawl.store.pages import CrawlState

    archive = Archive.open(tmp_path / "news.db")
    run = Run(client, KEYS, stale=30)
    run.set(phase=DONE, crawl_id=archive.start_crawl("news", {}))
    first, second = (CrawlBudget(max_fruitless=3, state=shared(client)) for _ in range(2))
    first.admit("http://a/", "a")
    second.admit("http://a/cal/", "a", parent="http://a/")
    parent = "http://a/cal/"
    for n in range(1, 8):  # an endless calendar, its pages read by either worker
        url = f"http://a/cal/2025/{n:02d}/"
        (first if n % 2 else second).admit(url, "a", parent=parent)
        (second if n % 2 else first).no_article(url, "a")
        parent = url
    Writer(client, KEYS, archive, stale=30).finalize(run.info())
    assert CrawlState(archive).trap_shapes() == {url_pattern("http://a/cal/2025/01/")}
    archive.close()
