"""Small text helpers shared by the extractors (pure, no HTML)."""

from __future__ import annotations

import html
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean_text(value: str | None) -> str:
    """Decode entities, NFC-normalize, drop invisible characters, collapse whitespace."""
    if not value:
        return ""
    if "&" in value:
        value = html.unescape(value)
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    return _SPACE.sub(" ", value).strip()


def fold(value: str) -> str:
    """Casefold and strip accents and punctuation, for comparing strings loosely."""
    value = unicodedata.normalize("NFKD", value)
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    return _SPACE.sub(" ", re.sub(r"[^\w\s]", " ", value)).strip()
