"""Match a new article against the index of stored fingerprints to find its story."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from newscrawl.syndication.fingerprint import containment

MIN_SHARED = 4  # fewer shared samples than this is never a copy


@dataclass(frozen=True)
class Candidate:
    """A stored article sharing fingerprint hashes with the new one."""

    article_id: int
    story_id: int | None
    shared: int
    size: int


class FingerprintIndex(Protocol):
    """What grouping needs from storage."""

    def candidates(self, hashes: list[int], exclude_url: str | None) -> Iterable[Candidate]:
        """Stored articles sharing at least one hash, with the number shared and their size."""
        ...


@dataclass(frozen=True)
class Match:
    """The story a new article joins and how sure we are."""

    story_id: int | None
    article_id: int
    score: float


def best_match(
    hashes: list[int], index: FingerprintIndex, threshold: float, exclude_url: str | None = None
) -> Match | None:
    """The stored article whose text contains (or is contained in) this one the most."""
    if len(hashes) < MIN_SHARED:
        return None
    best: Match | None = None
    for cand in index.candidates(hashes, exclude_url):
        if cand.shared < MIN_SHARED:
            continue
        score = containment(cand.shared, len(hashes), cand.size)
        if score >= threshold and (best is None or score > best.score):
            best = Match(cand.story_id, cand.article_id, score)
    return best
