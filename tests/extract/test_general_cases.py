"""General cases real sites have (issue 10), each on an invented page."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.bylines import person_name

TEXT = "The council met on Monday and voted on the ferry plan after a long debate in the hall. "
URL = "https://harbor-news.example/news/ferry-plan-passes"


def page(title: str, top: str, lines: tuple[str, ...] = (), head: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in (TEXT * 3, TEXT * 3, *lines))
    return (
        f"<html><head><title>{title}</title>{head}</head><body><header>{top}</header>"
        f"<article>{paragraphs}</article></body></html>"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Harbor News :: Ferry plan passes",
        "HARBOR NEWS » Ferry plan passes",
        "Harbor News – Ferry plan passes",
        "Ferry plan passes | Harbor News",
    ],
)
def test_site_name_as_prefix_or_suffix_with_any_separator(title: str) -> None:
    html = page(title, "<h1>Ferry plan passes</h1>")
    assert extract_article(html, URL)["headline"] == "Ferry plan passes"


@pytest.mark.parametrize("title", ["Harbor News", "Harbor News – Ferry plan passes"])
def test_headline_in_h2_when_h1_is_the_site_name(title: str) -> None:
    html = page(title, "<h1>Harbor News</h1><h2>Ferry plan passes</h2>")
    assert extract_article(html, URL)["headline"] == "Ferry plan passes"


@pytest.mark.parametrize(
    "chrome",
    [
        "Jane Doe covers city hall for The Courier. Send tips to jane@courier.example.",
        "Jane Doe is a staff writer for The Courier.",
        "Wire stories on this site are selected by our editors and may be edited for length.",
        "This article originally appeared on Riverbend Daily.",
    ],
)
def test_page_chrome_in_prose_form_is_not_body(chrome: str) -> None:
    story = "The ferry, which first ran in 1962, carries about 400 people a day, officials said."
    fields = extract_article(page("Ferry plan passes", "", (chrome, story)), URL)
    assert story in fields["body"]
    assert chrome not in fields["body"]


def test_a_comment_section_under_the_story_is_not_body() -> None:
    story = "The ferry, which first ran in 1962, carries about 400 people a day, officials said."
    comments = (
        "2 responses to “Ferry plan passes”",
        "About time the council did something for the island, I take the ferry every day.",
        "Leave a Reply",
        "You must be logged in to post a comment.",
    )
    fields = extract_article(page("Ferry plan passes", "", (story, *comments)), URL)
    assert story in fields["body"]
    assert not any(line in fields["body"] for line in comments)


def test_a_german_tagline_under_the_story_is_not_body() -> None:
    story = "The ferry, which first ran in 1962, carries about 400 people a day, officials said."
    tagline = "Korrespondent Jan Muster ist bei den Harbor News für die Inselpolitik zuständig."
    fields = extract_article(page("Ferry plan passes", "", (story, tagline)), URL)
    assert story in fields["body"]
    assert tagline not in fields["body"]


def test_a_long_newsletter_box_under_the_story_is_not_body() -> None:
    story = "The ferry, which first ran in 1962, carries about 400 people a day, officials said."
    box = (
        "Morning Tide: our newsletter brings you the island's news before the first ferry, "
        "with the council, the harbour and the weather in five minutes of reading, delivered "
        "to your inbox every weekday. Sign up here!"
    )
    assert len(box) > 160  # longer than the promotional lines dropped anywhere
    fields = extract_article(page("Ferry plan passes", "", (story, box)), URL)
    assert story in fields["body"]
    assert box not in fields["body"]


def test_chrome_words_inside_the_story_stay() -> None:
    quote = "Jane Doe covers city hall for The Courier, the mayor said in his speech on Monday."
    more = tuple(
        f"Paragraph {n} of the story goes on about the vote and its cost. " * 2 for n in range(12)
    )
    lines = (*more[:3], quote, *more[3:])  # mid-story, away from the edges
    assert quote in extract_article(page("Ferry plan passes", "", lines), URL)["body"]


def test_a_byline_blob_takes_the_declared_spelling() -> None:
    declared = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry plan '
        'passes", "author": {"@type": "Person", "name": "Sarah E. Needleman"}}</script>'
    )
    top = (
        "<h1>Ferry plan passes</h1><p class='byline'>By Sarah E. Needleman Sarah E. Needleman "
        "The Harbor News Biography @saraheneedleman sarah.needleman@harbor-news.example</p>"
    )
    fields = extract_article(page("Ferry plan passes", top, head=declared), URL)
    assert fields["authors"] == ["Sarah E. Needleman"]


@pytest.mark.parametrize("name", ["Cnn Business", "AP Auto", "Ap Auto", "Metro Desk"])
def test_outlets_and_desks_are_no_person(name: str) -> None:
    assert person_name(name) is None


def test_names_with_initials_are_one_person() -> None:
    top = "<h1>Ferry plan passes</h1><p class='byline'>By Sarah E. Needleman and John Roe</p>"
    fields = extract_article(page("Ferry plan passes", top), URL)
    assert fields["authors"] == ["Sarah E. Needleman", "John Roe"]
