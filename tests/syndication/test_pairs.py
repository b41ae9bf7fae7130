"""The learned second look: a copy whose evidence falls between the rules joins its story
under the wire's headline; the rules' lessons (a reused lead, one shared paragraph, the
time) still hold."""

from __future__ import annotations

import pytest

from newscrawl.syndication import grouping
from newscrawl.syndication.grouping import (
    Header,
    by_rules,
    found_units,
    header_facts,
    same_story,
)
from newscrawl.syndication.pairs import FEATURES, admissible, joins, model, pair_features
from newscrawl.syndication.signature import Signature, signature
from tests.support.wire_story import FOLLOW_UP, LEAD, LOCAL_LEAD, NEXT_DAY, SECOND, WIRE, body

HEADLINE = "Cracked dam forces Oster Falls evacuation"
WIRE_HEADER = Header(HEADLINE, "2025-05-06T18:00:00+00:00", "AP")
#: A rewritten lead, a later paragraph pulled up under it, then the wire's second paragraph,
#: cut there: no run at the top (the two wire paragraphs are not in the wire's order), no
#: lead, no block, too short for a version, and not two paragraphs in order for the headline.
COPY = [LOCAL_LEAD, WIRE[3], SECOND]


def copy_header(**values: str | None) -> Header:
    fields = {"headline": f"Millbrook: {HEADLINE}", "published": "2025-05-06T23:30:00+00:00"}
    return Header(**{**fields, "agency": "wire", **values})


def features(a: Signature, b: Signature, headers: tuple[Header, Header]) -> list[float]:
    found = (found_units(a, b), found_units(b, a))
    return pair_features(a, b, *found, len(a.shingles & b.shingles), *header_facts(headers))


def test_a_rewritten_lead_over_a_moved_paragraph_joins_under_the_wire_headline() -> None:
    wire, copy = signature(body(WIRE)), signature(body(COPY))
    headers = (WIRE_HEADER, copy_header())
    assert not by_rules(wire, copy, headers=headers)
    assert same_story(wire, copy, headers=headers)
    assert same_story(copy, wire, headers=headers[::-1])  # symmetric


@pytest.mark.parametrize(
    "values",
    [
        {"headline": "Millbrook opens its gym to dam evacuees"},  # its own headline
        {"published": "2025-05-08T07:00:00+00:00"},  # 37 hours later
        {"published": None},  # no date
    ],
)
def test_the_same_copy_stays_apart_without_the_headline_or_the_time(values: dict) -> None:
    wire, copy = signature(body(WIRE)), signature(body(COPY))
    assert same_story(wire, copy, headers=(WIRE_HEADER, copy_header()))
    assert not same_story(wire, copy, headers=(WIRE_HEADER, copy_header(**values)))
    assert not same_story(wire, copy)  # the text alone


def test_a_reused_lead_is_never_joined_whatever_the_model_says() -> None:
    """The follow-up keeps the wire's lead as its third paragraph and the quote after it:
    under the wire's headline within hours the model rates it a copy, but a lead two
    paragraphs down is background (as the rules hold)."""
    wire, follow_up = signature(body(WIRE)), signature(body(FOLLOW_UP))
    headers = (WIRE_HEADER, copy_header())
    f = features(wire, follow_up, headers)
    assert f[FEATURES.index("reused")] == 1.0
    assert model().probability(f) >= model().threshold
    assert not admissible(f) and not joins(f)
    assert not same_story(wire, follow_up, headers=headers)


def test_one_shared_paragraph_is_never_joined() -> None:
    """A copy running the wire's lead under a local paragraph, and the next-day story that
    keeps that lead as its third paragraph, under one headline the same day."""
    copy = signature(body([LOCAL_LEAD, LEAD, "In Millbrook, " + NEXT_DAY[5]]))
    next_day = signature(body([*NEXT_DAY[:2], LEAD, *NEXT_DAY[2:5]]))
    headers = (copy_header(), Header(HEADLINE, "2025-05-07T01:00:00+00:00", "AP"))
    f = features(copy, next_day, headers)
    assert f[FEATURES.index("units")] + f[FEATURES.index("quotes")] < 2
    assert not admissible(f)
    assert not same_story(copy, next_day, headers=headers)


def test_a_pair_with_fewer_than_two_units_found_is_not_weighed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Most candidate pairs share a stock phrase or two: the model could never take them
    (``admissible``), so their headers are not even read."""
    read: list[object] = []

    def counted(headers: tuple[Header, Header] | None) -> object:
        read.append(headers)
        return header_facts(headers)

    monkeypatch.setattr(grouping, "header_facts", counted)
    wire, other = signature(body(WIRE)), signature(body([LOCAL_LEAD, NEXT_DAY[-1]]))
    assert max(len(found_units(wire, other)), len(found_units(other, wire))) < 2
    assert not same_story(wire, other, headers=(WIRE_HEADER, copy_header()))
    assert read == []
