"""Second opinions, consulted only where newscrawl's own extraction is unsure or empty.

- Body: when the body's confidence is below the ``own`` model's threshold (or no body was
  found), trafilatura extracts the page too and the two texts are merged line by line: lines
  both hold stay, each other line is kept when the learned ``lines`` model says it belongs
  to the article (:mod:`newscrawl.extract.merge`); two extractors that agree raise the
  confidence. Where newscrawl has a body to merge with, trafilatura runs in its recall mode
  (one pass, no escalation for short texts: about a third cheaper; the ``lines`` model
  keeps what belongs); where it has none, trafilatura's default text is kept whole.
- Last resort: when neither finds a body, the text the page declares (JSON-LD
  ``articleBody``) or ships as HTML in its script state (:mod:`newscrawl.extract.embedded`).
- Date: an article page with no publication date found gets htmldate's (original date,
  from the page's markup and URL only: its extensive search takes dates of linked pages).

Both libraries parse the page again, so they run on the few pages that need them only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from newscrawl.extract.chrome import without_chrome
from newscrawl.extract.confidence import agreement, models
from newscrawl.extract.embedded import embedded_body
from newscrawl.extract.merge import BlockIndex, align, line_features, merged

#: A second opinion of one line shorter than this is no body (headline and byline run on).
MIN_ONE_LINE = 200
#: A body of ours shorter than this is never confident (less than the least article kept: a
#: lead or a teaser; the second opinion may hold the rest).
MIN_CONFIDENT = 200
#: Text blocks from which a page with a body gets no second opinion: trafilatura's time grows
#: with the page (seconds on 20,000 paragraphs); the largest of 647 real dev pages has 2,700.
MAX_BLOCKS = 5000
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Settled:
    """The body kept, its confidence, and which extractor gave it."""

    text: str
    confidence: float
    source: str  # "newscrawl", "trafilatura", "merged" or "embedded"


def other_body(html: str, *, recall: bool = False) -> str:
    """trafilatura's main text of the page, paragraphs separated by a blank line, page chrome
    at its edges left out as from newscrawl's own body (``recall``: its recall mode)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, favor_recall=recall) or ""
    except Exception:  # a library failing on a page must not fail the extraction
        return ""
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n\n".join(lines[k] for k in without_chrome(lines))


def other_date(html: str, url: str) -> str | None:
    """htmldate's publication date of the page (YYYY-MM-DD), or None."""
    from htmldate import find_date

    try:
        return find_date(html, url=url or None, original_date=True, extensive_search=False)
    except Exception:  # a library failing on a page must not fail the extraction
        return None


def merge_bodies(ours: str, other: str, confidence: float, blocks: BlockIndex) -> str:
    """The lines of both texts the ``lines`` model keeps (:mod:`newscrawl.extract.merge`)."""
    model = models()["lines"]
    pair = align(ours, other, blocks)
    keep = tuple(
        [
            line.shared
            or model.probability([*line_features(pair, side, j, blocks), confidence])
            >= model.threshold
            for j, line in enumerate(pair.sides[side])
        ]
        for side in (0, 1)
    )
    return merged(pair, (keep[0], keep[1]))


def still_short(ours: str, other: str, merged: str) -> bool:
    """Whether our body, shorter than an article, stays so merged while trafilatura's text is
    longer: then that text is kept whole, as where ours is empty."""
    return len(ours) < MIN_CONFIDENT and len(merged) < MIN_CONFIDENT and len(other) > len(merged)


def settle_body(html: str, ours: str, confidence: float, blocks: BlockIndex) -> Settled:
    """Our body when confident (and ``MIN_CONFIDENT`` characters long); else our and
    trafilatura's lines merged (``blocks``: the page's layout, which describes each line)."""
    if ours and (
        (confidence >= models()["own"].threshold and len(ours) >= MIN_CONFIDENT)
        or len(blocks.layout.blocks) > MAX_BLOCKS
    ):
        return Settled(ours, confidence, "newscrawl")
    other = other_body(html, recall=bool(ours))
    if not other or ("\n" not in other and len(other) < MIN_ONE_LINE):
        if ours:
            return Settled(ours, confidence, "newscrawl")  # headline, byline and date run on
        embedded = embedded_body(html)
        return Settled(embedded, confidence, "embedded" if embedded else "newscrawl")
    if not ours:
        return Settled(other, confidence, "trafilatura")
    text = merge_bodies(ours, other, confidence, blocks)
    if still_short(ours, other, text):
        return Settled(other, confidence, "trafilatura")
    source = {ours: "newscrawl", other: "trafilatura"}.get(text, "merged")
    return Settled(text, max(confidence, agreement(ours, other)), source)
