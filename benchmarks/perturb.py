"""Pages with unfamiliar markup: class and id words replaced by opaque tokens.

A proxy for publishers whose markup names nothing we know (other languages, other CMSs):
every class/id word of a page (split at whitespace) is replaced by a token ``x<n>``, the
same word by the same token across the page, so repetition and structure stay and only the
meaning goes. Modes:

- ``names``: every word;
- ``known``: only the words our zone vocabulary names (``zones.words_zone``): what our
  own rules lose, the rest of the page's names kept;
- ``half``: half of the page's distinct words, chosen by a hash of the word (a fixed choice,
  the same on every run and for every extractor).

In these modes only ``class`` and ``id`` values change; tags, ``role``, ``itemprop`` and the
text stay. One more mode removes what many publishers never declare, leaving what the page
prints:

- ``declared``: JSON-LD scripts, ``<meta>`` tags naming a date or time
  (``article:published_time``, ``date``, ``dc.date.issued``...), ``datetime`` and ``pubdate``
  attributes and date ``itemprop``s (``datePublished``) go; class and id words stay.

Works on bytes (decoded as Latin-1, so any encoding survives byte for byte).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from newscrawl.extract.zones import words_zone

MODES = ("names", "known", "half", "declared")
_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ATTR = re.compile(r"""(?<=[\s"'])(class|id)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)
_VALUE = r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))"""
_JSON_LD = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL
)
_META = re.compile(r"<meta\b", re.IGNORECASE)
#: a meta tag's name (``name``, ``property``, ``itemprop``, ``http-equiv``) naming a date
_DATE_META = re.compile(
    r"""(?<=[\s"'])(?:name|property|itemprop|http-equiv)\s*=\s*["']?[^"'>]*"""
    r"(?:date|time|publish|modified|updated|created|issued|lastmod|revised)",
    re.IGNORECASE,
)
#: attributes declaring a machine date on a printed element
_DATE_ATTR = re.compile(
    rf"""\s(?:datetime{_VALUE}|pubdate{_VALUE}?(?=[\s/>])|"""
    rf"""itemprop\s*=\s*["']?date(?:published|modified|created)["']?)""",
    re.IGNORECASE,
)


def _halved(word: str) -> bool:
    """Half of all words, by a fixed hash of the word."""
    return hashlib.blake2b(word.encode("latin-1"), digest_size=1).digest()[0] % 2 == 0


_CHOSEN: dict[str, Callable[[str], bool]] = {
    "names": lambda word: True,
    "known": lambda word: bool(words_zone(word)),
    "half": _halved,
}


def undeclared(html: bytes) -> bytes:
    """The page without its declared dates and JSON-LD (``declared`` mode)."""

    def tag(match: re.Match[str]) -> str:
        text = match.group()
        if _META.match(text):
            return "" if _DATE_META.search(text) else text
        return _DATE_ATTR.sub("", text)

    text = _JSON_LD.sub("", html.decode("latin-1"))
    return _TAG.sub(tag, text).encode("latin-1")


def perturb(html: bytes, mode: str = "names") -> bytes:
    """The page perturbed by ``mode``: its class/id words chosen by the mode replaced by
    opaque tokens, or (``declared``) its declared dates and JSON-LD removed."""
    if mode == "declared":
        return undeclared(html)
    chosen = _CHOSEN[mode]
    tokens: dict[str, str] = {}

    def token(word: str) -> str:
        if not chosen(word):
            return word
        if word not in tokens:
            tokens[word] = f"x{len(tokens)}"
        return tokens[word]

    def attr(match: re.Match[str]) -> str:
        name, equals, value = match.groups()
        quote = value[0] if value[:1] in ("'", '"') else ""
        inner = value[1:-1] if quote else value
        new = re.sub(r"\S+", lambda w: token(w.group()), inner)
        return f"{name}{equals}{quote}{new}{quote}"

    def tag(match: re.Match[str]) -> str:
        return _ATTR.sub(attr, match.group())

    return _TAG.sub(tag, html.decode("latin-1")).encode("latin-1")
