"""A bulk load killed inside fts_suspended leaves the index repaired at the next open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from newscrawl.store import Archive, fts
from newscrawl.store.fts import fts_suspended
from newscrawl.store.fulltext import search
from tests.support.archive import article

BODY = "The county board met on Tuesday evening and voted after a long public hearing."
KILLED_LOAD = """
import os, sys
from newscrawl.store import Archive
from newscrawl.store.fts import fts_suspended
from tests.support.archive import article
archive = Archive.open(sys.argv[1])
with fts_suspended(archive.db):
    archive.save_article(article("http://a.example/2", "a.example", "Lighthouse keeper retires", sys.argv[2]))
    archive.commit()
    os._exit(9)  # killed: the block never ends
"""


def test_an_import_killed_inside_fts_suspended_is_repaired_on_open(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    archive = Archive.open(path)
    archive.save_article(
        article("http://a.example/1", "a.example", "Harbor dredging approved", BODY)
    )
    archive.close()
    root = Path(__file__).resolve().parents[2]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_LOAD, str(path), BODY], cwd=root, check=False
    )
    assert killed.returncode == 9
    conn = sqlite3.connect(path)
    assert search(conn, "lighthouse").hits == []  # the index is stale after the kill
    conn.close()
    reopened = Archive.open(path)
    assert [h.url for h in search(reopened.conn, "lighthouse").hits] == ["http://a.example/2"]
    reopened.save_article(
        article("http://a.example/3", "a.example", "Lighthouse museum opens", BODY)
    )
    assert len(search(reopened.conn, "lighthouse").hits) == 2  # the triggers are back
    assert fts.repair(reopened.db) is False
    reopened.close()


def test_a_repair_while_a_load_is_still_running_leaves_one_entry_per_article(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.db"
    loader = Archive.open(path)
    with fts_suspended(loader.db):
        loader.save_article(article("http://a.example/1", "a.example", "Lighthouse one", BODY))
        loader.commit()
        other = Archive.open(path)  # e.g. a crawl starting meanwhile repairs the index
        loader.save_article(article("http://a.example/2", "a.example", "Lighthouse two", BODY))
        loader.commit()
        other.close()
    docs = loader.conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    assert docs == 2
    assert len(search(loader.conn, "lighthouse").hits) == 2
    loader.close()


def test_a_bulk_load_indexes_each_batch_when_it_commits(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "news.db")
    with archive.bulk_load():
        archive.save_article(article("http://a.example/1", "a.example", "Lighthouse one", BODY))
        assert search(archive.conn, "lighthouse").hits == []  # not per row
        archive.commit()
        assert len(search(archive.conn, "lighthouse").hits) == 1  # the commit indexed it
        archive.save_article(article("http://a.example/2", "a.example", "Lighthouse two", BODY))
    assert len(search(archive.conn, "lighthouse").hits) == 2  # the rest at the end
    assert fts.repair(archive.db) is False
    archive.close()


KILLED_BULK_LOAD = """
import os, sys
from newscrawl.store import Archive
from tests.support.archive import article
archive = Archive.open(sys.argv[1])
with archive.bulk_load():
    archive.save_article(article("http://a.example/1", "a.example", "Lighthouse one", sys.argv[2]))
    archive.commit()  # indexed: the triggers now keep it
    archive.save_article(article("http://a.example/2", "a.example", "Lighthouse two", sys.argv[2]))
    archive.conn.commit()  # stored, not yet indexed
    os._exit(9)
"""


def test_a_bulk_load_killed_after_a_catch_up_is_repaired_on_open(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Archive.open(path).close()
    root = Path(__file__).resolve().parents[2]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BULK_LOAD, str(path), BODY], cwd=root, check=False
    )
    assert killed.returncode == 9
    reopened = Archive.open(path)
    assert len(search(reopened.conn, "lighthouse").hits) == 2
    docs = reopened.conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    assert docs == 2
    assert fts.repair(reopened.db) is False
    reopened.close()
