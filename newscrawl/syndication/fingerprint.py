"""Text fingerprints for containment: sampled hashes of word 5-grams."""

from __future__ import annotations

import re
import zlib

SHINGLE_WORDS = 5
SAMPLE_MODULUS = 4  # keep hashes divisible by this: every text samples the same shingles
_WORD = re.compile(r"\w+")
_DATELINE = re.compile(r"^[^\n]{0,80}?(?:\((?:AP|Reuters|AFP|dpa|UPI)\)\s*)?[—–-]{1,2}\s")


def words(text: str) -> list[str]:
    """Lowercase word tokens, without a leading dateline ('LONDON (AP) —')."""
    return _WORD.findall(_DATELINE.sub("", text.strip(), count=1).lower())


def fingerprint(text: str) -> list[int]:
    """Sorted distinct sampled shingle hashes of a text (the containment fingerprint)."""
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return []
    hashes = set()
    for i in range(len(tokens) - SHINGLE_WORDS + 1):
        h = zlib.crc32(" ".join(tokens[i : i + SHINGLE_WORDS]).encode())
        if h % SAMPLE_MODULUS == 0:
            hashes.add(h)
    return sorted(hashes)


def containment(shared: int, size_a: int, size_b: int) -> float:
    """Share of the smaller fingerprint found in the other one."""
    smaller = min(size_a, size_b)
    return shared / smaller if smaller else 0.0
