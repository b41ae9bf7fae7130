"""What a site changed in its copy of a story: lead rewritten, paragraphs moved, which version
of a write-through it ran (pure).

A story's *versions* are the leads more than one page opened with (or the original's, or
the agency's own page's): copies of one version keep its lead, a site that rewrote the lead
opens with a paragraph no other page has, and an agency's write-through opens with a new
lead that its copies share. Versions are numbered by their earliest publication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from newscrawl.syndication.signature import Signature

#: Stored in syndication_meta; a different value means every story's copy edits are redone.
EDITS_SCHEME = "v1:lead-groups0.5/5:placed0.5"
#: Two leads are the same when this share of the smaller one's shingles is in the other.
SAME_LEAD = 0.5
#: A lead shorter than this (shingles) tells nothing (a one-line opening).
MIN_LEAD = 5
#: A paragraph is placed in the version's text when this share of its shingles is there.
PLACED = 0.5


@dataclass(frozen=True)
class Edits:
    """What one copy changed against the version of the story it ran."""

    lead_rewritten: bool
    paragraphs_moved: bool
    version: int  # 1 for the first version of a write-through


def _lead(sig: Signature) -> frozenset[int]:
    return sig.lead_parts[0] if sig.lead_parts else frozenset()


def _same_lead(a: frozenset[int], b: frozenset[int]) -> bool:
    small = min(len(a), len(b))
    return small >= MIN_LEAD and len(a & b) >= SAME_LEAD * small


def lead_groups(signatures: Sequence[Signature]) -> list[list[int]]:
    """The members grouped by the lead they open with (in member order)."""
    groups: list[list[int]] = []
    for i, sig in enumerate(signatures):
        lead = _lead(sig)
        home = next((g for g in groups if _same_lead(lead, _lead(signatures[g[0]]))), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return groups


def _versions(
    signatures: Sequence[Signature],
    groups: list[list[int]],
    original: int,
    from_agency: Sequence[bool],
) -> list[list[int]]:
    """The lead groups that are versions: the original's, one holding the agency's own page,
    one shared by several pages; a later lead already in an earlier version's text (a copy
    that dropped the lead) is not a new version."""
    chosen = [g for g in groups if original in g or any(from_agency[i] for i in g) or len(g) > 1]
    kept: list[list[int]] = []
    for g in sorted(chosen, key=lambda g: original not in g):
        lead = _lead(signatures[g[0]])
        if not any(len(lead & signatures[v[0]].shingles) >= SAME_LEAD * len(lead) for v in kept):
            kept.append(g)
    return kept


def _sorted(text: Signature) -> tuple[np.ndarray, np.ndarray]:
    """A text's shingle hashes sorted, and where each one is in the text (first place)."""
    order = np.argsort(text.hashes, kind="stable")
    return text.hashes[order], order


def _moved(copy: Signature, text: tuple[np.ndarray, np.ndarray]) -> bool:
    """Does a paragraph of the copy's upper part sit before one that comes earlier in the
    version's ``text`` (from :func:`_sorted`; paragraphs not found there left out)?"""
    sorted_hashes, order = text
    if not copy.unit_ends or not copy.unit_ends[-1] or not len(order):
        return False
    hashes = copy.hashes[: copy.unit_ends[-1]]
    at = np.searchsorted(sorted_hashes, hashes).clip(max=len(order) - 1)
    found = sorted_hashes[at] == hashes
    where = np.where(found, order[at], 0)
    starts = np.array((0, *copy.unit_ends[:-1]), dtype=np.int64)
    sizes = np.diff(np.array((0, *copy.unit_ends), dtype=np.int64))
    keep = sizes > 0
    starts, sizes = starts[keep], sizes[keep]
    placed = []
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        inside = where[start : start + size][found[start : start + size]]
        if len(inside) >= PLACED * size:
            placed.append(float(np.median(inside)))
    return any(b < a for a, b in pairwise(placed))


def _text(
    group: list[int], signatures: Sequence[Signature], original: int, from_agency: Sequence[bool]
) -> int:
    """The member that stands for a version's text: the original, else the agency's own
    page, else the fullest copy."""
    return max(group, key=lambda i: (i == original, from_agency[i], signatures[i].size, -i))


def story_edits(
    signatures: Sequence[Signature],
    original: int,
    published: Sequence[tuple[int, str]],
    from_agency: Sequence[bool],
) -> tuple[list[Edits], int]:
    """Per member, what it changed against its version; and the number of versions.

    ``published`` sorts the members by publication (earliest first), ``from_agency`` marks
    pages on the agency's own site.
    """
    groups = lead_groups(signatures)
    versions = sorted(
        _versions(signatures, groups, original, from_agency),
        key=lambda g: min((published[i], i) for i in g),
    )
    texts = [_text(g, signatures, original, from_agency) for g in versions]
    number = {i: n for n, g in enumerate(versions, 1) for i in g}
    sorted_texts = [_sorted(signatures[t]) for t in texts]
    out = []
    for i, sig in enumerate(signatures):
        rewritten = i not in number and len(_lead(sig)) >= MIN_LEAD
        if i not in number:
            held = [len(sig.shingles & signatures[t].shingles) for t in texts]
            number[i] = 1 + max(range(len(texts)), key=lambda v: (held[v], -v))
        moved = i != texts[number[i] - 1] and _moved(sig, sorted_texts[number[i] - 1])
        out.append(Edits(rewritten, moved, number[i]))
    return out, len(versions)
