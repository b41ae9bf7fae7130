"""Small text helpers shared by the extractors."""

from __future__ import annotations

import html
import re
import unicodedata

from lxml.etree import _Element

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(value: str | None) -> str:
    """Decode entities, NFC-normalize, drop invisible characters, collapse whitespace."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    if not value.isascii():
        value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    return " ".join(value.split())


def element_text(el: _Element, separator: str = "") -> str:
    """The visible text of an element (its descendants' text, not its tail), whitespace collapsed."""
    return " ".join(separator.join(el.itertext()).split())


def words(text: str) -> frozenset[str]:
    """The space-separated words of a literal word list."""
    return frozenset(text.split())


def fold(value: str) -> str:
    """Casefold and strip accents and punctuation, for comparing strings loosely."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    return _SPACE.sub(" ", re.sub(r"[^\w\s]", " ", value)).strip()
