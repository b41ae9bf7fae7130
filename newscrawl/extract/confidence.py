"""Extraction confidence: how likely the body found is the article's text (0..1).

Two small logistic models with learned weights (``confidence.json``, written by
``benchmarks/train_confidence.py`` with publisher-grouped cross-validation; no rule here is
keyed to a site):

- ``own``: from the page alone (body size and paragraph count, the share of the page's
  paragraph text the body holds, sentence endings, a marked container, agreement with the
  declared ``articleBody`` and description, how the body spreads in its container, the page's
  paragraph text zones included against the body's). Its probability is the page's confidence.
- ``lines``: used only when the own confidence is low and a second extractor was consulted
  (:mod:`newscrawl.extract.fallbacks`): whether a line only one of the two texts holds belongs
  to the article (:func:`newscrawl.extract.merge.line_features`, then the confidence).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from newscrawl.extract.body import Body
from newscrawl.extract.layout import Layout
from newscrawl.extract.structured import Structured, ld_text
from newscrawl.extract.text import ends_with

WEIGHTS = Path(__file__).with_name("confidence.json")
_SENTENCE_ENDS = frozenset(".!?…;\"'”’»)。！？」』")
_WORD = re.compile(r"\w+")
SHINGLE = 4  # words per shingle when two texts are compared
SHORT_LINE = 60  # characters under which a body line is short (a label, a teaser)
#: A declared text of at most this many distinct words is looked up in the body word by word.
_LOOKUP_WORDS = 64


@dataclass(frozen=True)
class Model:
    """A logistic model: intercept, one weight per feature, the consultation threshold."""

    weights: tuple[float, ...]
    threshold: float = 0.5

    def probability(self, features: list[float]) -> float:
        """The model's probability for these features (0..1)."""
        z = self.weights[0] + sum(w * x for w, x in zip(self.weights[1:], features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def models() -> dict[str, Model]:
    """The stored models by name ('own', 'lines')."""
    data: dict[str, Any] = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return {
        name: Model(tuple(spec["weights"]), spec.get("threshold", 0.5))
        for name, spec in data["models"].items()
    }


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` matches in a str pattern


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole run of word characters."""
    start, size = text.find(word), len(text)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == size or not _is_word_char(text[end])
        ):
            return True
        start = text.find(word, start + 1)
    return False


class _BodyWords:
    """Which words of a declared text the body holds: a few are looked up in the body's
    text, many through the set of its words (splitting the body costs more than a few
    lookups; both are made only when a declared text asks)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> str:
        return self.text.casefold()

    @cached_property
    def words(self) -> set[str]:
        return set(_WORD.findall(self.folded))

    def held(self, words: set[str]) -> int:
        """How many of ``words`` the body holds."""
        if len(words) > _LOOKUP_WORDS:
            return len(words & self.words)
        return sum(1 for word in words if _has_word(self.folded, word))


def _agreement(declared: str, body: _BodyWords) -> tuple[float, float]:
    """(1 when declared, share of its words in the body) for a declared text."""
    words = _words(declared)
    if not words:
        return 0.0, 0.0
    return 1.0, body.held(words) / len(words)


def own_features(layout: Layout, body: Body, structured: Structured, headline: bool) -> list[float]:
    """What the page says about the body found, as the ``own`` model's features."""
    lines = body.text.split("\n\n") if body.text else []
    chars = sum(len(line) for line in lines)
    page_text = all_text = 0  # paragraph text of the page outside zones, and all of it
    for b in layout.blocks:
        if b.is_paragraph:
            all_text += len(b.text)
            page_text += 0 if b.zone else len(b.text)
    ends = sum(1 for line in lines if ends_with(line, _SENTENCE_ENDS))
    marked = body.container is not None and body.container in layout.content_markers
    body_words = _BodyWords(body.text)
    article = structured.article
    has_ld, ld_agree = _agreement(ld_text(article, "articleBody") if article else "", body_words)
    description = structured.first("og:description", "description")
    has_desc, desc_agree = _agreement(description, body_words)
    return [
        float(chars == 0),
        math.log1p(chars) / 10,
        math.log1p(len(lines)) / 5,
        min(1.0, chars / page_text) if page_text else 0.0,
        ends / len(lines) if lines else 0.0,
        math.log1p(chars / len(lines) if lines else 0.0) / 6,
        float(marked),
        has_ld,
        ld_agree,
        has_desc,
        desc_agree,
        float(headline),
        math.log1p(page_text) / 10,
        *_spread(layout, body),
        math.log1p(all_text / chars) if chars else 0.0,  # zoned text too: a teaser kept alone
    ]


def _spread(layout: Layout, body: Body) -> list[float]:
    """How the body sits in its container: link share and share of short lines of the
    container's blocks in the body's span, paragraph text left outside the container (all of
    it, and below the body) relative to the body's, and how many of the container's branches
    the body spans (teasers and boxes sit in branches of their own)."""
    container = body.container
    if body.first < 0 or container is None:
        return [0.0] * 5
    blocks = layout.blocks
    span = [b for b in blocks[body.first : body.last + 1] if not b.zone and container in b.path]
    chars = sum(len(b.text) for b in span) or 1
    branches = set()
    for b in span:
        k = b.path.index(container)
        branches.add(b.path[k + 1] if k + 1 < len(b.path) else container)
    outside = below = 0
    for i, b in enumerate(blocks):
        if b.is_paragraph and not b.zone and container not in b.path:
            outside += len(b.text)
            below += len(b.text) if i > body.last else 0
    return [
        sum(b.link_chars for b in span) / chars,
        sum(1 for b in span if len(b.text) < SHORT_LINE) / max(1, len(span)),
        math.log1p(outside / chars),
        math.log1p(below / chars),
        math.log1p(len(branches)) / 3,
    ]


def shingles(text: str) -> set[tuple[str, ...]]:
    """The text's overlapping runs of SHINGLE words (casefolded)."""
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def agreement(ours: str, other: str) -> float:
    """Shared shingles over those of the longer text (0..1): how far two extractions agree."""
    a, b = shingles(ours), shingles(other)
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0
