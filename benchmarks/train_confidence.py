"""Train the extraction-confidence models (newscrawl/extract/confidence.json).

Pages: every body dev set (``../shared/eval``: aeb-dev, fundus-dev-body, trafeval-dev).
For each page: newscrawl's body and its ``own`` features (fallbacks off), trafilatura's body,
and each one's page score with the set's own metric (4-word shingle F1; snippet accuracy);
where neither finds a body, the page's declared or script-state text, the runtime's last resort
(``embedded.embedded_body``), so the out-of-fold figures score what ``extract_article`` keeps.

- ``lead``: logistic regression on the blocks between the headline and the body
  (``lead.lead_rows``), target "the block belongs to the article" (as for ``lines`` below).
  It is fitted first, with the same folds; each page's body (and everything below) is then
  taken with the lead model of the fold that left the page's publisher out.
- ``own``: logistic regression, target "newscrawl's page score >= GOOD and at least
  trafilatura's": the confidence says where consulting trafilatura cannot gain (``own_target``).
- ``lines``: logistic regression on the lines only one of the two texts holds
  (``merge.line_features`` and the page's confidence), target "the line belongs to the
  article": most of its words' shingles are in the labelled body, or it holds a snippet the
  text must contain (1) or must not contain (0; lines with neither snippet are left out).
  It learns from trafilatura's default text and is applied, as at runtime, to its recall-mode
  text (``settle_body`` asks that mode where ours has a body to merge with).

Figures are out-of-fold: 5 folds grouped by publisher (host), so no publisher is ever in
the training and the test part at once. Each set's margin is taken over its best anchor
(trafilatura or trafilatura favor_precision, both run here on every page through the set's
own eval script, as in ``benchmarks/extraction.py``). Speed is estimated from CPU time (``time.process_time``)
measured in this process: newscrawl's own pass on every page plus trafilatura's on the
pages consulted (in the mode the runtime asks), against trafilatura's default mode on every
page. The consultation threshold is the one whose out-of-fold policy gives the best worst-set
margin, each set's margin taken at its worst over the threshold and its neighbours and over
both checks, the grouped folds and one set left out (floored to 0.0001; ties go to the better next-worst margin, then the best margin, then the threshold
consulting fewer pages) while every set's estimated speed is at least MIN_SPEEDUP times
trafilatura's (the target is 1.5; the estimate leaves out the merge and htmldate, about 4 %
of newscrawl's time on trafeval-dev, hence the headroom). The final weights are fitted on all pages.

    python benchmarks/train_confidence.py            # train, write the JSON, print figures
    python benchmarks/train_confidence.py --dry-run  # figures only
    python benchmarks/train_confidence.py --leave-set-out  # each set scored by models fitted
                                                           # on the other two (figures only)
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.extraction import DOC, MARGIN, SHARED_EVAL, load_module  # noqa: E402
from benchmarks.markdown import machine, write_section  # noqa: E402
from newscrawl.extract import analyze_page  # noqa: E402
from newscrawl.extract.confidence import WEIGHTS, Model, models  # noqa: E402
from newscrawl.extract.embedded import embedded_body  # noqa: E402
from newscrawl.extract.fallbacks import MIN_CONFIDENT, MIN_ONE_LINE, other_body, still_short  # noqa: E402
from newscrawl.extract.merge import SHINGLE, align, line_features, merged  # noqa: E402
from newscrawl.loaders import load_article  # noqa: E402

BODY_SETS = ("aeb-dev", "fundus-dev-body", "trafeval-dev")
START, END = "<!-- confidence:start -->", "<!-- confidence:end -->"
GOOD = 0.9
FOLDS = 5
MIN_SPEEDUP = 1.55
THRESHOLDS = (0.3, 0.4, 0.5, 0.525, 0.55, 0.575, 0.6, 0.625, 0.65, 0.7, 0.75, 0.8)
# margins compared to 1/FLOOR: at 0.001 near-ties went to the threshold consulting fewer
# pages while a set fell by 0.002 with its set left out
FLOOR = 10_000
KEEP = 0.45  # the lines model's probability from which a line is kept (0.5: below)
KEEP_LEAD = 0.5  # the lead model's probability from which a candidate is kept
WORD = re.compile(r"\w+")  # the body metric's tokens
L2, STEPS, RATE = 0.01, 600, 0.5
# The lines model's L2: 0.01 underfits it (out of fold and leaving a set out alike, trafeval-dev
# gains most from a weaker penalty; docs/benchmarks.md, xbody7).
L2_LINES = 0.001


def fit(rows: list[list[float]], targets: list[float], l2: float = L2) -> list[float]:
    """Logistic regression by gradient descent (L2 on the weights, not the intercept)."""
    x = np.hstack([np.ones((len(rows), 1)), np.asarray(rows, dtype=float)])
    y = np.asarray(targets, dtype=float)
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30.0, 30.0)))
        penalty = l2 * w
        penalty[0] = 0.0
        w -= RATE * (x.T @ (p - y) / len(y) + penalty)
    return [float(v) for v in w]


def prob(w: list[float], x: list[float]) -> float:
    """The logistic model's probability."""
    z = w[0] + sum(wj * xj for wj, xj in zip(w[1:], x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def loaded_pages() -> list[dict[str, Any]]:
    """Every page of the body sets (the eval scripts' records), with its set and host."""
    out = []
    for name in BODY_SETS:
        metric = metrics()[int(name == "trafeval-dev")]
        loaded, _ = metric.load_dataset(str(SHARED_EVAL / name))
        for p in loaded:
            out.append({**p, "set": name, "host": urlsplit(p["url"]).netloc.removeprefix("www.")})
    return out


def folds(rows: list[dict[str, Any]], by_set: bool = False) -> list[set[int]]:
    """FOLDS sets of row indexes, grouped by publisher (host); ``by_set``: one per dev set
    (leave one set out)."""
    if by_set:
        return [{i for i, r in enumerate(rows) if r["set"] == name} for name in BODY_SETS]
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_host[r["host"]].append(i)
    hosts = sorted(by_host)
    random.Random(1).shuffle(hosts)
    return [{i for h in hosts[k::FOLDS] for i in by_host[h]} for k in range(FOLDS)]


def held_out(rows: list[dict[str, Any]], test: set[int]) -> set[int]:
    """The rows a fold's models must not learn from: its test rows and every row of their
    publishers (a publisher can be in two dev sets)."""
    hosts = {rows[i]["host"] for i in test}
    return {i for i, r in enumerate(rows) if r["host"] in hosts}


def use_lead(weights: list[float] | None) -> None:
    """Make the extractor use these ``lead`` weights (None: no lead model)."""
    if weights is None:
        models().pop("lead", None)
    else:
        models()["lead"] = Model(tuple(weights), KEEP_LEAD)


def lead_data(loaded: list[dict[str, Any]]) -> list[tuple[list[list[float]], list[float]]]:
    """Per page, the labelled lead candidates (features, label), found with no lead model."""
    use_lead(None)
    out = []
    for p in loaded:
        page = analyze_page(p["html"], p["url"], follow=False, fallbacks=False, rescue=False)
        truth = {k: p[k] for k in ("true", "with", "without") if k in p}
        blocks = page.blocks.layout.blocks if page.blocks else []
        labelled = [(f, line_label(truth, blocks[i].text)) for i, f in page.leads]
        out.append(
            ([f for f, y in labelled if y is not None], [y for _f, y in labelled if y is not None])
        )
    return out


def fit_lead(data: list[tuple[list[list[float]], list[float]]], skip: set[int]) -> list[float]:
    """The lead model fitted on every page but those in ``skip``."""
    x = [f for i, (rows, _y) in enumerate(data) if i not in skip for f in rows]
    y = [v for i, (_x, ys) in enumerate(data) if i not in skip for v in ys]
    return fit(x, y)


def lead_figures(data: list[tuple[list[list[float]], list[float]]], oof: list[list[float]]) -> str:
    """Out-of-fold counts of the lead model: candidates kept that belong, kept that do not,
    left out that belong."""
    tp = fp = fn = 0
    for (x, y), w in zip(data, oof, strict=True):
        for f, label in zip(x, y, strict=True):
            kept = prob(w, f) >= KEEP_LEAD
            tp += kept and label == 1
            fp += kept and label == 0
            fn += not kept and label == 1
    return f"{tp} kept that belong, {fp} kept that do not, {fn} left out that belong"


def pages(loaded: list[dict[str, Any]], leads: list[list[float]]) -> list[dict[str, Any]]:
    """Every page with both extractions (ours with the page's out-of-fold lead model), their
    lines and page scores. trafilatura runs as ``settle_body`` asks it (its recall mode where
    ours has a body to merge with) and in its default mode, the anchor's text and CPU."""
    out = []
    for p, lead in zip(loaded, leads, strict=True):
        name = p["set"]
        is_snip = name == "trafeval-dev"
        metric = metrics()[int(is_snip)]
        use_lead(lead)
        start = time.process_time()
        page = analyze_page(p["html"], p["url"], follow=False, fallbacks=False)
        ours = load_article(page).get("body", "")
        middle = time.process_time()
        other = other_body(p["html"], recall=bool(ours))  # as ``settle_body`` asks it
        consult = time.process_time()
        default = other_body(p["html"]) if ours else other  # the anchor's text
        anchor = time.process_time() - consult if ours else consult - middle
        cpu = (middle - start, consult - middle, anchor)  # own pass, consultation, trafilatura
        plain, precise = (run(p["html"], p["url"]) or "" for run in anchors(is_snip))
        truth = {k: p[k] for k in ("true", "with", "without") if k in p}
        row = {"set": name, "host": p["host"]}
        row.update(ours=ours, other=other, features=page.features, truth=truth, cpu=cpu)
        texts = [("o", ours), ("t", default), ("a", plain), ("p", precise)]
        if not ours and _too_short(other):  # the runtime's last resort (not learned)
            texts.append(("e", embedded_body(p["html"])))
        row["counts"] = {k: page_counts(metric, is_snip, truth, t) for k, t in texts}
        row["qo"] = page_score(is_snip, row["counts"]["o"])
        row["lines"] = line_rows(row, page.blocks) if ours and other else []
        # the lines model learns from trafilatura's default text (out of fold better than
        # from the recall-mode text it is applied to, or from both)
        row["train"] = line_rows({**row, "other": default}, page.blocks) if ours and default else []
        if page.rescued:  # the models learn from the strict pass, which found no body here
            strict = analyze_page(p["html"], p["url"], follow=False, fallbacks=False, rescue=False)
            row.update(strict=strict.features, train=[])
        out.append(row)
    return out


def line_label(truth: dict[str, Any], text: str) -> float | None:
    """1 when a line belongs to the labelled body, 0 when not, None when the labels say
    nothing of it (a snippet set's line holding neither kind of snippet)."""
    if "with" in truth:
        norm = " ".join(text.split())
        if any(" ".join(w.split()) in norm for w in truth["with"]):
            return 1.0
        if any(" ".join(w.split()) in norm for w in truth["without"]):
            return 0.0
        return None
    words, true_words = WORD.findall(text), truth.setdefault("words", WORD.findall(truth["true"]))
    if len(words) < SHINGLE:
        return float(bool(words) and f" {' '.join(words)} " in f" {' '.join(true_words)} ")
    true_shingles = truth.setdefault("shingles", _shingles(true_words))
    own = _shingles(words)
    return float(len(own & true_shingles) >= 0.5 * len(own))


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def line_rows(row: dict[str, Any], blocks: Any) -> list[tuple[int, int, list[float], Any]]:
    """(side, index, features without the confidence, label) of each line one text holds."""
    lines = align(row["ours"], row["other"], blocks)
    row["aligned"] = lines
    return [
        (side, j, line_features(lines, side, j, blocks), line_label(row["truth"], line.text))
        for side in (0, 1)
        for j, line in enumerate(lines.sides[side])
        if not line.shared
    ]


@cache
def metrics() -> tuple[Any, Any]:
    """The shared scripts' body metric and snippet metric."""
    return load_module(SHARED_EVAL / "eval_body.py"), load_module(SHARED_EVAL / "eval_snippets.py")


@cache
def anchors(is_snip: bool) -> tuple[Any, Any]:
    """The set script's own trafilatura runners, default and favor_precision: the anchors as
    ``extraction.py`` runs them (our chrome filter, which ``other_body`` applies to the text
    the runtime consults, is no part of an anchor)."""
    script = metrics()[int(is_snip)]
    return tuple(script.resolve_extractor(s)[0] for s in ("trafilatura", "trafilatura-precision"))


def page_counts(metric: Any, is_snip: bool, truth: dict[str, Any], text: str) -> tuple[int, ...]:
    """The set metric's counts for one page."""
    if is_snip:
        return tuple(metric.count_item(truth, text or None))
    return tuple(metric.page_tp_fp_fn(truth["true"], text))


def page_score(is_snip: bool, counts: tuple[int, ...]) -> float:
    """One page's score from its counts: shingle F1, or the share of snippets judged right."""
    if is_snip:
        return (counts[0] + counts[3]) / max(1, sum(counts))
    return float(metrics()[0].page_f1(*counts))


def set_score(rows: list[dict[str, Any]], picks: list[str]) -> float:
    """A set's figure when each page keeps the body picked ("o" ours, "t" trafilatura,
    "m" the merge)."""
    counts = [r["counts"][k] for r, k in zip(rows, picks, strict=True)]
    if rows[0]["set"] == "trafeval-dev":
        tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float(metrics()[0].aggregate(counts)["f1"])


def consulted(row: dict[str, Any], threshold: float) -> bool:
    """Whether the runtime policy asks trafilatura for this page."""
    return len(row["ours"]) < MIN_CONFIDENT or row["conf"] < threshold


def _too_short(other: str) -> bool:
    """Whether the runtime takes trafilatura's text for no body (nothing, or one short line)."""
    return not other or ("\n" not in other and len(other) < MIN_ONE_LINE)


def pick(row: dict[str, Any], threshold: float) -> str:
    """What the runtime policy keeps for a page, from its out-of-fold probabilities: ours,
    the merge, trafilatura's, or (neither found a body) the text the page declares or ships
    in script state, as :func:`newscrawl.extract.fallbacks.settle_body` does."""
    if not consulted(row, threshold):
        return "o"
    if _too_short(row["other"]):
        return "o" if row["ours"] else "e"
    return "m" if row["ours"] else "t"


def merge_counts(row: dict[str, Any], keep: list[float]) -> tuple[int, ...]:
    """The page's counts for its two texts merged with these line probabilities."""
    lines = row["aligned"]
    chance = {(side, j): p for (side, j, _f, _l), p in zip(row["lines"], keep, strict=True)}
    kept = tuple(
        [
            line.shared or chance.get((side, j), 0.0) >= KEEP
            for j, line in enumerate(lines.sides[side])
        ]
        for side in (0, 1)
    )
    is_snip = row["set"] == "trafeval-dev"
    text = merged(lines, (kept[0], kept[1]))
    if still_short(row["ours"], row["other"], text):  # as ``settle_body``: trafilatura's whole
        text = row["other"]
    return page_counts(metrics()[int(is_snip)], is_snip, row["truth"], text)


def own_target(row: dict[str, Any]) -> float:
    """1 where our body is good (page score >= GOOD) and scores at least trafilatura's
    default text (what the consultation would bring), else 0 (and 0 where the strict pass
    found no body: a rescued body is scored by the model, never learned from)."""
    if "strict" in row:
        return 0.0
    trafilatura_score = page_score(row["set"] == "trafeval-dev", row["counts"]["t"])
    return float(row["qo"] >= GOOD and row["qo"] >= trafilatura_score)


def own_row(row: dict[str, Any]) -> list[float]:
    """The ``own`` model's training features of a page: the strict pass's (no body found
    outside zones) where the runtime rescued a body from the article's zoned elements."""
    return row.get("strict", row["features"])


def line_data(rows: list[dict[str, Any]]) -> tuple[list[list[float]], list[float]]:
    """The lines model's training rows (labelled lines), each with its page's ``conf``."""
    x, y = [], []
    for r in rows:
        for _side, _j, features, label in r["train"]:
            if label is not None:
                x.append([*features, r["conf"]])
                y.append(label)
    return x, y


def cross_validate(rows: list[dict[str, Any]], by_set: bool = False) -> None:
    """Out-of-fold ``conf`` and merge counts for every page, folds grouped by publisher
    (``by_set``: one fold per dev set)."""
    for test in folds(rows, by_set):
        skip = held_out(rows, test)
        train = [r for i, r in enumerate(rows) if i not in skip]
        own = fit([own_row(r) for r in train], [own_target(r) for r in train])
        for r in train:
            r["conf"] = prob(own, r["features"])
        lines = fit(*line_data(train), l2=L2_LINES)
        for i in test:
            r = rows[i]
            r["oof_conf"] = prob(own, r["features"])
            if "aligned" in r:  # both texts found
                keep = [prob(lines, [*f, r["oof_conf"]]) for _s, _j, f, _l in r["lines"]]
                r["counts"]["m"] = merge_counts(r, keep)
    for r in rows:
        r["conf"] = r["oof_conf"]


def speedup(part: list[dict[str, Any]], threshold: float) -> float:
    """Estimated pages/s of newscrawl over trafilatura's on a set, from CPU time: the own pass
    on every page, trafilatura's on the pages consulted, against trafilatura's on every page."""
    anchor = sum(r["cpu"][2] for r in part)
    ours = sum(r["cpu"][0] + (r["cpu"][1] if consulted(r, threshold) else 0.0) for r in part)
    return anchor / ours if ours else 0.0


@dataclass
class Policy:
    """Per threshold (THRESHOLDS' order): each set's margin, the largest share of a set's
    pages consulted, whether every set keeps MIN_SPEEDUP."""

    margins: list[list[float]]
    shares: list[float]
    fast: list[bool]

    def worst_of(self, other: Policy) -> Policy:
        """Each figure at the worse of two checks (grouped folds, one set left out)."""
        return Policy(
            [
                [min(a, b) for a, b in zip(m, n, strict=True)]
                for m, n in zip(self.margins, other.margins, strict=True)
            ],
            [max(a, b) for a, b in zip(self.shares, other.shares, strict=True)],
            [a and b for a, b in zip(self.fast, other.fast, strict=True)],
        )

    def choose(self) -> float:
        """The threshold kept: each set's margin at its worst over this threshold and its
        neighbours (the final fit moves a page's confidence by a few hundredths from its
        out-of-fold value); worst margin first, ties by the next worst, then the threshold
        consulting fewer; floored to 0.0001, so a margin short of the target never ties with
        one met; only thresholds where every set keeps MIN_SPEEDUP."""
        best: tuple[tuple[tuple[float, ...], float], float] = (((-1.0,), 0.0), THRESHOLDS[0])
        for i, t in enumerate(THRESHOLDS):
            near = self.margins[max(0, i - 1) : i + 2]
            held = sorted(min(m[k] for m in near) for k in range(len(BODY_SETS)))
            key = (tuple(math.floor(m * FLOOR) / FLOOR for m in held), -self.shares[i])
            if self.fast[i] and key > best[0]:
                best = (key, t)
        return best[1]


def policy_table(rows: list[dict[str, Any]]) -> tuple[Policy, list[str]]:
    """Per threshold: each set's figure, its margin over the best anchor beyond the +MARGIN
    asked, the share of its pages consulted and the estimated speed-up (the table's lines)."""
    lines: list[str] = []
    policy = Policy([], [], [])
    for t in THRESHOLDS:
        cells, speeds = [], []
        policy.margins.append([])
        policy.shares.append(0.0)
        for name in BODY_SETS:
            part = [r for r in rows if r["set"] == name]
            score = set_score(part, [pick(r, t) for r in part])
            anchor = max(set_score(part, [k] * len(part)) for k in ("a", "p"))
            policy.margins[-1].append(score - anchor - MARGIN)
            share = sum(1 for r in part if consulted(r, t)) / len(part)
            policy.shares[-1] = max(policy.shares[-1], share)
            speeds.append(speedup(part, t))
            cells.append(
                f"{score:.4f} ({policy.margins[-1][-1]:+.4f}; {share:.2f}; {speeds[-1]:.2f}×)"
            )
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
        policy.fast.append(min(speeds) >= MIN_SPEEDUP)
    return policy, lines


def checked(
    loaded: list[dict[str, Any]], data: list[tuple[list[list[float]], list[float]]], by_set: bool
) -> tuple[list[dict[str, Any]], list[list[float]]]:
    """Every page scored out of fold (``by_set``: by models fitted on the other sets), with
    the lead model's out-of-fold weights per page."""
    oof: list[list[float]] = [[] for _ in loaded]
    for test in folds(loaded, by_set):
        weights = fit_lead(data, held_out(loaded, test))
        for i in test:
            oof[i] = weights
    rows = pages(loaded, oof)
    cross_validate(rows, by_set)
    return rows, oof


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, choose the threshold, fit on all pages and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    parser.add_argument(
        "--leave-set-out",
        action="store_true",
        help="figures only, each set scored by models fitted on the other two sets",
    )
    args = parser.parse_args(argv)
    if not (SHARED_EVAL / "eval_body.py").exists():
        print(f"no evaluation sets in {SHARED_EVAL}", file=sys.stderr)
        return 1
    loaded = loaded_pages()
    data = lead_data(loaded)
    rows, oof = checked(loaded, data, args.leave_set_out)
    policy, lines = policy_table(rows)
    if not args.leave_set_out:  # the threshold must hold under both checks
        policy = policy.worst_of(policy_table(checked(loaded, data, True)[0])[0])
    threshold = policy.choose()
    scheme = f"{FOLDS} folds grouped by publisher"
    if args.leave_set_out:
        scheme = "each set scored by models fitted on the other two sets (their pages of"
        scheme += " its publishers left out)"
    head = "| threshold | " + " | ".join(BODY_SETS) + " |"
    text = "\n".join(
        [
            START,
            "### Extraction confidence: out-of-fold figures",
            "",
            "`python benchmarks/train_confidence.py` (trains `newscrawl/extract/confidence.json`)."
            f" {len(rows)} pages, {scheme}; each cell: the set's",
            "figure when pages below the threshold consult trafilatura and the two texts are",
            "merged line by line by the lines model; its margin over the set's best anchor",
            f"(trafilatura or its precision mode) beyond the +{MARGIN} asked; the share of the",
            "set's pages consulted; newscrawl's estimated speed over trafilatura's from CPU time",
            "in this process (threshold kept: best worst margin, each set's margin at its worst",
            "over the threshold and its neighbours and over both checks, these folds and one set",
            f"left out (`--leave-set-out`), with every set at {MIN_SPEEDUP}× or more).",
            "Run: " + machine() + ".",
            "",
            head,
            "|---" * (len(BODY_SETS) + 1) + "|",
            *lines,
            "",
            f"Threshold kept: **{threshold}**. Lead model out of fold (threshold {KEEP_LEAD}):",
            lead_figures(data, oof) + ".",
            END,
        ]
    )
    print(text)
    if args.leave_set_out:
        return 0
    own = fit([own_row(r) for r in rows], [own_target(r) for r in rows])
    for r in rows:
        r["conf"] = prob(own, r["features"])
    lines_model = fit(*line_data(rows), l2=L2_LINES)
    lead = fit_lead(data, set())
    if not args.dry_run:
        spec = {
            "trained_on": list(BODY_SETS),
            "models": {
                "own": {"weights": [round(w, 4) for w in own], "threshold": threshold},
                "lines": {"weights": [round(w, 4) for w in lines_model], "threshold": KEEP},
                "lead": {"weights": [round(w, 4) for w in lead], "threshold": KEEP_LEAD},
            },
        }
        WEIGHTS.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        write_section(DOC, START, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
