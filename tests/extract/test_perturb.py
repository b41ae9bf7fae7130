"""The markup perturbation of the extraction benchmark (``benchmarks/perturb.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = (
    b'<html><body><div class="story-body main" id=main>'
    b"<p class='share-bar main'>Share this</p>"
    b'<p data-id="keep" title="a > b">Caf\xc3\xa9 text with class="words" in it.</p>'
    b'<aside ID="related-stories" role="complementary">More</aside>'
    b"</div></body></html>"
)


@pytest.fixture(scope="module")
def perturb() -> ModuleType:
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("perturb", ROOT / "benchmarks" / "perturb.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_names_replaces_every_class_and_id_word_consistently(perturb: ModuleType) -> None:
    out = perturb.perturb(PAGE, "names")
    assert b'class="x0 x1" id=x1' in out  # the same word, the same token, class or id
    assert b"class='x2 x1'" in out
    assert b'ID="x3" role="complementary"' in out  # other attributes kept
    assert b'data-id="keep" title="a > b"' in out
    assert b'Caf\xc3\xa9 text with class="words" in it.' in out  # text untouched


def test_known_replaces_only_words_our_zones_name(perturb: ModuleType) -> None:
    out = perturb.perturb(PAGE, "known")
    assert b'class="x0 main" id=main' in out  # a content marker is a known word too
    assert b"class='x1 main'" in out
    assert b'ID="x2"' in out


def test_half_is_a_fixed_choice(perturb: ModuleType) -> None:
    words = [f"w{i}" for i in range(40)]
    page = f'<div class="{" ".join(words)}">Text</div>'.encode()
    out = perturb.perturb(page, "half")
    assert out == perturb.perturb(page, "half")
    kept = [w for w in words if f"{w} " in out.decode() or f'{w}"' in out.decode()]
    assert 8 < len(kept) < 32  # about half of the words kept


def test_a_page_without_names_is_unchanged(perturb: ModuleType) -> None:
    page = b"<p>Plain <b>text</b>.</p>"
    for mode in perturb.MODES:
        assert perturb.perturb(page, mode) == page


DECLARED = (
    b"<html><head><title>T</title>"
    b'<meta property="article:published_time" content="2031-04-05T08:00:00Z">'
    b'<meta name="date" content="2031-04-05"><meta name="DC.date.issued" content="2031-04-05">'
    b'<meta name="description" content="A summary."><meta property="og:title" content="T">'
    b'<script type="application/ld+json">{"datePublished": "2031-04-05"}</script>'
    b'<script>var x = 1;</script></head><body class="story">'
    b'<time datetime="2031-04-05T08:00" pubdate class="when">5 April 2031</time>'
    b'<span itemprop="datePublished" content="2031-04-05">Printed 5 April 2031</span>'
    b'<span itemprop="author">Ann Writer</span></body></html>'
)


def test_declared_removes_declared_dates_and_keeps_what_is_printed(perturb: ModuleType) -> None:
    out = perturb.perturb(DECLARED, "declared")
    for gone in (
        b"published_time",
        b'name="date"',
        b"DC.date",
        b"ld+json",
        b"datetime",
        b"pubdate",
    ):
        assert gone not in out
    assert b'itemprop="datePublished"' not in out
    for kept in (
        b'<meta name="description" content="A summary.">',
        b'<meta property="og:title" content="T">',
        b"<script>var x = 1;</script>",
        b'<time class="when">5 April 2031</time>',
        b"Printed 5 April 2031",
        b'<span itemprop="author">Ann Writer</span>',
        b'<body class="story">',
    ):
        assert kept in out


def _extraction() -> ModuleType:
    sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location(
        "extraction", ROOT / "benchmarks" / "extraction.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_perturbed_table_scores_metadata_sets_by_their_date() -> None:
    bench = _extraction()

    def row(date: float) -> dict[str, object]:
        return {"version": "1", "headline": 0.8, "authors": 0.7, "date": date, "median_ms": 1.0}

    figures = {"meta-dev": {bench.OURS: row(0.95), "htmldate": row(0.90)}}
    perturbed = {"declared": {"meta-dev": {bench.OURS: row(0.85), "htmldate": row(0.80)}}}
    text = "\n".join(bench.perturbed_table(figures, perturbed))
    assert (
        "| meta-dev | declared | **newscrawl** | 0.800 | 0.700 | 0.850 | 0.100 | +0.0400 |" in text
    )
    assert "| meta-dev | declared | htmldate 1 | 0.800 | 0.700 | 0.800 | 0.100 |  |" in text
    assert "| F1 | empty |" not in text  # no text set, no text table
