"""``newscrawl search`` and ``newscrawl browse`` from the command line."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.analyst import browse
from newscrawl.cli import main
from tests.support.archive import Crafted, crafted_archive


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        made.archive.commit()
        yield made


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_ranked_hits_with_snippets(
    crafted: Crafted, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", "canal", "--db", str(crafted.path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(" 1. ")
    assert lines.count("") == 0 and len(lines) == 12  # four hits, three lines each
    assert lines[-3] == " 4. Ferry timetable changes"
    assert lines[-2] == "    harbor.example · undated · http://harbor.example/ferry"
    assert "[canal] crossing" in lines[-1]


def test_search_filters_and_limit(crafted: Crafted, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(crafted.path)
    _, out, _ = run(capsys, "search", "canal", "--site", "Harbor Post", "--db", db)
    assert out.count("harbor.example ·") == 2 and "valley.example" not in out
    _, out, _ = run(capsys, "search", "canal", "--since", "2024-03-06", "--limit", "1", "--db", db)
    assert out.splitlines()[1].startswith("    harbor.example · ")
    assert len(out.splitlines()) == 3


def test_search_exit_codes_and_messages(
    crafted: Crafted, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(crafted.path)
    assert run(capsys, "search", "zeppelin", "--db", db)[:2] == (1, "No matches for 'zeppelin'.\n")
    code, _, err = run(capsys, "search", "canal", "--since", "last week", "--db", db)
    assert code == 2 and "--since" in err
    code, _, err = run(capsys, "search", "canal AND (", "--raw", "--db", db)
    assert code == 2 and "invalid query" in err
    code, _, err = run(capsys, "search", "canal", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no archive at" in err
    assert not (tmp_path / "none.db").exists()


def test_browse_without_datasette_says_how_to_install_it(
    crafted: Crafted, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse.importlib.util, "find_spec", lambda name: None)
    code, _, err = run(capsys, "browse", "--db", str(crafted.path))
    assert code == 2
    assert "pip install 'newscrawl[analyst]'" in err


def test_browse_serves_the_archive_with_its_metadata(
    crafted: Crafted, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("datasette")
    seen: dict[str, Any] = {}

    class FakePopen:
        def __init__(self, cmd: list[str]) -> None:
            seen["cmd"] = cmd
            seen["metadata"] = json.loads(Path(cmd[cmd.index("--metadata") + 1]).read_text())

        def wait(self, timeout: float | None = None) -> int:
            return 0

    monkeypatch.setattr(browse.subprocess, "Popen", FakePopen)
    code, _, err = run(capsys, "browse", "--db", str(crafted.path), "--port", "8123", "--open")
    assert code == 0 and "http://127.0.0.1:8123/" in err
    assert seen["cmd"][1:5] == ["-m", "datasette", "serve", str(crafted.path)]
    assert seen["cmd"][-5:] == ["--host", "127.0.0.1", "--port", "8123", "--open"]
    database = seen["metadata"]["databases"]["news"]
    assert "who_ran_this_story" in database["queries"]
    assert run(capsys, "browse", "--db", str(crafted.path.with_name("x.db")))[0] == 2


def test_the_datasette_module_starts(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    cmd = browse.datasette_command(tmp_path / "a.db", tmp_path / "m.json", "127.0.0.1", 1, False)
    done = subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "--metadata" in done.stdout


def test_search_says_when_only_the_newest_matches_were_ranked(
    crafted: Crafted, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newscrawl.analyst.search.RANK_WINDOW", 2)
    _, out, _ = run(capsys, "search", "canal", "--db", str(crafted.path))
    assert out.count(" · ") == 4 and "2 articles or more match" in out
    _, out, _ = run(capsys, "search", "canal", "--all", "--db", str(crafted.path))
    assert out.count(" · ") == 8 and "or more match" not in out
