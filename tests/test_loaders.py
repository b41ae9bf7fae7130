"""ArticleLoader processor chains over real-world formats."""

from __future__ import annotations

import pytest
from itemloaders.processors import MapCompose

from newscrawl.loaders import ArticleLoader


def load(site_name: str | None = None, **values: object) -> dict:
    loader = ArticleLoader(site_name=site_name)
    for name, value in values.items():
        loader.add_value(name, value)
    return dict(loader.load_item())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-04T18:45:00-05:00", "2025-03-04T18:45:00-05:00"),
        ("2025-03-04T23:30:00Z", "2025-03-04T23:30:00+00:00"),
        ("2025-03-04", "2025-03-04"),
        ("Tue, 04 Mar 2025 18:45:00 GMT", "2025-03-04T18:45:00+00:00"),
        ("Tue, 04 Mar 2025 18:45:00 -0500", "2025-03-04T18:45:00-05:00"),
        ("March 4, 2025", "2025-03-04"),
        ("Mar. 4, 2025 7:15 p.m. EST", "2025-03-04T19:15:00-05:00"),
        ("Posted: Tuesday, March 4, 2025 7:15 pm", "2025-03-04T19:15:00"),
        ("Published 8 months ago on September 10, 2024", "2024-09-10"),
        ("4 March 2025", "2025-03-04"),
        ("4. März 2025, 14:30 Uhr", "2025-03-04T14:30:00"),
        ("04.03.2025", "2025-03-04"),
        ("03/04/2025", "2025-03-04"),
        ("2025/03/04 07:15", "2025-03-04T07:15:00"),
        ("20250304", "2025-03-04"),
        ("12 juin 2023 à 10h15", "2023-06-12T10:15:00"),
        ("Updated 7:15 PM EDT, Tue March 4, 2025", "2025-03-04T19:15:00-04:00"),
        ("2025-03-04T18:45:00.123+05:30", "2025-03-04T18:45:00+05:30"),
    ],
)
def test_published_formats(raw: str, expected: str) -> None:
    assert load(published=raw)["published"] == expected


@pytest.mark.parametrize("raw", ["sometime last spring", "", "2025-13-45", "Breaking news"])
def test_unparseable_dates_leave_the_field_empty(raw: str) -> None:
    assert "published" not in load(published=raw)


def test_first_parseable_date_wins() -> None:
    assert load(published=["not a date", "March 5, 2025"])["published"] == "2025-03-05"


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        (["JANE DOE", "John Roe"], ["Jane Doe", "John Roe"]),
        (["gvw_ap_news", "Jane Doe"], ["Jane Doe"]),
        (["www.facebook.com/jane", "on December"], []),
        (["Jane Doe", "Jane Doe"], ["Jane Doe"]),
        (["María de la Cruz"], ["María de la Cruz"]),
    ],
)
def test_authors_are_cleaned_names(raw: list[str], authors: list[str]) -> None:
    assert load(authors=raw).get("authors", []) == authors


@pytest.mark.parametrize(
    ("raw", "byline"),
    [
        (
            "  By JANE DOE and JOHN ROE,\n Associated Press ",
            "By JANE DOE and JOHN ROE, Associated Press",
        ),
        ("gvw_ap_news", None),
        ("By The Associated Press", "By The Associated Press"),
    ],
)
def test_byline_display(raw: str, byline: str | None) -> None:
    assert load(byline=raw).get("byline") == byline


@pytest.mark.parametrize(
    ("raw", "site", "headline"),
    [
        ("Storm hits coast - Valley News", "Valley News", "Storm hits coast"),
        ("Storm hits coast | Metro", "Metro", "Storm hits coast"),
        ("Harbor Gazette :: Storm hits coast", "Harbor Gazette", "Storm hits coast"),
        ("Storm &amp; flood   hit coast", None, "Storm & flood hit coast"),
        ("Q&A: Why the storm - what comes next", None, "Q&A: Why the storm - what comes next"),
    ],
)
def test_headline_without_site_name(raw: str, site: str | None, headline: str) -> None:
    assert load(site_name=site, headline=raw)["headline"] == headline


def test_body_keeps_paragraph_breaks_and_collapses_spaces() -> None:
    raw = "First  paragraph\nwraps.\n\n\n  Second paragraph. \n \n"
    assert load(body=raw)["body"] == "First paragraph wraps.\n\nSecond paragraph."


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("http://Example.com/a/b/?utm_source=x&id=3#top", "http://example.com/a/b/?id=3"),
        ("https://example.com:443/a?fbclid=abc&gclid=1", "https://example.com/a"),
        ("http://127.0.0.2:8080/x/?utm_medium=web", "http://127.0.0.2:8080/x/"),
    ],
)
def test_url_is_cleaned(raw: str, url: str) -> None:
    assert load(url=raw)["url"] == url


def test_tags_unique_and_clean() -> None:
    assert load(tags=[" storms ", "storms", "", "city  council"])["tags"] == [
        "storms",
        "city council",
    ]


def test_processors_looked_up_once_stay_each_loaders_own() -> None:
    class Shouting(ArticleLoader):
        headline_in = MapCompose(str.upper)

    def headline(loader: ArticleLoader) -> str:
        loader.add_value("headline", "Quiet night in the city")
        return str(loader.load_item()["headline"])

    assert headline(ArticleLoader()) == "Quiet night in the city"
    assert headline(Shouting()) == "QUIET NIGHT IN THE CITY"
    assert headline(ArticleLoader()) == "Quiet night in the city"
