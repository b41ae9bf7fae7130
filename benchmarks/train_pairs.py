"""Train the learned second look at the pairs the rules reject (newscrawl/syndication/pairs.json).

Pairs: the candidate pairs the archive's index proposes (``key_pairs``: same keys, same
limits) on fresh generator seeds (``--seeds``; never the benchmark's seeds 1 and 7-16),
newsroom and original streams of 10,000 articles each. The pairs the rules (``by_rules``)
reject that share ``MIN_SHARED`` shingles or more get their features (``pair_features``);
the target is "one true story". The model is fitted on all of them; it may join only those
``learned`` looks at (published at most COPY_HOURS apart, ``admissible``). Pairs of two stories of one event (the hard negatives) weigh
HARD_WEIGHT times as much as other pairs.

Model: logistic regression (numpy: Newton steps on standardised features, L2 penalty L2),
cross-validated by seed: each seed's pairs (both streams) are scored by the model fitted on
the other seeds, grouped as the archive groups them (connected components of "the rules or
the model where it may"), and scored pairwise, with the hard negatives merged, against the rules alone.
The threshold is the lowest of THRESHOLDS at which no seed of either stream merges more hard
negatives than the rules alone or loses precision; the final weights are fitted on every
seed.

    python benchmarks/train_pairs.py [--seeds 49 50 ... 60] [--articles 10000] [--jobs 2]
        [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from math import comb
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generators.newsroom import newsroom_labelled  # noqa: E402
from benchmarks.generators.syndication import labelled  # noqa: E402
from benchmarks.syndication_newsroom import header  # noqa: E402
from newscrawl.syndication.evaluate import group, key_pairs  # noqa: E402
from newscrawl.syndication.grouping import (  # noqa: E402
    COPY_HOURS,
    by_rules,
    found_units,
    header_facts,
)
from newscrawl.syndication.pairs import (  # noqa: E402
    FEATURES,
    MIN_SHARED,
    WEIGHTS,
    admissible,
    pair_features,
)
from newscrawl.syndication.signature import signature  # noqa: E402

ARTICLES = 10_000
STREAMS = ("newsroom", "original")
HARD_WEIGHT = 100.0
L2 = 1.0
STEPS = 30
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995)


@dataclass
class Stream:
    """One stream's candidate pairs: the rules' answer, the features of those they reject
    (NaN where not computed), and the truth."""

    name: str
    seed: int
    pairs: list[tuple[int, int]]
    rules: np.ndarray
    features: np.ndarray
    reach: np.ndarray  # pairs the model may join
    stories: list[str]
    events: list[str]

    @property
    def looked(self) -> np.ndarray:
        return ~np.isnan(self.features[:, 0])

    @property
    def same(self) -> np.ndarray:
        return np.array([self.stories[i] == self.stories[j] for i, j in self.pairs], bool)

    @property
    def hard(self) -> np.ndarray:
        s, e = self.stories, self.events
        return np.array([bool(s[i] != s[j] and e[i] and e[i] == e[j]) for i, j in self.pairs], bool)


def collect(job: tuple[str, int, int]) -> Stream:
    """A stream's candidate pairs, the rules' answers and the features."""
    name, seed, articles = job
    items = (newsroom_labelled if name == "newsroom" else labelled)(seed, articles)
    sigs = [signature(r["body"]) for r, _ in items]
    heads = [header(r) for r, _ in items]
    pairs = key_pairs(sigs)
    rules = np.zeros(len(pairs), bool)
    features = np.full((len(pairs), len(FEATURES)), np.nan)
    reach = np.zeros(len(pairs), bool)
    for k, (i, j) in enumerate(pairs):
        a, b, h = sigs[i], sigs[j], (heads[i], heads[j])
        rules[k] = by_rules(a, b, headers=h)
        shared = len(a.shingles & b.shingles)
        if not rules[k] and shared >= MIN_SHARED:
            facts = header_facts(h)
            found = (found_units(a, b), found_units(b, a))
            features[k] = pair_features(a, b, *found, shared, *facts)
            hours = facts[2]
            reach[k] = hours is not None and hours <= COPY_HOURS and admissible(list(features[k]))
    stories = [lab.story for _, lab in items]
    events = [lab.event for _, lab in items]
    print(f"{name} {seed}: {len(pairs)} pairs, {int(rules.sum())} by the rules", flush=True)
    return Stream(name, seed, pairs, rules, features, reach, stories, events)


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Weighted L2 logistic regression; weights on the raw features, intercept first."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
    w = np.zeros(z.shape[1])
    penalty = L2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (weight * (p - y)) + penalty @ w
        hessian = (z * (weight * p * (1 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hessian, gradient)
    return np.r_[w[0] - np.sum(w[1:] * mu / sd), w[1:] / sd]


def fit_streams(streams: Sequence[Stream]) -> np.ndarray:
    x = np.vstack([s.features[s.looked] for s in streams])
    y = np.concatenate([s.same[s.looked] for s in streams]).astype(float)
    hard = np.concatenate([s.hard[s.looked] for s in streams])
    return fit(x, y, np.where(hard, HARD_WEIGHT, 1.0))


def probabilities(weights: np.ndarray, s: Stream) -> np.ndarray:
    p = np.zeros(len(s.pairs))
    z = weights[0] + s.features[s.looked] @ weights[1:]
    p[s.looked] = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
    return p


def score(s: Stream, linked: np.ndarray) -> tuple[float, float, float, int]:
    """Pairwise precision, recall, F1 and hard negatives merged of a grouping."""
    keep = {pair for pair, k in zip(s.pairs, linked, strict=True) if k}
    predicted = group(len(s.stories), s.pairs, lambda i, j: (i, j) in keep)
    both = sum(comb(n, 2) for n in Counter(zip(predicted, s.stories, strict=True)).values())
    pred = sum(comb(n, 2) for n in Counter(predicted).values())
    true = sum(comb(n, 2) for n in Counter(s.stories).values())
    p, r = both / pred if pred else 1.0, both / true if true else 1.0
    groups: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for g, story, event in zip(predicted, s.stories, s.events, strict=True):
        groups[g].add((event, story))
    hard = sum(
        1
        for members in groups.values()
        for (e1, _), (e2, _) in combinations(sorted(members), 2)
        if e1 and e1 == e2
    )
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, hard


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(49, 61)))
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if set(args.seeds) & {1, *range(7, 17)}:
        parser.error("seeds 1 and 7-16 are the benchmark's: train on fresh seeds")
    jobs = [(name, seed, args.articles) for seed in args.seeds for name in STREAMS]
    with Pool(args.jobs) as pool:
        streams = pool.map(collect, jobs)
    base = {(s.name, s.seed): score(s, s.rules) for s in streams}
    by_threshold: dict[float, dict[tuple[str, int], tuple]] = defaultdict(dict)
    for seed in args.seeds:
        weights = fit_streams([s for s in streams if s.seed != seed])
        for s in (s for s in streams if s.seed == seed):
            p = probabilities(weights, s)
            for t in THRESHOLDS:
                by_threshold[t][(s.name, s.seed)] = score(s, s.rules | (s.reach & (p >= t)))
    chosen = None
    print("stream (seed) | rules: P / R / F1, hard | " + " | ".join(f"{t}" for t in THRESHOLDS))
    for key, b in sorted(base.items()):
        cells = [f"{r[2]:.4f}/{r[3]}" for r in (by_threshold[t][key] for t in THRESHOLDS)]
        print(
            f"{key[0]} {key[1]} | {b[0]:.4f} / {b[1]:.4f} / {b[2]:.4f}, {b[3]} | "
            + " | ".join(cells)
        )
    for t in THRESHOLDS:
        ok = all(
            r[3] <= base[key][3] and r[0] >= base[key][0] for key, r in by_threshold[t].items()
        )
        worst = min(r[2] - base[key][2] for key, r in by_threshold[t].items())
        print(f"threshold {t}: every seed kept: {ok}; worst F1 change {worst:+.4f}")
        if ok and chosen is None:
            chosen = t
    if chosen is None:
        print("no threshold keeps every seed's precision and hard negatives")
        return 1
    weights = fit_streams(streams)
    print(f"chosen threshold {chosen}; weights {np.round(weights, 4).tolist()}")
    if not args.dry_run:
        spec = {
            "trained_on": {
                "seeds": args.seeds,
                "streams": list(STREAMS),
                "articles": args.articles,
            },
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in weights],
            "threshold": chosen,
        }
        WEIGHTS.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
