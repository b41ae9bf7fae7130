"""Bylines: names in display case, wire agencies apart, junk and CMS accounts rejected."""

from __future__ import annotations

import re

import pytest

from newscrawl.extract.bylines import (
    AGENCIES,
    Byline,
    agency_of,
    dated_byline,
    dateline_agency,
    has_prefix,
    inline_byline,
    is_cms_handle,
    is_job_title,
    is_role,
    normalize_name,
    parse_byline,
    person_name,
)
from newscrawl.loaders import clean_byline


@pytest.mark.parametrize(
    ("text", "authors", "agencies"),
    [
        ("By JANE DOE and JOHN ROE, Associated Press", ["Jane Doe", "John Roe"], ["AP"]),
        ("By JANE DOE and JOHN ROE Associated Press", ["Jane Doe", "John Roe"], ["AP"]),
        ("By The Associated Press", [], ["AP"]),
        ("Associated Press", [], ["AP"]),
        ("AP", [], ["AP"]),
        ("By Jane Doe, Reuters", ["Jane Doe"], ["Reuters"]),
        (
            "Von Max Mustermann und Erika Musterfrau, dpa",
            ["Max Mustermann", "Erika Musterfrau"],
            ["dpa"],
        ),
        ("Por María José García", ["María José García"], []),
        ("By Jane Doe, Staff Writer", ["Jane Doe"], []),
        ("Autor: Rechtsanwalt Max Mustermann", ["Max Mustermann"], []),
        ("Von Online-Redakteurin Erika Musterfrau", ["Erika Musterfrau"], []),
        ("Online-Redakteurin, Erika Musterfrau", ["Erika Musterfrau"], []),
        ("By Reporter Jane Doe", ["Jane Doe"], []),
        ("Submitted by Jane Doe on May 3, 2024", ["Jane Doe"], []),
        ("Interview von Eugen Muster mit Sonja Probe", ["Eugen Muster"], []),
        ("By Lou Pettibone, Gazette Staff Writer", ["Lou Pettibone"], []),
        ("Jane Doe | Senior Reporter", ["Jane Doe"], []),
        ("By Jane Doe - 11/19/19 06:56 AM EST", ["Jane Doe"], []),
        ("von Marc Scheloske | 20. Mai 2007 | Ergebnisse", ["Marc Scheloske"], []),
        ("Posted by Jane Doe in Politics", ["Jane Doe"], []),
        ("Written by: Ludwig van Beethoven", ["Ludwig van Beethoven"], []),
        ("Geschrieben vonElisa Marvena", [], []),  # glued words stay junk rather than guessed
        ("Autor: Fritz Imhof", ["Fritz Imhof"], []),
        ("By Jane Doe (@janedoe)", ["Jane Doe"], []),
        ("By Rob Picheta, CNN", ["Rob Picheta"], []),
        ("By Jane Doe on Wed, Nov 8, 2023 at 1:02 pm", ["Jane Doe"], []),
        ("Ana Ruiz y José Luis Mora Hace 13 horas", ["Ana Ruiz", "José Luis Mora"], []),
        ("Von Jane Doe vor 3 Stunden", ["Jane Doe"], []),
    ],
)
def test_parse_byline(text: str, authors: list[str], agencies: list[str]) -> None:
    parsed = parse_byline(text)
    assert [normalize_name(a) for a in parsed.authors] == authors  # the loader's names
    assert parsed.agencies == agencies


@pytest.mark.parametrize(
    "text",
    [
        "gvw_ap_news",
        "admin2",
        "www.facebook.com/janedoe",
        "on December 3",
        "Share this article",
        "By the time we realised what was happening, it was already too late.",
        "Von Sprachregeln, Gender-Politik und ganz normalem Deutsch",
        "Staff Attorney, ACLU Racial Justice Program",
        "Senior Politics Reporter",
        "",
    ],
)
def test_parse_byline_rejects_junk(text: str) -> None:
    parsed = parse_byline(text)
    assert parsed.authors == []
    assert parsed.agencies == []


def test_user_names_only_in_explicit_bylines() -> None:
    assert parse_byline("von eseppelt · 31. Oktober 2023").authors == []
    assert parse_byline("von eseppelt · 31. Oktober 2023", handles=True).authors == ["eseppelt"]
    assert parse_byline("By gvw_ap_news", handles=True).authors == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("JANE DOE", "Jane Doe"),
        ("jane doe", "Jane Doe"),
        ("Jean-Luc O'Neill", "Jean-Luc O'Neill"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("By Jane Doe", "Jane Doe"),
        ("Updated 5 minutes ago", None),
        ("Staff Writer", None),
        ("The Editors", None),
        ("gvw_ap_news", None),
        ("https://example.com/jane", None),
    ],
)
def test_normalize_name(value: str, expected: str | None) -> None:
    assert normalize_name(value) == expected


def test_dateline_agency() -> None:
    assert dateline_agency("HAFENSTADT (dpa/lno) – Der Rat tagte.") == Byline(
        "dpa/lno", [], ["dpa"]
    )
    assert dateline_agency("RIVERTON, Ore. (AP) — The council met.") == Byline("AP", [], ["AP"])
    assert dateline_agency("HAFENSTADT (eigener Bericht) – Der Rat tagte.") is None
    assert dateline_agency("The mayor (who spoke first) - said no.") is None


def test_roles() -> None:
    assert is_role("Autoren")  # a menu entry ("Über uns | Autoren | Kontakt"), not a name
    assert is_role("Staff Writer")
    assert not is_role("Jane Doe")


def test_cms_handles() -> None:
    assert is_cms_handle("gvw_ap_news")
    assert is_cms_handle("admin2")
    assert not is_cms_handle("Jane Doe")


def test_agencies() -> None:
    assert agency_of("The Associated Press") == "AP"
    assert agency_of("Agence France-Presse") == "AFP"
    assert agency_of("Jane Doe") is None


def test_agencies_match_as_one_pattern_each() -> None:
    """The single pattern gives what one pattern an agency, tried in order, gave."""
    each = [(n, re.compile(r"^(?:" + "|".join(p) + r")$", re.I)) for n, p in AGENCIES.items()]
    parts = ["AP", "a.p.", "Reuters Staff", "KEYSTONE-SDA", "Kyodo News", "apa", "ap news",
             "(AFP)", "dpa.", "Europa Press", "europa", "Jane Doe", "", "ap\n", "The AP"]  # fmt: skip
    for part in parts:
        cleaned = part.strip(" .,;:-–—()[]").strip()
        expected = next((name for name, rx in each if rx.match(cleaned)), None)
        assert agency_of(part) == expected, part


def test_person_name_cached_gives_the_objects_of_a_call() -> None:
    """The cache hands out the input itself where a call gave it (a one-word name), else a
    new string each time, as an uncached call did."""
    given = "".join(["Smi", "th"])
    assert person_name(given) is given
    again = "".join(["Smi", "th"])
    assert person_name(again) is again
    first = person_name("By  Jane Doe")
    second = person_name("By  Jane Doe")
    assert first == second == "Jane Doe" and first is not second
    assert person_name("Read more") is None


def test_byline_shapes() -> None:
    assert has_prefix("By Jane Doe")
    assert has_prefix("— by Jane Doe")
    assert has_prefix("Von Lena Brandt")
    assert not has_prefix("Byron Bay floods again")
    assert inline_byline("Posted on September 21, 2020 by Adi Tzlil") == "Adi Tzlil"
    assert inline_byline("Christoph von Ritter") == ""
    assert dated_byline("11.12.2019 - Amelie Loevenich") == "Amelie Loevenich"
    assert dated_byline("Janic Cathomen, 01.12.2021") == "Janic Cathomen"
    assert (
        dated_byline("BERLIN (dpa) – Die Stadtwerke erhöhen die Preise im Jahr 2025 deutlich") == ""
    )


@pytest.mark.parametrize(
    ("text", "display"),
    [
        (
            "Mark Rowe , The Lakeside Ledger Published 7:40 p.m. ET March 17, 2020",
            "Mark Rowe, The Lakeside Ledger",
        ),
        ("By Jane Doe | Updated 3 hours ago", "By Jane Doe"),
        ("Jane Doe - Last updated 2024-05-03 10:00", "Jane Doe"),
        ("Von Anna Berg, veröffentlicht am 4. März 2025", "Von Anna Berg"),
        (
            "By JANE DOE and JOHN ROE, Associated Press",
            "By JANE DOE and JOHN ROE, Associated Press",
        ),
    ],
)
def test_displayed_byline_drops_a_glued_date_line(text: str, display: str) -> None:
    assert clean_byline(parse_byline(text).text) == display


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("이서준", ["이서준"]),  # Hangul: no capitals, a name in one word
        ("이서준 기자", ["이서준"]),  # "reporter" after the name
        ("이서준 선임기자 외 2명", ["이서준"]),  # "senior reporter and two others"
        ("王小明记者", ["王小明"]),
        ("山本 花子 記者", ["山本 花子"]),
        ("سارة الخطيب", ["سارة الخطيب"]),  # Arabic: no capitals either
        ("अनीता वर्मा", ["अनीता वर्मा"]),  # Devanagari: vowel signs inside the words
        ("สมหญิง ใจงาม", ["สมหญิง ใจงาม"]),  # Thai
    ],
)
def test_names_in_scripts_without_case(text: str, authors: list[str]) -> None:
    assert parse_byline(text).authors == authors


@pytest.mark.parametrize(
    "text",
    [
        "使用前请阅读本站协议",  # a phrase, longer than a name written in Han signs
        "東海新聞デジタル",  # a newspaper
        "대한일보",  # "daily" (a newspaper)
        "وكالة الأنباء المحلية",  # "agency"
        "लखनऊ ब्यूरो",  # "bureau"
        "jane Doe",  # Latin letters keep the capital rule
    ],
)
def test_caseless_text_that_is_no_name(text: str) -> None:
    assert person_name(text) is None


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Autor Clara Beispiel:", ["Clara Beispiel"]),  # a label without its colon
        ("Autorin/Autor Tom Muster", ["Tom Muster"]),
        ("Autor*in Ina Probe", ["Ina Probe"]),
        ("Author Jane Doe", ["Jane Doe"]),
    ],
)
def test_author_label_without_a_colon(text: str, authors: list[str]) -> None:
    assert has_prefix(text)
    assert parse_byline(text).authors == authors


def test_author_as_a_word_of_a_sentence_is_no_label() -> None:
    assert not has_prefix("Author Jane Doe, from Springfield, said she started writing early.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Buch der Woche", None),  # a rubric
        ("Pressestelle der Stadtwerke Beispielstadt", None),  # an office
        ("Jan van der Beispiel", "Jan van der Beispiel"),
        ("Clara von der Muster", "Clara von der Muster"),
        ("Ina den Probe", "Ina den Probe"),
    ],
)
def test_der_between_capitals_is_a_phrase(text: str, name: str | None) -> None:
    assert person_name(text) == name


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("xy", ["xy"]),  # the code an editor signs with, in an element marked as byline
        ("abc/defg; hij", ["abc", "defg", "hij"]),
        ("von xy", ["xy"]),
        ("am", []),
        ("gvw_ap_news", []),
    ],
)
def test_signing_codes_in_a_byline(text: str, codes: list[str]) -> None:
    assert parse_byline(text, handles=True).authors == codes
    assert parse_byline(text).authors == []  # not in text that may be no byline


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Par Clara Beispiel le 07 Mai 2020", ["Clara Beispiel"]),
        ("Von Clara Beispiel 19. Oktober 2019 00:04 Uhr", ["Clara Beispiel"]),
        ("Clara Beispiel Pressesprecherin 030 65211-1780", []),  # a phone number, no date
        ("Clara Beispiel, Tom Muster November 8 2023, 3:18 p.m.", ["Clara Beispiel", "Tom Muster"]),
        ("Author: Clara Beispiel, Datum: 03.Mär.19", ["Clara Beispiel"]),  # no "Datum"
        ("Von Clara Beispiel | Oct 24, 2023", ["Clara Beispiel"]),  # no "Oct"
    ],
)
def test_date_glued_after_the_names(text: str, authors: list[str]) -> None:
    assert parse_byline(text, handles=True).authors == authors


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("28. Jan. 2022 Clara Beispiel", "Clara Beispiel"),
        ("September 17, 2019 Clara Beispiel 0", "Clara Beispiel"),
        ("Oct 9, 2019 8:54 pm EST Clara Beispiel", "Clara Beispiel"),
        ("28. April 2023, 19:50 Uhr Clara Beispiel", "Clara Beispiel"),
        ("9. Oct 2019, 8:54 PM IST", ""),  # a time's marks and zone are no name
        ("2 Clara Beispiel", ""),  # no date
        ("— Clara Beispiel (@clara) 5 November 2020", ""),  # a quoted post's signature
    ],
)
def test_name_glued_to_a_date(text: str, name: str) -> None:
    assert dated_byline(text) == name


def test_byline_text_without_the_date_after_the_names() -> None:
    assert parse_byline("Par Clara Beispiel le 07 Mai 2020").text == "Par Clara Beispiel"
    assert parse_byline("Par Clara B. le 14.09.2020 à 11h46").text == "Par Clara B."


def test_column_word_opens_an_inline_byline() -> None:
    assert inline_byline("Kolumne von Clara Beispiel") == "Clara Beispiel"


def test_co_author_after_the_first_authors_affiliation() -> None:
    text = "Clara Beispiel, Staff Attorney, Civic Rights Program & Tom Muster, Director of Studies"
    assert parse_byline(text).authors == ["Clara Beispiel", "Tom Muster"]
    # after a date, what follows is no name
    assert parse_byline("Clara Beispiel | 3 May 2024 | Politics and Society News").authors == [
        "Clara Beispiel"
    ]


def test_job_title_is_no_co_author() -> None:
    assert is_job_title("Leitender Wirtschaftsredakteur")
    assert not is_job_title("Clara Beispiel")


def test_a_korean_reporter_is_the_name_before_the_role() -> None:
    # the dateline's places come first: "Busan, Ulsan, Kim Min-jun, reporter"
    assert parse_byline("부산, 울산 김민준 기자").authors == ["김민준"]
    assert parse_byline("김민준 기자, 이서연 기자").authors == ["김민준", "이서연"]


def test_names_printed_twice_or_glued_to_a_button() -> None:
    assert person_name("Clara Beispiel Clara Beispiel") == "Clara Beispiel"
    assert person_name("Clara BeispielFollow") == "Clara Beispiel"
    assert person_name("Clara BeispielTwitter") == "Clara Beispiel"
    assert person_name("Clara McBeispiel") == "Clara McBeispiel"


def test_a_name_ends_in_no_particle() -> None:
    # "von Gastleserin zu <another story>": a list of comments on other stories
    assert person_name("Gastleserin zu") is None
    assert parse_byline("von Gastleserin zu", handles=True).authors == []
    assert person_name("Jan van der Berg") == "Jan van der Berg"


def test_about_me_and_desk_roles() -> None:
    assert parse_byline("Über mich", handles=True).authors == []
    assert parse_byline("Clara Beispiel Parliamentary editor").authors == ["Clara Beispiel"]


def test_name_before_a_numeric_date() -> None:
    assert dated_byline("Clara Beispiel 3/5/2022 22:41") == "Clara Beispiel"
    # a rubric after a numeric date is no name
    assert dated_byline("07.12.2022 Wissen Klima Umwelt") == ""
