"""The story index: postings (order, the cap on full keys, shared-key counts), decoded
signatures."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from newscrawl.store import Archive
from newscrawl.store.story_index import posting, shared_keys, with_posting, without_posting
from newscrawl.syndication.signature import signature
from tests.support.wire_story import WIRE, wire_records


def ids(blob: bytes) -> list[int]:
    return list(array("I", blob)[0::2])


def test_a_new_article_is_appended_and_a_full_key_drops_its_oldest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("newscrawl.store.story_index.MAX_POSTINGS", 3)
    blob = b""
    for article_id in (4, 7, 9, 12):
        blob = with_posting(blob, article_id, 30)
    assert ids(blob) == [7, 9, 12]
    assert list(array("I", blob)[1::2]) == [30, 30, 30]


def test_a_re_indexed_article_takes_its_place_by_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newscrawl.store.story_index.MAX_POSTINGS", 3)
    blob = b"".join(posting(a, 20) for a in (4, 7, 9))
    assert ids(with_posting(blob, 7, 25)) == [4, 7, 9]  # replaced, not repeated
    assert ids(with_posting(without_posting(blob, 7), 5, 20)) == [4, 5, 9]
    assert ids(with_posting(blob, 1, 20)) == [4, 7, 9]  # older than a full key keeps


def test_shared_keys_counts_the_keys_each_article_shares() -> None:
    blobs = [
        b"".join(posting(a, 40) for a in (1, 2, 3)),
        b"".join(posting(a, 40) for a in (1, 3)),
        b"".join(posting(a, 40) for a in (1, 3, 5)),
        posting(5, 40),
    ]
    assert shared_keys(blobs, exclude_id=None) == {1: (3, 40), 3: (3, 40)}
    assert shared_keys(blobs, exclude_id=3) == {1: (3, 40)}
    assert shared_keys([], exclude_id=None) == {}


def test_a_signature_changed_under_the_index_is_decoded_again(tmp_path: Path) -> None:
    """Candidates come with the stored signature, not one kept from before its row changed
    (a rolled-back article whose id is reused, another writer)."""
    arch = Archive.open(tmp_path / "news.db")
    wire, *_ = wire_records()
    first = arch.save_article(wire).article_id
    other = signature("\n\n".join(WIRE[2:]))
    arch.conn.execute(
        "UPDATE story_signatures SET signature = ? WHERE article_id = ?", [other.to_blob(), first]
    )
    (found,) = arch.stories.index.candidates(signature(wire["body"]))
    assert found.article_id == first
    assert found.signature.hashes.tolist() == other.hashes.tolist()
    arch.close()


def _statements(arch: Archive) -> list[str]:
    """The SQL statements ``arch`` runs from now on (collected as they run)."""
    seen: list[str] = []
    arch.conn.set_trace_callback(seen.append)
    return seen


def test_postings_read_stay_in_memory_until_another_connection_commits(tmp_path: Path) -> None:
    """A key read in one transaction is not read again in the next; once another writer
    has committed, the keys are read again, so its postings are kept, not overwritten."""
    wire, *_ = wire_records()
    arch = Archive.open(tmp_path / "news.db")
    arch.save_article(wire)
    arch.commit()
    seen = _statements(arch)
    arch.save_article(dict(wire, url="https://mirror.example/news/wire/"))
    arch.commit()
    assert not [s for s in seen if "FROM story_postings" in s]  # every key was known

    other = Archive.open(tmp_path / "news.db")
    theirs = other.save_article(dict(wire, url="https://other.example/news/wire/"))
    other.commit()
    other.close()
    seen.clear()
    arch.save_article(dict(wire, url="https://late.example/news/wire/"))
    arch.commit()
    assert [s for s in seen if "FROM story_postings" in s]
    for (blob,) in arch.conn.execute("SELECT postings FROM story_postings"):
        assert theirs.article_id in ids(blob)
    arch.close()


def test_a_new_article_row_is_written_once_with_its_story(tmp_path: Path) -> None:
    """A new article's row is inserted with its story id (and the id SQLite would give);
    only an edited article's row is updated to move it."""
    arch = Archive.open(tmp_path / "news.db")
    wire, copy, *_ = wire_records()
    seen = _statements(arch)
    first = arch.save_article(wire)
    second = arch.save_article(copy)
    assert not [s for s in seen if s.startswith("UPDATE articles")]
    assert (first.article_id, second.article_id) == (1, 2)
    assert first.story_id == second.story_id
    stored = arch.conn.execute("SELECT id, story_id FROM articles ORDER BY id").fetchall()
    assert stored == [(1, first.story_id), (2, first.story_id)]
    arch.conn.execute("DELETE FROM articles WHERE id = 2")  # the largest id is given again
    assert arch.save_article(dict(copy, url="https://late.example/news/copy/")).article_id == 2
    arch.close()
