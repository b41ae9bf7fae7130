"""Every project setting is documented: a comment in settings.py and a row in the README."""

from __future__ import annotations

import re
from pathlib import Path

import newscrawl.settings

ROOT = Path(__file__).resolve().parents[1]
PROJECT_SETTINGS = sorted(
    name for name in vars(newscrawl.settings) if name.startswith("NEWSCRAWL_")
)


def test_every_project_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(NEWSCRAWL_\w+)` \|", readme, re.M))
    assert set(PROJECT_SETTINGS) <= rows
    assert len(PROJECT_SETTINGS) >= 18


def test_every_project_setting_has_a_comment_in_settings_py() -> None:
    lines = (ROOT / "newscrawl" / "settings.py").read_text(encoding="utf-8").splitlines()
    for name in PROJECT_SETTINGS:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}"))
        above = lines[at - 1].strip()
        # a "#:" comment above, or the setting continues a group documented just above it
        assert above.startswith("#") or lines[at - 1].startswith("NEWSCRAWL_"), name
