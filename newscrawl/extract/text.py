"""Small text helpers shared by the extractors."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from lxml.etree import _Element

_PUNCTUATION = re.compile(r"[^\w\s]")
#: The ASCII characters _PUNCTUATION matches, as a table turning them into spaces.
_ASCII_PUNCTUATION = {c: " " for c in range(128) if _PUNCTUATION.match(chr(c))}
#: Soft hyphens and zero widths: never visible.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")


def drop_invisible(value: str) -> str:
    """``value`` without soft hyphens and zero widths (most texts hold none: a substring
    test per character is much cheaper than a regex scan)."""
    for char in INVISIBLE_CHARS:
        if char in value:
            return _INVISIBLE.sub("", value)
    return value


def ends_with(text: str, chars: frozenset[str]) -> bool:
    """Whether ``text``'s last character, one final newline aside, is one of ``chars``: what
    a regex search for ``[chars]$`` finds, without a try at every position of the text."""
    if text.endswith("\n"):
        text = text[:-1]
    return text[-1:] in chars


def clean_text(value: str | None) -> str:
    """Decode entities, NFC-normalize, drop invisible characters, collapse whitespace."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    if not value.isascii():
        value = drop_invisible(unicodedata.normalize("NFC", value))
    return " ".join(value.split())


def element_text(el: _Element, separator: str = "") -> str:
    """The visible text of an element (its descendants' text, not its tail), whitespace collapsed."""
    return " ".join(separator.join(el.itertext()).split())


def words(text: str) -> frozenset[str]:
    """The space-separated words of a literal word list."""
    return frozenset(text.split())


class _WithoutCombining(dict[int, int | None]):
    """A ``str.translate`` table deleting combining characters (accents once split off),
    filled in as characters are met."""

    def __missing__(self, char: int) -> int | None:
        kept = None if unicodedata.combining(chr(char)) else char
        self[char] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


@lru_cache(maxsize=1 << 12)  # the same names and lines are compared many times a page
def fold(value: str) -> str:
    """Casefold and strip accents and punctuation, for comparing strings loosely."""
    if value.isascii():  # no accents to split off; casefold is lower
        return " ".join(value.lower().translate(_ASCII_PUNCTUATION).split())
    value = unicodedata.normalize("NFKD", value).translate(_WITHOUT_COMBINING).casefold()
    return " ".join(_PUNCTUATION.sub(" ", value).split())
