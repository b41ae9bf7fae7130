"""Golden extraction cases: ``tests/extract/golden/<case>/input.html`` + ``output.json``."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "extract" / "golden"


def golden_page(case: str) -> Path:
    """The page of a golden extraction case (an invented article, listing...)."""
    return GOLDEN / case / "input.html"
