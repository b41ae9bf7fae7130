"""The health report: flags for failed sites, sharp drops and unfinished runs."""

from __future__ import annotations

import io
from typing import Any

from newscrawl.analyst.health import (
    confidence_flags,
    health_flags,
    run_flags,
    site_flags,
    write_report,
)
from newscrawl.extensions.runlog import site_figures
from newscrawl.store import Archive
from newscrawl.store.site_figures import Run, recent_runs, save_site_figures


def figures(found: int = 40, pages: int = 20, byline: float = 0.9, **extra: Any) -> dict:
    row = {
        "status": "ok", "errors": 0, "articles_found": found, "article_pages": pages,
        "headline_share": 1.0, "byline_share": byline, "published_share": 0.95,
        "body_share": 1.0,
    }  # fmt: skip
    return {**row, **extra}


def test_a_steady_site_is_not_flagged() -> None:
    earlier = [figures(found=n) for n in (38, 41, 40, 44)]
    assert site_flags("a", figures(found=35, byline=0.85), earlier) == []


def test_sharp_drops_are_flagged() -> None:
    earlier = [figures(found=n) for n in (38, 41, 40, 44)]
    (flag,) = site_flags("a", figures(found=12), earlier)
    assert "article URLs found fell to 12 from a median of 40.5" in flag.message
    (flag,) = site_flags("a", figures(byline=0.1), earlier)
    assert flag.message == "byline coverage fell to 10% from a median of 90%"
    broken = figures(found=3, pages=0, byline=None, headline_share=None, body_share=None)
    assert len(site_flags("a", broken, earlier)) == 1  # shares of no pages are not compared


def test_fewer_urls_found_are_no_problem_when_the_listings_were_not_read() -> None:
    earlier = [figures(found=n, listings_fetched=12, listings_not_modified=0) for n in (38, 41)]
    not_due = figures(found=1, listings_fetched=3, listings_not_modified=3)
    assert site_flags("a", not_due, earlier) == []  # listings not due or 304: not judged
    read = figures(found=1, listings_fetched=11, listings_not_modified=0)
    (flag,) = site_flags("a", read, earlier)  # read as usual, found nothing: discovery broke
    assert "article URLs found fell to 1" in flag.message


def test_small_samples_and_failed_runs_are_not_baselines() -> None:
    assert site_flags("a", figures(pages=2, byline=0.0), [figures()] * 3) == []
    assert site_flags("a", figures(found=2), [figures(found=3)] * 3) == []
    failed = figures(status="failed", errors=7)
    (flag,) = site_flags("a", failed, [figures()])
    assert flag.message == "failed: no answer to any request (7 errors)"
    assert site_flags("a", figures(), [failed, failed]) == []


def run(n: int, status: str = "finished", **sites: dict) -> Run:
    return Run(n, f"2025-03-{n:02d}T06:00:00+00:00", status, status, sites)


def test_rendering_flags() -> None:
    skipped = figures(status="skipped", skip_reason="no_browser", found=0, pages=0)
    (flag,) = site_flags("js", skipped, [figures()] * 3)
    assert flag.message.startswith("skipped (no_browser): render = true, but no browser")
    (flag,) = site_flags("js", figures(pages_needing_rendering=4), [figures()] * 3)
    assert flag.message == "needs rendering: set render = true (4 pages are built by scripts)"
    assert site_flags("js", figures(pages_needing_rendering=1), [figures()] * 3) == []
    # a skipped run is no baseline for the next one
    assert site_flags("js", figures(found=40), [skipped] * 3 + [figures()]) == []


def test_run_flags() -> None:
    assert run_flags([run(1), run(2)]) == []
    assert "failed" in run_flags([run(1), run(2, "failed")])[0].message
    assert "not finished" in run_flags([run(1), run(2, "running")])[0].message
    assert run_flags([run(1, "running"), run(2)]) == []  # killed earlier, finished since
    flags = health_flags([run(1, a=figures()), run(2, a=figures(), b=figures(status="failed"))])
    assert [(f.site, f.message[:6]) for f in flags] == [("b", "failed")]


def test_written_report(tmp_path) -> None:
    archive = Archive.open(tmp_path / "news.db")
    archive.register_sites([{"site": "a.example", "name": "Alpha Daily"}])
    stats = {
        "newscrawl/site/a.example/pages/fetched": 10,
        "newscrawl/site/a.example/pages/article": 6,
        "newscrawl/site/a.example/fields/headline": 6,
        "newscrawl/site/a.example/fields/byline": 3,
        "newscrawl/site/a.example/listings/fetched": 4,
        "newscrawl/site/a.example/listings/not_modified": 3,
        "newscrawl/site/a.example/listings/skipped": 21,
    }
    for reason in ("finished", "finished", "shutdown"):
        crawl_id = archive.start_crawl("news", {})
        save_site_figures(archive.conn, crawl_id, [site_figures(stats, "a.example")])
        archive.finish_crawl(crawl_id, {"status": "finished" if reason == "finished" else "failed",
                                        "finish_reason": reason})  # fmt: skip
    archive.start_crawl("news", {})  # killed: never finished
    out = io.StringIO()
    flagged = write_report(archive.conn, out, runs_wanted=3)
    archive.close()
    text = out.getvalue()
    assert flagged == 1 and "1 problem(s) flagged." in text
    assert text.startswith("Health over the last 3 runs (oldest first)")
    assert "Alpha Daily (a.example)" in text and "   50%" in text
    header, *run_lines = text.split("Runs:\n")[1].split("\n\n")[0].splitlines()
    assert header.split()[:3] == ["run", "started", "(UTC)"] and "finish reason" in header
    assert [line.split()[0] for line in run_lines] == ["2", "3", "4"]  # the last three
    assert run_lines[1].split()[2:] == ["failed", "shutdown"]
    assert "the last run (#4) has not finished" in text
    assert "listings l.304 not due" in text
    site_line = text.split("Alpha Daily (a.example)\n")[1].splitlines()[1]
    assert site_line.split()[-3:] == ["7", "3", "21"]  # listing pages read, 304, not due


def test_a_sharp_drop_of_extraction_confidence_is_flagged(tmp_path) -> None:
    archive = Archive.open(tmp_path / "news.db")
    archive.start_crawl("news", {})
    for i in range(12):
        late = i >= 6
        archive.conn.execute(
            "INSERT INTO articles (url, site, extraction_confidence, first_seen, last_seen) "
            "VALUES (?1, ?2, ?3, ?4, ?4)",
            [f"https://a.example/{i}", "a.example", 0.2 if late else 0.9,
             "2099-01-01T00:00:00Z" if late else "2000-01-01T00:00:00Z"],
        )  # fmt: skip
        archive.conn.execute(
            "INSERT INTO articles (url, site, extraction_confidence, first_seen, last_seen) "
            "VALUES (?1, ?2, ?3, ?4, ?4)",
            [f"https://b.example/{i}", "b.example", 0.85, "2000-01-01T00:00:00Z"],
        )
    flags = confidence_flags(archive.conn, recent_runs(archive.conn, 3))
    archive.close()
    assert [(f.site, f.message) for f in flags] == [
        ("a.example", "extraction confidence fell to 0.20 from 0.90")
    ]
