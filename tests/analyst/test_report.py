"""The HTML report: data gathered from the views, and the SVG charts drawn from it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.analyst.report_html import gather, render
from newscrawl.analyst.svg import nice_ticks
from newscrawl.cli import main
from newscrawl.store import Archive
from tests.support.archive import Crafted, article, crafted_archive

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        yield made


def charts(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]


def texts(svg: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("class") == cls]


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (132, [0, 50, 100, 150]),
        (0.9, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    ],
)
def test_nice_ticks(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == ticks


def test_nice_ticks_for_counts_step_by_whole_numbers() -> None:
    assert nice_ticks(2, whole=True) == [0, 1, 2]
    assert nice_ticks(2) == [0, 0.5, 1, 1.5, 2]


def test_gather_counts_articles_per_site_and_day(crafted: Crafted) -> None:
    data = gather(crafted.conn)
    assert data.period == "day"
    assert data.labels == ["2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07"]
    assert data.counts == {
        "valley.example": [1, 1, 0, 0],
        "harbor.example": [0, 0, 1, 1],
        "wire.example": [0, 1, 0, 0],
    }
    assert data.left_out == []


def test_long_spans_are_counted_per_whole_week(crafted: Crafted) -> None:
    crafted.archive.save_article(
        article(
            "http://valley.example/summer",
            "valley.example",
            "Summer fete",
            "A sunny fete.",
            published="2024-06-12T10:00:00+00:00",
        )
    )
    data = gather(crafted.conn)
    assert data.period == "week"
    # 2024-03-04 is a Monday: its week is whole. The week of 2024-06-10 has data up to the
    # 12th only: it is left out, with its article.
    assert data.labels[0] == "2024-03-04" and data.labels[-1] == "2024-06-03"
    assert len(data.labels) == 14
    assert data.counts["valley.example"] == [2] + [0] * 13
    assert data.counts["harbor.example"] == [2] + [0] * 13
    assert data.left_out == ["2024-06-10"]
    html = render(data, "Weekly", "now")
    assert (
        "Left out of the chart as the archive covers only part of it: the week of 2024-06-10."
        in html
    )
    assert "<td>Valley Courier</td><td>3</td>" in html  # the table still counts it


def test_report_draws_one_series_per_site_with_the_data(crafted: Crafted) -> None:
    html = render(gather(crafted.conn), "Report <test>", "2024-03-08 00:00 UTC")
    assert html.startswith("<!DOCTYPE html>") and "Report &lt;test&gt;" in html
    assert "<script" not in html and not re.search(r'(src|href)="https?:', html)
    line, bars = charts(html)
    series = {g.get("data-series"): g for g in line.iter(f"{SVG}g") if g.get("class") == "series"}
    assert set(series) == {"valley.example", "harbor.example", "wire.example"}
    assert series["valley.example"].get("data-values") == "1 1 0 0"
    assert series["harbor.example"].get("data-values") == "0 0 1 1"
    assert series["wire.example"].findtext(f"{SVG}title") == "Wire Service"
    points = series["valley.example"].find(f"{SVG}polyline").get("points").split()  # type: ignore[union-attr]
    assert len(points) == 4
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[0] == ys[1] < ys[2] == ys[3]  # SVG y grows downwards: 1 article above 0
    tips = [c.findtext(f"{SVG}title") for c in series["harbor.example"].iter(f"{SVG}circle")]
    assert tips[2] == "Harbor Post, 2024-03-06: 1"
    assert texts(line, "x-tick")[0] == "2024-03-04" and texts(line, "x-tick")[-1] == "2024-03-07"
    assert texts(line, "y-tick") == ["0", "1"]
    assert texts(line, "axis-title") == ["day (UTC)", "articles per day"]
    shares = {g.get("data-key"): g.get("data-value") for g in bars.iter(f"{SVG}g")}
    assert shares == {"wire.example": "1.0", "harbor.example": "0.5", "valley.example": "0.5"}
    assert "5 articles from 3 sites, 2024-03-04 to 2024-03-07 (UTC); 60.0% wire copy" in html
    assert "<td>Valley Courier</td><td>2</td><td>1</td><td>50.0%</td>" in html


def test_report_of_an_empty_archive(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "empty.db")
    html = render(gather(archive.conn), "Empty", "now")
    archive.close()
    assert "No articles in this archive yet." in html and "<svg" not in html


def test_report_command_writes_the_page(crafted: Crafted, tmp_path: Path) -> None:
    crafted.archive.commit()
    out = tmp_path / "out" / "report.html"
    assert main(["report", "--html", str(out), "--db", str(crafted.path)]) == 0
    assert len(charts(out.read_text(encoding="utf-8"))) == 2
    assert main(["report", "--html", str(out), "--db", str(tmp_path / "missing.db")]) == 2
    assert main(["report", "--db", str(crafted.path)]) in (0, 1)  # the text health report


def test_many_sites_get_one_panel_each_on_the_same_scale(crafted: Crafted) -> None:
    for n in range(7):
        for day in range(n + 1):
            when = f"2024-03-0{4 + day % 4}T09:00:00+00:00"
            town = article(f"http://town{n}.example/{day}", f"town{n}.example", "News", "News.")
            crafted.archive.save_article(town | {"published": when})
    html = render(gather(crafted.conn), "Many", "now")
    panels = charts(html)[0]
    assert panels.get("class") == "chart small-multiples"
    series = {g.get("data-series"): g for g in panels.iter(f"{SVG}g") if g.get("class") == "series"}
    assert len(series) == 10
    assert series["town6.example"].get("data-values") == "2 2 2 1"
    assert series["valley.example"].get("data-values") == "1 1 0 0"
    assert set(texts(panels, "y-tick")) == {"0", "2"}  # one scale for every panel
    titles = texts(panels, "panel-title")
    assert titles[0] == "town6.example" and "Valley Courier" in titles


def test_partial_weeks_at_both_ends_are_left_out(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "weeks.db")
    for day in ("2024-01-03", "2024-01-08", "2024-04-08", "2024-04-10"):  # a Wednesday first
        archive.save_article(
            article(f"http://a.example/{day}", "a.example", "News", "Text.", published=day)
        )
    data = gather(archive.conn)
    archive.close()
    assert data.left_out == ["2024-01-01", "2024-04-08"]
    assert data.labels[0] == "2024-01-08" and data.labels[-1] == "2024-04-01"
    assert data.counts["a.example"][0] == 1 and sum(data.counts["a.example"]) == 1
    assert "part of them: the weeks of 2024-01-01 and 2024-04-08." in render(data, "W", "now")
