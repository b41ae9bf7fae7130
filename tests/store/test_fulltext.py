"""Full-text search: index upkeep by triggers, suspension for bulk loads, ranked hits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.store.fts import fts_suspended, rebuild_fts
from newscrawl.store.fulltext import fts_query, search
from tests.support.archive import Crafted, article, crafted_archive


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        yield made


def matching(conn: sqlite3.Connection, query: str) -> set[int]:
    rows = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [query])
    return {r[0] for r in rows}


def urls(crafted: Crafted, query: str, **kwargs: object) -> list[str]:
    return [hit.url for hit in search(crafted.conn, query, **kwargs).hits]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("canal locks", '"canal" "locks"'),
        ('"spring floods" board', '"spring floods" "board"'),
        ("pump*", '"pump"*'),
        ("canal OR ferry", '"canal" OR "ferry"'),
        ("canal NOT ferry", '"canal" NOT "ferry"'),
        ("OR canal AND", '"canal"'),
        ("U.S. covid-19", '"U.S." "covid-19"'),
        ('say "hi', '"say" "hi"'),
        ('a"b', '"a" "b"'),
        ("* ** ", ""),
    ],
)
def test_fts_query_turns_typed_text_into_valid_fts5(typed: str, expected: str) -> None:
    assert fts_query(typed) == expected
    sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)").connection.execute(
        "SELECT * FROM t WHERE t MATCH ?", [expected or '""']
    ).fetchall()


def test_search_ranks_headline_matches_first_and_stems_words(crafted: Crafted) -> None:
    # Three headlines say "canal"; the ferry story says it once, in its body only.
    found = urls(crafted, "canal")
    assert len(found) == 4
    assert found[-1] == "http://harbor.example/ferry"
    # "crowded" and "crowd" share a stem.
    assert set(urls(crafted, "crowded")) == {
        "http://harbor.example/ferry",
        "http://valley.example/news/fair",
    }


def test_search_snippets_mark_the_matched_words(crafted: Crafted) -> None:
    hits = search(crafted.conn, "pumpkin", marks=("<b>", "</b>")).hits
    assert [h.headline for h in hits] == ["Pumpkin fair breaks records"]
    assert "<b>pumpkin</b> fair" in hits[0].snippet
    assert hits[0].published == "2024-03-04T11:00:00+01:00"


def test_search_phrase_prefix_and_raw_syntax(crafted: Crafted) -> None:
    assert urls(crafted, '"forty minutes"') == ["http://harbor.example/ferry"]
    assert urls(crafted, '"minutes forty"') == []
    assert urls(crafted, "pump*") == ["http://valley.example/news/fair"]
    assert urls(crafted, "headline: ferry", raw=True) == ["http://harbor.example/ferry"]
    with pytest.raises(sqlite3.OperationalError):
        search(crafted.conn, "canal AND (", raw=True)


def test_search_filters_by_site_key_or_name(crafted: Crafted) -> None:
    expected = ["http://valley.example/news/canal"]
    assert urls(crafted, "canal", site="valley.example") == expected
    assert urls(crafted, "canal", site="valley courier") == expected
    assert urls(crafted, "canal", site="nowhere.example") == []


def test_search_since_compares_times_in_utc(crafted: Crafted) -> None:
    # The wire original was published 09:00-05:00 = 14:00 UTC, the valley copy 15:30 UTC.
    found = urls(crafted, "canal locks", since="2024-03-05T14:30:00")
    assert "http://wire.example/canal-locks" not in found
    assert "http://valley.example/news/canal" in found
    assert urls(crafted, "canal locks", since="2024-03-05T10:00:00-05:00") == found
    # An undated article counts from when it was first seen.
    assert urls(crafted, "ferry", since="2024-03-07") == ["http://harbor.example/ferry"]
    assert urls(crafted, "ferry", since="2024-03-08") == []


def test_broad_queries_rank_only_the_newest_matches(crafted: Crafted) -> None:
    results = search(crafted.conn, "canal", window=2)
    assert results.window == 2
    newest = {crafted.ids["harbor_copy"], crafted.ids["harbor_ferry"]}
    assert {h.article_id for h in results.hits} == newest
    assert search(crafted.conn, "canal", window=None).window is None
    assert len(search(crafted.conn, "canal", window=None).hits) == 4
    assert search(crafted.conn, "canal", window=2, site="valley.example").window is None
    harbor = search(crafted.conn, "canal", window=1, site="harbor.example")
    assert harbor.window == 1
    assert [h.article_id for h in harbor.hits] == [crafted.ids["harbor_ferry"]]


def test_triggers_follow_inserts_edits_and_deletes(crafted: Crafted) -> None:
    conn, ferry = crafted.conn, crafted.ids["harbor_ferry"]
    crafted.archive.save_article(
        article(
            "http://harbor.example/ferry",
            "harbor.example",
            "Ferry timetable changes",
            "The harbor ferry will now sail every twenty minutes from May.",
        )
    )
    assert ferry in matching(conn, "twenty")
    assert ferry not in matching(conn, "forty")
    conn.execute("DELETE FROM articles WHERE id = ?", [ferry])
    assert matching(conn, "twenty") == set()
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_bookkeeping_updates_leave_the_index_alone(crafted: Crafted) -> None:
    conn = crafted.conn
    before = conn.total_changes
    conn.execute("UPDATE articles SET last_seen = 'later', story_id = story_id WHERE id = 1")
    assert conn.total_changes - before == 1  # no trigger ran
    conn.execute("UPDATE articles SET headline = 'Lock gates rebuilt' WHERE id = 1")
    assert conn.total_changes - before > 2
    assert 1 in matching(conn, "gates")


def insert(conn: sqlite3.Connection, url: str, body: str) -> int:
    cur = conn.execute(
        "INSERT INTO articles (url, site, headline, body, first_seen, last_seen) "
        "VALUES (?, 'valley.example', 'Birds', ?, 'x', 'x')",
        [url, body],
    )
    return int(cur.lastrowid or 0)


def check_index(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == count


def test_suspended_index_catches_up_on_new_articles_at_the_end(crafted: Crafted) -> None:
    db, conn = crafted.archive.db, crafted.conn
    with fts_suspended(db):
        owls = insert(conn, "http://valley.example/owls", "Barn owls nest in the old mill.")
        assert matching(conn, "owls") == set()
        conn.execute(
            "UPDATE articles SET body = 'Tawny owls nest in the mill.' WHERE id = ?", [owls]
        )
        # Articles stored before the block are still kept in step at once.
        conn.execute("UPDATE articles SET body = 'Kestrels hover.' WHERE id = 4")
        assert matching(conn, "kestrels") == {4}
        conn.execute("DELETE FROM articles WHERE id = 5")
        assert matching(conn, "ferry") == set()
    assert matching(conn, "tawny") == {owls} and matching(conn, "barn") == set()
    assert {"articles_ai", "articles_au", "articles_ad"} <= set(db.triggers_dict)
    assert "WHEN" not in " ".join(db.triggers_dict.values())
    check_index(conn)
    assert matching(conn, "herons") == set()
    herons = insert(conn, "http://valley.example/herons", "Herons fish by the weir.")
    assert matching(conn, "herons") == {herons}  # triggers back


def test_suspended_index_catches_up_after_a_failure(crafted: Crafted) -> None:
    db, conn = crafted.archive.db, crafted.conn
    with pytest.raises(RuntimeError), fts_suspended(db):
        swans = insert(conn, "http://valley.example/swans", "Swans glide on the canal.")
        raise RuntimeError("import failed")
    assert matching(conn, "swans") == {swans}
    check_index(conn)


def test_suspended_index_rebuilds_when_ids_were_reused(crafted: Crafted) -> None:
    db, conn = crafted.archive.db, crafted.conn
    newest = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    with fts_suspended(db):
        conn.execute("DELETE FROM articles WHERE id = ?", [newest])
        reused = insert(conn, "http://valley.example/wrens", "Wrens sing in the hedge.")
        assert reused == newest  # not above the largest id before the block
    assert matching(conn, "wrens") == {reused}
    check_index(conn)


def test_rebuild_fts_repairs_a_stale_index(crafted: Crafted) -> None:
    conn = crafted.conn
    conn.execute("DROP TRIGGER articles_au")
    conn.execute("UPDATE articles SET body = 'Kingfishers by the weir.' WHERE id = 4")
    assert matching(conn, "kingfishers") == set()
    rebuild_fts(crafted.archive.db)
    assert matching(conn, "kingfishers") == {4}


@pytest.mark.parametrize("query", ["canal", "pumpkin", "rebuild", "ferry OR fair"])
@pytest.mark.parametrize(
    ("site", "since"),
    [
        ("valley.example", None),
        (None, "2024-03-05"),
        ("harbor.example", "2024-03-06"),
        (None, "2020-01-01"),  # before every article: no filter needed
        (None, None),
    ],
)
def test_filters_keep_exactly_the_matching_articles(
    crafted: Crafted, query: str, site: str | None, since: str | None
) -> None:
    # Whichever form each filter takes (id list or per-match lookup), the hits are these.
    expected = {
        r[0]
        for r in crafted.conn.execute(
            "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            "WHERE articles_fts MATCH ? AND (? IS NULL OR a.site = ?) AND (? IS NULL OR "
            "coalesce(datetime(a.published), datetime(a.first_seen)) >= datetime(?))",
            [fts_query(query), site, site, since, since],
        )
    }
    found = search(crafted.conn, query, site=site, since=since).hits
    assert {h.article_id for h in found} == expected


def test_suspended_index_catches_up_a_batch_at_a_time(crafted: Crafted) -> None:
    db, conn = crafted.archive.db, crafted.conn
    with fts_suspended(db) as upkeep:
        owls = insert(conn, "http://valley.example/owls", "Barn owls nest in the old mill.")
        assert matching(conn, "owls") == set()
        upkeep.catch_up()  # a commit: what the batch added is searchable at once
        assert matching(conn, "owls") == {owls}
        # indexed now, so kept in step by the triggers from here on
        conn.execute("UPDATE articles SET body = 'Tawny owls nest here.' WHERE id = ?", [owls])
        assert matching(conn, "tawny") == {owls} and matching(conn, "barn") == set()
        herons = insert(conn, "http://valley.example/herons", "Herons fish by the weir.")
        assert matching(conn, "herons") == set()  # waits for the next catch-up
        upkeep.catch_up()
        upkeep.catch_up()  # nothing new: indexes nothing twice
        assert matching(conn, "herons") == {herons}
        conn.execute("DELETE FROM articles WHERE id = ?", [herons])
        assert matching(conn, "herons") == set()
    assert matching(conn, "tawny") == {owls}
    assert "WHEN" not in " ".join(db.triggers_dict.values())
    check_index(conn)
