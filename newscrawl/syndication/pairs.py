"""A learned second look at a pair the rules reject: a small logistic model over what the
rules measure (pure).

The rules of :mod:`newscrawl.syndication.grouping` are precise but each asks for one shape
of evidence; a copy sharing a little of several (two paragraphs near the top but not a run,
half its text, the headline) falls between them. ``pairs.json`` (written by
``benchmarks/train_pairs.py``: logistic regression over the candidate pairs of fresh
generator seeds, cross-validated by seed, its threshold the lowest that merges no more
stories of one event and loses no precision on any seed) weighs those measures together,
for the pairs the rules' lessons leave open (``admissible``, and published within
``grouping.COPY_HOURS``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from newscrawl.syndication.signature import Signature

WEIGHTS = Path(__file__).with_name("pairs.json")
#: Pairs sharing fewer shingles than this are never looked at again (nearly every
#: candidate pair of two stories: a few stock phrases).
MIN_SHARED = 12
#: A headline of fewer words tells nothing ("News in brief").
KNOWN_WORDS = 4
#: Hours apart beyond which publication times say nothing more.
MAX_HOURS = 48.0

_WORD = re.compile(r"\w+")

#: The features, in the model's order (``pair_features``). Found units: unit i of one upper
#: part found as unit j of the other's (``grouping.found_units``); "the better direction"
#: is the one with more non-quote text found.
FEATURES = (
    "contained",  # shared shingles / the shorter text's
    "shared",  # log of the shared shingles
    "upper_contained",  # shared upper-part shingles / the smaller upper part's
    "lead_found",  # share of either lead found anywhere in the other (the larger)
    "units",  # non-quote units found (the better direction)
    "unit_text",  # their shingles / 100
    "quotes",  # quote units found (the better direction)
    "top_text",  # non-quote shingles found among the first three units of both / 100
    "top_first",  # 1 / (1 + the place of the first non-quote unit found, the later of i, j)
    "run",  # found units following each other in both (at most two units on)
    "reused",  # either one's first unit found two units down the other or further
    "size_ratio",  # the shorter text's size / the longer's
    "small_size",  # log of the shorter text's size
    "headline",  # one headline (words, a kicker left out)
    "headline_words",  # Jaccard of the headlines' words
    "headlines_known",  # both headlines hold KNOWN_WORDS words or more ("News in brief" not)
    "hours",  # hours apart / MAX_HOURS (1 unknown)
    "agencies",  # two different agencies credited
)


@dataclass(frozen=True)
class PairModel:
    """A logistic model: intercept, one weight per feature, the threshold to join."""

    weights: tuple[float, ...]
    threshold: float

    def probability(self, features: list[float]) -> float:
        """The model's probability that the pair is one story (0..1)."""
        z = self.weights[0] + sum(w * x for w, x in zip(self.weights[1:], features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def admissible(features: list[float]) -> bool:
    """May the model join this pair at all? Only where two units or more (a quote allowed)
    of one upper part are found in the other's, and never where either one's lead sits two
    units or more down the other (a lead reused as background): the rules' lessons hold
    (``grouping.top_pair``, ``grouping._reused_lead``)."""
    f = dict(zip(FEATURES, features, strict=True))
    return not f["reused"] and f["units"] + f["quotes"] >= 2


def joins(features: list[float]) -> bool:
    """Does the model join a pair (``admissible``, and its probability at the threshold)?"""
    m = model()
    return admissible(features) and m.probability(features) >= m.threshold


@cache
def model() -> PairModel:
    """The stored model (its features must be today's ``FEATURES``, in order)."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS.name} was trained on other features: run train_pairs.py")
    return PairModel(tuple(data["weights"]), data["threshold"])


def _found(a: Signature, found: Mapping[int, int]) -> list[tuple[int, int, int, bool]]:
    """The units of ``a``'s upper part ``found`` in the other's (i -> j): (i, j, size, a
    quote), in ``a``'s order."""
    return [(i, j, len(a.units[i]), bool(a.quotes >> i & 1)) for i, j in found.items()]


def _lead_found(a: Signature, b: Signature) -> float:
    """Share of ``a``'s lead shingles found anywhere in ``b``."""
    lead = frozenset().union(*a.lead_parts) if a.lead_parts else frozenset()
    return len(lead & b.shingles) / len(lead) if lead else 0.0


def _words(headline: str | None) -> set[str]:
    """A headline's words, lowercased."""
    return set(_WORD.findall((headline or "").lower()))


def _run(found: list[tuple[int, int, int, bool]]) -> int:
    """Found units each at most two units after the previous one in both texts."""
    return sum(
        1 for (i, j, *_), (i2, j2, *_) in pairwise(found) if 0 < i2 - i <= 2 and 0 < j2 - j <= 2
    )


def pair_features(
    a: Signature,
    b: Signature,
    ab: Mapping[int, int],
    ba: Mapping[int, int],
    shared: int,
    headlines: tuple[str | None, str | None],
    headline: bool,
    hours: float | None,
    agencies: bool,
) -> list[float]:
    """The measures of a pair the model weighs (``FEATURES``), given the units each finds in
    the other (``ab``, ``ba``: ``grouping.found_units``) and the number of shingles they
    share; the header facts (one headline, hours apart, two agencies) are worked out by the
    caller with the ``headlines``."""
    small = min(len(a.shingles), len(b.shingles)) or 1
    upper = len(a.upper_shingles & b.upper_shingles)
    upper_small = min(len(a.upper_shingles), len(b.upper_shingles)) or 1
    both = (_found(a, ab), _found(b, ba))
    text = [[u for u in f if not u[3]] for f in both]
    best = max((0, 1), key=lambda d: sum(u[2] for u in text[d]))
    top = max(sum(u[2] for u in t if u[0] <= 2 and u[1] <= 2) for t in text)
    first = min((max(u[0], u[1]) for t in text for u in t), default=None)
    words = [_words(h) for h in headlines]
    union = words[0] | words[1]
    return [
        shared / small,
        math.log1p(shared),
        upper / upper_small,
        max(_lead_found(a, b), _lead_found(b, a)),
        float(len(text[best])),
        sum(u[2] for u in text[best]) / 100,
        float(len(both[best]) - len(text[best])),
        top / 100,
        1 / (1 + first) if first is not None else 0.0,
        float(max(_run(f) for f in both)),
        float(any(min(i, j) == 0 and max(i, j) >= 2 for f in both for i, j, *_ in f)),
        min(a.size, b.size) / max(a.size, b.size, 1),
        math.log1p(min(a.size, b.size)),
        float(headline),
        len(words[0] & words[1]) / len(union) if union else 0.0,
        float(min(len(w) for w in words) >= KNOWN_WORDS),
        min(hours, MAX_HOURS) / MAX_HOURS if hours is not None else 1.0,
        float(agencies),
    ]
