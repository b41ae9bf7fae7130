"""Wire detection from bylines, handles, datelines, credit lines and links; signatures."""

from __future__ import annotations

import pytest

from newscrawl.syndication.signature import SHINGLE_WORDS, Signature, signature, story_paragraphs
from newscrawl.syndication.wire import detect_wire

BODY = "Paragraph one of a local story about the fair.\n\nParagraph two about the rides."


@pytest.mark.parametrize(
    ("byline", "body", "kwargs", "agency"),
    [
        ("By The Associated Press", BODY, {}, "AP"),
        ("AP", BODY, {}, "AP"),
        ("By Jane Roe, Associated Press", BODY, {}, "AP"),
        ("Reuters", BODY, {}, "Reuters"),
        ("By AFP", BODY, {}, "AFP"),
        ("gvw_ap_news", BODY, {}, "AP"),
        (None, BODY, {"handle": "wkr_reuters_feed"}, "Reuters"),
        (None, "LONDON (AP) — The prime minister said.\n\nMore.", {}, "AP"),
        (None, "SPRINGFIELD, Ill. (AP) — Lawmakers voted.", {}, "AP"),
        (None, "(Reuters) - Oil prices rose on Monday.", {}, "Reuters"),
        (None, "PARIS, March 4 (Reuters) - Shares fell.", {}, "Reuters"),
        (None, "BERLIN (AFP) - The chancellor spoke.", {}, "AFP"),
        (None, BODY + "\n\nCopyright 2025 The Associated Press. All rights reserved.", {}, "AP"),
        (None, BODY + "\n\n(c) Copyright Thomson Reuters 2025", {}, "Reuters"),
        (None, BODY + "\n\n© 2025 AFP", {}, "AFP"),
        (None, BODY + "\n\nAssociated Press writer Ana Ruiz contributed to this report.", {}, "AP"),
        (None, BODY + "\n\nReporting by Ana Ruiz in Oslo; Editing by Tom Bell", {}, "Reuters"),
        (None, BODY, {"links": ["https://apnews.com/article/fair-123"]}, "AP"),
        (
            None,
            BODY,
            {"links": ["https://www.reuters.com/world/x"], "site": "paper.com"},
            "Reuters",
        ),
        ("Staff and wire reports", BODY, {}, "wire"),
    ],
)
def test_detects_the_agency(byline: str | None, body: str, kwargs: dict, agency: str) -> None:
    assert detect_wire(byline, body, **kwargs) == agency


@pytest.mark.parametrize(
    ("byline", "body", "kwargs"),
    [
        ("By Jane Roe", BODY, {}),
        ("admin_2", BODY, {}),
        (None, "The mayor — who took office in May — said the fair would go on.", {}),
        (None, "NASA said the launch would slip to June.\n\nMore.", {}),
        (None, BODY, {"links": ["https://apnews.com/x"], "site": "apnews.com"}),
        (None, BODY + "\n\nCopyright 2025 The Valley Courier.", {}),
    ],
)
def test_local_articles_have_no_agency(byline: str | None, body: str, kwargs: dict) -> None:
    assert detect_wire(byline, body, **kwargs) is None


def test_dateline_notes_and_credits_are_left_out_of_the_signature() -> None:
    paragraphs, note_words = story_paragraphs(
        "Editor's note: Updated with a correction.\n\nLONDON (AP) — The lead.\n\n"
        "Middle part.\n\nCopyright 2025 The Associated Press. All rights reserved."
    )
    assert paragraphs == ["The lead.", "Middle part."]
    assert note_words == 6
    assert story_paragraphs("(Reuters) - Oil rose.")[0] == ["Oil rose."]
    assert story_paragraphs("The mayor — who spoke — left.")[0] == ["The mayor — who spoke — left."]


def test_signature_round_trips_through_the_stored_blob() -> None:
    text = "One two three four five six seven eight nine ten eleven twelve thirteen.\n\n" * 3
    sig = signature(text + "Editor's note: a note of six words.")
    back = Signature.from_blob(sig.to_blob())
    assert back.hashes.tolist() == sig.hashes.tolist()
    assert back.lead_ends == sig.lead_ends and back.note_words == sig.note_words == 7
    assert back.lead_parts == sig.lead_parts


def test_shingles_do_not_cross_paragraphs_and_are_stable() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    one = signature(words)
    two = signature(words.replace(" eta", "\n\neta"))
    assert one.size == 12 - SHINGLE_WORDS + 1
    assert two.size == one.size - (SHINGLE_WORDS - 1)
    assert two.shingles < one.shingles
    # stored signatures must not change between runs or machines
    assert signature("the quick brown fox").hashes.tolist() == [2546912163, 1865761731]
