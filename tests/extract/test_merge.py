"""Line-level merge of newscrawl's and a second extractor's text of one page."""

from __future__ import annotations

from newscrawl.extract import analyze_page
from newscrawl.extract.fallbacks import merge_bodies
from newscrawl.extract.merge import BlockIndex, align, merged

URL = "https://harbor.example/2024/09/10/ferry-stays/"
P = [
    "The harbor commission voted on Tuesday to keep the evening ferry running through the "
    "winter, after a long debate about the cost of fuel and the needs of island workers.",
    "Commissioners said the subsidy would be reviewed in the spring, when the new fuel "
    "contract is signed and the summer timetable is drawn up with the island council.",
    "Island workers who rely on the late crossing packed the meeting room and thanked the "
    "board after the vote, which passed by four votes to one on a show of hands.",
    "The ferry operator said the winter crossings would keep their current times, and that "
    "a second boat would be chartered while the main vessel is serviced in February.",
]
PROMO = "Sign up for our newsletter"
PAGE = (
    '<html><head><meta property="og:type" content="article"></head><body><article>'
    "<h1>Ferry stays</h1>" + "".join(f"<p>{p}</p>" for p in P) + "</article>"
    f'<aside class="newsletter"><p><a href="/signup">{PROMO}</a></p></aside></body></html>'
)


def _blocks() -> BlockIndex:
    blocks = analyze_page(PAGE, URL, follow=False, fallbacks=False).blocks
    assert blocks is not None
    return blocks


def test_lines_both_texts_hold_are_shared() -> None:
    pair = align("\n\n".join(P[:3]), "\n\n".join([P[0], P[2], PROMO]))
    assert [line.shared for line in pair.sides[0]] == [True, False, True]
    assert [line.shared for line in pair.sides[1]] == [True, True, False]


def test_kept_lines_of_the_other_text_sit_after_the_shared_line_before_them() -> None:
    pair = align("\n\n".join([P[0], P[3]]), "\n\n".join([P[0], P[1], P[2], P[3]]))
    text = merged(pair, ([False, False], [False, True, True, False]))
    assert text.split("\n\n") == P
    assert merged(pair, ([False, False], [False] * 4)).split("\n\n") == [P[0], P[3]]


def test_the_model_takes_a_missed_paragraph_and_leaves_a_promotion_out() -> None:
    ours = "\n\n".join([P[0], P[1], P[3]])  # the third paragraph missed
    other = "\n\n".join([*P, PROMO])
    assert merge_bodies(ours, other, 0.5, _blocks()).split("\n\n") == P


NOTICE = "This page is printed from the archive and may show an older state of the story."


def test_the_other_texts_lines_above_the_headline_are_not_aligned() -> None:
    page = PAGE.replace("<h1>", f"<p>{NOTICE}</p><h1>")
    blocks = analyze_page(page, URL, follow=False, fallbacks=False).blocks
    assert blocks is not None
    assert NOTICE not in blocks.body.text
    pair = align("\n\n".join(P), "\n\n".join([NOTICE, *P]), blocks)
    assert [line.text for line in pair.sides[1]] == P
    assert len(align("\n\n".join(P), "\n\n".join([NOTICE, *P])).sides[1]) == 5
