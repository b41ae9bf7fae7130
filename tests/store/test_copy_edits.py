"""What each copy changed (lead rewritten, paragraphs moved, write-through version), stored
per copy, filled in for older archives, counted and reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newscrawl.analyst.health import write_report
from newscrawl.store import Archive
from newscrawl.store.queries import copy_edits
from tests.support.wire_story import ADDED, LOCAL_LEAD, WIRE, WRITE_THROUGH, record

OWN_LEAD = (
    "Parents in Cedar Hollow said Wednesday that the school district had not told them where "
    "buses from the flooded valley would take their children during the emptying."
)
#: key: (paragraphs, site, published hour); the agency's two versions are on its own site.
PAGES = {
    "wire": (WIRE, "apnews.example", 18),
    "update": (WRITE_THROUGH, "apnews.example", 21),
    "plain": (WIRE[:5], "plain.example", 19),
    "rewritten": ([LOCAL_LEAD, *WIRE[1:4]], "rewritten.example", 20),
    "moved": ([WIRE[0], WIRE[6], *WIRE[1:4]], "moved.example", 20),
    "update_copy": (WRITE_THROUGH[:5], "updatecopy.example", 22),
    "update_rewritten": ([OWN_LEAD, ADDED, *WIRE[1:4]], "updaterewritten.example", 23),
}
#: key: (lead_rewritten, paragraphs_moved, version)
EXPECTED = {
    "wire": (0, 0, 1),
    "update": (0, 0, 2),
    "plain": (0, 0, 1),
    "rewritten": (1, 0, 1),
    "moved": (0, 1, 1),
    "update_copy": (0, 0, 2),
    "update_rewritten": (1, 0, 2),
}
EDITS = (
    "SELECT a.url, c.lead_rewritten, c.paragraphs_moved, c.version "
    "FROM story_copies c JOIN articles a ON a.id = c.article_id"
)


def fill(archive: Archive) -> None:
    archive.register_sites([{"site": "apnews.example", "name": "AP", "agency": "AP"}])
    for key, (paragraphs, site, hour) in PAGES.items():
        archive.save_article(
            record(key, paragraphs, site=site, published=f"2025-05-06T{hour}:00:00+00:00",
                   wire_source="AP")
        )  # fmt: skip
    archive.commit()


def edits(archive: Archive) -> dict[str, tuple[int, int, int]]:
    return {
        url.rstrip("/").rsplit("/", 1)[1]: tuple(rest) for url, *rest in archive.conn.execute(EDITS)
    }


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    arch = Archive.open(tmp_path / "news.db")
    fill(arch)
    yield arch
    arch.close()


def test_each_copy_records_what_the_site_changed_and_which_version_it_ran(
    archive: Archive,
) -> None:
    assert archive.conn.execute("SELECT count(*), max(versions) FROM stories").fetchone() == (1, 2)
    assert edits(archive) == EXPECTED


def test_an_archive_made_before_the_flags_gets_them_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    arch = Archive.open(path)
    fill(arch)
    arch.conn.execute(
        "UPDATE story_copies SET lead_rewritten = 0, paragraphs_moved = 0, version = 1"
    )
    arch.conn.execute("UPDATE stories SET versions = 1")
    arch.conn.execute("DELETE FROM syndication_meta WHERE key = 'edits'")  # as m420 leaves it
    updated = arch.conn.execute("SELECT updated FROM stories").fetchall()
    arch.close()
    arch = Archive.open(path)
    assert edits(arch) == EXPECTED
    assert arch.conn.execute("SELECT updated FROM stories").fetchall() == updated
    arch.close()


def test_copy_edits_are_counted_and_reported(archive: Archive) -> None:
    counts = copy_edits(archive.conn)
    assert (counts.copies, counts.stories) == (len(PAGES) - 1, 1)
    assert (counts.lead_rewritten, counts.paragraphs_moved) == (2, 1)
    assert (counts.write_throughs, counts.later_versions) == (1, 3)
    out = io.StringIO()
    write_report(archive.conn, out)
    assert "Copies: 6 in 1 stories: lead rewritten 2, paragraphs moved 1," in out.getvalue()
    assert "1 write-throughs (3 copies of a later version)" in out.getvalue()
