"""The per-site budget and crawler-trap guard."""

from __future__ import annotations

from newscrawl.frontier.budget import CrawlBudget, url_pattern
from newscrawl.frontier.budgetstate import ARTICLES, HELD


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
            released = [h.url for h in budget.article_found(url)]
            queue += [u for u in released if budget.admit(u, "a", released=True) is None]
    return fetched


def test_a_url_shape_that_keeps_giving_articles_is_no_trap() -> None:
    urls = [f"http://a/news/world-{1000 + i}" for i in range(300)]
    assert _crawl(CrawlBudget(max_per_pattern=5), urls, article_every=1) == urls
    assert _crawl(CrawlBudget(max_per_pattern=5), urls, article_every=2) == urls


def test_a_shape_of_listings_or_rare_articles_stays_near_its_budget() -> None:
    urls = [f"http://a/cal/?month={2000 + i // 12}-{i % 12 + 1:02d}" for i in range(500)]
    budget = CrawlBudget(max_per_pattern=10)
    assert len(_crawl(budget, urls, article_every=10)) == 12  # 1 article: 2 more pages
    assert len(budget.state.entries(HELD, url_pattern(urls[0]))) == 500 - 12
    assert len(_crawl(CrawlBudget(max_per_pattern=10), urls, article_every=3)) < 40
    assert len(_crawl(CrawlBudget(max_per_pattern=10), urls, article_every=1000)) == 10


def test_held_urls_of_a_productive_shape_are_releasable_when_the_queue_runs_dry() -> None:
    budget = CrawlBudget(max_per_pattern=1)
    urls = [f"http://a/news/world-{n}" for n in range(6)]
    assert [budget.admit(u, "a") for u in urls].count(None) == 1
    assert list(budget.releasable()) == []  # no article yet: a shape of listings stays held
    budget.state.add(ARTICLES, url_pattern(urls[0]))  # counted, but its release was lost
    released = [h.url for h in budget.releasable() if budget.admit(h.url, "a") is None]
    assert released == urls[1:3]  # the room the article gave: two
    assert list(budget.releasable()) == []


def _walk(
    budget: CrawlBudget, start: str, links: dict[str, list[str]], articles: set[str]
) -> list[str]:
    """A breadth-first crawl of a link graph under ``budget``, as the spider drives it:
    an article releases what it unblocks; held URLs go out when the queue runs dry."""
    assert budget.admit(start, "a") is None
    queue, fetched = [(start, None)], []
    while queue:
        url, _ = queue.pop(0)
        fetched.append(url)
        released = []
        if url in articles:
            released = list(budget.article_found(url))
        else:
            budget.no_article(url, "a")
        queue += [
            (h.url, h.parent)
            for h in released
            if budget.admit(h.url, "a", parent=h.parent, released=True) is None
        ]
        queue += [(u, url) for u in links.get(url, []) if budget.admit(u, "a", parent=url) is None]
        if not queue:
            queue = [
                (h.url, h.parent)
                for h in budget.releasable()
                if budget.admit(h.url, "a", parent=h.parent, released=True) is None
            ]
    return fetched


def _calendar(day: int) -> list[str]:
    """An endless calendar: each day links the next and previous day, month and year,
    under four URL shapes."""
    y, m, d = 2000 + day // 372, day // 31 % 12 + 1, day % 31 + 1
    return [
        f"http://a/calendar/{y}/{m:02d}/{d:02d}/",
        f"http://a/events?date={y}-{m:02d}-{d:02d}",
        f"http://a/archive/{y}/{m:02d}/",
        f"http://a/archive/{y}/",
    ]


def _calendar_site() -> tuple[dict[str, list[str]], set[str]]:
    links: dict[str, list[str]] = {}
    for day in range(-3000, 3000):
        for url in _calendar(day):
            links.setdefault(url, []).extend(
                [
                    *_calendar(day + 1)[:2],
                    *_calendar(day - 1)[:2],
                    *_calendar(day + 31)[2:],
                    *_calendar(day + 372)[2:],
                ]
            )
    articles = {f"http://a/news/story-{i}-about-something/" for i in range(120)}
    sections = [f"http://a/section-{s}/" for s in range(6)]
    links["http://a/"] = [*sections, _calendar(0)[0], *sorted(articles)[:10]]
    for s, section in enumerate(sections):
        links[section] = [*sorted(articles)[s * 20 : s * 20 + 20], _calendar(0)[1]]
    return links, articles


def test_an_endless_calendar_under_several_shapes_costs_the_fruitless_allowance_in_all() -> None:
    links, articles = _calendar_site()
    fetched = _walk(CrawlBudget(), "http://a/", links, articles)
    calendar = [u for u in fetched if "calendar" in u or "events" in u or "archive" in u]
    assert len(calendar) <= 50
    assert articles <= set(fetched)  # every article still found


def test_articles_below_many_section_pages_are_found_when_the_queue_runs_dry() -> None:
    sections = [f"http://a/topic-{s}/" for s in range(80)]  # more than the allowance
    articles = {f"http://a/topic-{s}/story-{i}-in-words/" for s in range(80) for i in range(3)}
    links = {"http://a/": sections}
    for s, section in enumerate(sections):
        links[section] = [f"http://a/topic-{s}/story-{i}-in-words/" for i in range(3)]
    fetched = _walk(CrawlBudget(), "http://a/", links, articles)
    assert articles <= set(fetched)


def test_numbered_article_urls_are_not_cut_short_by_the_fruitless_allowance() -> None:
    articles = {f"http://a/news/{1000 + i}" for i in range(400)}
    pages = [f"http://a/news/page/{p}/" for p in range(1, 21)]
    links = {"http://a/": [pages[0]]}
    for p, page in enumerate(pages):
        links[page] = [f"http://a/news/{1000 + p * 20 + i}" for i in range(20)]
        links[page] += pages[p + 1 : p + 2]
    fetched = _walk(CrawlBudget(max_per_pattern=10, max_fruitless=10), "http://a/", links, articles)
    assert articles <= set(fetched)
    assert set(pages) <= set(fetched)
