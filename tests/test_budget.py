"""The per-site budget and crawler-trap guard."""

from __future__ import annotations

from newscrawl.spiders.budget import CrawlBudget, url_pattern


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
