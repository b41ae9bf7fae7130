"""Grouping quality: in-memory grouping of a labelled set and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from math import comb

from newscrawl.syndication.grouping import (
    LEAD_THRESHOLD,
    MAX_POSTINGS,
    Header,
    rank_candidates,
    same_story,
)
from newscrawl.syndication.signature import Signature

Predicate = Callable[[int, int], bool]


@dataclass(frozen=True)
class PairScores:
    """Pairwise precision, recall and F1 of a grouping against the true stories."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int


def pairwise(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> PairScores:
    """Pairs of articles put together by both, by the grouping only, by the truth only."""
    both = sum(comb(n, 2) for n in Counter(zip(predicted, truth, strict=True)).values())
    pred = sum(comb(n, 2) for n in Counter(predicted).values())
    true = sum(comb(n, 2) for n in Counter(truth).values())
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    return PairScores(p, r, 2 * p * r / (p + r) if p + r else 0.0, true, pred)


def key_pairs(signatures: Sequence[Signature]) -> list[tuple[int, int]]:
    """The pairs the archive compares when articles arrive in this order (same index rules)."""
    postings: dict[int, list[int]] = defaultdict(list)
    pairs: list[tuple[int, int]] = []
    for i, sig in enumerate(signatures):
        counts = Counter(j for k in sig.keys for j in postings.get(k, ()))
        shared = {j: (n, len(signatures[j].keys)) for j, n in counts.items()}
        pairs += [(j, i) for j in rank_candidates(shared, len(sig.keys))]
        for k in sig.keys:
            if len(postings[k]) >= MAX_POSTINGS:
                postings[k].pop(0)  # the oldest
            postings[k].append(i)
    return pairs


def group(n: int, pairs: Iterable[tuple[int, int]], linked: Predicate) -> list[int]:
    """Connected components (label per item) of ``linked`` over candidate pairs."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj and linked(i, j):
            parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]


def group_signatures(
    signatures: Sequence[Signature],
    threshold: float = LEAD_THRESHOLD,
    headers: Sequence[Header] | None = None,
) -> list[int]:
    """The grouping the archive makes, computed in memory (same keys, same test; the
    articles' ``headers`` compared too when given, as the archive does)."""

    def linked(i: int, j: int) -> bool:
        pair = (headers[i], headers[j]) if headers else None
        return same_story(signatures[i], signatures[j], threshold, pair)

    return group(len(signatures), key_pairs(signatures), linked)
