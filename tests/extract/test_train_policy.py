"""The training script scores what the runtime keeps: its page policy matches ``settle_body``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "train_confidence.py"
LONG = "A second opinion that runs on long enough to be a body. " * 5


@pytest.fixture(scope="module")
def train() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_confidence", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _row(ours: str, other: str, conf: float) -> dict[str, Any]:
    return {"ours": ours, "other": other, "conf": conf}


@pytest.mark.parametrize(
    ("ours", "other", "conf", "kept"),
    [
        (LONG, LONG, 0.9, "o"),  # confident: no second opinion
        ("Our body.", LONG, 0.9, "m"),  # confident but shorter than an article: consulted
        ("Our body.", LONG, 0.1, "m"),  # unsure, both found a body: the merge
        ("", LONG, 0.0, "t"),  # only trafilatura found one
        ("Our body.", "Headline only", 0.1, "o"),  # one short line is no body
        ("", "", 0.0, "e"),  # neither: the declared or script-state text
        ("", "Headline only", 0.0, "e"),
    ],
)
def test_pick_follows_the_runtime(
    train: ModuleType, ours: str, other: str, conf: float, kept: str
) -> None:
    assert train.pick(_row(ours, other, conf), 0.5) == kept


@pytest.mark.parametrize(
    ("ours", "trafilatura", "target"),
    [
        ((9, 0, 1), (9, 0, 1), 1.0),  # good, and trafilatura does no better
        ((9, 0, 1), (10, 0, 0), 0.0),  # good, but trafilatura's text is better: consult
        ((5, 5, 5), (1, 9, 9), 0.0),  # poor
    ],
)
def test_own_target_says_where_consulting_cannot_gain(
    train: ModuleType, ours: tuple[int, ...], trafilatura: tuple[int, ...], target: float
) -> None:
    if not (train.SHARED_EVAL / "eval_body.py").exists():  # the page score is the shared metric
        pytest.skip("needs ../shared/eval")
    row = {"set": "aeb-dev", "counts": {"o": ours, "t": trafilatura}}
    row["qo"] = train.page_score(False, ours)
    assert train.own_target(row) == target


def test_a_rescued_body_is_learned_as_the_strict_pass_saw_the_page(train: ModuleType) -> None:
    # a page whose body was rescued from the article's zoned elements: the own model learns
    # the strict pass's features (no body) and target (0), whatever the rescued body scores
    rescued = {"features": [1.0, 2.0], "strict": [0.0, 0.0], "qo": 1.0}
    plain = {"features": [1.0, 2.0]}
    assert train.own_row(rescued) == [0.0, 0.0]
    assert train.own_row(plain) == [1.0, 2.0]
    assert train.own_target(rescued) == 0.0


def _page(name: str, host: str) -> dict[str, Any]:
    return {"set": name, "host": host}


def test_leaving_a_set_out_also_leaves_out_its_publishers_pages_in_the_other_sets(
    train: ModuleType,
) -> None:
    rows = [
        _page("aeb-dev", "harbor.example"),
        _page("aeb-dev", "shared.example"),
        _page("fundus-dev-body", "shared.example"),  # a publisher in two sets
        _page("fundus-dev-body", "valley.example"),
        _page("trafeval-dev", "hills.example"),
    ]
    tests = train.folds(rows, by_set=True)
    assert tests == [{0, 1}, {2, 3}, {4}]  # one fold per set, in BODY_SETS order
    assert train.held_out(rows, tests[0]) == {0, 1, 2}
    assert train.held_out(rows, tests[2]) == {4}


def test_grouped_folds_keep_each_publisher_in_one_fold(train: ModuleType) -> None:
    rows = [_page("aeb-dev", f"site{i % 7}.example") for i in range(40)]
    tests = train.folds(rows)
    assert sorted(i for t in tests for i in t) == list(range(40))
    for test in tests:
        assert train.held_out(rows, test) == test


def test_fit_follows_its_penalty(train: ModuleType) -> None:
    # a feature that separates the targets perfectly: the weaker the penalty, the larger
    # its weight (the lines model is fitted with L2_LINES, weaker than the others' L2)
    rows, targets = [[1.0], [0.0]] * 10, [1.0, 0.0] * 10
    weak, strong = train.fit(rows, targets, l2=train.L2_LINES), train.fit(rows, targets)
    assert train.L2_LINES < train.L2
    assert weak[1] > strong[1] > 0


def test_the_threshold_kept_holds_with_a_set_left_out(train: ModuleType) -> None:
    n, sets = len(train.THRESHOLDS), len(train.BODY_SETS)
    rising = [[0.001 * (i + 1)] * sets for i in range(n)]  # higher thresholds gain
    grouped = train.Policy(rising, [0.1 * i for i in range(n)], [True] * n)
    assert grouped.choose() == train.THRESHOLDS[-1]
    # with the set left out, every threshold from the seventh up loses a set
    left_out = train.Policy(
        [m if i < 6 else [-0.01] * sets for i, m in enumerate(rising)], grouped.shares, grouped.fast
    )
    assert grouped.worst_of(left_out).choose() == train.THRESHOLDS[4]
