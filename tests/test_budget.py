"""The per-site budget and crawler-trap guard."""

from __future__ import annotations

from newscrawl.frontier.budget import CrawlBudget, url_pattern


def test_pattern_folds_digits_and_query_values() -> None:
    assert url_pattern("http://a/events/?month=2025-03") == url_pattern(
        "http://a/events/?month=1999-12"
    )
    assert url_pattern("http://a/news/page/2/") == url_pattern("http://a/news/page/317/")
    assert url_pattern("http://a/2025/03/04/storm-hits/") != url_pattern(
        "http://a/2025/03/04/council-votes/"
    )


def test_endless_calendar_is_cut_off() -> None:
    budget = CrawlBudget(max_per_pattern=10)
    admitted = [
        budget.admit(f"http://a/cal/?month={2000 + i // 12}-{i % 12 + 1:02d}", "a") is None
        for i in range(500)
    ]
    assert sum(admitted) == 10


def test_site_budget_and_per_site_limits() -> None:
    budget = CrawlBudget(max_pages_per_site=5, site_limits={"b": 2})
    a = [budget.admit(f"http://a/story-{i}-words-here-now/", "a") for i in range(8)]
    b = [budget.admit(f"http://b/story-{i}-words-here-now/", "b") for i in range(8)]
    assert a.count(None) == 5 and a[-1] == "site_budget_exhausted"
    assert b.count(None) == 2


def test_duplicates_long_urls_and_loops() -> None:
    budget = CrawlBudget(max_url_length=50)
    assert budget.admit("http://a/x/", "a") is None
    assert budget.admit("http://a/x/", "a") == "duplicate"
    assert budget.admit("http://a/" + "y" * 60, "a") == "url_too_long"
    assert budget.admit("http://a/s/t/s/t/s/", "a") == "repeated_path_segments"


def _crawl(budget: CrawlBudget, urls: list[str], article_every: int) -> list[str]:
    """Discover ``urls``, then fetch what is admitted; every ``article_every``-th fetched page
    is an article, and the URLs it releases are requested in turn."""
    queue = [u for u in urls if budget.admit(u, "a") is None]
    fetched = []
    while queue:
        url = queue.pop(0)
        fetched.append(url)
        if len(fetched) % article_every == 0:
            queue += [u for u in budget.article_found(url) if budget.admit(u, "a") is None]
    return fetched


def test_a_url_shape_that_keeps_giving_articles_is_no_trap() -> None:
    urls = [f"http://a/news/world-{1000 + i}" for i in range(300)]
    assert _crawl(CrawlBudget(max_per_pattern=5), urls, article_every=1) == urls
    assert _crawl(CrawlBudget(max_per_pattern=5), urls, article_every=2) == urls


def test_a_shape_of_listings_or_rare_articles_stays_near_its_budget() -> None:
    urls = [f"http://a/cal/?month={2000 + i // 12}-{i % 12 + 1:02d}" for i in range(500)]
    budget = CrawlBudget(max_per_pattern=10)
    assert len(_crawl(budget, urls, article_every=10)) == 12  # 1 article: 2 more pages
    assert len(budget.held[url_pattern(urls[0])]) == 500 - 12
    assert len(_crawl(CrawlBudget(max_per_pattern=10), urls, article_every=3)) < 40
    assert len(_crawl(CrawlBudget(max_per_pattern=10), urls, article_every=1000)) == 10


def test_held_urls_of_a_productive_shape_are_releasable_when_the_queue_runs_dry() -> None:
    budget = CrawlBudget(max_per_pattern=1)
    urls = [f"http://a/news/world-{n}" for n in range(6)]
    assert [budget.admit(u, "a") for u in urls].count(None) == 1
    assert list(budget.releasable()) == []  # no article yet: a shape of listings stays held
    budget.articles[url_pattern(urls[0])] += 1  # counted, but its release was lost
    released = [u for u in budget.releasable() if budget.admit(u, "a") is None]
    assert released == urls[1:3]  # the room the article gave: two
    assert list(budget.releasable()) == []
