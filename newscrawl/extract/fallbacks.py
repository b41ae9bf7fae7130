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
  from the page's markup and URL only: its extensive search takes dates of linked pages);
  a page still undated, the first day printed alone in a short text outside links, read
  in the page's language (dateparser loaded for that one language only: its every-language
  parser, which htmldate's extensive search uses, costs a second and a half to load).

Both libraries parse the page again, so they run on the few pages that need them only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from lxml.etree import _Element

from newscrawl.extract.chrome import without_chrome
from newscrawl.extract.confidence import agreement, models
from newscrawl.extract.dates import date_from_url, day_first, parse_date
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


#: Elements whose own text is read for a printed date (htmldate's free-text layer reads these).
_TEXT_TAGS = ("div", "h2", "h3", "h4", "li", "p", "span", "time", "ul", "td", "header", "a")
#: A text holding a date: a four-digit year, a day or month number of one or two digits.
_DATE_CUE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DAY_CUE = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
#: East Asian dates: 2025年1月13日, 2025년 1월 13일.
_CJK = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
#: Texts longer than this are running text, not a date line.
MAX_DATE_TEXT = 60


@lru_cache(maxsize=8)
def _date_parser(language: str) -> Any:
    """dateparser for one language only (its every-language parser loads for a second)."""
    from dateparser import DateDataParser

    try:
        return DateDataParser(
            languages=[language],
            settings={"PARSERS": ["custom-formats", "absolute-time"], "STRICT_PARSING": True},
        )
    except ValueError:  # a language dateparser does not know
        return None


def _text_day(text: str, language: str, dayfirst: bool | None) -> str | None:
    """The day one short text prints (YYYY-MM-DD), or None."""
    if m := _CJK.search(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    found = parse_date(text, dayfirst=dayfirst)
    if found or language in ("", "en"):
        return found[:10] if found else None
    parser = _date_parser(language)
    try:
        moment = parser.get_date_data(text)["date_obj"] if parser else None
    except Exception:  # a library failing on a text must not fail the extraction
        return None
    return moment.date().isoformat() if moment else None


def _elsewhere(el: _Element) -> bool:
    """Whether ``el`` links to another page (a link to a place on this page does not)."""
    return el.tag == "a" and not (el.get("href") or "#").startswith("#")


def text_date(root: _Element, language: str, today: date) -> str | None:
    """The first day printed alone in a short text of the page (YYYY-MM-DD), read in its
    ``language``; none after ``today``, none inside a link to another page or carried by a
    link's URL (another story's teaser)."""
    dayfirst = day_first((), language)
    linked = {date_from_url(href) for href in root.xpath("//a/@href")}
    for el in root.iter(*_TEXT_TAGS):
        text = " ".join((el.text or "").split())
        if not (6 < len(text) <= MAX_DATE_TEXT and _DATE_CUE.search(text)):
            continue
        if not _DAY_CUE.search(_DATE_CUE.sub(" ", text)) and not _CJK.search(text):
            continue
        if any(_elsewhere(a) for a in el.iterancestors("a")) or _elsewhere(el):
            continue
        day = _text_day(text, language, dayfirst)
        if day and day <= today.isoformat() and day not in linked:
            return day
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
