"""`newscrawl extract PAGE.html --url URL`: the extracted fields as JSON."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newscrawl.cli import main
from tests.support.golden import golden_page

PAGE = golden_page("wire_republished")


def test_extract_prints_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://riverbend.example/2024/09/10/harbor-towns-split-ferry-subsidy/"
    assert main(["extract", str(PAGE), "--url", url, "--links"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "article"
    assert out["headline"] == "Harbor towns split over ferry subsidy plan"
    assert 0.7 <= out["extraction_confidence"] <= 1.0
    assert out["byline"] == "By Associated Press"
    assert out["published"] == "2024-09-10T14:05:00-07:00"
    assert out["body"].startswith("SALEM, Ore. (AP)")
    assert "https://riverbend.example/2024/09/11/school-bond/" in out["related_links"]


def test_extract_reads_a_page_saved_gzip_compressed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "page.html.gz"
    saved.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert main(["extract", str(saved), "--url", "https://riverbend.example/a/"]) == 0
    assert json.loads(capsys.readouterr().out)["headline"] == (
        "Harbor towns split over ferry subsidy plan"
    )


def test_extract_refuses_a_broken_gzip_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "page.html.gz"
    saved.write_bytes(gzip.compress(PAGE.read_bytes())[:60])
    assert main(["extract", str(saved)]) == 2
    assert "not a readable gzip file" in capsys.readouterr().err


def test_binary_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "photo.html"
    blob.write_bytes(bytes(range(256)) * 40)  # an image saved under the wrong name
    assert main(["extract", str(blob)]) == 2
    assert (
        capsys.readouterr().err == f"newscrawl extract: {blob} is binary data, not an HTML page\n"
    )
