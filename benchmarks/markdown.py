"""Writing benchmark results into docs/benchmarks.md, between a benchmark's own markers."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, start: str, end: str, section: str) -> None:
    """Replace the text from ``start`` to ``end`` in ``path`` with ``section`` (which holds
    both markers), or append it when the markers are not there yet."""
    text = path.read_text(encoding="utf-8")
    if start in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
