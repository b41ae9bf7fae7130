"""Datasette metadata and canned queries, run through Datasette's own (in-process) client."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newscrawl.analyst.datasette_meta import load, metadata_for
from tests.support.archive import Crafted, crafted_archive

QUERIES = load()["database"]["queries"]
PARAMS: dict[str, dict[str, str]] = {
    "who_ran_this_story": {"url": "http://valley.example/news/canal"},
    "stories_by_agency_per_week": {"agency": ""},
    "search_articles": {"query": "canal", "site": ""},
    "site_weeks": {"site": ""},
    "truncated_copies_by_site": {},
    "recent_crawls": {},
}


@pytest.fixture
def crafted(tmp_path: Path) -> Iterator[Crafted]:
    with crafted_archive(tmp_path) as made:
        run = made.archive.start_crawl("news", {"sites": "sites.toml"})
        made.archive.finish_crawl(run, {"status": "finished", "pages_fetched": 12})
        yield made


def get(crafted: Crafted, path: str, /, **params: str) -> Any:
    """GET a Datasette page for the crafted archive, with our metadata."""
    app = pytest.importorskip("datasette.app")  # the optional extra 'analyst'
    ds = app.Datasette([str(crafted.path)], metadata=metadata_for(crafted.path))

    async def fetch() -> Any:
        return await ds.client.get(path, params=params)

    return asyncio.run(fetch())


def rows(crafted: Crafted, query: str, /, **params: str) -> list[dict[str, Any]]:
    response = get(crafted, f"/news/{query}.json", _shape="array", **params)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_canned_query_is_exercised() -> None:
    assert set(PARAMS) == set(QUERIES)


@pytest.mark.parametrize("query", sorted(PARAMS))
def test_canned_query_runs_in_datasette(crafted: Crafted, query: str) -> None:
    assert rows(crafted, query, **PARAMS[query])


def test_who_ran_this_story(crafted: Crafted) -> None:
    got = rows(crafted, "who_ran_this_story", url="http://harbor.example/canal")
    assert [r["site"] for r in got] == ["wire.example", "valley.example", "harbor.example"]
    assert [r["truncated"] for r in got] == [0, 1, 0]
    assert got[0]["published_utc"] == "2024-03-05 14:00:00"
    assert rows(crafted, "who_ran_this_story", url="http://nowhere.example/") == []


def test_stories_by_agency_per_week(crafted: Crafted) -> None:
    assert rows(crafted, "stories_by_agency_per_week", agency="AP") == [
        {
            "week_of": "2024-03-04",
            "agency": "AP",
            "stories": 1,
            "copies": 3,
            "copies_per_story": 3.0,
        }
    ]
    assert rows(crafted, "stories_by_agency_per_week", agency="Reuters") == []


def test_search_articles_ranks_and_filters(crafted: Crafted) -> None:
    got = rows(crafted, "search_articles", query="canal", site="")
    assert len(got) == 4 and got[-1]["url"] == "http://harbor.example/ferry"
    assert "[canal]" in got[0]["snippet"].lower()
    only = rows(crafted, "search_articles", query="canal", site="valley.example")
    assert [r["url"] for r in only] == ["http://valley.example/news/canal"]


def test_site_weeks_and_truncation_by_site(crafted: Crafted) -> None:
    weeks = {r["site"]: r for r in rows(crafted, "site_weeks", site="")}
    assert weeks["valley.example"]["week_of"] == "2024-03-04"
    assert (weeks["valley.example"]["articles"], weeks["valley.example"]["wire_share"]) == (2, 0.5)
    cut = {r["site"]: r["truncated"] for r in rows(crafted, "truncated_copies_by_site")}
    assert cut == {"valley.example": 1, "harbor.example": 0}
    assert rows(crafted, "recent_crawls")[0]["pages_fetched"] == 12


def test_table_pages_show_descriptions_and_search(crafted: Crafted) -> None:
    page = get(crafted, "/news/articles")
    assert page.status_code == 200
    assert "Canonical URL, tracking parameters removed" in page.text
    found = get(crafted, "/news/articles.json", _search="pumpkin", _shape="array", _col="url")
    assert [r["url"] for r in found.json()] == ["http://valley.example/news/fair"]
    view = get(crafted, "/news/syndication")
    assert "Who ran which story" in view.text


def schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'"
    )
    return {name: {r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")} for (name,) in names}


def test_metadata_describes_every_table_view_and_column(crafted: Crafted) -> None:
    described = {
        name: set(table.get("columns", {}))
        for name, table in load()["database"]["tables"].items()
        if table.get("description")
    }
    # Exactly the columns there are; tables of other branches may be described ahead.
    assert {name: described.get(name) for name in schema(crafted.conn)} == schema(crafted.conn)
    for table in load()["database"]["tables"].values():
        assert all(text.strip() for text in table["columns"].values())


def test_metadata_is_keyed_by_the_database_file_name(tmp_path: Path) -> None:
    assert set(metadata_for(tmp_path / "archive-2024.db")["databases"]) == {"archive-2024"}
