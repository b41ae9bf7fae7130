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

Only ``class`` and ``id`` values change; tags, ``role``, ``itemprop`` and the text stay.
Works on bytes (decoded as Latin-1, so any encoding survives byte for byte).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from newscrawl.extract.zones import words_zone

MODES = ("names", "known", "half")
_TAG = re.compile(r"""<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ATTR = re.compile(r"""(?<=[\s"'])(class|id)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


def _halved(word: str) -> bool:
    """Half of all words, by a fixed hash of the word."""
    return hashlib.blake2b(word.encode("latin-1"), digest_size=1).digest()[0] % 2 == 0


_CHOSEN: dict[str, Callable[[str], bool]] = {
    "names": lambda word: True,
    "known": lambda word: bool(words_zone(word)),
    "half": _halved,
}


def perturb(html: bytes, mode: str = "names") -> bytes:
    """The page with its class/id words chosen by ``mode`` replaced by opaque tokens."""
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
