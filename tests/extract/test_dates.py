"""Date parsing: the formats newsrooms print, offsets kept, never shifted to another day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newscrawl.extract.dates import (
    date_from_url,
    day_first,
    is_date_line,
    parse_date,
    parse_relative,
    with_region,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03-04T19:15:00+01:00", "2025-03-04T19:15:00+01:00"),
        ("2025-03-04T19:15:00Z", "2025-03-04T19:15:00+00:00"),
        ("2025-03-04T23:59:00-08:00", "2025-03-04T23:59:00-08:00"),  # not moved to UTC
        ("2025-03-04 19:15", "2025-03-04T19:15:00"),
        ("2022-5-5 22:17:36", "2022-05-05T22:17:36"),
        ("20250304", "2025-03-04"),
        ("Tue, 04 Mar 2025 19:15:00 +0100", "2025-03-04T19:15:00+01:00"),
        ("March 4, 2025 7:15 pm EST", "2025-03-04T19:15:00-05:00"),
        ("March 4, 2025", "2025-03-04"),
        ("Mar. 4, 2025 at 7:15 a.m.", "2025-03-04T07:15:00"),
        ("Tuesday, March 4th, 2025", "2025-03-04"),
        ("4 March 2025", "2025-03-04"),
        ("4. März 2025", "2025-03-04"),
        ("Dienstag, 4. März 2025, 19:15 Uhr", "2025-03-04T19:15:00"),
        ("04.03.2025", "2025-03-04"),
        ("Von Jane Roe 4. 3. 2025, 19:15 Uhr", "2025-03-04T19:15:00"),
        ("04.03.25", "2025-03-04"),
        ("Stand: 04.03.2025, 19:15 Uhr", "2025-03-04T19:15:00"),
        ("4 de marzo de 2025", "2025-03-04"),
        ("4 mars 2025 à 19h15", "2025-03-04T19:15:00"),
        ("03/04/2025", "2025-03-04"),  # slashes: month first
        ("25/03/2025", "2025-03-25"),  # unless the first number is a day
        ("Published 8 months ago on September 10, 2024", "2024-09-10"),
        ("Posted: Tuesday, March 4, 2025 7:15 pm | Updated: March 5, 2025", "2025-03-04T19:15:00"),
        ("Updated at 1:23 p.m. March 5, 2025", "2025-03-05T13:23:00"),
        ("4 maart 2025", "2025-03-04"),
        ("4 marca 2025", "2025-03-04"),
        ("4 Mart 2025", "2025-03-04"),
        ("4 марта 2025", "2025-03-04"),
        ("نشر في 4 مارس 2025", "2025-03-04"),
        ("4 كانون الثاني 2025", "2025-01-04"),
        ("الجمعة 24 نيسان / أبريل 2020", "2020-04-24"),  # Levantine and Egyptian names
    ],
)
def test_parse_date_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "no date here", "Call 555-1234", "31.02.2025", "2025-13-45", "version 2.0.1"]
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_day_first_option() -> None:
    assert parse_date("03/04/2025", dayfirst=True) == "2025-04-03"


def test_zone_names_resolve_by_date() -> None:
    # "ET" is -05:00 in winter and -04:00 in summer
    assert parse_date("January 10, 2025 9:00 am ET") == "2025-01-10T09:00:00-05:00"
    assert parse_date("July 10, 2025 9:00 am ET") == "2025-07-10T09:00:00-04:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2025/03/04/story/", "2025-03-04"),
        ("https://x.example/news/2025-03-04-story", "2025-03-04"),
        ("https://x.example/20250304/story", "2025-03-04"),
        # compact days inside the slug
        ("https://x.example/news/harbour-talks-20250304-a1b2c3", "2025-03-04"),
        ("https://x.example/detail/7_r_20250304_1698920402", "2025-03-04"),
        ("https://x.example/news/story-20251340-x", None),
        ("https://x.example/news/story-120250304-x", None),
        ("https://x.example/news/story-481390/", None),
        ("https://x.example/2025/13/40/story/", None),
    ],
)
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_relative_dates_use_the_fetch_time() -> None:
    now = datetime(2025, 3, 4, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    assert parse_relative("3 hours ago", now) == "2025-03-04T09:00:00+01:00"
    assert parse_relative("Updated 2 days ago", now) == "2025-03-02"
    assert parse_relative("an hour ago", datetime(2025, 3, 4, 0, 30, tzinfo=UTC)) == (
        "2025-03-03T23:30:00+00:00"
    )
    assert parse_relative("some time ago", now) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated at 1:23 p.m.", True),
        ("March 4, 2025", True),
        ("Veröffentlicht: 04.03.2025 19:15 Uhr", True),
        ("The vote is on March 4, 2025 in the old hall.", False),
        ("5040", False),
        ("Top 10", False),
        ("Updated 7.15pm", True),
        ("4. 2. 2022", True),
        ("225.86", False),  # a share price in a table cell, not a date
        ("-12.99", False),
        ("-5.44%", False),
        ("14 Ιουνίου 2031", True),  # a month's name in a language the parser lacks
        ("Haziran 14, 2031", True),
        ("14. lipca 2031", True),
        ("Budget 2031", False),  # a year alone is no date
        ("14 reasons 2031 matters", False),
    ],
)
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


@pytest.mark.parametrize(
    ("texts", "locale", "expected"),
    [
        (["Publicado 06/05/2031"], "es", True),  # another language: day first
        (["Posted 06/05/2031"], "pt_BR", True),  # og:locale spelling
        (["Posted 06/05/2031"], "en-GB", True),  # English outside the month-first regions
        (["Posted 06/05/2031"], "en-US", None),  # the default (month first) applies
        (["Posted 06/05/2031"], "en", None),
        (["Posted 06/05/2031"], "", None),
        (["Posted 06/05/2031", "Updated 19/05/2031"], "en-US", True),  # the page's own dates
        (["Posted 06/05/2031", "Updated 05/19/2031"], "es", False),
        (["18/05/2031", "05/19/2031"], "es", None),  # both orders on one page: no decision
        (["06.05.2031", "2031-05-19"], "en-US", None),  # dots and ISO dates tell nothing
    ],
)
def test_day_first_from_the_page_then_its_language(
    texts: list[str], locale: str, expected: bool | None
) -> None:
    assert day_first(texts, locale) is expected


@pytest.mark.parametrize(
    ("locale", "url", "expected"),
    [
        ("en", "https://www.news.example.ie/a", "en-ie"),
        ("en", "https://news.example.co.uk/a", "en-gb"),
        ("en", "http://user@news.example.com.au:8080/a", "en-au"),
        ("en-US", "https://news.example.ie/a", "en-US"),  # a region declared stays
        ("", "https://news.example.ie/a", ""),  # no language: nothing to give a region to
        ("en", "https://news.example.com/a", "en"),
        ("en", "https://news.example.tv/a", "en"),  # sold worldwide
        ("en", "http://192.0.2.1/a", "en"),
        ("en", "http://[::1/a", "en"),  # malformed
    ],
)
def test_with_region_from_the_domains_country(locale: str, url: str, expected: str) -> None:
    assert with_region(locale, url) == expected
