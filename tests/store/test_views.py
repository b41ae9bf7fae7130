"""The analysts' views: what each answers on a crafted archive, and that indexes serve them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.archive import Crafted, article, crafted_archive


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        yield made


def rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, object]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def plan(conn: sqlite3.Connection, sql: str) -> str:
    return " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_syndication_lists_each_copy_with_original_and_truncation(crafted: Crafted) -> None:
    copies = {
        r["site"]: r for r in rows(crafted.conn, "SELECT * FROM syndication ORDER BY article_id")
    }
    assert set(copies) == {"wire.example", "valley.example", "harbor.example"}
    wire, valley, harbor = (
        copies["wire.example"],
        copies["valley.example"],
        copies["harbor.example"],
    )
    assert {r["story_id"] for r in copies.values()} == {wire["story_id"]}
    assert wire["copies"] == 3 and wire["agency"] == "AP"
    assert wire["story_headline"] == "Water board backs canal lock rebuild"
    assert (wire["is_original"], valley["is_original"], harbor["is_original"]) == (1, 0, 0)
    # The valley copy stops after two of four sentences; the harbor copy adds one.
    assert (wire["truncated"], valley["truncated"], harbor["truncated"]) == (0, 1, 0)
    assert valley["site_name"] == "Valley Courier"
    assert valley["headline"] == "Canal locks to be rebuilt"
    assert valley["published"] == "2024-03-05T16:30:00+01:00"
    assert valley["url"] == "http://valley.example/news/canal"


def test_syndication_leaves_out_single_copy_stories(crafted: Crafted) -> None:
    sites = {r[0] for r in crafted.conn.execute("SELECT headline FROM syndication")}
    assert "Pumpkin fair breaks records" not in sites


def test_a_shorter_copy_with_other_text_is_not_truncated(crafted: Crafted) -> None:
    wire = crafted.conn.execute("SELECT story_id FROM articles WHERE id = 1").fetchone()[0]
    crafted.archive.save_article(
        article(
            "http://valley.example/digest",
            "valley.example",
            "Digest",
            "A short local digest that mentions the canal once.",
            story_id=wire,
        )
    )
    if crafted.archive.db.table("story_copies").exists():  # the view's own flag, then
        crafted.conn.execute("DELETE FROM story_copies")
    flags = dict(
        crafted.conn.execute("SELECT url, truncated FROM syndication WHERE site = 'valley.example'")
    )
    assert flags == {"http://valley.example/news/canal": 1, "http://valley.example/digest": 0}


def test_daily_counts_count_per_site_and_utc_day(crafted: Crafted) -> None:
    crafted.archive.save_article(
        article(
            "http://harbor.example/late",
            "harbor.example",
            "Late council vote",
            "The council voted after midnight local time.",
            published="2024-03-06T00:30:00+02:00",
            wire_source="Reuters",
        )
    )
    got = {
        (r["site"], r["day"]): (r["articles"], r["wire_copies"], r["site_name"])
        for r in rows(crafted.conn, "SELECT * FROM daily_counts")
    }
    assert got == {
        ("harbor.example", "2024-03-05"): (1, 1, "Harbor Post"),  # 22:30 UTC the day before
        ("harbor.example", "2024-03-06"): (1, 1, "Harbor Post"),
        ("harbor.example", "2024-03-07"): (1, 0, "Harbor Post"),  # undated: first seen
        ("valley.example", "2024-03-04"): (1, 0, "Valley Courier"),
        ("valley.example", "2024-03-05"): (1, 1, "Valley Courier"),
        ("wire.example", "2024-03-05"): (1, 1, "Wire Service"),
    }


def test_wire_share_per_site(crafted: Crafted) -> None:
    crafted.archive.save_article(
        article(
            "http://valley.example/r",
            "valley.example",
            "Rates",
            "Rates rose.",
            published="2024-03-05T12:00:00Z",
            wire_source="Reuters",
        )
    )
    got = {r["site"]: r for r in rows(crafted.conn, "SELECT * FROM wire_share")}
    valley = got["valley.example"]
    assert (valley["articles"], valley["wire_copies"], valley["wire_share"]) == (3, 2, 0.667)
    assert sorted(str(valley["agencies"]).split(",")) == ["AP", "Reuters"]
    assert (valley["first_day"], valley["last_day"]) == ("2024-03-04", "2024-03-05")
    assert got["wire.example"]["wire_share"] == 1.0
    assert got["harbor.example"]["site_name"] == "Harbor Post"


def test_latest_orders_by_utc_time_newest_first(crafted: Crafted) -> None:
    got = rows(crafted.conn, "SELECT * FROM latest")
    # 15:30 UTC (16:30+01:00) is later than 14:00 UTC (09:00-05:00).
    assert [r["id"] for r in got] == [5, 3, 2, 1, 4]
    assert got[0]["published_utc"] == "2024-03-07 07:00:00" and got[0]["published"] is None
    assert got[2]["published_utc"] == "2024-03-05 15:30:00"
    assert got[2]["story_copies"] == 3 and got[2]["site_name"] == "Valley Courier"


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("SELECT * FROM latest LIMIT 10", "SCAN a USING INDEX idx_articles_time"),
        (
            "SELECT * FROM latest WHERE published_utc >= '2024-03-06'",
            "SEARCH a USING INDEX idx_articles_time",
        ),
        ("SELECT * FROM daily_counts", "INDEX idx_articles_site_day"),
        ("SELECT * FROM wire_share", "INDEX idx_articles_site_day"),
        (
            "SELECT site, count(*) FROM syndication GROUP BY site",
            "SEARCH a USING COVERING INDEX idx_articles_story",
        ),
        ("SELECT * FROM syndication WHERE story_id = 1", "SEARCH st USING INTEGER PRIMARY KEY"),
    ],
)
def test_views_read_through_their_indexes(crafted: Crafted, sql: str, index: str) -> None:
    assert index in plan(crafted.conn, sql)


def test_syndication_prefers_the_stored_per_copy_flag(crafted: Crafted) -> None:
    # The syndication pipeline's story_copies table (migration m101 on its branch), with a
    # flag for the harbor copy only: the valley copy keeps the computed flag.
    conn = crafted.conn
    conn.execute(
        "CREATE TABLE IF NOT EXISTS story_copies (article_id INTEGER PRIMARY KEY, truncated INTEGER)"
    )
    conn.execute("DELETE FROM story_copies")
    conn.execute(
        "INSERT INTO story_copies (article_id, truncated) VALUES (?, 1)",
        [crafted.ids["harbor_copy"]],
    )
    flags = dict(conn.execute("SELECT site, truncated FROM syndication"))
    assert flags == {"wire.example": 0, "valley.example": 1, "harbor.example": 1}
    plan_text = plan(conn, "SELECT site, sum(truncated) FROM syndication GROUP BY site")
    assert "SEARCH sc USING INTEGER PRIMARY KEY" in plan_text
