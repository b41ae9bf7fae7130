"""Headline: the visible <h1> checked against declared titles, without the site's name."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.headline import host_names, shared_title, strip_site_name


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
        (
            "Von Sprachregeln und «ganz normalem Deutsch»",
            [],
            "Von Sprachregeln und «ganz normalem Deutsch»",
        ),
        ("Hun voksede op: »Det var en styrke«", [], "Hun voksede op: »Det var en styrke«"),
        ("Riverbend Daily » Harbor towns split", ["Riverbend Daily"], "Harbor towns split"),
        (  # "co" of riverbend.co.za is no site name inside "collectors"
            "BUDGET 3.0 | Council hires debt collectors",
            ["riverbend", "co"],
            "BUDGET 3.0 | Council hires debt collectors",
        ),
        (
            "市议会通过明年的新预算方案！-河畔日报",
            [],
            "市议会通过明年的新预算方案！",
        ),  # a CJK name glued by a dash
        ("시의회, 새 예산 승인했다-정치ㅣ강변일보", [], "시의회, 새 예산 승인했다"),
        ("中美-贸易谈判", [], "中美-贸易谈判"),
        (
            "Harbor • Harbor Weekly",
            ["Harbor Weekly"],
            "Harbor",
        ),  # the name, not a later "Harbor"  # too short a title for a name to leave
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


def test_unlinked_heading_wins_over_its_teaser_in_a_list() -> None:
    paragraph = "The ski jumper won the second round in front of a large crowd on Sunday afternoon."
    html = (
        "<html><head><title>Lindqvist wins in Hallberg</title></head><body>"
        "<div><h3><a href='/n/2'>Trials start in the north</a></h3><div>01.02.2022 16:28</div>"
        "<h3><a href='/n/1'>Lindqvist wins in Hallberg</a></h3><div>30.01.2022 18:36</div>"
        "<h3><a href='/n/0'>Team named for the games</a></h3><div>13.01.2022 17:59</div></div>"
        "<div><h2>Lindqvist wins in Hallberg</h2><div>Erstellt am: 30.01.2022 18:36</div>"
        f"<p>{paragraph}</p><p>{paragraph} Again.</p></div></body></html>"
    )
    fields = extract_article(html, "https://ski.example/news/1")
    assert fields["headline"] == "Lindqvist wins in Hallberg"
    assert fields["published"] == "2022-01-30T18:36:00"


@pytest.mark.parametrize(
    "h1",
    [
        "<h1><span>Ferry plan</span><span>Towns split over the new route</span></h1>",
        "<h1><span>Ferry plan</span> <span>Towns split over the new route</span></h1>",
    ],
)
def test_heading_parts_read_as_the_agreeing_declared_titles_punctuate_them(h1: str) -> None:
    """Parts in their own elements render glued or spaced; two declared titles agree."""
    html = _page(
        h1,
        "Ferry plan: Towns split over the new route | Kurier",
        og="Ferry plan: Towns split over the new route",
    )
    assert extract_article(html, "https://kurier.example/a/2")["headline"] == (
        "Ferry plan: Towns split over the new route"
    )


def test_one_declared_title_does_not_repunctuate_the_heading() -> None:
    html = _page(
        "<h1><span>Ferry plan</span> <span>Towns split over the new route</span></h1>",
        "Why the towns fight over ferries | Kurier",
        og="Ferry plan: Towns split over the new route",
    )
    assert extract_article(html, "https://kurier.example/a/3")["headline"] == (
        "Ferry plan Towns split over the new route"
    )


def test_printed_heading_keeps_a_short_capitalized_last_part() -> None:
    html = _page(
        "<h1>Council criminalized students for bad grades – Until Now</h1>",
        "Council criminalized students for bad grades – Until Now | Kurier",
    )
    assert extract_article(html, "https://kurier.example/a/4")["headline"] == (
        "Council criminalized students for bad grades – Until Now"
    )


def test_declared_title_loses_an_unknown_brand_when_nothing_is_printed() -> None:
    html = _page("", "Harbor towns split over the ferry plan | Metro")
    assert extract_article(html, "https://kurier.example/a/5")["headline"] == (
        "Harbor towns split over the ferry plan"
    )


def test_declared_title_the_page_prints_wins_over_the_first_declared() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Rathaus - Council approves the new budget"}</script>'
    )
    html = _page(
        "<div class='story-title'>Council approves the new budget</div>",
        "Council approves the new budget",
        og="Council approves the new budget",
    ).replace("</head>", ld + "</head>")
    assert extract_article(html, "https://kurier.example/a/6")["headline"] == (
        "Council approves the new budget"
    )


def test_json_ld_headline_keeps_a_short_capitalized_last_part() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Fire at a depot in the harbour – Heavy Smoke"}</script>'
    )
    html = _page("", "Warning over smoke from the harbour fire").replace("</head>", ld + "</head>")
    assert extract_article(html, "https://kurier.example/a/7")["headline"] == (
        "Fire at a depot in the harbour – Heavy Smoke"
    )


@pytest.mark.parametrize(
    ("references", "expected"),
    [
        (
            ["Ferry plan: Towns split over the route", "Towns split over the route"],
            "Towns split over the route",
        ),
        (
            ["Towns split over the route - Ferry plan", "Harbor row: Towns split over the route"],
            "Towns split over the route",
        ),
        (["Ferry plan: Towns split over the route", "Ferry plan: Towns split over the route"], ""),
        # a kicker the titles share is not their title
        (
            [
                "Storm over the valley: Roads into town stay shut all week",
                "Storm over the valley: Schools and the library close until Monday",
            ],
            "",
        ),
        (["Towns split over the route", "Why the towns fight over ferries"], ""),
    ],
)
def test_shared_title(references: list[str], expected: str) -> None:
    assert shared_title(references) == expected


@pytest.mark.parametrize(
    ("h1", "title", "og", "url", "expected"),
    [
        pytest.param(
            "<h1><span>Harbor row</span> <span>Towns split over the new route</span></h1>",
            "Harbor row: Towns split over the new route | Kurier",
            "Towns split over the new route - Ferry plan",
            "https://kurier.example/a/8",
            "Towns split over the new route",
            id="kicker the declared titles disagree on leaves the heading",
        ),
        pytest.param(
            "<h1>Riverside Trust for working children and young people</h1>"
            "<h2>Children and work</h2>",
            "Children and work » Riverside Trust",
            "",
            "https://riverside-trust.example/work",
            "Children and work",
            id="story heading equal to the title beats an organization h1",
        ),
        pytest.param(
            "<h1>News</h1><h1>The first electron decides the reaction</h1>",
            "News - Lakeside Institute",
            "The first electron decides the reaction",
            "https://lakeside.example/news/electron",
            "The first electron decides the reaction",
            id="section h1 equal to a generic title loses to the story h1",
        ),
        pytest.param(
            "<h2>How to Plant a Pear Tree from Seed | Step-by-Step Guide</h2>",
            "How to Plant a Pear Tree from Seed | Step-by-Step Guide",
            "",
            "https://orchard.example/pear",
            "How to Plant a Pear Tree from Seed | Step-by-Step Guide",
            id="printed heading keeps the part a brand was guessed off",
        ),
        pytest.param(
            "<h1>Love goes through the stomach</h1>",
            "Beef stew with apples and onions | Love goes through the stomach",
            "",
            "https://kitchen.example/recipes/stew",
            "Beef stew with apples and onions",
            id="h1 printing the title's last part is the site's name",
        ),
        pytest.param(
            "<h1>Council approves the new budget</h1>",
            "Politics | Council approves the new budget",
            "",
            "https://kurier.example/a/10",
            "Council approves the new budget",
            id="h1 printing the title's longer last part stays the headline",
        ),
        pytest.param(
            "<h1>Announcements</h1><h1>New opening hours for the town hall</h1>",
            "Riverbend Council - Announcements - New opening hours for the town hall",
            "",
            "https://riverbend-council.example/news/7",
            "New opening hours for the town hall",
            id="heading ending the declared title beats a section heading",
        ),
    ],
)
def test_heading_against_declared_titles(
    h1: str, title: str, og: str, url: str, expected: str
) -> None:
    assert extract_article(_page(h1, title, og=og), url)["headline"] == expected


def test_unprinted_declared_titles_lose_the_kicker_one_of_them_adds() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "\\"It starts soon\\": Council approves the new budget"}</script>'
    )
    html = _page("", "Council approves the new budget", og="Council approves the new budget")
    html = html.replace("</head>", ld + "</head>")
    assert extract_article(html, "https://kurier.example/a/9")["headline"] == (
        "Council approves the new budget"
    )


def _titled(title: str, body: str) -> str:
    paragraph = "<p>" + "The district council approved the new cycle lanes on Monday. " * 3 + "</p>"
    return f"<html><head><title>{title}</title></head><body>{body}{paragraph}</body></html>"


def test_story_h1_when_only_a_title_matching_no_heading_is_declared() -> None:
    """A <title> naming the site or a section, no other title: the story's <h1> of three
    words or more, not the <title> and not a one-word section <h1> (issue 10, wmeta11)."""
    body = "<h1>Neuigkeiten</h1><h1>Neue Radwege am Hafen beschlossen</h1>"
    page = _titled("Example Verein | Kurse für Kinder", body)
    assert extract_article(page, "https://verein.example/a")["headline"] == (
        "Neue Radwege am Hafen beschlossen"
    )


def test_title_printed_in_a_block_keeps_the_title() -> None:
    body = "<div>Radwege: Der Rat stimmt zu. Mehr dazu</div><h1>Unterstützen Sie uns jetzt!</h1>"
    page = _titled("Radwege: Der Rat stimmt zu", body)
    assert extract_article(page, "https://verein.example/a")["headline"] == (
        "Radwege: Der Rat stimmt zu"
    )
