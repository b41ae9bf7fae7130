"""Signatures of article bodies: hashed word shingles in text order, the lead, index keys.

Shingles never cross a paragraph break, so inserted paragraphs cost nothing but their own
text. The dateline, editor's notes and credit lines are left out: copies change them freely.
"""

from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

#: Stored next to every signature; a different value means the index must be rebuilt.
SCHEME = "v3:crc32-3gram-para:lead2x12-60:upper250q:keys250/4:notes"
SHINGLE_WORDS = 3
#: The lead is the first two parts of at least LEAD_PART_MIN_WORDS words (short paragraphs
#: merge), a paragraph longer than LEAD_PART_MAX_WORDS is cut (bodies without breaks).
LEAD_PARTS = 2
LEAD_PART_MIN_WORDS = 12
LEAD_PART_MAX_WORDS = 60
#: Index keys: the shingles of the first words (the upper part: the wire's text survives
#: truncation and a rewritten lead) whose hash is divisible by KEY_MODULUS, so every text
#: samples the same shingles. Two articles are compared when they share a key.
KEY_WINDOW_WORDS = 250
KEY_MODULUS = 4
#: The upper part: whole paragraphs (its units) until it holds at least UPPER_WORDS words.
#: Copies share a block of it with their story.
UPPER_WORDS = 250
#: At most this many units are kept (a bit per unit marks quotes).
MAX_UNITS = 32

_WORD = re.compile(r"\w+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?:[ ,]+[A-ZÀ-Þ][\wÀ-ÿ'’.-]*){0,5}\s*)?"
    r"(?:,\s*\w+\.? \d{1,2}\s*)?(?:\([^()\n]{1,40}\)\s*)?[—–-]{1,2}\s+"
)
_NOTE = re.compile(
    r"^\W*(?:editor[’']?s[’']? note|ed\. note|note to (?:readers|editors)|correction)\b", re.I
)
_CREDIT = re.compile(
    r"copyright|all rights reserved|©|contributed (?:to )?this (?:report|story)|"
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|originally (?:published|appeared)",
    re.I,
)
_QUOTE_MARKS = "\"“”„«»‘’'"
_QUOTED = re.compile(r"[\"“”„«»][^\"“”„«»]{8,}[\"“”„«»]")
_CREDIT_MAX_WORDS = 40
_CREDIT_LAST_PARAGRAPHS = 3  # credit lines close the article
_STOPWORD_TEXT = (
    "a an and are as at be been but by for from had has have he her his i in is it its of on "
    "or our said says she that the their them they this to was we were which who will with "
    "would you after also about over than there into more its not"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0x27D4EB2F165667C5,
    ],
    dtype=np.uint64,
)[:SHINGLE_WORDS]
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_WINDOW = np.ones(SHINGLE_WORDS, dtype=np.int8)  # a shingle's words, for their content flags


def story_paragraphs(body: str | None) -> tuple[list[str], int]:
    """The body's paragraphs without dateline, editor's notes and credit lines, and the
    number of words in editor's notes."""
    paras = [p.strip() for p in _PARAGRAPHS.split((body or "").strip())]
    last = len(paras) - _CREDIT_LAST_PARAGRAPHS
    kept: list[str] = []
    note_words = 0
    for i, p in enumerate(paras):
        if not p:
            continue
        if _NOTE.match(p):
            note_words += len(p.split())
            continue
        if not kept:
            p = _DATELINE.sub("", p, count=1)
        if p and not (i >= last and p.count(" ") < _CREDIT_MAX_WORDS and _CREDIT.search(p)):
            kept.append(p)
    return kept, note_words


def _token_values(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per token: crc32 of the word (uint64), and 1 when it is a content word (not a
    stopword, not a number; int8).

    Computed afresh for every body: a cache of the words' values (some 100,000 words) took
    fewer instructions but more CPU time in an import, its lookups missing the processor's
    caches after each page's analysis. Built-in functions mapped over the tokens, no
    Python-level loop.
    """
    n = len(tokens)
    crcs = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint64, count=n)
    stop = np.fromiter(map(_STOPWORDS.__contains__, tokens), dtype=bool, count=n)
    digits = np.fromiter(map(str.isdigit, tokens), dtype=bool, count=n)
    return crcs, (~(stop | digits)).astype(np.int8)


def _shingle(tokens: np.ndarray) -> np.ndarray:
    """32-bit hashes of every run of SHINGLE_WORDS token hashes (uint64 arithmetic wraps)."""
    n = len(tokens) - SHINGLE_WORDS + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    acc = tokens[:n] * _MULTIPLIERS[0]
    for i in range(1, SHINGLE_WORDS):
        acc += tokens[i : i + n] * _MULTIPLIERS[i]
    acc ^= acc >> np.uint64(31)
    acc *= _MIX
    return (acc >> np.uint64(32)).astype(np.uint32)


def is_quote(paragraph: str) -> bool:
    """A paragraph that opens with a quotation mark or is mostly quoted speech."""
    if paragraph[:1] in _QUOTE_MARKS:
        return True
    quoted = sum(len(m) for m in _QUOTED.findall(paragraph))
    return quoted * 2 > len(paragraph)


@dataclass(frozen=True)
class Signature:
    """An article body's shingle hashes in text order; the first ``lead_ends[-1]`` are the lead.

    ``lead_ends`` holds the end offset (into ``hashes``) of each lead part and ``unit_ends``
    the end offset of each unit of the upper part (its paragraphs); bit i of
    ``quotes`` is set when unit i is a quote. ``keys`` are the sampled hashes of the first
    words, stored in the index; ``note_words`` counts the words of editor's notes (left out
    of the hashes).
    """

    hashes: np.ndarray
    lead_ends: tuple[int, ...]
    keys: tuple[int, ...] = ()
    note_words: int = 0
    unit_ends: tuple[int, ...] = ()
    quotes: int = 0

    @cached_property
    def shingles(self) -> frozenset[int]:
        """Distinct shingle hashes of the whole text."""
        return frozenset(self.hashes.tolist())

    @cached_property
    def lead_parts(self) -> tuple[frozenset[int], ...]:
        """Distinct shingle hashes of each lead part."""
        return self._slices(self.lead_ends)

    @cached_property
    def units(self) -> tuple[frozenset[int], ...]:
        """Distinct shingle hashes of each unit of the upper part."""
        return self._slices(self.unit_ends)

    @cached_property
    def upper_shingles(self) -> frozenset[int]:
        """Distinct shingle hashes of the upper part."""
        return frozenset(self.upper)

    @cached_property
    def upper(self) -> dict[int, int]:
        """Each distinct shingle hash of the upper part and the unit it first occurs in."""
        first: dict[int, int] = {}
        for i in range(len(self.units) - 1, -1, -1):  # from the last: earlier units win
            first.update(dict.fromkeys(self.units[i], i))
        return first

    def _slices(self, ends: tuple[int, ...]) -> tuple[frozenset[int], ...]:
        values = self.hashes[: ends[-1] if ends else 0].tolist()
        return tuple(frozenset(values[start:end]) for start, end in pairwise((0, *ends)))

    @cached_property
    def positions(self) -> dict[int, int]:
        """Where each distinct shingle hash first occurs (an index into ``hashes``)."""
        values = self.hashes.tolist()
        return dict(zip(reversed(values), range(len(values) - 1, -1, -1), strict=True))

    @property
    def size(self) -> int:
        """Number of shingles (about the number of words)."""
        return len(self.hashes)

    def to_blob(self) -> bytes:
        """Stored form: part and unit counts, note words, quote bits, part and unit ends,
        then the hashes (uint32 LE)."""
        head = array(
            "I",
            [len(self.lead_ends), len(self.unit_ends), self.note_words, self.quotes,
             *self.lead_ends, *self.unit_ends],
        )  # fmt: skip
        return head.tobytes() + self.hashes.astype("<u4").tobytes()

    @classmethod
    def from_blob(cls, blob: bytes) -> Signature:
        """Rebuild a stored signature (keys are not stored in the blob)."""
        parts, units, notes, quotes = np.frombuffer(blob[:16], dtype="<u4").tolist()
        head = 4 * (parts + units + 4)
        ends = np.frombuffer(blob[16:head], dtype="<u4").tolist()
        hashes = np.frombuffer(blob[head:], dtype="<u4").astype(np.uint32)
        return cls(hashes, tuple(ends[:parts]), (), notes, tuple(ends[parts:]), quotes)


def _lead_bounds(paragraph_ends: list[int]) -> list[int]:
    """Token offsets where the lead parts end, from the offsets where paragraphs end."""
    bounds: list[int] = []
    start = 0
    for end in paragraph_ends:
        while end - start > LEAD_PART_MAX_WORDS and len(bounds) < LEAD_PARTS:
            start += LEAD_PART_MAX_WORDS
            bounds.append(start)
        if len(bounds) >= LEAD_PARTS:
            break
        if end - start >= LEAD_PART_MIN_WORDS:
            bounds.append(end)
            start = end
    if len(bounds) < LEAD_PARTS and paragraph_ends and paragraph_ends[-1] > start:
        bounds.append(paragraph_ends[-1])
    return bounds[:LEAD_PARTS]


def _upper_units(paragraphs: list[str], ends: list[int]) -> tuple[list[int], int]:
    """Token offsets where the upper part's paragraphs end, and their quote bits."""
    bounds: list[int] = []
    quotes = 0
    for para, end in zip(paragraphs, ends, strict=True):
        if (bounds and bounds[-1] >= UPPER_WORDS) or len(bounds) == MAX_UNITS:
            break
        quotes |= is_quote(para) << len(bounds)
        bounds.append(end)
    return bounds, quotes


def signature(body: str | None) -> Signature:
    """The signature of an article body."""
    tokens: list[str] = []
    ends: list[int] = []
    key_words = 0
    paragraphs, note_words = story_paragraphs(body)
    for para in paragraphs:
        words = _WORD.findall(para.lower())
        if len(tokens) < KEY_WINDOW_WORDS:  # the window ends with a paragraph, or soon after
            key_words = min(len(tokens) + len(words), KEY_WINDOW_WORDS + LEAD_PART_MAX_WORDS)
        tokens += words
        ends.append(len(tokens))
    lead_words = _lead_bounds(ends)
    unit_words, quotes = _upper_units(paragraphs, ends)
    crcs, flags = _token_values(tokens)
    hashes = _shingle(crcs)
    if not len(hashes):
        return Signature(np.empty(0, dtype=np.uint32), (), note_words=note_words)
    k = SHINGLE_WORDS - 1
    n = len(hashes)
    inside = np.ones(n, dtype=bool)  # the shingle does not cross a paragraph break
    inside[[s for end in ends for s in range(max(0, end - k), min(end, n))]] = False
    content = np.convolve(flags, _WINDOW, "valid") >= 2
    kept = np.cumsum(inside)  # shingles kept up to and including each start
    lead_ends = tuple(int(kept[w - k - 1]) if w > k else 0 for w in lead_words)
    unit_ends = tuple(int(kept[w - k - 1]) if w > k else 0 for w in unit_words)
    m = max(0, key_words - k)  # shingles starting in the key window
    window = hashes[:m]
    keys = np.unique(window[inside[:m] & content[:m] & (window % KEY_MODULUS == 0)])
    return Signature(hashes[inside], lead_ends, tuple(keys.tolist()), note_words, unit_ends, quotes)
