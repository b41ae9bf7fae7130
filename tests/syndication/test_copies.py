"""What each copy of a story changed: coverage, added text, headline."""

from __future__ import annotations

from newscrawl.syndication.copies import copy_flags
from newscrawl.syndication.signature import signature
from tests.support.wire_story import WIRE, body

LOCAL = (
    "In Millbrook, twelve miles downstream, the town clerk said the high school gym would stay "
    "open for anyone who needed a place to sleep until the order was lifted."
)


def test_a_copy_with_a_local_paragraph_adds_its_words_and_a_cut_copy_is_truncated() -> None:
    sigs = [signature(body(p)) for p in (WIRE, [*WIRE[:3], LOCAL], WIRE[:2])]
    wire, local, cut = copy_flags(sigs, ["Dam", "Dam", "Town braces"], original=0)
    assert (wire.is_original, wire.coverage, wire.added_words) == (True, 1.0, 0)
    assert local.text_added and local.added_words == len(LOCAL.split())
    assert not local.headline_changed and cut.headline_changed
    assert cut.truncated and not cut.text_added and cut.coverage < 0.4


def test_short_runs_at_the_end_of_one_copy_and_the_start_of_the_next_do_not_add_up() -> None:
    """Two six-word local lines (four shingles each) are below the added-text run."""
    end = [*WIRE[:3], "Millbrook readers can call the clerk."]
    start = ["Shelters open in the Millbrook gym.", *WIRE[1:4]]
    flags = copy_flags([signature(body(p)) for p in (WIRE, end, start)], [None] * 3, 0)
    assert [f.added_words for f in flags] == [0, 0, 0]
