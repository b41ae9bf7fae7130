"""A story's original and what each copy changed: truncation, headline, added text (pure)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newscrawl.syndication.signature import SHINGLE_WORDS, Signature

#: A copy holding less than this share of the fullest version's text is truncated.
TRUNCATED_BELOW = 0.8
#: Runs of at least this many shingles found in no other copy count as added text (a
#: substituted or inserted word makes a run of SHINGLE_WORDS only).
ADDED_RUN = SHINGLE_WORDS + 3
#: A copy adds text when it has at least this many added words (editor's notes included).
ADDED_MIN_WORDS = 10
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class Member:
    """What choosing the original needs to know about one copy."""

    article_id: int
    headline: str | None
    published_key: tuple[int, str]  # sorts earliest first, unknown last
    from_agency_site: bool  # published on the site of the story's wire agency
    size: int


@dataclass(frozen=True)
class CopyFlags:
    """How one copy differs from its story."""

    is_original: bool
    truncated: bool
    headline_changed: bool
    text_added: bool
    coverage: float  # share of the fullest version's text this copy holds
    added_words: int


def choose_original(members: Sequence[Member]) -> Member:
    """The wire's own page if crawled, else the earliest published, else the most complete."""
    return min(
        members, key=lambda m: (not m.from_agency_site, m.published_key, -m.size, m.article_id)
    )


def same_headline(a: str | None, b: str | None) -> bool:
    """Headlines equal up to case, punctuation and spacing."""
    return (
        _NON_WORD.sub(" ", (a or "").lower()).strip()
        == _NON_WORD.sub(" ", (b or "").lower()).strip()
    )


def added_words(copy: Signature, counts: Counter[int]) -> int:
    """Words of ``copy`` in long runs found in no other copy, plus its editor's notes.

    ``counts`` tells in how many copies of the story (this one included) each shingle is.
    """
    words = copy.note_words
    run = 0
    for h in [*copy.hashes.tolist(), None]:
        if h is not None and counts[h] < 2:
            run += 1
            continue
        if run >= ADDED_RUN:
            words += run + SHINGLE_WORDS - 1
        run = 0
    return words


def copy_flags(
    signatures: Sequence[Signature], headlines: Sequence[str | None], original: int
) -> list[CopyFlags]:
    """Flags of every member of one story (``original`` indexes the chosen original)."""
    fullest = max(range(len(signatures)), key=lambda i: (signatures[i].size, i == original))
    full = signatures[fullest].shingles
    counts: Counter[int] = Counter()
    for sig in signatures:
        counts.update(sig.shingles)
    flags = []
    for i, sig in enumerate(signatures):
        coverage = round(len(full & sig.shingles) / len(full), 3) if full else 1.0
        is_original = i == original
        added = 0 if is_original or len(signatures) < 2 else added_words(sig, counts)
        flags.append(
            CopyFlags(
                is_original,
                coverage < TRUNCATED_BELOW,
                not is_original and not same_headline(headlines[i], headlines[original]),
                added >= ADDED_MIN_WORDS,
                coverage,
                added,
            )
        )
    return flags
