"""The newscrawl command: extract and demo."""

from __future__ import annotations

import io
import json
import socket
import sqlite3
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.demo.run import run_demo
from tests.support.spiders import FIXTURES, PROJECT


def test_extract_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    page = FIXTURES / "pages" / "article_jsonld.html"
    url = "http://127.0.0.2:8080/2025/03/04/ferry-service-resumes-after-storm/"
    assert main(["extract", str(page), "--url", url, "--links"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kind"] == "article"
    assert out["headline"] == "Ferry service resumes after storm"
    assert out["authors"] == ["Lena Park", "Omar Haddad"]
    assert out["published"] == "2025-03-04T21:10:00-05:00"
    assert any("river-levels-rise" in link for link in out["related_links"])


def test_extract_reads_stdin_and_odd_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (FIXTURES / "pages" / "cp1252.html").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["extract", "-", "--url", "http://x.example/2025/03/04/cafe/"]) == 0
    assert json.loads(capsys.readouterr().out)["authors"] == ["Renée Dubois"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        return int(sock.getsockname()[1])


def test_demo_crawls_and_summarizes(tmp_path: Path) -> None:
    out = io.StringIO()
    db = tmp_path / "news.db"
    port = _free_port()
    assert run_demo(db, PROJECT / "data" / "demo" / "network.toml", out, port=port) == 0
    text = out.getvalue()
    assert "Valley Courier" in text and "Metro Ledger" in text and "Harbor Gazette" in text
    conn = sqlite3.connect(db)
    articles, stories = conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)"
    ).fetchone()
    conn.close()
    assert f"{articles} articles, {stories} stories" in text
    assert "SELECT" in text  # the example query
    again = io.StringIO()  # a second run serves the same URLs: no new rows
    assert run_demo(db, PROJECT / "data" / "demo" / "network.toml", again, port=port) == 0
    assert f"{articles} articles, {stories} stories" in again.getvalue()


def test_demo_reports_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        sock.listen()
        out = io.StringIO()
        port = sock.getsockname()[1]
        code = run_demo(tmp_path / "n.db", PROJECT / "data" / "demo" / "network.toml", out, port)
    assert code == 1 and "try --port" in out.getvalue()
