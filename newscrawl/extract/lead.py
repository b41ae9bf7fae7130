"""The article's lead when it sits outside the body's container: a standfirst, a summary, a
first paragraph set in the page header.

Many pages print the lead paragraph between the headline and the body in an element of its
own (a ``<p>`` in the header, a teaser paragraph), so the container chosen for the body
leaves it out. Each unmarked block between the headline and the body's first line is a
candidate (not a caption: caption wording, or text set in the element that holds an image;
not a line of an insert the body set apart, such as a gallery or a list of teasers;
blocks in a zone are not either: a ``dek`` or ``standfirst`` is a labelling convention
the evaluation sets disagree on, kept by some and left out by others); the learned ``lead``
model (:mod:`newscrawl.extract.confidence`, trained with publisher-grouped
folds by ``benchmarks/train_confidence.py``) says which belong to the article, from the
block's length, punctuation, digits, link share, tag, where it sits and how far it agrees
with the page's declared description. Nothing is keyed to a site.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from newscrawl.extract.body import Body, is_boilerplate
from newscrawl.extract.bylines import has_prefix
from newscrawl.extract.chrome import is_chrome
from newscrawl.extract.confidence import Model, models
from newscrawl.extract.layout import HEADING_TAGS, Layout

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…;:\"'”’»)。！？」』]$")
WINDOW = 25  # blocks above the body's first line searched when no headline is seen
MIN_CHARS = 20  # shorter blocks are labels, dates, bylines
# Wording of an image caption: "In this 2006 file photo, ...", "... (AP Photo/Jane Doe)".
_CAPTION = re.compile(
    r"^(?:in )?(?:this|these) (?:[\w,.]+ ){0,6}(?:photos?|images?|pictures?|fotos?)\b|"
    r"\((?:[^()]*\b(?:photos?|images?|fotos?|AP|AFP|Reuters|Getty|EPA|dpa)\b[^()]*)\)$",
    re.I,
)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def lead_candidates(layout: Layout, body: Body, head: int, description: str) -> list[int]:
    """Indexes of the unmarked blocks between the headline (or a window above the body) and
    the body's first line that could be its lead."""
    if body.first < 0:
        return []
    blocks = layout.blocks
    start = head + 1 if 0 <= head < body.first else max(0, body.first - WINDOW)
    inside = set(body.text.split("\n\n"))
    return [
        i
        for i in range(start, body.first)
        if len(blocks[i].text) >= MIN_CHARS
        and not blocks[i].zone
        and blocks[i].tag != "h1"
        and not _CAPTION.search(blocks[i].text)
        and blocks[i].element not in layout.pictured
        and blocks[i].text not in inside
        and body.apart.isdisjoint(blocks[i].path)
    ]


def lead_features(
    layout: Layout, body: Body, i: int, head: int, description: set[str]
) -> list[float]:
    """The ``lead`` model's features of block ``i``."""
    block = layout.blocks[i]
    text = block.text
    words = _words(text)
    shared = len(words & description)
    container = body.container
    parent = container.getparent() if container is not None else None
    between = sum(1 for b in layout.blocks[i + 1 : body.first] if b.is_paragraph and not b.zone)
    return [
        math.log1p(len(text)) / 6,
        float(bool(_SENTENCE_END.search(text))),
        float(block.is_paragraph),
        block.link_chars / max(1, len(text)),
        float(container is not None and container in block.path),
        float(parent is not None and parent in block.path),
        float(block.tag in HEADING_TAGS),
        float(block.tag == "li"),
        float(block.tag == "p"),
        math.log1p(body.first - i) / 3,
        math.log1p(between) / 2,
        float(0 <= head < i),
        shared / len(words) if words else 0.0,
        shared / len(description) if description else 0.0,
        float(bool(description)),
        float(is_boilerplate(text) or is_chrome(text)),
        float(has_prefix(text)),
        float(len(text.split()) < 5),
        sum(c.isdigit() for c in text) / len(text),
    ]


def lead_rows(
    layout: Layout, body: Body, head: int, description: str
) -> list[tuple[int, list[float]]]:
    """(block index, features) of every lead candidate."""
    desc = _words(description)
    return [
        (i, lead_features(layout, body, i, head, desc))
        for i in lead_candidates(layout, body, head, description)
    ]


def with_lead(
    layout: Layout, body: Body, rows: list[tuple[int, list[float]]], model: Model | None = None
) -> Body:
    """The body with the candidates the ``lead`` model keeps put before its first line."""
    model = model or models().get("lead")
    if model is None or not rows:
        return body
    blocks = layout.blocks
    kept = [
        i
        for i, features in rows
        if model.probability(features) >= model.threshold
        and not (is_boilerplate(blocks[i].text) or is_chrome(blocks[i].text))
    ]
    if not kept:
        return body
    text = "\n\n".join([*(blocks[i].text for i in kept), body.text])
    return replace(body, text=text, first=kept[0])
