"""``newscrawl import`` of web archives: the crawl's chain, resume, filters, formats."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import newscrawl.imports.warc as warc_import
from newscrawl.cli import main
from newscrawl.imports.run import run_import
from tests.support.processes import gone
from tests.support.warcs import Rec, article_html, articles, write_warc


def rows(db: Path, sql: str = "SELECT * FROM articles ORDER BY id") -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def imported(*args: str, db: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = run_import(list(args), str(db), workers=0, out=out)
    return code, out.getvalue()


def test_pages_become_articles_as_in_a_crawl(tmp_path: Path) -> None:
    records = [
        *articles(3),
        Rec("https://harbor.example/", b"<html><body><a href='/a'>A</a></body></html>"),
        Rec("https://harbor.example/logo.png", b"\x89PNG", content_type="image/png"),
    ]
    write_warc(tmp_path / "in.warc.gz", records)
    code, out = imported(str(tmp_path / "in.warc.gz"), db=tmp_path / "news.db")
    got = rows(tmp_path / "news.db")
    assert code == 0
    assert [r["url"] for r in got] == [r.url for r in articles(3)]
    first = got[0]
    assert first["site"] == "harbor.example" and first["fetched_url"] == articles(1)[0].url
    assert first["first_seen"] == "2024-05-02T10:00:00+00:00" and first["http_status"] == 200
    assert json.loads(first["authors"]) == ["Dana Whitcombe"] and first["story_id"]
    assert "3 new" in out and "not_article 1" in out and "not_html 1" in out


def test_a_broken_record_is_reported_with_file_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "in.warc.gz"
    offsets = write_warc(path, articles(4))
    data = bytearray(path.read_bytes())
    data[offsets[1] + 40 : offsets[1] + 60] = b"\0" * 20
    path.write_bytes(bytes(data))
    code, out = imported(str(path), db=tmp_path / "news.db")
    assert code == 1
    assert f"{path} @{offsets[1]}: broken" in out
    assert len(rows(tmp_path / "news.db")) == 3


def test_a_killed_import_resumes_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.warc.gz"
    write_warc(path, articles(12))
    db = tmp_path / "news.db"
    monkeypatch.setattr(warc_import, "BATCH", 2)
    monkeypatch.setattr(warc_import, "WINDOW", 1)
    monkeypatch.setattr(warc_import, "SPAN_BYTES", 1500)  # a record or two per range
    real_write = warc_import.WarcImport._write
    calls = []

    def dying_write(self: Any, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_write(self, *args)

    monkeypatch.setattr(warc_import.WarcImport, "_write", dying_write)
    with pytest.raises(KeyboardInterrupt):
        imported(str(path), db=db)
    assert len(rows(db)) == 4
    monkeypatch.setattr(warc_import.WarcImport, "_write", real_write)
    code, out = imported(str(path), db=db)
    assert code == 0 and "1 resumed" in out and "8 new" in out and "0 unchanged" in out
    assert [r["url"] for r in rows(db)] == [r.url for r in articles(12)]
    progress = rows(db, "SELECT records, articles, complete FROM import_files")
    assert progress == [{"records": 12, "articles": 12, "complete": 1}]


def test_a_file_cut_inside_a_record_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "in.warc.gz"
    offsets = write_warc(path, articles(3))
    path.write_bytes(path.read_bytes()[: offsets[2] + 300])
    code, out = imported(str(path), db=tmp_path / "news.db")
    assert code == 1 and f"{path} @{offsets[2]}: broken" in out
    assert len(rows(tmp_path / "news.db")) == 2


def test_reimport_even_from_another_path_adds_nothing(tmp_path: Path) -> None:
    write_warc(tmp_path / "in.warc.gz", articles(3))
    db = tmp_path / "news.db"
    assert imported(str(tmp_path / "in.warc.gz"), db=db)[0] == 0
    before = rows(db)
    (tmp_path / "moved").mkdir()
    shutil.copy(tmp_path / "in.warc.gz", tmp_path / "moved" / "in.warc.gz")
    code, out = imported(str(tmp_path / "moved"), db=db)
    assert code == 0 and "1 already imported" in out
    assert rows(db) == before


def test_filters_by_site_date_and_language(tmp_path: Path) -> None:
    pages = [
        Rec("https://a.example/2024/05/02/story-one-of-many/", article_html(1).encode()),
        Rec("https://b.example/2024/05/02/story-two-of-many/", article_html(2).encode()),
        Rec(
            "https://a.example/2023/01/02/story-three-of-many/",
            article_html(3, published="2023-01-02T08:00:00Z").encode(),
        ),
        Rec(
            "https://a.example/2024/05/02/story-four-of-many/", article_html(4, lang="de").encode()
        ),
    ]
    write_warc(tmp_path / "in.warc", pages, gzip=False)
    out = io.StringIO()
    code = run_import(
        str(tmp_path / "in.warc"), str(tmp_path / "news.db"), workers=0, out=out,
        site="a.example", since="2024-01-01", until="2024-05-02", lang="en",
    )  # fmt: skip
    assert code == 0
    assert [r["url"] for r in rows(tmp_path / "news.db")] == [pages[0].url]
    text = out.getvalue()
    for reason in ("filtered_site 1", "filtered_published 1", "filtered_language 1"):
        assert reason in text


def test_one_worker_process_gives_the_same_archive(tmp_path: Path) -> None:
    write_warc(tmp_path / "in.warc.gz", articles(6))
    for workers in (0, 1):
        out = io.StringIO()
        db = tmp_path / f"w{workers}.db"
        assert run_import(str(tmp_path / "in.warc.gz"), str(db), workers=workers, out=out) == 0
    strip = "SELECT url, headline, body, authors, published, story_id FROM articles ORDER BY id"
    assert rows(tmp_path / "w0.db", strip) == rows(tmp_path / "w1.db", strip)


def test_command_reads_warc_and_json_lines_from_files_dirs_and_globs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "a.warc.gz", articles(2))
    write_warc(tmp_path / "b.data", articles(2, start=5), gzip=False)
    line = {"url": "https://c.example/2024/05/02/x-y-z-w/", "headline": "A headline here"}
    line["body"] = "Words of a body. " * 30
    (tmp_path / "c.jsonl").write_text(json.dumps(line) + "\n")
    db = tmp_path / "news.db"
    args = ["import", str(tmp_path / "in"), str(tmp_path / "b.*"), str(tmp_path / "c.jsonl")]
    assert main([*args, "--db", str(db), "--quiet", "--workers", "0"]) == 0
    assert len(rows(db)) == 5
    (tmp_path / "bad.txt").write_text("not an archive")
    out = io.StringIO()
    assert run_import([str(tmp_path / "bad.txt")], str(db), out=out) == 2
    assert "not JSON lines and not a WARC file" in out.getvalue()
    assert run_import([str(tmp_path / "none*.warc")], str(db), out=out) == 2
    assert run_import([str(tmp_path / "c.jsonl")], str(db), since="May", out=out) == 2


IMPORT = """
import os, time
from newscrawl.imports.pool import start_pool
from newscrawl.imports.warc import Options, start_worker

pool = start_pool(1, start_worker, (Options(),))
print(pool.apply(os.getpid), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_workers_leave_when_the_import_is_killed() -> None:
    proc = subprocess.Popen([sys.executable, "-c", IMPORT], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    worker = int(proc.stdout.readline())
    assert worker != proc.pid and not gone(worker)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while not gone(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not gone(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived the killed import")
