"""The crawls row figures computed from Scrapy's stats."""

from __future__ import annotations

from newscrawl.extensions.runlog import crawl_figures


def test_figures_from_stats() -> None:
    stats = {
        "newscrawl/pages/fetched": 40,
        "newscrawl/articles/new": 7,
        "newscrawl/articles/unchanged": 3,
        "newscrawl/dropped/empty_body": 2,
        "newscrawl/dropped/body_too_short": 1,
        "newscrawl/site/a/dropped/empty_body": 2,
        "log_count/ERROR": 4,
    }
    figures = crawl_figures(stats, "finished")
    assert figures["status"] == "finished" and figures["finish_reason"] == "finished"
    assert (figures["pages_fetched"], figures["articles_new"], figures["articles_updated"]) == (
        40,
        7,
        0,
    )
    assert figures["dropped_reasons"] == {"empty_body": 2, "body_too_short": 1}
    assert figures["items_dropped"] == 3 and figures["errors"] == 4
    assert crawl_figures({}, "shutdown")["status"] == "failed"
