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
from tests.analyst_archive import Crafted, article, crafted_archive

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
    assert data.partial == []


def test_long_spans_are_counted_per_week_with_partial_weeks_named(crafted: Crafted) -> None:
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
    assert data.labels[0] == "2024-03-04" and data.labels[-1] == "2024-06-10"
    assert len(data.labels) == 15
    assert data.counts["valley.example"][0] == 2 and data.counts["valley.example"][-1] == 1
    assert data.counts["harbor.example"][0] == 2
    assert data.partial == ["2024-06-10"]  # 2024-03-04 is a Monday: the first week is whole


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
    assert main(["report", "--db", str(crafted.path)]) == 2
