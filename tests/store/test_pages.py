"""The crawl state (pages), article versions, and the archive migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from newscrawl.store import Archive
from newscrawl.store.pages import CrawlState, Fetched
from newscrawl.store.schema import migrations
from newscrawl.store.versions import list_changes

T0 = datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
URL = "http://127.0.0.2:8080/2025/03/18/ferry/"


def article(**values: object) -> dict:
    record = {
        "url": URL,
        "site": "127.0.0.2",
        "headline": "Ferry returns",
        "body": "The ferry returned on Monday.\n\nRiders cheered.",
        "published": "2025-03-18T07:00:00-05:00",
    }
    record.update(values)
    return record


@pytest.fixture
def archive(tmp_path: Path):
    arch = Archive.open(tmp_path / "news.db", batch_size=1000, batch_seconds=3600)
    yield arch
    arch.close()


def test_queued_then_fetched_under_every_url(archive: Archive) -> None:
    state = CrawlState(archive)
    state.queued("http://127.0.0.2:8080/archives/1/", "127.0.0.2", T0)
    assert state.frontier(["127.0.0.2"], 3) == [("http://127.0.0.2:8080/archives/1/", "127.0.0.2")]
    page = Fetched("article", 200, '"abc"', "Tue, 18 Mar 2025 12:00:00 GMT", URL,
                   "2025-03-18T07:00:00-05:00")  # fmt: skip
    state.fetched(["http://127.0.0.2:8080/archives/1/", URL], "127.0.0.2", page, T0)
    assert state.frontier(["127.0.0.2"], 3) == []
    known = state.lookup("http://127.0.0.2:8080/archives/1/")
    assert known is not None and known.url == URL  # an alias resolves to its article
    assert known.born == datetime(2025, 3, 18, 12, 0, tzinfo=UTC)
    assert known.etag == '"abc"' and known.fetched == T0 and known.kind == "article"
    state.not_modified("http://127.0.0.2:8080/archives/1/", T0 + timedelta(hours=1))
    again = state.lookup(URL)
    assert again is not None and again.fetched == T0 + timedelta(hours=1) and again.status == 304
    assert state.lookup("http://127.0.0.2:8080/unknown/") is None


def test_born_falls_back_to_first_fetch_and_is_kept(archive: Archive) -> None:
    state = CrawlState(archive)
    state.fetched([URL], "127.0.0.2", Fetched("article", 200), T0)
    state.fetched([URL], "127.0.0.2", Fetched("article", 200), T0 + timedelta(days=2))
    known = state.lookup(URL)
    assert known is not None and known.born == T0


def test_failures_leave_the_frontier_after_max_errors(archive: Archive) -> None:
    state = CrawlState(archive)
    state.queued(URL, "127.0.0.2", T0)
    for _ in range(2):
        state.failed(URL, 503)
    assert state.frontier(["127.0.0.2"], 3) == [(URL, "127.0.0.2")]
    state.failed(URL, None)
    assert state.frontier(["127.0.0.2"], 3) == []
    assert state.frontier(["other.example"], 9) == []


def test_article_candidates_since_a_horizon(archive: Archive) -> None:
    state = CrawlState(archive)
    old = "http://127.0.0.2:8080/2024/01/01/old/"
    state.fetched([URL], "127.0.0.2", Fetched("article", 200, published="2025-03-18"), T0)
    state.fetched([old], "127.0.0.2", Fetched("article", 200, published="2024-01-01"), T0)
    state.fetched(["http://127.0.0.2:8080/"], "127.0.0.2", Fetched("listing", 200), T0)
    assert [p.url for p in state.articles(["127.0.0.2"], T0 - timedelta(days=30))] == [URL]
    assert {p.url for p in state.articles(["127.0.0.2"], None)} == {URL, old}


def test_an_edit_keeps_the_old_version_in_the_same_transaction(archive: Archive) -> None:
    state = CrawlState(archive)
    archive.save_article(article(), seen_at="2025-03-18T12:00:00+00:00")
    state.fetched([URL], "127.0.0.2", Fetched("article", 200, canonical=URL), T0)
    archive.save_article(article(), seen_at="2025-03-18T12:15:00+00:00")  # unchanged
    edited = article(body="The ferry returned on Monday night.\n\nRiders cheered.")
    saved = archive.save_article(edited, seen_at="2025-03-18T12:30:00+00:00")
    assert saved.status == "updated"
    (version,) = archive.conn.execute(
        "SELECT article_id, fetched, replaced, headline, body FROM article_versions"
    ).fetchall()
    assert version == (
        saved.article_id,
        "2025-03-18T12:15:00+00:00",
        "2025-03-18T12:30:00+00:00",
        "Ferry returns",
        "The ferry returned on Monday.\n\nRiders cheered.",
    )
    known = state.lookup(URL)
    assert known is not None and known.changed == datetime(2025, 3, 18, 12, 30, tzinfo=UTC)
    (change,) = list_changes(archive.conn)
    assert change.old.body.startswith("The ferry returned on Monday.")
    assert change.new.body.startswith("The ferry returned on Monday night.")


def test_a_failing_update_leaves_no_version(archive: Archive) -> None:
    archive.save_article(article())
    with pytest.raises(sqlite3.IntegrityError):
        archive.save_article(article(body="Changed.", site=None))  # NOT NULL on site
    archive.commit()
    assert archive.conn.execute("SELECT count(*) FROM article_versions").fetchone() == (0,)
    assert archive.conn.execute("SELECT body FROM articles").fetchone()[0].startswith("The")


def test_changes_follow_each_version_and_filter(archive: Archive) -> None:
    archive.register_sites([{"site": "127.0.0.2", "name": "Valley Courier"}])
    for n, seen in enumerate(("2025-03-18T12:00:00+00:00", "2025-03-19T12:00:00+00:00",
                              "2025-03-20T12:00:00+00:00")):  # fmt: skip
        archive.save_article(article(headline=f"Ferry returns ({n})"), seen_at=seen)
    changes = list(list_changes(archive.conn))
    assert [(c.old.headline, c.new.headline) for c in changes] == [
        ("Ferry returns (0)", "Ferry returns (1)"),
        ("Ferry returns (1)", "Ferry returns (2)"),
    ]
    assert len(list(list_changes(archive.conn, since="2025-03-20T00:00:00+00:00"))) == 1
    assert len(list(list_changes(archive.conn, site="valley courier"))) == 2
    assert list(list_changes(archive.conn, site="127.0.0.3")) == []


def test_upgrading_an_archive_backfills_the_crawl_state(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m301_pages")  # an archive of the foundation
    assert "pages" not in db.table_names()
    db.execute(
        "INSERT INTO articles (url, site, headline, body, published, first_seen, last_seen) "
        "VALUES (?, '127.0.0.2', 'Old', 'Body', '2025-03-01T09:00:00-05:00', "
        "'2025-03-02T00:00:00+00:00', '2025-03-05T00:00:00+00:00')",
        [URL],
    )
    db.conn.commit()
    db.close()
    archive = Archive.open(path)
    known = CrawlState(archive).lookup(URL)
    archive.close()
    assert known is not None and known.kind == "article"
    assert known.fetched == datetime(2025, 3, 5, tzinfo=UTC)
    assert known.born == datetime(2025, 3, 1, 14, tzinfo=UTC)
