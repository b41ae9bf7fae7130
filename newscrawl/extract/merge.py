"""Line-level merge of two extractions of one page, decided by a learned line model.

Where newscrawl is unsure of a body and trafilatura was consulted, the two texts mostly agree
and differ by a few lines: a teaser, a caption, a related-story link, a paragraph one of them
missed. Lines both hold are kept; each line only one holds is kept when the ``lines`` model
(:mod:`newscrawl.extract.confidence`, trained with publisher-grouped folds by
``benchmarks/train_confidence.py``) says it belongs to the article. Its features describe the
line (length, sentence ending, boilerplate wording), where it sits among the shared lines, how
far the two texts agree, and the page block it comes from (zone, link share, inside the body's
container or not, before or after the body). Nothing is keyed to a site.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newscrawl.extract.body import Body, is_boilerplate
from newscrawl.extract.layout import HEADING_TAGS, Layout

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…;\"'”’»)。！？」』]$")
SHINGLE = 4  # words per shingle when lines are compared
SHARED = 0.5  # share of a line's shingles the other text must hold for the line to be shared
KEY_WORDS = 8  # leading words that find a line's block in the layout
FEW_WORDS = 5
_NO_BLOCK = [0.0] * 8


@dataclass
class Line:
    """A line of one extraction and whether the other extraction holds it too."""

    text: str
    shared: bool


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _split(text: str) -> list[str]:
    return [line for line in text.split("\n\n") if line.strip()]


def _held(line: str, shingles: set[tuple[str, ...]], joined: str) -> bool:
    """Whether a text (its shingles, its words joined) holds most of a line."""
    words = _tokens(line)
    if len(words) < SHINGLE:
        return bool(words) and f" {' '.join(words)} " in joined
    own = _shingles(words)
    return len(own & shingles) >= SHARED * len(own)


def align(ours: str, other: str, blocks: BlockIndex | None = None) -> Aligned:
    """The lines of each text, each marked shared when the other text holds it; with the
    page's ``blocks``, the other's lines our pass left out above the headline are dropped."""
    a, b = _split(ours), _split(other)
    if blocks is not None:
        b = [line for line in b if not blocks.above_headline(line)]
    words_a, words_b = _tokens(ours), _tokens(other)
    sh_a, sh_b = _shingles(words_a), _shingles(words_b)
    joined_a, joined_b = f" {' '.join(words_a)} ", f" {' '.join(words_b)} "
    return summarize(
        (
            [Line(line, _held(line, sh_b, joined_b)) for line in a],
            [Line(line, _held(line, sh_a, joined_a)) for line in b],
        )
    )


class BlockIndex:
    """Finds the layout block a line comes from (by its leading words) and describes it; the
    index is built on first use (only pages whose body is merged need it)."""

    def __init__(self, layout: Layout, body: Body) -> None:
        self.layout, self.body = layout, body
        self._index: dict[str, int] | None = None

    def _find(self, line: str) -> int | None:
        if self._index is None:
            self._index = {}
            for i, block in enumerate(self.layout.blocks):
                self._index.setdefault(" ".join(_tokens(block.text)[:KEY_WORDS]), i)
        return self._index.get(" ".join(_tokens(line)[:KEY_WORDS]))

    def above_headline(self, line: str) -> bool:
        """Whether the line's block is one the body's container prints above the headline's
        own ``<h1>`` (left out of our body: a notice, a gallery's counter, a teaser)."""
        i = self._find(line)
        body = self.body
        return (
            i is not None
            and i < body.heading
            and body.container is not None
            and body.container in self.layout.blocks[i].path
        )

    def features(self, line: str) -> list[float]:
        """Found, zoned, link share, inside the body's container, heading, list item,
        above the body, below the body."""
        i = self._find(line)
        if i is None:
            return list(_NO_BLOCK)
        block, body = self.layout.blocks[i], self.body
        inside = body.container is not None and body.container in block.path
        return [
            1.0,
            float(bool(block.zone)),
            block.link_chars / max(1, len(block.text)),
            float(inside),
            float(block.tag in HEADING_TAGS),
            float(block.tag == "li"),
            float(0 <= i < body.first),
            float(0 <= body.last < i),
        ]


@dataclass
class Aligned:
    """Both texts' lines, and what every line's features share: per side, the first and last
    shared line, the share of its characters in shared lines, its length."""

    sides: tuple[list[Line], list[Line]]
    first: tuple[int, int]
    last: tuple[int, int]
    shared_share: tuple[float, float]
    chars: tuple[int, int]


def _summary(lines: list[Line]) -> tuple[int, int, float, int]:
    shared = [k for k, line in enumerate(lines) if line.shared]
    total = sum(len(line.text) for line in lines)
    in_shared = sum(len(line.text) for line in lines if line.shared)
    first, last = (shared[0], shared[-1]) if shared else (-1, -1)
    return first, last, in_shared / total if total else 0.0, total


def summarize(sides: tuple[list[Line], list[Line]]) -> Aligned:
    """The :class:`Aligned` of two texts' lines."""
    a, b = _summary(sides[0]), _summary(sides[1])
    return Aligned(sides, (a[0], b[0]), (a[1], b[1]), (a[2], b[2]), (a[3], b[3]))


def line_features(pair: Aligned, side: int, j: int, blocks: BlockIndex) -> list[float]:
    """The ``lines`` model's features of line ``j`` of side 0 (ours) or 1 (the other), the
    page's confidence left out (the caller appends it)."""
    own = pair.sides[side]
    text = own[j].text
    first, last = pair.first[side], pair.last[side]
    return [
        float(side == 0),
        math.log1p(len(text)) / 6,
        float(len(text.split()) < FEW_WORDS),
        float(bool(_SENTENCE_END.search(text))),
        float(first < 0 or j < first),
        float(last < 0 or j > last),
        float(j > 0 and own[j - 1].shared),
        float(j + 1 < len(own) and own[j + 1].shared),
        *pair.shared_share,
        math.log((1 + pair.chars[1]) / (1 + pair.chars[0])) / 5,
        *blocks.features(text),
        float(is_boilerplate(text)),
    ]


def merged(pair: Aligned, keep: tuple[list[bool], list[bool]]) -> str:
    """Our lines kept, in our order, with the other's kept lines placed after the shared
    line that precedes them in the other text."""
    pending: dict[int, list[str]] = {}
    seen = 0
    for line, kept in zip(pair.sides[1], keep[1], strict=True):
        if line.shared:
            seen += 1
        elif kept:
            pending.setdefault(seen, []).append(line.text)
    out = list(pending.pop(0, []))
    seen = 0
    for line, kept in zip(pair.sides[0], keep[0], strict=True):
        if line.shared or kept:
            out.append(line.text)
        if line.shared:
            seen += 1
            out.extend(pending.pop(seen, []))
    for rest in pending.values():
        out.extend(rest)
    return "\n\n".join(out)
