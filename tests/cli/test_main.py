"""The newscrawl command: extract and demo."""

from __future__ import annotations

import io
import json
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.demo.run import run_demo
from newscrawl.store import access
from tests.support.spiders import FIXTURES, PROJECT

NETWORK = PROJECT / "data" / "demo" / "network.toml"


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


def test_demo_crawls_and_says_what_each_run_added(tmp_path: Path) -> None:
    out = io.StringIO()
    db = tmp_path / "news.db"
    assert run_demo(db, NETWORK, out, port=0) == 0
    text = out.getvalue()
    assert "Valley Courier" in text and "Metro Ledger" in text and "Harbor Gazette" in text
    conn = sqlite3.connect(db)
    articles, stories = conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)"
    ).fetchone()
    conn.close()
    assert f"This run: {articles} new articles.\n" in text
    assert f"{articles} articles, {stories} stories" in text
    assert "ORDER BY s.id, datetime(a.published)" in text  # the example query
    again = io.StringIO()  # port 0 again serves the same URLs as before: no new rows
    assert run_demo(db, NETWORK, again, port=0) == 0
    assert f"This run: 0 new, {articles} unchanged.\n" in again.getvalue()
    assert f"{articles} articles, {stories} stories" in again.getvalue()


def test_demo_serve_serves_until_stopped(tmp_path: Path) -> None:
    port = _free_port()
    cmd = [sys.executable, "-m", "newscrawl.cli", "demo", "--serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("Serving 3 demo sites")
        url = f"http://127.0.0.2:{port}/"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
        assert "Stopped." in proc.stdout.read()
    finally:
        proc.kill()
        proc.wait()
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=5)


def test_demo_reports_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.2", 0))
        sock.listen()
        out, err = io.StringIO(), io.StringIO()
        port = sock.getsockname()[1]
        network = PROJECT / "data" / "demo" / "network.toml"
        code = run_demo(tmp_path / "n.db", network, out, port, err)
    assert code == 2 and "another --port" in err.getvalue() and not out.getvalue()


def test_an_archive_another_process_is_writing_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, src = tmp_path / "n.db", tmp_path / "a.jsonl"
    body = "\n\n".join(["The council voted on Tuesday to close the old ferry pier for a year."] * 6)
    record = {"url": "https://example.org/pier", "headline": "Pier closes", "body": body}
    src.write_text(json.dumps(record) + "\n")
    assert main(["import", str(src), "--db", str(db)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(access, "BUSY_TIMEOUT_MS", 50)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another import or crawl in the middle of a batch
    try:
        code = main(["import", str(src), "--db", str(db)])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "is being written by another process" in err and "integrity_check" not in err
