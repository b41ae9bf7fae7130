"""Quality gate: no dev-set figure may fall below the one recorded by the benchmark.

``python benchmarks/extraction.py`` records newscrawl's figures on every dev set in
``benchmarks/extraction.json``; this test re-scores ``extract_article`` on the same sets with
the shared evaluation code. Skipped when ``../shared/eval`` is absent (a user's machine).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newscrawl.extract import extract_article

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
RECORDED = ROOT / "benchmarks" / "extraction.json"
MARGIN = 0.005

pytestmark = pytest.mark.skipif(
    not (EVAL / "eval_body.py").exists(), reason="shared evaluation sets absent"
)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _recorded(name: str) -> dict[str, Any]:
    if not (EVAL / name).is_dir():
        pytest.skip(f"{name} absent")
    return dict(json.loads(RECORDED.read_text(encoding="utf-8"))[name])


@pytest.mark.parametrize("name", ["aeb-dev", "fundus-dev-body"])
def test_body(name: str) -> None:
    expected = _recorded(name)
    metric = _module("eval_body")
    pages, _ = metric.load_dataset(EVAL / name)
    outputs = [metric.to_body(extract_article(p["html"], p["url"])) for p in pages]
    scores, _, _ = metric.evaluate([p["true"] for p in pages], outputs, n_bootstrap=0)
    empty = [p["id"] for p, out in zip(pages, outputs, strict=True) if not out.strip()]
    assert len(empty) <= expected["empty"], empty
    assert scores["f1"] >= expected["f1"] - MARGIN


def test_snippets_on_trafeval_dev() -> None:
    expected = _recorded("trafeval-dev")
    metric = _module("eval_snippets")
    pages, _ = metric.load_dataset(str(EVAL / "trafeval-dev"))
    outputs = [metric.to_body(extract_article(p["html"], p["url"])) for p in pages]
    counts = [metric.count_item(p, out) for p, out in zip(pages, outputs, strict=True)]
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    assert metric.scores(tp, fp, fn, tn)["f1"] >= expected["f1"] - MARGIN
    assert sum(1 for out in outputs if not out) <= expected["empty"]


@pytest.mark.parametrize("name", ["meta-dev", "fundus-dev-meta"])
def test_metadata(name: str) -> None:
    expected = _recorded(name)
    meta = _module("eval_meta")
    data = EVAL / name
    results = meta.evaluate(extract_article, meta.load_records(str(data)), str(data), warn=print)
    assert results["errors"] == 0
    assert results["headline"]["exact"] >= expected["headline"] - MARGIN
    assert results["authors"]["set_f1"] >= expected["authors"] - MARGIN
    assert results["date"]["accuracy"] >= expected["date"] - MARGIN
