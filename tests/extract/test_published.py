"""Published dates: a UTC machine date given back in the publisher's zone when the page shows it."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article

PARAGRAPH = "The harbour authority said the talks would resume next week after a long night."


def article(declared: str, printed: str) -> str:
    ld = (
        f'{{"@type": "NewsArticle", "headline": "Port talks stall", "datePublished": "{declared}"}}'
    )
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<div class='hero-image'><h1>Port talks stall</h1><span>Ana Ruiz {printed}</span></div>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("declared", "printed", "expected"),
    [
        # the same moment four hours behind UTC, day first: the local day is the 3rd
        ("2022-05-04T02:41:00Z", "3/5/2022 22:41", "2022-05-03T22:41:00-04:00"),
        ("Wed, 04 May 2022 00:44:52 GMT", "03/05/2022 21:44", "2022-05-03T21:44:00-03:00"),
        # a clock time that is not the same moment: the machine date stays
        ("2022-05-04T02:41:00Z", "3/5/2022 22:17", "2022-05-04T02:41:00+00:00"),
        # the same UTC day printed: nothing to replace
        ("2022-05-04T12:41:00Z", "4/5/2022 14:41", "2022-05-04T12:41:00+00:00"),
    ],
)
def test_utc_date_in_the_zone_the_page_prints(declared: str, printed: str, expected: str) -> None:
    html = article(declared, printed)
    assert extract_article(html, "https://news.example/port-talks")["published"] == expected


def _dated(published: str, modified: str, shown: str) -> str:
    ld = (
        '{"@type": "NewsArticle", "headline": "Port talks stall", '
        f'"datePublished": "{published}", "dateModified": "{modified}"}}'
    )
    return (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
        f"<h1>Port talks stall</h1><span>Ana Ruiz</span><time datetime='{shown}'>·</time>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("shown", "expected_day"),
    [
        # the update (09:46Z) shown in local time, on the next day: not the publication
        ("2025-06-30T11:46:00", "2025-06-29"),
        # the publication itself (17:29Z) shown at UTC+8, on the next day: the local day
        ("2025-06-30T01:29:00", "2025-06-30"),
    ],
)
def test_next_day_shown_counts_only_as_the_publication_moment(
    shown: str, expected_day: str
) -> None:
    html = _dated("2025-06-29T17:29:54Z", "2025-06-30T09:46:00Z", shown)
    published = extract_article(html, "https://news.example/port-talks")["published"]
    assert published[:10] == expected_day


def _printed_only(lang: str, printed: str, extra: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>Port talks stall</title></head><body><article>"
        f"<h1>Port talks stall</h1><div><time>{printed}</time></div>"
        f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Again.</p>{extra}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "printed", "extra", "expected_day"),
    [
        ("es-AR", "06/10/2031 14:02", "", "2031-10-06"),  # Spanish prints the day first
        ("en-GB", "06/10/2031", "", "2031-10-06"),
        ("en-US", "06/10/2031", "", "2031-06-10"),
        # the page's other dates show its order, whatever the language says
        ("de", "06/10/2031", "<footer><p>Stand: 11/25/2031</p></footer>", "2031-06-10"),
        ("en-US", "06/10/2031", "<footer><p>Updated 25/11/2031</p></footer>", "2031-10-06"),
    ],
)
def test_numeric_date_read_in_the_order_the_page_uses(
    lang: str, printed: str, extra: str, expected_day: str
) -> None:
    html = _printed_only(lang, printed, extra)
    published = extract_article(html, "https://news.example/port-talks")["published"]
    assert published[:10] == expected_day
