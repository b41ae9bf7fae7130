"""``newscrawl import``: JSON lines through validate -> syndication -> store."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from newscrawl.cli import main
from newscrawl.imports.jsonl import import_jsonl
from newscrawl.imports.run import run_import
from newscrawl.store import Archive
from newscrawl.syndication.evaluate import pairwise
from tests.support.wire_story import TRUTH, wire_records


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_malformed_lines_are_reported_by_number_and_skipped(tmp_path: Path) -> None:
    good = [json.dumps(r) for r in wire_records()[:3]]
    lines = [
        good[0],
        "{not json",
        good[1],
        "[1, 2, 3]",
        "",
        json.dumps({"url": "https://x.example/a/", "headline": "Short", "body": "Too short."}),
        json.dumps({**wire_records()[4], "published": {"bad": "type"}}),
        good[2],
    ]
    src = write_lines(tmp_path / "in.jsonl", lines)
    out = io.StringIO()
    code = run_import(str(src), str(tmp_path / "news.db"), workers=0, out=out)
    text = out.getvalue()
    assert code == 1
    assert "line 2: not JSON" in text
    assert "line 4: not a JSON object" in text
    assert "line 6: dropped: body_too_short" in text
    assert "line 7: " in text
    assert "8 lines" in text and "3 new" in text and "1 dropped" in text
    assert count(tmp_path / "news.db", "articles") == 3


def test_reimport_adds_no_rows_and_keeps_what_is_stored(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(r) for r in wire_records()])
    db = tmp_path / "news.db"
    assert main(["import", str(src), "--db", str(db), "--quiet", "--workers", "0"]) == 0
    before = {t: count(db, t) for t in ("articles", "stories", "story_postings", "story_copies")}
    broken = write_lines(tmp_path / "bad.jsonl", ["{oops", json.dumps(wire_records()[0])])
    assert main(["import", str(broken), "--db", str(db), "--quiet", "--workers", "0"]) == 1
    assert main(["import", str(src), "--db", str(db), "--quiet", "--workers", "0"]) == 0
    assert {t: count(db, t) for t in before} == before


def test_records_are_cleaned_like_crawled_pages(tmp_path: Path) -> None:
    rec = {
        **wire_records()[2],
        "byline": "gvw_ap_news",
        "published": "May 6, 2025 4:05 PM",
        "story_id": 999,
        "unknown_key": "ignored",
    }
    rec2 = {**wire_records()[3], "byline": "  By   Dana Whitcombe  and Ira Bell ", "authors": None}
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(rec), json.dumps(rec2)])
    archive = Archive.open(tmp_path / "news.db")
    result = import_jsonl(src, archive)
    archive.commit()
    rows = archive.conn.execute(
        "SELECT byline, authors, wire_source, published, story_id FROM articles ORDER BY id"
    ).fetchall()
    archive.close()
    assert result.problems == []
    assert rows[0][0] is None and rows[0][2] == "AP"  # the handle is not a byline, but it tells
    assert rows[0][3].startswith("2025-05-06T16:05")
    assert rows[0][4] != 999
    assert rows[1][0] == "By Dana Whitcombe and Ira Bell"
    assert json.loads(rows[1][1]) == ["Dana Whitcombe", "Ira Bell"]


def stories_of(archive: Archive) -> dict[str, int]:
    """Each record's key (the last part of its URL) and its story."""
    rows = archive.conn.execute("SELECT url, story_id FROM articles")
    return {url.rstrip("/").rsplit("/", 1)[1]: story for url, story in rows}


def test_a_worker_process_gives_the_same_archive(tmp_path: Path) -> None:
    records = wire_records()
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(r) for r in records])
    stories = []
    for workers in (0, 1):
        archive = Archive.open(tmp_path / f"w{workers}.db")
        result = import_jsonl(src, archive, workers=workers)
        archive.commit()
        by_key = stories_of(archive)
        archive.close()
        assert result.stats["newscrawl/articles/new"] == len(records)
        stories.append([by_key[key] for key in TRUTH])
    assert pairwise(stories[0], stories[1]).f1 == 1.0


def test_imported_copies_are_grouped_as_labelled(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "in.jsonl", [json.dumps(r) for r in wire_records()])
    archive = Archive.open(tmp_path / "news.db")
    import_jsonl(src, archive)
    by_key = stories_of(archive)
    archive.close()
    scores = pairwise([by_key[key] for key in TRUTH], list(TRUTH.values()))
    assert scores.true_pairs >= 10 and scores.f1 == 1.0


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_import(str(tmp_path / "nope.jsonl"), str(tmp_path / "x.db"), out=out) == 2
    assert "no such file" in out.getvalue()


def test_a_field_of_the_wrong_type_is_one_clear_problem(tmp_path: Path) -> None:
    body = "word " * 60
    src = tmp_path / "typed.jsonl"
    src.write_text(
        json.dumps({"url": "http://a.example/x", "headline": 5, "body": body})
        + "\n"
        + json.dumps({"url": "http://a.example/y", "headline": "ok", "body": body, "tags": [1]})
        + "\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert run_import(str(src), str(tmp_path / "news.db"), workers=0, out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        f"{src} line 1: field 'headline' must be a string, not 5",
        f"{src} line 2: field 'tags' must be a list of strings, not [1]",
    ]
