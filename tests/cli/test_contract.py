"""The command-line contract, as a table: every subcommand and ``scrapy crawl news`` times bad
input gives one line on stderr naming the problem, exit status 2, no traceback, and leaves
every file as it was (README "Exit status")."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.store import Archive
from newscrawl.store.access import ArchiveError
from tests.support.newssite import crawl_env
from tests.support.spiders import FIXTURES


def make_archive(path: Path) -> Path:
    archive = Archive.open(path)
    archive.save_article(
        {"url": "http://a.example/x", "site": "a.example", "headline": "Canal", "body": "canal"}
    )
    archive.close()
    return path


def _random(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(5000))


def _corrupt(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(5000))


def _truncated(path: Path) -> None:
    make_archive(path.with_suffix(".full"))
    path.write_bytes(path.with_suffix(".full").read_bytes()[:8192])


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


#: Bad archive files: how to make one, and what the one-line error must say.
BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (lambda p: None, "no archive at"),
    "directory": (lambda p: p.mkdir(), "is a directory"),
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "binary": (_random, "is not a SQLite database"),
    "corrupt-sqlite": (_corrupt, "damaged"),
    "truncated-archive": (_truncated, "damaged"),
    "non-newscrawl-sqlite": (_foreign, "not a newscrawl archive"),
}
#: Read-only commands, as argv without --db.
READERS = {
    "search": ["search", "canal"],
    "report": ["report"],
    "report-html": ["report", "--html", "OUT"],
    "changes": ["changes"],
    "browse": ["browse", "--port", "1"],
}


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` and a hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def one_line_error(err: str, command: str, fragment: str) -> None:
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"newscrawl {command}: ") and fragment in err, err


@pytest.fixture
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    make, fragment = BAD_FILES[request.param]
    path = tmp_path / "in" / "news.db"
    path.parent.mkdir()
    make(path)
    yield path, fragment


@pytest.mark.parametrize("bad_file", list(BAD_FILES), indirect=True)
@pytest.mark.parametrize("command", list(READERS))
def test_readers_refuse_bad_archives_and_touch_nothing(
    command: str, bad_file: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, fragment = bad_file
    before = snapshot(path.parent)
    argv = [a.replace("OUT", str(tmp_path / "r.html")) for a in READERS[command]]
    assert main([*argv, "--db", str(path)]) == 2
    one_line_error(capsys.readouterr().err, argv[0], fragment)
    assert snapshot(path.parent) == before
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "bad_file", [k for k in BAD_FILES if k not in ("missing", "empty")], indirect=True
)
@pytest.mark.parametrize("command", ["init", "import", "demo"])
def test_writers_refuse_files_that_are_no_archive(
    command: str, bad_file: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, fragment = bad_file
    before = snapshot(path.parent)
    records = tmp_path / "a.jsonl"
    records.write_text('{"url": "http://a.example/x", "headline": "x", "body": "y"}\n')
    argv = {"init": ["init"], "import": ["import", str(records)], "demo": ["demo"]}[command]
    assert main([*argv, "--db", str(path)]) == 2
    one_line_error(capsys.readouterr().err, command, fragment)
    assert snapshot(path.parent) == before


def _binary(path: Path) -> Path:
    shutil.copyfile(sys.executable, path)
    return path


#: Bad input files of extract and import: how to make one, what the error must say.
BAD_INPUTS: dict[str, tuple[Callable[[Path], object], str]] = {
    "missing": (lambda p: None, "no such file"),
    "directory": (lambda p: p.mkdir(), "is a directory"),
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "random-bytes": (_random, "not"),
    "executable": (_binary, "not"),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
@pytest.mark.parametrize("command", ["extract", "import"])
def test_input_files_are_checked(
    command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, fragment = BAD_INPUTS[kind]
    source = tmp_path / "input"
    make(source)
    db = tmp_path / "news.db"
    argv = [command, str(source)] + (["--db", str(db)] if command == "import" else [])
    assert main(argv) == 2
    one_line_error(capsys.readouterr().err, command, fragment)
    assert not db.exists()


def status(argv: list[str]) -> int:
    """The exit status of ``newscrawl ARGV``, argparse's exits included."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["search"], "required: query"),
        (["report", "--runs", "0"], "--runs"),
        (["report", "--runs", "x"], "invalid int value"),
        (["changes", "--since", "last week"], "--since"),
        (["import", "ARCHIVE", "--workers", "-1"], "not JSON lines"),
        (["nope"], "invalid choice"),
    ],
)
def test_bad_usage_is_one_line(
    argv: list[str], fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(make_archive(tmp_path / "n.db"))
    assert status([*(a.replace("ARCHIVE", db) for a in argv), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1 and fragment in err, err


def test_readers_work_on_a_read_only_archive_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_archive(tmp_path / "ro" / "news.db")
    for side in db.parent.glob("news.db-*"):
        side.unlink()
    db.chmod(0o444)
    before = snapshot(db.parent)
    assert status(["search", "canal", "--db", str(db)]) == 0
    assert status(["report", "--db", str(db)]) == 0
    assert status(["changes", "--db", str(db)]) == 0
    assert status(["report", "--html", str(tmp_path / "r.html"), "--db", str(db)]) == 0
    assert snapshot(db.parent) == before
    assert "Traceback" not in capsys.readouterr().err


def test_an_older_archive_is_upgraded_only_by_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "archive-m001.db", db)
    before = snapshot(tmp_path)
    assert status(["search", "lighthouse", "--db", str(db)]) == 2
    one_line_error(capsys.readouterr().err, "search", f"newscrawl init --db {db}")
    assert snapshot(tmp_path) == before
    assert status(["init", "--db", str(db)]) == 0
    assert status(["search", "lighthouse", "--db", str(db)]) == 0


def test_init_creates_an_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sub" / "news.db"
    assert status(["init", "--db", str(db)]) == 0
    assert f"Created archive {db}" in capsys.readouterr().err
    assert status(["report", "--db", str(db)]) == 0


@pytest.mark.parametrize("command", ["demo", "browse"])
def test_a_busy_port_is_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("datasette")
    db = make_archive(tmp_path / "news.db")
    host = "127.0.0.2" if command == "demo" else "127.0.0.1"
    with socket.socket() as sock:
        sock.bind((host, 0))
        sock.listen()
        port = str(sock.getsockname()[1])
        assert status([command, "--port", port, "--db", str(db)]) == 2
    captured = capsys.readouterr()
    one_line_error(captured.err, command, f"port {port}")
    assert "Serving" not in captured.out + captured.err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive at"):
        main(["search", "x", "--debug", "--db", str(tmp_path / "none.db")])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert status(["--version"]) == 0
    assert capsys.readouterr().out.startswith("newscrawl ")


def _sites(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


NO_URLS = "[[site]]\nname = 'no urls'\n"
#: ``scrapy crawl news`` arguments that must fail before the crawler starts.
CRAWL_CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "missing-site-list": (lambda d: ["-a", f"sites={d / 'nope.toml'}"], "cannot read site list"),
    "site-list-directory": (lambda d: ["-a", f"sites={d}"], "cannot read site list"),
    "invalid-site-list": (
        lambda d: ["-a", f"sites={_sites(d / 's.toml', NO_URLS)}"],
        "needs start_urls",
    ),
    "bad-toml": (lambda d: ["-a", f"sites={_sites(d / 's.toml', '[[site')}"], "invalid TOML"),
    "bad-url": (lambda d: ["-a", "start_urls=ftp://x.example/"], "not an http(s) URL"),
    "not-a-number": (lambda d: ["-s", "NEWSCRAWL_MAX_PAGES_PER_SITE=abc"], "not a whole number"),
    "negative": (lambda d: ["-s", "DOWNLOAD_DELAY=-1"], "must be 0 or more"),
    "not-a-bool": (lambda d: ["-s", "NEWSCRAWL_AUTODISCOVER=maybe"], "not True or False"),
    "bad-schedule": (lambda d: ["-s", "NEWSCRAWL_REVISIT_SCHEDULE=soon"], "AGE:INTERVAL"),
    "log-dir-missing": (lambda d: ["-s", f"LOG_FILE={d / 'logs' / 'c.log'}"], "mkdir -p"),
    "db-directory": (lambda d: ["-s", f"NEWSCRAWL_DB={d}"], "is a directory"),
    "db-binary": (lambda d: ["-s", f"NEWSCRAWL_DB={_write(d / 'b.db', _random)}"], "not a SQLite"),
    "db-foreign": (lambda d: ["-s", f"NEWSCRAWL_DB={_write(d / 'f.db', _foreign)}"], "another"),
}


def _write(path: Path, make: Callable[[Path], None]) -> Path:
    make(path)
    return path


@pytest.mark.parametrize("case", list(CRAWL_CASES))
def test_crawl_start_up_problems_are_one_line(case: str, tmp_path: Path) -> None:
    args, fragment = CRAWL_CASES[case]
    work = tmp_path / "work"
    work.mkdir()
    argv = ["-s", f"NEWSCRAWL_DB={tmp_path / 'n.db'}", *args(work)]
    if "-a" not in argv:
        argv += ["-a", "start_urls=http://127.0.0.1:9/"]
    before = snapshot(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", *argv],
        env=crawl_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("scrapy crawl news: ") and fragment in done.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["init", "demo"])
def test_writers_refuse_a_read_only_archive(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = make_archive(tmp_path / "news.db")
    db.chmod(0o444)
    if os.access(db, os.W_OK):  # root may write anyway: ask as a user would be answered
        real = os.access
        monkeypatch.setattr(
            "newscrawl.store.access.os.access",
            lambda p, mode: False if Path(p) == db and mode & os.W_OK else real(p, mode),
        )
    before = snapshot(tmp_path)
    assert status([command, "--db", str(db)]) == 2
    one_line_error(capsys.readouterr().err, command, "is read-only")
    assert snapshot(tmp_path) == before
