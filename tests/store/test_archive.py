"""The SQLite archive: schema, idempotent upserts, stories, batching, run log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newscrawl.store import Archive
from newscrawl.store.archive import prepare_article, published_order


def article(n: int = 1, **values: object) -> dict:
    record = {
        "url": f"http://127.0.0.2:8080/2025/03/0{n}/story-{n}/",
        "site": "127.0.0.2",
        "site_name": "Valley Courier",
        "headline": f"Story {n}",
        "byline": "By Jane Doe",
        "authors": ["Jane Doe"],
        "published": f"2025-03-0{n}T10:00:00-05:00",
        "body": f"Paragraph one of story {n}.\n\nParagraph two.",
        "tags": ["a", "b"],
    }
    record.update(values)
    return record


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    arch = Archive.open(tmp_path / "sub" / "news.db", batch_size=2, batch_seconds=3600)
    yield arch
    arch.close()


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_schema_has_the_documented_tables(archive: Archive) -> None:
    tables = set(archive.db.table_names())
    assert {"articles", "stories", "crawls", "sites", "fingerprints"} <= tables
    columns = {c.name for c in archive.db.table("articles").columns}
    assert {
        "id",
        "url",
        "site",
        "headline",
        "byline",
        "authors",
        "published",
        "modified",
        "body",
        "story_id",
        "wire_source",
        "first_seen",
        "last_seen",
    } <= columns
    assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_new_then_unchanged_then_updated(archive: Archive) -> None:
    first = archive.save_article(article(1), seen_at="2025-03-01T00:00:00+00:00")
    again = archive.save_article(article(1), seen_at="2025-03-02T00:00:00+00:00")
    edited = archive.save_article(
        article(1, body="A corrected body.\n\nParagraph two."), seen_at="2025-03-03T00:00:00+00:00"
    )
    assert (first.status, again.status, edited.status) == ("new", "unchanged", "updated")
    assert first.article_id == again.article_id == edited.article_id
    assert first.story_id == edited.story_id
    row = archive.conn.execute(
        "SELECT first_seen, last_seen, body, authors, tags FROM articles"
    ).fetchone()
    assert row[0] == "2025-03-01T00:00:00+00:00" and row[1] == "2025-03-03T00:00:00+00:00"
    assert (
        row[2].startswith("A corrected")
        and json.loads(row[3]) == ["Jane Doe"]
        and json.loads(row[4]) == ["a", "b"]
    )
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_story_original_is_the_earliest_copy_unless_the_wire_site_has_it(archive: Archive) -> None:
    a = archive.save_article(article(2, published="2025-03-02T09:00:00-05:00"))
    b = archive.save_article(
        article(3, site="127.0.0.3", story_id=a.story_id, published="2025-03-02T13:00:00+00:00")
    )
    archive.commit()  # story fields are brought up to date once per transaction
    story = archive.conn.execute(
        "SELECT original_article_id, first_published, copies FROM stories WHERE id = ?",
        [a.story_id],
    ).fetchone()
    # 13:00 UTC is earlier than 09:00-05:00 (= 14:00 UTC): offsets are honoured
    assert story == (b.article_id, "2025-03-02T13:00:00+00:00", 2)
    archive.register_sites([{"site": "wire.example", "name": "Wire", "agency": "AP"}])
    c = archive.save_article(
        article(4, site="wire.example", wire_source="AP", story_id=a.story_id, published=None)
    )
    archive.commit()
    story = archive.conn.execute(
        "SELECT original_article_id, copies, wire_source FROM stories WHERE id = ?", [a.story_id]
    ).fetchone()
    assert story == (c.article_id, 3, "AP")


def test_story_fields_follow_a_copy_that_moves(archive: Archive) -> None:
    a = archive.save_article(article(1))
    b = archive.save_article(article(2))
    archive.save_article(article(2, body="Changed text.\n\nNew.", story_id=a.story_id))
    archive.commit()
    assert archive.conn.execute(
        "SELECT copies FROM stories WHERE id = ?", [a.story_id]
    ).fetchone() == (2,)
    assert archive.conn.execute(
        "SELECT count(*) FROM stories WHERE id = ?", [b.story_id]
    ).fetchone() == (0,)


def test_writes_are_batched_and_durable_after_commit(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    arch = Archive.open(path, batch_size=3, batch_seconds=3600)
    for n in (1, 2):
        arch.save_article(article(n))
        arch.maybe_commit()
    assert rows(path, "SELECT count(*) FROM articles") == [(0,)]  # batch still open
    arch.save_article(article(3))
    arch.maybe_commit()
    assert rows(path, "SELECT count(*) FROM articles") == [(3,)]
    arch.save_article(article(4))
    arch.close()
    assert rows(path, "SELECT count(*) FROM articles") == [(4,)]


def test_a_held_write_waits_for_its_release_before_the_batch_commits(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    arch = Archive.open(path, batch_size=1, batch_seconds=3600)
    arch.hold()  # an article whose page fetch is recorded after it
    arch.save_article(article(1))
    arch.maybe_commit()  # another writer's commit point: postponed
    assert rows(path, "SELECT count(*) FROM articles") == [(0,)]
    arch.release()
    arch.maybe_commit()
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    arch.close()


def test_a_failing_article_leaves_the_batch_intact(archive: Archive) -> None:
    archive.save_article(article(1))
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_article(article(2, site=None))  # NOT NULL constraint
    archive.commit()
    assert archive.conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert archive.conn.execute("SELECT count(*) FROM stories").fetchone() == (1,)


def test_run_log_rows(archive: Archive) -> None:
    crawl_id = archive.start_crawl("news", {"spider_args": {"sites_arg": "x.toml"}})
    assert archive.conn.execute(
        "SELECT status FROM crawls WHERE id = ?", [crawl_id]
    ).fetchone() == ("running",)
    archive.finish_crawl(
        crawl_id, {"status": "finished", "pages_fetched": 12, "dropped_reasons": {"empty_body": 1}}
    )
    row = archive.conn.execute(
        "SELECT status, pages_fetched, dropped_reasons, finished FROM crawls"
    ).fetchone()
    assert row[:3] == ("finished", 12, '{"empty_body": 1}') and row[3]


def test_reopening_an_existing_archive_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with_rows = Archive.open(path)
    with_rows.save_article(article(1))
    with_rows.close()
    again = Archive.open(path)
    assert again.conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    again.close()


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2025-03-04T23:00:00-05:00", "2025-03-05T05:00:00+00:00"),
        ("2025-03-04", "2025-03-05T00:00:00"),
        ("2025-03-04T10:00:00", None),
    ],
)
def test_published_order(earlier: str, later: str | None) -> None:
    assert published_order(earlier) < published_order(later)


def test_a_row_prepared_by_a_worker_is_stored_as_the_archive_prepares_it(tmp_path: Path) -> None:
    """An import worker's prepare_article (row, signature) stores what the archive makes."""
    records = [article(1), article(2, body="Paragraph one of story 1.\n\nParagraph two.")]
    dumps = []
    for name, worker in (("a.db", False), ("b.db", True)):
        arch = Archive.open(tmp_path / name)
        for record in records:
            arch.save_article(record, "2025-03-05T00:00:00+00:00",
                              prepare_article(record) if worker else None)  # fmt: skip
        arch.close()
        dumps.append(
            rows(tmp_path / name, "SELECT * FROM articles ORDER BY id")
            + rows(tmp_path / name, "SELECT * FROM story_signatures ORDER BY article_id")
        )
    assert dumps[0] == dumps[1]
    stored = rows(tmp_path / "b.db", "SELECT authors, word_count FROM articles ORDER BY id")
    assert stored[0] == ('["Jane Doe"]', 7)
