"""Golden fixtures: whole pages through page analysis and the loader, compared field by field.

Each case is a folder under ``golden/`` with ``input.html`` (an invented page) and
``output.json`` (the page URL it is analysed under, its kind, the loaded fields and the
related links). After a deliberate change, rewrite the outputs with
``pytest tests/extract/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import analyze_page
from newscrawl.loaders import load_article

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input.html").exists())


def analysed(case: Path, url: str) -> dict[str, object]:
    """What the case's page gives: kind, normalized fields, related links."""
    page = analyze_page((case / "input.html").read_bytes(), url, follow=False)
    return {
        "url": url,
        "kind": page.kind.kind,
        "fields": load_article(page),
        "related_links": page.related_links,
    }


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, request: pytest.FixtureRequest) -> None:
    case = GOLDEN / name
    expected_path = case / "output.json"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    got = analysed(case, expected["url"])
    if request.config.getoption("--update-golden"):
        text = json.dumps(got, ensure_ascii=False, indent=2) + "\n"
        expected_path.write_text(text, encoding="utf-8")
        return
    assert got == expected


def test_every_case_has_an_output() -> None:
    assert CASES
    for name in CASES:
        assert (GOLDEN / name / "output.json").is_file(), name
