"""`newscrawl extract PAGE.html --url URL`: the extracted fields as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.cli import main

PAGE = Path(__file__).parent / "fixtures" / "extract" / "wire_republished.html"


def test_extract_prints_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    assert main(["extract", str(PAGE), "--url", url, "--links"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "article"
    assert out["headline"] == "Harbor towns split over ferry subsidy plan"
    assert out["byline"] == "By Associated Press"
    assert out["published"] == "2024-09-10T14:05:00-07:00"
    assert out["body"].startswith("SALEM, Ore. (AP)")
    assert "https://riverbend.example/2024/09/11/school-bond/" in out["related_links"]
