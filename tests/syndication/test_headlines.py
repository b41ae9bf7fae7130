"""Copies told by their headline: a rewritten lead over a little wire text, kept apart from
other stories of the event when the headline, the time or the credited agency says so."""

from __future__ import annotations

import pytest

from newscrawl.syndication.grouping import (
    Candidate,
    Header,
    headline_forms,
    hours_apart,
    matched_stories,
    same_header,
    same_story,
    top_pair,
)
from newscrawl.syndication.signature import signature
from tests.support.wire_story import (
    BACKGROUND,
    FOLLOW_UP,
    LEAD,
    LOCAL_LEAD,
    NEXT_DAY,
    QUOTE,
    REUTERS,
    SECOND,
    WIRE,
    body,
)

HEADLINE = "Cracked dam forces Oster Falls evacuation"
LOCAL = (
    "The Millbrook town clerk said the high school gym would stay open overnight for anyone "
    "who needed a place to sleep until the order was lifted."
)
#: A rewritten lead and a local paragraph, then one wire paragraph and the quote, cut there:
#: only a paragraph and the event's quote are shared, and not at the copy's top two.
COPY = [LOCAL_LEAD, LOCAL, SECOND, QUOTE]
WIRE_HEADER = Header(HEADLINE, "2025-05-06T18:00:00+00:00", "AP")


def copy_header(**values: str | None) -> Header:
    fields = {"headline": f"Millbrook: {HEADLINE}", "published": "2025-05-07T04:30:00+01:00"}
    return Header(**{**fields, "agency": "wire", **values})


def test_the_text_alone_does_not_tell_the_copy() -> None:
    wire, copy = signature(body(WIRE)), signature(body(COPY))
    assert not same_story(wire, copy)
    assert top_pair(copy, wire) and top_pair(wire, copy)


def test_the_wire_headline_under_a_kicker_within_a_day_and_a_half_makes_it_a_copy() -> None:
    wire, copy = signature(body(WIRE)), signature(body(COPY))
    headers = (WIRE_HEADER, copy_header())
    assert same_story(wire, copy, headers=headers)
    assert same_story(copy, wire, headers=headers[::-1])  # symmetric


@pytest.mark.parametrize(
    "values",
    [
        {"headline": "Millbrook opens its gym to dam evacuees"},  # its own headline
        {"published": "2025-05-08T07:00:00+00:00"},  # 37 hours later
        {"published": None},  # no date: no evidence of time
        {"published": "next Tuesday"},  # an unreadable date
        {"agency": "Reuters"},  # credits another agency
    ],
)
def test_without_the_headline_time_or_agency_the_copy_stays_apart(values: dict) -> None:
    wire, copy = signature(body(WIRE)), signature(body(COPY))
    assert not same_story(wire, copy, headers=(WIRE_HEADER, copy_header(**values)))


def test_only_the_quote_and_names_shared_is_never_enough() -> None:
    """Same headline, time and agency, but the copy keeps only the event's quote."""
    wire, quote_only = signature(body(WIRE)), signature(body([LOCAL_LEAD, LOCAL, QUOTE]))
    assert not same_story(wire, quote_only, headers=(WIRE_HEADER, copy_header()))


@pytest.mark.parametrize("other", [REUTERS, FOLLOW_UP, NEXT_DAY])
def test_stories_of_the_event_under_the_same_headline_stay_apart(other: list[str]) -> None:
    """Another agency (quote, background further down), the follow-up (the lead reused as
    its third paragraph) and the next-day story (old paragraphs near its end) do not share
    a paragraph at the top with the wire, even under its headline the next morning."""
    headers = (WIRE_HEADER, Header(HEADLINE, "2025-05-07T09:00:00+00:00", None))
    wire, negative = signature(body(WIRE)), signature(body(other))
    assert not top_pair(wire, negative) and not top_pair(negative, wire)
    assert not same_story(wire, negative, headers=headers)


def test_one_shared_paragraph_under_one_headline_is_not_enough() -> None:
    """A copy running the wire's lead under a local paragraph, and the next-day story that
    keeps that lead as its third paragraph, under the same headline the same day."""
    copy = signature(body([LOCAL, LEAD, "In Millbrook, " + NEXT_DAY[5]]))
    next_day = signature(body([*NEXT_DAY[:2], LEAD, *NEXT_DAY[2:5]]))
    headers = (copy_header(), Header(HEADLINE, "2025-05-07T09:00:00+00:00", "AP"))
    assert not same_story(copy, next_day, headers=headers)
    with_quote = signature(body([LOCAL, LEAD, SECOND, QUOTE]))
    assert same_story(with_quote, signature(body(WIRE)), headers=(copy_header(), WIRE_HEADER))


def test_a_shared_background_paragraph_at_the_top_needs_the_same_headline() -> None:
    """Two stories each opening with their own lead, then the same background paragraph."""
    a = signature(body([REUTERS[0], BACKGROUND, *REUTERS[4:]]))
    b = signature(body([NEXT_DAY[0], BACKGROUND, *NEXT_DAY[1:4]]))
    other = Header("Vermont asks for help with failing dam", WIRE_HEADER.published, None)
    assert not same_story(a, b, headers=(WIRE_HEADER, other))


def test_headline_forms() -> None:
    assert headline_forms(HEADLINE) == {"cracked dam forces oster falls evacuation"}
    assert headline_forms(f"Millbrook, Vt.: {HEADLINE.upper()}!") == {
        "millbrook vt cracked dam forces oster falls evacuation",
        "cracked dam forces oster falls evacuation",
    }
    assert headline_forms("Live coverage from the state capitol: dam fails") == {
        "live coverage from the state capitol dam fails"  # not a kicker: too long
    }
    assert headline_forms("News in brief") == frozenset()  # too short to tell stories
    assert headline_forms(None) == headline_forms("") == frozenset()


def test_headers_without_headlines_or_dates_never_match() -> None:
    assert not same_header(Header(), Header())
    assert not same_header(Header(HEADLINE), Header(HEADLINE))
    assert same_header(Header(HEADLINE, "2025-05-06"), Header(HEADLINE, "2025-05-07"))
    assert hours_apart("2025-05-06T18:00:00+00:00", "2025-05-06T20:00:00+02:00") == 0.0
    assert hours_apart(None, "2025-05-06") is None


def test_matched_stories_compares_the_headers_when_given() -> None:
    wire = Candidate(1, 7, signature(body(WIRE)), WIRE_HEADER)
    copy = signature(body(COPY))
    assert matched_stories(copy, [wire], header=copy_header()) == {7}
    assert matched_stories(copy, [wire]) == set()
