"""A story's original and what each copy changed: truncation, headline, added text (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

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


def added_words(hashes: Sequence[np.ndarray], alone: np.ndarray) -> np.ndarray:
    """Per copy, its words in long runs of shingles found in no other copy.

    ``hashes`` are the copies' shingles in text order, ``alone`` (over all of them, one
    copy after the other) marks the shingles found in one copy only.
    """
    sizes = np.array([len(h) for h in hashes], dtype=np.int64)
    bounds = np.cumsum(sizes)[:-1]
    owner = np.insert(np.repeat(np.arange(len(hashes)), sizes), bounds, -1)
    flags = np.insert(alone.astype(np.int8), bounds, 0)  # runs end where a copy ends
    edges = np.diff(np.concatenate(([0], flags, [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long = ends - starts >= ADDED_RUN
    words = ends[long] - starts[long] + SHINGLE_WORDS - 1
    return np.bincount(owner[starts[long]], weights=words, minlength=len(hashes)).astype(int)


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (a plain sort: faster than np.unique on small arrays)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def shared_shingles(signatures: Sequence[Signature], fullest: int) -> tuple[np.ndarray, np.ndarray]:
    """Per copy, how many distinct shingles of copy ``fullest`` it holds; and over all
    copies' shingles in text order, whether the shingle is found in one copy only."""
    k = len(signatures)
    sizes = [sig.size for sig in signatures]
    hashes = np.concatenate([sig.hashes for sig in signatures]).astype(np.int64)
    pairs = _distinct(hashes * k + np.repeat(np.arange(k, dtype=np.int64), sizes))
    shingle, copy = pairs // k, pairs % k  # distinct (shingle, copy), sorted by shingle
    first = np.flatnonzero(np.concatenate(([True], shingle[1:] != shingle[:-1])))
    values, counts = shingle[first], np.diff(np.append(first, len(shingle)))
    full = shingle[copy == fullest]
    in_full = full[np.searchsorted(full, shingle).clip(max=len(full) - 1)] == shingle
    held = np.bincount(copy[in_full], minlength=k)
    alone = counts[np.searchsorted(values, hashes)] < 2
    return held, alone


def copy_flags(
    signatures: Sequence[Signature], headlines: Sequence[str | None], original: int
) -> list[CopyFlags]:
    """Flags of every member of one story (``original`` indexes the chosen original)."""
    fullest = max(range(len(signatures)), key=lambda i: (signatures[i].size, i == original))
    held, alone = shared_shingles(signatures, fullest)
    full = int(held[fullest])
    added = added_words([sig.hashes for sig in signatures], alone)
    flags = []
    for i, sig in enumerate(signatures):
        coverage = round(int(held[i]) / full, 3) if full else 1.0
        is_original = i == original
        words = 0 if is_original or len(signatures) < 2 else int(added[i]) + sig.note_words
        flags.append(
            CopyFlags(
                is_original,
                coverage < TRUNCATED_BELOW,
                not is_original and not same_headline(headlines[i], headlines[original]),
                words >= ADDED_MIN_WORDS,
                coverage,
                words,
            )
        )
    return flags
