"""Opening an archive made by an older newscrawl upgrades it in place, keeping every row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from newscrawl.store import Archive
from newscrawl.store.fulltext import search
from newscrawl.store.schema import migrations
from tests.fixtures.make_old_db import OLD_DB, ROWS, make_old_db


@pytest.fixture
def old_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copyfile(OLD_DB, path)
    return path


def old_columns(table: str) -> str:
    """The columns ``table`` had in the old schema (migrations may add columns)."""
    conn = sqlite3.connect(OLD_DB)
    try:
        return ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
    finally:
        conn.close()


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT {old_columns(t)} FROM {t} ORDER BY rowid").fetchall()
            for t in ROWS
        }
    finally:
        conn.close()


def applied(path: Path) -> list[str]:
    db = Database(path)
    try:
        return [m.name for m in migrations.applied(db)]
    finally:
        db.close()


def test_the_stored_file_has_the_old_schema_only() -> None:
    assert applied(OLD_DB) == ["m001_initial"]
    names = {r[0] for r in sqlite3.connect(OLD_DB).execute("SELECT name FROM sqlite_master")}
    assert "articles_fts" not in names and "syndication" not in names
    assert {t: len(rows) for t, rows in contents(OLD_DB).items()} == {
        t: len(rows) for t, rows in ROWS.items()
    }


def test_opening_upgrades_in_place_and_keeps_every_row(old_copy: Path) -> None:
    before = contents(old_copy)
    Archive.open(old_copy).close()
    every = [m.name for m in migrations.pending(Database(memory=True))]
    assert applied(old_copy) == every
    assert {"m201_fts", "m202_views"} <= set(every)
    assert contents(old_copy) == before
    Archive.open(old_copy).close()  # opening again changes nothing
    assert contents(old_copy) == before


def test_upgraded_archive_is_searchable_and_has_views(old_copy: Path) -> None:
    archive = Archive.open(old_copy)
    conn = archive.conn
    try:
        hits = search(conn, "lighthouse").hits
        assert {h.url for h in hits} == {
            "http://wire.example/lighthouse",
            "http://tides.example/lighthouse",
        }
        assert [h.url for h in search(conn, "mackerel").hits] == [
            "http://tides.example/fish-market"
        ]
        copies = conn.execute(
            "SELECT site, is_original, truncated FROM syndication ORDER BY article_id"
        ).fetchall()
        assert copies == [("wire.example", 1, 0), ("tides.example", 0, 1)]
        assert conn.execute("SELECT id FROM latest LIMIT 1").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM daily_counts").fetchone() == (3,)
        assert conn.execute(
            "SELECT wire_share FROM wire_share WHERE site = 'tides.example'"
        ).fetchone() == (0.5,)
        # New articles are indexed by the triggers the upgrade installed.
        archive.save_article(
            {"url": "http://tides.example/gulls", "site": "tides.example",
             "headline": "Gulls", "body": "Gulls nest on the lighthouse gallery."}
        )  # fmt: skip
        assert len(search(conn, "gulls").hits) == 1
    finally:
        archive.close()


def test_the_script_rebuilds_the_stored_file(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.db"
    make_old_db(rebuilt)
    assert contents(rebuilt) == contents(OLD_DB)
    assert applied(rebuilt) == applied(OLD_DB)
