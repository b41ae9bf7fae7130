"""The HTML report: what it gathers from an archive, and the page and charts drawn from it.
(tests/analyst/test_in_browser.py looks at it in a real browser.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newscrawl.analyst.report_data import gather
from newscrawl.analyst.report_html import render
from newscrawl.cli import main
from newscrawl.extensions.runlog import site_figures
from newscrawl.store import Archive
from newscrawl.store.site_figures import save_site_figures
from tests.support.archive import Crafted, article, crafted_archive

pytest.importorskip("matplotlib")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        yield made


def charts(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]


def group(svg: ET.Element, gid: str) -> ET.Element | None:
    return next((g for g in svg.iter(f"{SVG}g") if g.get("id") == gid), None)


def test_dated_articles_per_site_and_day_undated_apart(crafted: Crafted) -> None:
    data = gather(crafted.conn)
    assert data.period == "day"
    assert data.days == {
        "valley.example": {date(2024, 3, 4): 1, date(2024, 3, 5): 1},
        "harbor.example": {date(2024, 3, 6): 1},
        "wire.example": {date(2024, 3, 5): 1},
    }
    harbor = next(s for s in data.sites if s.site == "harbor.example")
    assert (harbor.articles, harbor.dated, harbor.undated) == (2, 1, 1)
    assert data.stories == [
        ("Water board backs canal lock rebuild", "AP", 3, 3, "2024-03-05T09:00:00-05:00")
    ]
    assert data.agencies == [("AP", 1, 3, 3)]


def test_long_spans_are_counted_per_week(crafted: Crafted) -> None:
    summer = article("http://valley.example/summer", "valley.example", "Fete", "A fete.")
    crafted.archive.save_article(summer | {"published": "2024-06-12T23:30:00-05:00"})
    data = gather(crafted.conn)
    assert data.period == "week"
    # 2024-03-04 is a Monday; the fete was published on 2024-06-13 UTC, in the week of the 10th
    assert data.days["valley.example"] == {date(2024, 3, 4): 2, date(2024, 6, 10): 1}


def test_the_page_has_one_panel_per_site_and_the_tables(crafted: Crafted) -> None:
    crafted.archive.conn.execute(
        "INSERT INTO article_versions (article_id, fetched, replaced, headline, body, "
        "content_hash) SELECT id, '2024-03-07', '2024-03-07T10:00:00+00:00', 'Old headline', "
        "body, 'x' FROM articles WHERE site = 'valley.example' LIMIT 1"
    )
    crawl_id = crafted.archive.start_crawl("news", {})
    stats = {
        "newscrawl/site/valley.example/pages/fetched": 4,
        "newscrawl/site/valley.example/pages/article": 4,
        "newscrawl/site/valley.example/fields/headline": 4,
        "newscrawl/site/valley.example/fields/byline": 1,
    }
    save_site_figures(crafted.archive.conn, crawl_id, [site_figures(stats, "valley.example")])
    html = render(gather(crafted.conn), "Report <test>", "2024-03-08 00:00 UTC")
    assert html.startswith("<!DOCTYPE html>") and "Report &lt;test&gt;" in html
    assert "<script" not in html and not re.search(r'(src|href)="https?:', html)
    assert "5 articles from 3 sites (1 without a publication date); 60.0% wire copy" in html
    time_chart, shares = charts(html)
    for site in ("valley.example", "harbor.example", "wire.example"):
        panel = group(time_chart, f"site-{site}")
        assert panel is not None and len(list(panel.iter(f"{SVG}path"))) > 2
        assert group(shares, f"share-{site}") is not None
    titles = [t.text for t in time_chart.iter(f"{SVG}text")]
    assert "Harbor Post (1 undated, not shown)" in titles and "day of publication (UTC)" in titles
    assert "Old headline" in html and "Water board backs canal lock rebuild" in html
    assert '<table data-figure="byline">' in html and "25%" in html


def test_report_of_an_empty_archive(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "empty.db")
    html = render(gather(archive.conn), "Empty", "now")
    archive.close()
    assert "No articles in this archive yet." in html and "<svg" not in html


def test_undated_archive_has_no_time_chart(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "undated.db")
    archive.save_article(article("http://a.example/x", "a.example", "News", "Text."))
    html = render(gather(archive.conn), "Undated", "now")
    archive.close()
    assert "No article has a publication date." in html and len(charts(html)) == 1


def test_report_command_writes_the_page(crafted: Crafted, tmp_path: Path) -> None:
    crafted.archive.commit()
    out = tmp_path / "out" / "report.html"
    assert main(["report", "--html", str(out), "--db", str(crafted.path)]) == 0
    assert len(charts(out.read_text(encoding="utf-8"))) == 2
    assert main(["report", "--db", str(crafted.path)]) in (0, 1)  # the text health report


def test_extraction_confidence_per_site_over_runs_when_recorded(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "conf.db")
    archive.save_article(article("http://a.example/x", "a.example", "News", "Text."))
    runs = []
    for scored, total in ((0, 0), (2, 1600)):  # the first run scored nothing
        crawl_id = archive.start_crawl("news", {})
        stats = {
            "newscrawl/site/a.example/pages/article": 2,
            "newscrawl/site/a.example/confidence/articles": scored,
            "newscrawl/site/a.example/confidence/sum": total,
        }
        save_site_figures(archive.conn, crawl_id, [site_figures(stats, "a.example")])
        archive.finish_crawl(crawl_id, {"status": "finished"})
        runs.append(crawl_id)
    data = gather(archive.conn)
    html = render(data, "Confidence", "now")
    archive.close()
    assert data.confidence is not None
    assert data.confidence.runs == [f"#{n}" for n in runs]
    assert data.confidence.rows["a.example"] == [None, 0.8]
    assert '<table data-figure="extraction_confidence">' in html and "80%" in html


def test_no_confidence_table_when_no_run_scored(crafted: Crafted) -> None:
    assert gather(crafted.conn).confidence is None


def test_listing_pages_per_site_over_runs(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "listings.db")
    archive.save_article(article("http://a.example/x", "a.example", "News", "Text."))
    for fetched, unchanged, not_due in ((4, 0, 0), (1, 1, 3)):
        crawl_id = archive.start_crawl("news", {})
        stats = {
            "newscrawl/site/a.example/listings/fetched": fetched,
            "newscrawl/site/a.example/listings/not_modified": unchanged,
            "newscrawl/site/a.example/listings/skipped": not_due,
        }
        save_site_figures(archive.conn, crawl_id, [site_figures(stats, "a.example")])
        archive.finish_crawl(crawl_id, {"status": "finished"})
    data = gather(archive.conn)
    html = render(data, "Listings", "now")
    archive.close()
    assert data.listings is not None and data.listings.rows["a.example"] == [(4, 0, 0), (2, 1, 3)]
    assert '<table data-figure="listings">' in html and "<td>2 / 1 / 3</td>" in html
