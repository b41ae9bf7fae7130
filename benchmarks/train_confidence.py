"""Train the extraction-confidence models (newscrawl/extract/confidence.json).

Pages: every body dev set (``../shared/eval``: aeb-dev, fundus-dev-body, trafeval-dev).
For each page: newscrawl's body and its ``own`` features (fallbacks off), trafilatura's body,
and each one's page score with the set's own metric (4-word shingle F1; snippet accuracy).

- ``own``: logistic regression, target "newscrawl's page score >= GOOD".
- ``choose``: logistic regression on pages where the two differ, target "trafilatura's is
  better", features from how the two texts compare (``confidence.pair_features``).

Figures are out-of-fold: 5 folds grouped by publisher (host), so no publisher is ever in
the training and the test part at once. The consultation threshold is the one whose
out-of-fold policy gives the best worst-set margin over trafilatura (to 0.001; then the one
consulting fewer pages) while consulting at most MAX_CONSULTED of the pages. The final weights are fitted on all pages.

    python benchmarks/train_confidence.py            # train, write the JSON, print figures
    python benchmarks/train_confidence.py --dry-run  # figures only
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.extraction import DOC, SHARED_EVAL, load_module  # noqa: E402
from benchmarks.markdown import machine, write_section  # noqa: E402
from newscrawl.extract import analyze_page  # noqa: E402
from newscrawl.extract.confidence import WEIGHTS, pair_features  # noqa: E402
from newscrawl.extract.fallbacks import other_body  # noqa: E402
from newscrawl.loaders import load_article  # noqa: E402

BODY_SETS = ("aeb-dev", "fundus-dev-body", "trafeval-dev")
START, END = "<!-- confidence:start -->", "<!-- confidence:end -->"
GOOD = 0.9
FOLDS = 5
MAX_CONSULTED = 0.3
THRESHOLDS = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
L2, STEPS, RATE = 0.01, 600, 0.5


def fit(rows: list[list[float]], targets: list[float]) -> list[float]:
    """Logistic regression by gradient descent (L2 on the weights, not the intercept)."""
    w = [0.0] * (len(rows[0]) + 1)
    n = len(rows)
    for _ in range(STEPS):
        grad = [0.0] * len(w)
        for x, t in zip(rows, targets, strict=True):
            err = prob(w, x) - t
            grad[0] += err
            for j, xj in enumerate(x, 1):
                grad[j] += err * xj
        w = [
            wj - RATE * (g / n + (L2 * wj if j else 0.0))
            for j, (wj, g) in enumerate(zip(w, grad, strict=True))
        ]
    return w


def prob(w: list[float], x: list[float]) -> float:
    """The logistic model's probability."""
    z = w[0] + sum(wj * xj for wj, xj in zip(w[1:], x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def pages() -> list[dict[str, Any]]:
    """Every page of the body sets with both extractions and their page scores."""
    body_metric, snippets = (
        load_module(SHARED_EVAL / "eval_body.py"),
        load_module(SHARED_EVAL / "eval_snippets.py"),
    )
    out = []
    for name in BODY_SETS:
        is_snip = name == "trafeval-dev"
        metric = snippets if is_snip else body_metric
        loaded, _ = metric.load_dataset(str(SHARED_EVAL / name))
        for p in loaded:
            page = analyze_page(p["html"], p["url"], follow=False, fallbacks=False)
            ours = load_article(page).get("body", "")
            other = other_body(p["html"])
            row = {"set": name, "host": urlsplit(p["url"]).netloc.removeprefix("www.")}
            row.update(ours=ours, other=other, features=page.features)
            row["qo"], row["qt"] = (page_score(metric, is_snip, p, t) for t in (ours, other))
            row["counts"] = {
                k: page_counts(metric, is_snip, p, t) for k, t in (("o", ours), ("t", other))
            }
            out.append(row)
    return out


def page_counts(metric: Any, is_snip: bool, page: dict[str, Any], text: str) -> tuple[int, ...]:
    """The set metric's counts for one page."""
    if is_snip:
        return tuple(metric.count_item(page, text or None))
    return tuple(metric.page_tp_fp_fn(page["true"], text))


def page_score(metric: Any, is_snip: bool, page: dict[str, Any], text: str) -> float:
    """One page's score: shingle F1, or the share of snippets judged right."""
    counts = page_counts(metric, is_snip, page, text)
    if is_snip:
        return (counts[0] + counts[3]) / max(1, sum(counts))
    return float(metric.page_f1(*counts))


def set_score(rows: list[dict[str, Any]], picks: list[str]) -> float:
    """A set's figure when each page keeps the body picked ("o" ours, "t" trafilatura)."""
    counts = [r["counts"][k] for r, k in zip(rows, picks, strict=True)]
    if rows[0]["set"] == "trafeval-dev":
        tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    body_metric = load_module(SHARED_EVAL / "eval_body.py")
    return float(body_metric.aggregate(counts)["f1"])


def pick(row: dict[str, Any], threshold: float) -> str:
    """What the runtime policy keeps for a page, from its out-of-fold probabilities."""
    if row["ours"] and row["conf"] >= threshold:
        return "o"
    if not row["other"]:
        return "o"
    if row["ours"] and row["choose"] < 0.5:
        return "o"
    return "t"


def targets_choose(rows: list[dict[str, Any]]) -> tuple[list[list[float]], list[float]]:
    """The chooser's training rows: pages where the two extractions score differently."""
    differ = [r for r in rows if abs(r["qt"] - r["qo"]) > 1e-9]
    x = [pair_features(r["ours"], r["other"], r["conf"]) for r in differ]
    return x, [float(r["qt"] > r["qo"]) for r in differ]


def cross_validate(rows: list[dict[str, Any]]) -> None:
    """Out-of-fold ``conf`` and ``choose`` for every page, folds grouped by publisher."""
    by_host: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_host[r["host"]].append(i)
    hosts = sorted(by_host)
    random.Random(1).shuffle(hosts)
    for k in range(FOLDS):
        test = {i for h in hosts[k::FOLDS] for i in by_host[h]}
        train = [r for i, r in enumerate(rows) if i not in test]
        own = fit([r["features"] for r in train], [float(r["qo"] >= GOOD) for r in train])
        for r in train:
            r["conf"] = prob(own, r["features"])
        chooser = fit(*targets_choose(train))
        for i in test:
            r = rows[i]
            r["oof_conf"] = prob(own, r["features"])
            r["oof_choose"] = prob(chooser, pair_features(r["ours"], r["other"], r["oof_conf"]))
    for r in rows:
        r["conf"], r["choose"] = r["oof_conf"], r["oof_choose"]


def policy_table(rows: list[dict[str, Any]]) -> tuple[float, list[str]]:
    """Per threshold: each set's figure and margin over trafilatura; the threshold chosen."""
    lines, best = [], ((-1.0, 0.0), THRESHOLDS[0])
    for t in THRESHOLDS:
        cells, margins, consulted = [], [], 0
        for name in BODY_SETS:
            part = [r for r in rows if r["set"] == name]
            score = set_score(part, [pick(r, t) for r in part])
            anchor = set_score(part, ["t"] * len(part))
            margins.append(score - anchor)
            consulted += sum(1 for r in part if not r["ours"] or r["conf"] < t)
            cells.append(f"{score:.3f} ({score - anchor:+.3f})")
        share = consulted / len(rows)
        lines.append(f"| {t} | " + " | ".join(cells) + f" | {share:.2f} |")
        key = (round(min(margins), 3), -share)  # ties: the threshold consulting fewer pages
        if share <= MAX_CONSULTED and key > best[0]:
            best = (key, t)
    return best[1], lines


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, choose the threshold, fit on all pages and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    if not (SHARED_EVAL / "eval_body.py").exists():
        print(f"no evaluation sets in {SHARED_EVAL}", file=sys.stderr)
        return 1
    rows = pages()
    cross_validate(rows)
    threshold, lines = policy_table(rows)
    head = "| threshold | " + " | ".join(BODY_SETS) + " | consulted |"
    text = "\n".join(
        [
            START,
            "### Extraction confidence: out-of-fold figures",
            "",
            "`python benchmarks/train_confidence.py` (trains `newscrawl/extract/confidence.json`)."
            f" {len(rows)} pages, {FOLDS} folds grouped by publisher; each cell: the set's",
            "figure when pages below the threshold consult trafilatura and the chooser picks,",
            "and its margin over trafilatura alone on the same pages. Run: " + machine() + ".",
            "",
            head,
            "|---" * (len(BODY_SETS) + 2) + "|",
            *lines,
            "",
            f"Threshold kept: **{threshold}**.",
            END,
        ]
    )
    print(text)
    own = fit([r["features"] for r in rows], [float(r["qo"] >= GOOD) for r in rows])
    for r in rows:
        r["conf"] = prob(own, r["features"])
    chooser = fit(*targets_choose(rows))
    if not args.dry_run:
        spec = {
            "trained_on": list(BODY_SETS),
            "models": {
                "own": {"weights": [round(w, 4) for w in own], "threshold": threshold},
                "choose": {"weights": [round(w, 4) for w in chooser], "threshold": 0.5},
            },
        }
        WEIGHTS.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        write_section(DOC, START, END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
