"""Story grouping on crafted streams: copies join, different stories on one event do not."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from newscrawl.syndication import grouping
from newscrawl.syndication.evaluate import group_signatures, pairwise
from newscrawl.syndication.grouping import (
    block_share,
    lead_containment,
    same_story,
    top_run,
    version_share,
)
from newscrawl.syndication.signature import is_quote, signature
from tests.support.wire_story import (
    BACKGROUND,
    COPIES,
    FOLLOW_UP,
    LOCAL_LEAD,
    NEGATIVES,
    NEXT_DAY,
    QUOTE,
    REUTERS,
    SECOND,
    WIRE,
    WRITE_THROUGH,
    body,
    stream,
)


@pytest.mark.parametrize("name", list(COPIES))
def test_each_kind_of_copy_matches_the_wire_story(name: str) -> None:
    assert same_story(signature(body(WIRE)), signature(body(COPIES[name])))


@pytest.mark.parametrize("name", list(NEGATIVES))
def test_stories_sharing_names_quote_and_background_stay_apart(name: str) -> None:
    wire = signature(body(WIRE))
    other = signature(body(NEGATIVES[name]))
    assert not same_story(wire, other)
    for paras in COPIES.values():
        assert not same_story(signature(body(paras)), other)


def test_a_rewritten_lead_then_one_wire_paragraph_and_a_quote_is_a_copy() -> None:
    """The lead test and the block test both miss it: the run at the top finds it."""
    wire, copy = signature(body(WIRE)), signature(body([LOCAL_LEAD, SECOND, QUOTE]))
    assert lead_containment(copy, wire) == lead_containment(wire, copy) == 0.0
    assert block_share(copy, wire) == 0.0
    assert top_run(copy, wire) and same_story(wire, copy)


def test_a_quote_then_shared_background_at_the_top_is_not_a_run() -> None:
    """Another agency's story opening with the shared quote, then the background."""
    other = signature(body([REUTERS[0], QUOTE, BACKGROUND, *REUTERS[4:]]))
    assert not top_run(other, signature(body(WIRE)))
    assert not same_story(other, signature(body(WIRE)))


def test_a_reused_lead_two_paragraphs_down_is_not_a_run() -> None:
    """The follow-up holds the lead and the quote after two paragraphs of its own."""
    copy = signature(body(COPIES["local_intro"]))
    assert not top_run(copy, signature(body(FOLLOW_UP)))
    assert not top_run(signature(body(FOLLOW_UP)), copy)


def test_the_next_day_story_shares_only_its_tail_with_the_first() -> None:
    assert block_share(signature(body(WIRE)), signature(body(NEXT_DAY))) == 0.0
    assert block_share(signature(body(NEXT_DAY)), signature(body(WIRE))) == 0.0


def test_a_shared_quote_and_one_paragraph_are_not_a_block() -> None:
    """Reuters shares the quote and the background paragraph, next to each other."""
    assert block_share(signature(body(REUTERS)), signature(body(WIRE))) == 0.0
    assert (
        block_share(signature(body([LOCAL_LEAD, QUOTE, BACKGROUND])), signature(body(WIRE))) == 0.0
    )


def test_each_unit_is_looked_for_once_per_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair that no test takes runs runs, blocks and top pairs: they share what each unit
    of one text finds in the other, looked for once per direction."""
    calls: list[frozenset[int]] = []
    best_unit = grouping._best_unit

    def counted(unit: frozenset[int], *args: Any) -> int | None:
        calls.append(unit)
        return best_unit(unit, *args)

    monkeypatch.setattr(grouping, "_best_unit", counted)
    reuters, wire = signature(body(REUTERS)), signature(body(WIRE))
    assert block_share(reuters, wire) == 0.0  # the pair shares a block's worth of shingles
    calls.clear()
    assert not same_story(reuters, wire)
    units = [u for u in reuters.units + wire.units if len(u) >= grouping.MIN_UNIT]
    assert len(calls) == len(units)


def test_quotes_are_marked_in_the_upper_part() -> None:
    sig = signature(body(WIRE))
    assert [sig.quotes >> i & 1 for i in range(len(sig.unit_ends))][:4] == [0, 0, 1, 0]
    assert is_quote(QUOTE) and not is_quote(SECOND)
    assert is_quote('He said "the spillway is split from top to bottom and is failing".')


def test_a_quote_two_paragraphs_off_in_both_texts_does_not_extend_a_run() -> None:
    """Two agencies share one background paragraph near the top and quote the same sentence
    two paragraphs later: the quote is not next to the paragraph in either text."""
    a = signature(body([REUTERS[0], BACKGROUND, REUTERS[1], QUOTE, *REUTERS[4:]]))
    b = signature(body([NEXT_DAY[0], BACKGROUND, NEXT_DAY[1], QUOTE, *NEXT_DAY[2:4]]))
    assert not top_run(a, b) and not top_run(b, a)
    assert not same_story(a, b)


def test_long_stories_sharing_half_their_text_are_not_versions() -> None:
    """Each has its own top; half of the shorter (the tail) is shared: not a write-through."""
    a = signature(body([*NEXT_DAY[:6], *WIRE[3:8]]))
    b = signature(body([*REUTERS[0:2], *REUTERS[4:6], FOLLOW_UP[1], *WIRE[3:8]]))
    assert 0.5 < version_share(a, b) < 0.6
    assert not same_story(a, b)


def test_versions_of_a_write_through_share_most_text_and_short_copies_do_not_count() -> None:
    assert version_share(signature(body(WIRE)), signature(body(WRITE_THROUGH))) > 0.8
    assert version_share(signature(body(WIRE)), signature(body(COPIES["truncated"]))) == 0.0


def test_the_test_is_symmetric() -> None:
    a, b = signature(body(WIRE)), signature(body(COPIES["truncated"]))
    assert same_story(a, b) == same_story(b, a)
    assert lead_containment(a, b) > 0.8  # the wire's lead is all there
    assert lead_containment(b, a) > 0.8


def test_a_reused_lead_alone_is_not_a_copy() -> None:
    """The follow-up holds the first story's lead paragraph verbatim, further down."""
    assert lead_containment(signature(body(WIRE)), signature(body(FOLLOW_UP))) == 0.0


def test_grouping_is_the_same_in_every_arrival_order() -> None:
    items = stream()
    truth = [story for story, _ in items]
    sigs = [signature(text) for _, text in items]
    for order in itertools.islice(itertools.permutations(range(len(items))), 0, 5040, 97):
        labels = group_signatures([sigs[i] for i in order])
        grouped = dict(zip(order, labels, strict=True))
        scores = pairwise([grouped[i] for i in range(len(items))], truth)
        assert (scores.precision, scores.recall) == (1.0, 1.0), order


def test_bodies_without_paragraph_breaks_still_group() -> None:
    flat = signature(" ".join(WIRE))
    assert len(flat.lead_parts) == 2 and flat.size > 200
    assert len(flat.keys) < 40  # keys come from the first words only
    assert same_story(flat, signature(" ".join(COPIES["truncated"])))
    assert same_story(flat, signature(body(WIRE)))
    for other in NEGATIVES.values():
        assert not same_story(flat, signature(" ".join(other)))


def test_empty_and_tiny_bodies_never_match() -> None:
    empty, tiny = signature(""), signature("Short note.")
    assert not same_story(empty, empty)
    assert not same_story(tiny, tiny)
