"""Per-site run figures and the run status rule."""

from __future__ import annotations

from newscrawl.extensions.runlog import crawl_figures, run_status, site_figures

STATS = {
    "newscrawl/pages/fetched": 30,
    "newscrawl/pages/skipped": 12,
    "newscrawl/pages/not_modified": 4,
    "newscrawl/site/a.example/pages/fetched": 30,
    "newscrawl/site/a.example/pages/not_modified": 4,
    "newscrawl/site/a.example/pages/skipped": 12,
    "newscrawl/site/a.example/pages/article": 8,
    "newscrawl/site/a.example/articles/not_modified": 3,
    "newscrawl/site/a.example/articles/new": 5,
    "newscrawl/site/a.example/articles/updated": 1,
    "newscrawl/site/a.example/articles/unchanged": 1,
    "newscrawl/site/a.example/dropped/empty_body": 1,
    "newscrawl/site/a.example/errors/http_404": 2,
    "newscrawl/site/a.example/errors/TimeoutError": 1,
    "newscrawl/site/a.example/fields/headline": 8,
    "newscrawl/site/a.example/fields/byline": 6,
    "newscrawl/site/a.example/fields/published": 8,
    "newscrawl/site/a.example/fields/body": 7,
    "newscrawl/site/b.example/errors/DNSLookupError": 3,
}


def test_site_figures_from_stats() -> None:
    a = site_figures(STATS, "a.example")
    assert a["status"] == "ok" and a["errors"] == 3
    assert (a["pages_fetched"], a["pages_not_modified"], a["pages_skipped"]) == (30, 4, 12)
    assert a["articles_found"] == 8 + 12 + 3 and a["article_pages"] == 8
    assert (a["articles_new"], a["articles_changed"], a["articles_unchanged"]) == (5, 1, 1)
    assert a["dropped_reasons"] == {"empty_body": 1} and a["articles_dropped"] == 1
    assert (a["headline_share"], a["byline_share"], a["body_share"]) == (1.0, 0.75, 0.875)
    b = site_figures(STATS, "b.example")
    assert b["status"] == "failed" and b["headline_share"] is None
    idle = site_figures({}, "c.example")  # a resumed run with nothing left to do
    assert idle["status"] == "ok" and idle["pages_fetched"] == 0


def test_run_status_rule() -> None:
    ok, failed = {"status": "ok"}, {"status": "failed"}
    assert run_status("finished", [ok, failed]) == "finished"
    assert run_status("finished", [failed, failed]) == "failed"
    assert run_status("finished", []) == "finished"
    assert run_status("closespider_timeout", [ok]) == "finished"
    for reason in ("shutdown", "cancelled", "closespider_errorcount"):
        assert run_status(reason, [ok]) == "failed"


def test_crawl_figures_with_sites() -> None:
    sites = [site_figures(STATS, "a.example"), site_figures(STATS, "b.example")]
    figures = crawl_figures(STATS, "finished", sites)
    assert figures["status"] == "finished"
    assert (figures["pages_skipped"], figures["pages_not_modified"]) == (12, 4)
    assert crawl_figures(STATS, "finished", sites[1:])["status"] == "failed"


def test_listing_figures_and_requests_by_kind() -> None:
    stats = {
        **STATS,
        "newscrawl/run_status": "failed",  # not a count: ignored
        "newscrawl/site/a.example/pages/listing": 5,
        "newscrawl/site/a.example/listings/fetched": 5,
        "newscrawl/site/a.example/listings/not_modified": 2,
        "newscrawl/site/a.example/listings/skipped": 9,
        "newscrawl/listings/skipped": 9,
        "newscrawl/site/a.example/docs/feed": 1,
        "newscrawl/site/a.example/feeds/not_modified": 1,
        "newscrawl/site/a.example/docs/robots": 1,
    }
    a = site_figures(stats, "a.example")
    assert (a["listings_fetched"], a["listings_not_modified"], a["listings_skipped"]) == (7, 2, 9)
    assert a["requests_by_kind"] == {
        "article": 8 + 3, "listing": 5 + 2, "feed": 2, "robots": 1, "failed": 3,
    }  # fmt: skip
    assert crawl_figures(stats, "finished", [a])["listings_skipped"] == 9


def test_extraction_confidence_is_the_mean_of_the_scored_article_pages() -> None:
    stats = {
        "newscrawl/site/a.example/pages/article": 3,
        "newscrawl/site/a.example/confidence/articles": 2,
        "newscrawl/site/a.example/confidence/sum": 1500,
    }
    assert site_figures(stats, "a.example")["extraction_confidence"] == 0.75
    assert site_figures({}, "a.example")["extraction_confidence"] is None


def test_rendering_figures_and_skipped_sites() -> None:
    stats = {
        "newscrawl/site/js.example/pages/fetched": 6,
        "newscrawl/site/js.example/render/pages": 4,
        "newscrawl/site/js.example/render/needed": 5,
        "newscrawl/site/js.example/dropped/render_timeout": 1,
        "newscrawl/site/off.example/skipped/no_browser": 1,
    }
    js = site_figures(stats, "js.example")
    assert (js["status"], js["pages_rendered"], js["pages_needing_rendering"]) == ("ok", 4, 5)
    assert js["skip_reason"] is None and js["dropped_reasons"] == {"render_timeout": 1}
    off = site_figures(stats, "off.example")
    assert (off["status"], off["skip_reason"]) == ("skipped", "no_browser")
    assert run_status("finished", [js, off]) == "finished"
    assert run_status("finished", [off]) == "failed"  # nothing was crawled
