"""Quality gate: the dev-set figures may not fall below those recorded by the benchmark.

``python benchmarks/extraction.py`` records newscrawl's figures in
``benchmarks/extraction.json``; this test re-scores ``extract_article`` on the same dev sets
with the shared evaluation code. Skipped when ``../shared/eval`` is absent (a user's machine).
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
    not (EVAL / "eval_body.py").exists() or not (EVAL / "aeb-dev").is_dir(),
    reason="shared evaluation sets absent",
)


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_body_on_aeb_dev(recorded: dict[str, Any]) -> None:
    metric = _module("eval_body")
    pages, _ = metric.load_dataset(EVAL / "aeb-dev")
    outputs = [metric.to_body(extract_article(p["html"], p["url"])) for p in pages]
    scores, _, _ = metric.evaluate([p["true"] for p in pages], outputs, n_bootstrap=0)
    assert not [p["id"] for p, out in zip(pages, outputs, strict=True) if not out.strip()]
    assert scores["f1"] >= recorded["body"]["f1"] - MARGIN


def test_metadata_on_meta_dev(recorded: dict[str, Any]) -> None:
    meta = _module("eval_meta")
    data = EVAL / "meta-dev"
    results = meta.evaluate(extract_article, meta.load_records(str(data)), str(data), warn=print)
    expected = recorded["meta"]
    assert results["errors"] == 0
    assert results["headline"]["exact"] >= expected["headline"] - MARGIN
    assert results["authors"]["set_f1"] >= expected["authors"] - MARGIN
    assert results["date"]["accuracy"] >= expected["date"] - MARGIN
