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
