"""Headline: the visible <h1> checked against declared titles, without the site's name."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.headline import host_names, strip_site_name


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "Harbor towns split over ferry plan - Riverbend Daily",
            ["Riverbend Daily"],
            "Harbor towns split over ferry plan",
        ),
        (
            "Harbor towns split over ferry plan | Riverbend Daily",
            ["Riverbend Daily"],
            "Harbor towns split over ferry plan",
        ),
        (
            "Riverbend Daily :: Harbor towns split over ferry plan",
            ["Riverbend Daily"],
            "Harbor towns split over ferry plan",
        ),
        (
            "Harbor towns split over ferry plan – riverbend.example",
            [],
            "Harbor towns split over ferry plan",
        ),
        ("Harbor towns split over ferry plan | Metro", [], "Harbor towns split over ferry plan"),
        ("Harbor towns split over ferry plan - Helge.at", [], "Harbor towns split over ferry plan"),
        ("Why the ferry matters - and who pays", [], "Why the ferry matters - and who pays"),
        ("Single title", ["Riverbend Daily"], "Single title"),
    ],
)
def test_strip_site_name(title: str, names: list[str], expected: str) -> None:
    assert strip_site_name(title, names) == expected


def test_host_names() -> None:
    assert host_names("www.metro-ledger.com") == ["metro-ledger", "metro ledger"]


def _page(h1: str, title: str, og: str = "") -> str:
    meta = f'<meta property="og:title" content="{og}">' if og else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><article>{h1}"
        "<p>" + "A paragraph of article text that goes on for a while. " * 5 + "</p>"
        "</article></body></html>"
    )


def test_kicker_in_its_own_element_is_dropped_when_the_title_agrees() -> None:
    html = _page(
        "<h1><span>Energie</span>Stadtwerke erhöhen Preise</h1>",
        "Stadtwerke erhöhen Preise | Kurier",
    )
    assert extract_article(html, "https://kurier.example/a/1")["headline"] == (
        "Stadtwerke erhöhen Preise"
    )


def test_section_name_h1_loses_to_the_story_heading() -> None:
    html = _page(
        "<h1>News</h1><h2>Council approves the new budget after long debate</h2>",
        "Council approves the new budget after long debate - City Times",
        og="Council approves the new budget after long debate",
    )
    assert extract_article(html, "https://citytimes.example/news/1")["headline"] == (
        "Council approves the new budget after long debate"
    )


def test_declared_title_when_no_heading_is_visible() -> None:
    html = _page(
        "", "Council approves the new budget - City Times", og="Council approves the new budget"
    )
    assert extract_article(html, "https://citytimes.example/news/1")["headline"] == (
        "Council approves the new budget"
    )
