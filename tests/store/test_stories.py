"""Stories in the archive: pipelines, merges, splits, copy flags, persistence, order."""

from __future__ import annotations

import random
import sqlite3
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newscrawl.imports.jsonl import Stats
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.syndication import SyndicationPipeline
from newscrawl.pipelines.validate import ValidatePipeline
from newscrawl.store import Archive
from newscrawl.store.stories import Stories
from newscrawl.syndication.grouping import RULES
from newscrawl.syndication.signature import SCHEME
from tests.support.wire_story import (
    COPIES,
    LOCAL_LEAD,
    QUOTE,
    REUTERS,
    SECOND,
    TRUTH,
    WIRE,
    record,
    wire_records,
)

INTRO = "Families in Millbrook with relatives up the valley spent the evening clearing spare rooms."
#: Two copies with local openings: one runs the top of the wire, the other three later
#: paragraphs; they share nothing, the wire holds both.
APART_A = [INTRO, *WIRE[:3]]
APART_B = [
    "Millbrook school buses left at dusk to help carry older residents out of the valley.",
    *WIRE[3:6],
]


class Chain:
    """validate -> syndication -> store, built the way ``newscrawl import`` builds them."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.stats = Stats()
        self.pipes = [
            ValidatePipeline(self.stats, 200),
            SyndicationPipeline(self.stats),
            StorePipeline(archive, self.stats),
        ]

    def __call__(self, item: dict[str, Any]) -> dict[str, Any]:
        for pipe in self.pipes:
            item = pipe.process_item(item)
        return item


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    arch = Archive.open(tmp_path / "news.db")
    arch.register_sites([{"site": "apnews.example", "name": "AP", "agency": "AP"}])
    yield arch
    arch.close()


def postings(archive: Archive) -> set[tuple[int, int, int]]:
    """Every (key, article id, key count) posting of the story index."""
    found = set()
    for key, blob in archive.conn.execute("SELECT hash, postings FROM story_postings"):
        pairs = array("I", blob)
        found |= {(key, pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)}
    return found


def indexed_archive(path: Path) -> Archive:
    """An archive at ``path`` holding the wire story's records, committed."""
    arch = Archive.open(path)
    chain = Chain(arch)
    for item in wire_records():
        chain(item)
    arch.commit()
    return arch


def partition(archive: Archive) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for url, story in archive.conn.execute("SELECT url, story_id FROM articles"):
        groups.setdefault(story, set()).add(url.rstrip("/").rsplit("/", 1)[1])
    return {frozenset(g) for g in groups.values()}


EXPECTED = {frozenset(k for k, v in TRUTH.items() if v == s) for s in set(TRUTH.values())}


def test_copies_share_one_story_and_hard_negatives_stay_apart(archive: Archive) -> None:
    chain = Chain(archive)
    out = [chain(dict(item)) for item in wire_records()]
    archive.commit()  # story fields are brought up to date once per transaction
    assert partition(archive) == EXPECTED
    assert all(o["wire_source"] for o in out[:2])
    story = archive.conn.execute(
        "SELECT s.copies, s.wire_source, s.first_published, a.url FROM stories s "
        "JOIN articles a ON a.id = s.original_article_id WHERE s.id = ?",
        [out[0]["story_id"]],
    ).fetchone()
    assert story == (
        1 + len(COPIES),
        "AP",
        "2025-05-06T18:00:00+00:00",
        "https://apnews.example/news/wire/",
    )


def test_copy_flags_are_queryable(archive: Archive) -> None:
    chain = Chain(archive)
    for item in wire_records():
        chain(item)
    archive.commit()
    flags = {
        url.rstrip("/").rsplit("/", 1)[1]: rest
        for url, *rest in archive.conn.execute(
            "SELECT a.url, c.is_original, c.truncated, c.headline_changed, c.text_added "
            "FROM story_copies c JOIN articles a ON a.id = c.article_id"
        )
    }
    assert flags["wire"] == [1, 0, 0, 0]
    assert flags["truncated"] == [0, 1, 1, 0]
    assert flags["truncated_two"] == [0, 1, 0, 0]
    assert flags["notes_and_local"] == [0, 0, 0, 1]
    assert flags["edited"][:2] == [0, 1] and flags["edited"][3] == 0
    assert flags["local_intro"] == [0, 1, 0, 1]
    assert flags["reuters"] == [1, 0, 0, 0]


def test_the_earliest_copy_is_the_original_when_the_wire_page_is_missing(
    archive: Archive,
) -> None:
    chain = Chain(archive)
    for item in wire_records()[1:]:
        chain(item)
    archive.commit()
    original = archive.conn.execute(
        "SELECT a.url FROM stories s JOIN articles a ON a.id = s.original_article_id "
        "WHERE s.copies = ?",
        [len(COPIES)],
    ).fetchone()
    assert original == ("https://truncated.example/news/truncated/",)


@pytest.mark.parametrize("seed", range(4))
def test_grouping_does_not_depend_on_arrival_order(tmp_path: Path, seed: int) -> None:
    items = wire_records()
    order = random.Random(seed).sample(range(len(items)), len(items))
    arch = Archive.open(tmp_path / f"{seed}.db")
    chain = Chain(arch)
    for i in order:
        chain(dict(items[i]))
    assert partition(arch) == EXPECTED
    arch.close()


def test_a_late_original_merges_copies_that_did_not_match_each_other(archive: Archive) -> None:
    chain = Chain(archive)
    first = chain(record("a", APART_A))
    second = chain(record("b", APART_B))
    assert first["story_id"] != second["story_id"]
    wire = chain(record("wire", WIRE))
    assert wire["story_id"] == min(first["story_id"], second["story_id"])
    assert archive.conn.execute("SELECT count(*) FROM stories").fetchone() == (1,)


def test_an_edit_that_removes_the_bridge_splits_the_story(archive: Archive) -> None:
    chain = Chain(archive)
    chain(record("a", APART_A))
    chain(record("b", APART_B))
    chain(record("wire", WIRE))
    assert partition(archive) == {frozenset({"a", "b", "wire"})}
    # the same URL now carries another story, under its own headline
    chain(record("wire", REUTERS, headline="Vermont asks for federal help with failing dam"))
    archive.commit()
    assert partition(archive) == {frozenset({"a"}), frozenset({"b"}), frozenset({"wire"})}
    assert archive.conn.execute("SELECT count(*) FROM stories").fetchone() == (3,)
    assert archive.conn.execute("SELECT count(*) FROM story_copies").fetchone() == (3,)


def test_a_later_run_matches_what_is_stored_and_reimport_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    items = wire_records()
    arch = Archive.open(path)
    chain = Chain(arch)
    for item in items[:4]:
        chain(dict(item))
    arch.close()
    arch = Archive.open(path)
    chain = Chain(arch)
    for item in items:
        chain(dict(item))
    arch.commit()
    assert partition(arch) == EXPECTED
    assert chain.stats["newscrawl/articles/unchanged"] == 4
    assert chain.stats["newscrawl/articles/new"] == len(items) - 4
    counts = [arch.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "stories", "story_signatures", "story_copies")]  # fmt: skip
    arch.close()
    assert counts == [len(items), len(set(TRUTH.values())), len(items), len(items)]


def test_a_changed_signature_scheme_rebuilds_the_index(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    arch = Archive.open(path)
    chain = Chain(arch)
    for item in wire_records()[:3]:
        chain(item)
    arch.conn.execute("UPDATE syndication_meta SET value = 'v0' WHERE key = 'scheme'")
    arch.conn.execute("DELETE FROM story_postings")
    arch.close()
    arch = Archive.open(path)
    scheme = "SELECT value FROM syndication_meta WHERE key = 'scheme'"
    assert arch.conn.execute(scheme).fetchone() == (SCHEME,)
    assert len({a for _, a, _ in postings(arch)}) == 3
    chain = Chain(arch)
    chain(wire_records()[3])
    assert (
        max(Counter(s for _, s in arch.conn.execute("SELECT id, story_id FROM articles")).values())
        == 4
    )
    arch.close()


def test_index_tables_are_documented_columns(archive: Archive) -> None:
    conn: sqlite3.Connection = archive.conn
    cols = {r[1] for r in conn.execute("PRAGMA table_info(story_copies)")}
    assert cols == {"article_id", "story_id", "is_original", "truncated", "headline_changed",
                    "text_added", "coverage", "added_words", "lead_rewritten",
                    "paragraphs_moved", "version"}  # fmt: skip


@pytest.mark.parametrize("key", ["scheme", "rules"])
def test_a_new_scheme_regroups_stories_made_by_older_rules(tmp_path: Path, key: str) -> None:
    """Stories an older rule split or merged are grouped again when the archive is opened,
    whether the signatures changed (scheme) or only the grouping rules did."""
    path = tmp_path / "news.db"
    arch = Archive.open(path)
    chain = Chain(arch)
    for item in wire_records():
        chain(dict(item))
    ids = dict(arch.conn.execute("SELECT url, id FROM articles"))
    wire_story = arch.conn.execute(
        "SELECT story_id FROM articles WHERE url LIKE '%/wire/'"
    ).fetchone()[0]
    lone = arch.conn.execute(
        "INSERT INTO stories (copies, created, updated) VALUES (1, '', '')"
    ).lastrowid
    arch.conn.execute(  # an old rule missed a copy and merged Reuters into the wire story
        "UPDATE articles SET story_id = ? WHERE url LIKE '%lead_rewritten%'", [lone]
    )
    arch.conn.execute(
        "UPDATE articles SET story_id = (SELECT story_id FROM articles WHERE url LIKE "
        "'%/wire/') WHERE id = ?",
        [ids["https://reuters.example/news/reuters/"]],
    )
    arch.conn.execute("UPDATE syndication_meta SET value = 'v1' WHERE key = ?", [key])
    arch.conn.commit()
    arch.close()
    arch = Archive.open(path)
    rules = "SELECT value FROM syndication_meta WHERE key = 'rules'"
    assert arch.conn.execute(rules).fetchone() == (RULES,)
    assert partition(arch) == EXPECTED
    copies = dict(arch.conn.execute("SELECT id, copies FROM stories"))
    assert sorted(copies.values()) == sorted(Counter(TRUTH.values()).values())
    assert copies[wire_story] == 1 + len(COPIES)  # the wire's story keeps its id
    arch.close()


def test_m450_rebuilds_the_story_index_of_an_older_archive(tmp_path: Path) -> None:
    """m450 has an archive's stored index rebuilt, whatever scheme it names."""
    path = tmp_path / "news.db"
    arch = indexed_archive(path)
    keys = postings(arch)
    arch.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm450_story_index_upper_keys'")
    arch.conn.execute("DELETE FROM story_postings WHERE hash % 2 = 0")  # stands for older keys
    arch.close()
    arch = Archive.open(path)
    scheme = "SELECT value FROM syndication_meta WHERE key = 'scheme'"
    assert arch.conn.execute(scheme).fetchone() == (SCHEME,)
    assert postings(arch) == keys
    assert partition(arch) == EXPECTED
    arch.close()


def test_a_regroup_compares_the_pairs_an_import_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full keys drop their oldest postings: regrouping replays arrival order, so the same
    rules give the same stories and the same index, not fewer pairs."""
    monkeypatch.setattr("newscrawl.store.story_index.MAX_POSTINGS", 1)
    path = tmp_path / "news.db"
    arch = Archive.open(path)
    chain = Chain(arch)
    items = wire_records()
    for i in random.Random(3).sample(range(len(items)), len(items)):  # an order that evicts
        chain(dict(items[i]))  # a posting an early pair was found by
    arch.commit()
    stored = partition(arch)
    keys = postings(arch)
    arch.conn.execute("UPDATE syndication_meta SET value = 'v1' WHERE key = 'rules'")
    arch.close()
    arch = Archive.open(path)
    assert partition(arch) == stored
    assert postings(arch) == keys
    arch.close()


def test_m490_moves_the_key_rows_into_postings(tmp_path: Path) -> None:
    """An archive indexed in ``story_keys`` rows keeps its index and stories through m490."""
    path = tmp_path / "news.db"
    arch = indexed_archive(path)
    keys, stored = postings(arch), partition(arch)
    arch.conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm490_story_postings'")
    arch.conn.executemany("INSERT INTO story_keys VALUES (?, ?, ?)", sorted(keys))
    arch.conn.execute("DROP TABLE story_postings")
    arch.close()
    arch = Archive.open(path)
    assert postings(arch) == keys
    assert arch.conn.execute("SELECT count(*) FROM story_keys").fetchone() == (0,)
    assert partition(arch) == stored
    chain = Chain(arch)
    chain(dict(wire_records()[0], url="https://late.example/copy/"))  # the index still finds
    assert len(partition(arch)) == len(stored)  # a copy of a stored story
    arch.close()


def test_a_failing_article_leaves_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The postings an article changed before its savepoint failed are not written."""
    arch = indexed_archive(tmp_path / "news.db")
    keys = postings(arch)
    place = Stories.place

    def failing(self: Stories, *args: Any) -> int:
        place(self, *args)
        raise sqlite3.IntegrityError("a constraint the record breaks")

    monkeypatch.setattr(Stories, "place", failing)
    with pytest.raises(sqlite3.IntegrityError):
        arch.save_article(dict(wire_records()[0], url="https://late.example/copy/"))
    monkeypatch.undo()
    arch.commit()
    assert postings(arch) == keys
    arch.save_article(dict(wire_records()[0], url="https://late.example/copy/"))
    arch.commit()
    assert len(postings(arch)) > len(keys)
    arch.close()


LOCAL = (
    "The Millbrook town clerk said the high school gym would stay open overnight for "
    "anyone who needed a place to sleep until the order was lifted."
)


@pytest.mark.parametrize("kicker", [True, False])
@pytest.mark.parametrize(
    "paragraphs",
    [
        [LOCAL_LEAD, LOCAL, SECOND, QUOTE],  # the headline rule (top_pair)
        [LOCAL_LEAD, WIRE[3], SECOND],  # no rule: the learned look
    ],
)
def test_a_copy_under_a_rewritten_lead_joins_by_its_headline(
    tmp_path: Path, kicker: bool, paragraphs: list[str]
) -> None:
    """Little wire text is shared (one paragraph and the quote, not at the copy's top; or a
    paragraph pulled up and the second, out of the wire's order): the wire's headline under
    a kicker, a few hours later, joins it; the same text under the site's own headline stays
    apart; a regroup under other rules finds the same stories."""
    path = tmp_path / "news.db"
    arch = Archive.open(path)
    chain = Chain(arch)
    headline = "Cracked dam forces Oster Falls evacuation"
    chain(record("wire", WIRE, site="apnews.example", headline=headline,
                 published="2025-05-06T18:00:00+00:00"))  # fmt: skip
    title = f"Millbrook: {headline}" if kicker else "Millbrook opens its gym to evacuees"
    chain(record("copy", paragraphs, headline=title,
                 byline="Staff and wire reports", published="2025-05-07T02:00:00+00:00"))  # fmt: skip
    arch.commit()
    expected = (
        {frozenset({"wire", "copy"})} if kicker else {frozenset({"wire"}), frozenset({"copy"})}
    )
    assert partition(arch) == expected
    arch.conn.execute("UPDATE syndication_meta SET value = 'v1' WHERE key = 'rules'")
    arch.close()
    arch = Archive.open(path)
    assert partition(arch) == expected
    arch.close()
