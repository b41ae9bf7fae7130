"""Text helpers: fold() compares strings loosely, the same way for ASCII and other text."""

from __future__ import annotations

import re
import string
import unicodedata

import pytest

from newscrawl.extract.text import INVISIBLE_CHARS, clean_text, drop_invisible, ends_with, fold


def _fold_by_regex(value: str) -> str:
    """fold() as written once for any text: regex passes, no ASCII shortcut."""
    value = unicodedata.normalize("NFKD", value).casefold()
    value = "".join(c for c in value if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", value)).strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbor News", "harbor news"),
        ("  HARBOR-NEWS.com ", "harbor news com"),
        ("Süddeutsche Zeitung", "suddeutsche zeitung"),
        ("Jane  Doe\t(AP)\n", "jane doe ap"),
        ("l'Équipe — «sport»", "l equipe sport"),
        ("snake_case stays", "snake_case stays"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_of_ascii_is_the_general_fold() -> None:
    every = "".join(chr(c) for c in range(128))
    samples = [every, string.punctuation, "a\x1cb\x1fc", "Mixed CASE, punct!? _x_ 12.5%"]
    for text in samples:
        assert fold(text) == _fold_by_regex(text)


def test_clean_text_collapses_space_and_decodes() -> None:
    assert clean_text(" Tom &amp; Jerry\u200b \n ") == "Tom & Jerry"


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "Stra\u00dfe", "soft\u00adhyphen", "zero\u200bwidth\u200c\u200d join",
     "\ufeffbom and \u2060 joiner", "\U0001f600 wide \u200b", "", "\u00ad" * 3],
)  # fmt: skip
def test_drop_invisible_is_the_regex(text: str) -> None:
    assert drop_invisible(text) == re.sub(f"[{INVISIBLE_CHARS}]", "", text)


@pytest.mark.parametrize(
    "text",
    ["", "end.", "end.\n", "end.\n\n", "no end", "\u300c\u300d", "quote\u201d", "a.b", "\n", "?"],
)
def test_ends_with_is_the_regex(text: str) -> None:
    chars = frozenset(".?\u300d\u201d")
    assert ends_with(text, chars) == bool(re.search("[.?\u300d\u201d]$", text))
