"""One person's names across the page's sources: declared spellings and full names.

A visible byline's fragments take the spelling the page declares (:func:`reconciled`).
Bylines that shorten a name, to a first name ("Henry") or initials ("DT"), get the full name.

Blogs and magazines often sign with a first name or initials while the page prints the full
name elsewhere: in the author box ("Stefanus Stahl - Maschinenbauer ..."), a photo credit, a
sidebar ("Mehr von Henry Steinhau"), a licence line ("... von Donald Townsend"). A short name
is completed when the page outside the article's text names someone whose name begins with
it (or whose initials it is); the body's own lines are not searched, since the people a story
mentions are not its author.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from newscrawl.extract.bylines import Byline, is_role, name_key, person_name
from newscrawl.extract.text import fold

_NAME_WORD = r"[^\W\d_][\w'’\-]+"
_MAX_INITIALS = 3
_MAX_TEXT = 300  # longer lines are prose, where names are mentioned, not signed


def _pattern(short: str) -> re.Pattern[str] | None:
    """What a full name of ``short`` looks like in text, or None when it is no short name."""
    if not short.isalpha() or not short[:1].isupper():
        return None
    if short.isupper() and 2 <= len(short) <= _MAX_INITIALS:  # initials: "DT"
        return re.compile(r"\b" + r"\s+".join(rf"{c}[\w'’\-]+" for c in short) + r"\b")
    if len(short) < 3:
        return None
    return re.compile(rf"(?i:\b{re.escape(short)})\s+({_NAME_WORD})\b")


def _full_name(short: str, texts: Iterable[str]) -> str | None:
    """The most frequent full name of ``short`` in ``texts``, or None."""
    pattern = _pattern(short)
    if pattern is None:
        return None
    initials = short.isupper()
    found: Counter[str] = Counter()
    for text in texts:
        if len(text) > _MAX_TEXT:
            continue
        for m in pattern.finditer(text):
            name = m.group(0)
            if not initials and not m.group(1)[:1].isupper():
                continue  # "Henry ansehen": a verb, not a surname
            name = person_name(name) or ""
            if " " in name and not is_role(name):
                found[name] += 1
    if not found:
        return None
    return found.most_common(1)[0][0]


def complete_names(authors: list[str], texts: list[str], sites: set[str]) -> list[str]:
    """``authors`` with each one-word name replaced by the full name the page prints.

    A one-word name that is the site's (``sites``: folded, without spaces) stays as it is.
    """
    out: list[str] = []
    for author in authors:
        short = " " not in author and fold(author).replace(" ", "") not in sites
        full = _full_name(author, texts) if short else None
        name = full or author
        if fold(name) not in {fold(n) for n in out}:
            out.append(name)
    return out


def same_person(a: str, b: str) -> bool:
    """True when the words of one name (initials aside) are all in the other."""
    wa = {w for w in fold(a).split() if len(w) > 1}
    wb = {w for w in fold(b).split() if len(w) > 1}
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def shares_person(shown: list[str], people: list[str]) -> bool:
    """True when a byline names at least one of ``people``."""
    return any(same_person(a, p) for a in shown for p in people)


def reconciled(shown: Byline, people: list[str]) -> Byline:
    """A visible byline's names in the spelling the page declares.

    A byline blob ("By Sarah E. Needleman Sarah E. Needleman ... @handle") parses into
    fragments ("Sarah", "Needleman Sarah"); each fragment of a declared name becomes that
    name. Names no declaration matches stay as shown.
    """
    if not people:
        return shown
    names: list[str] = []
    for name in shown.authors:
        match = next((p for p in people if same_person(name, p)), name)
        if name_key(match) not in {name_key(n) for n in names}:
            names.append(match)
    return Byline(shown.text, names, shown.agencies)
