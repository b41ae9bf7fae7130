"""Body signatures: the hashes stay those of the stored scheme."""

from __future__ import annotations

import zlib

import numpy as np

from newscrawl.syndication.signature import _token_values, signature

STORY = (
    "WASHINGTON (AP) — The storm reached the coast on Monday, and 2,400 homes lost power "
    "in the first hours.\n\nOfficials said the water would keep rising until Wednesday.\n\n"
    "\u201cWe have never seen anything like it,\u201d said the mayor of the town."
)


def test_a_token_is_its_crc32_and_a_flag_for_content_words() -> None:
    crcs, flags = _token_values(["the", "storm", "2024", "storm", "ünï"])
    assert crcs.tolist() == [
        zlib.crc32(b"the"),
        zlib.crc32(b"storm"),
        zlib.crc32(b"2024"),
        zlib.crc32(b"storm"),
        zlib.crc32("ünï".encode()),
    ]
    assert flags.tolist() == [0, 1, 0, 1, 1]
    assert (crcs.dtype, flags.dtype) == (np.uint64, np.int8)
    assert [a.tolist() for a in _token_values([])] == [[], []]


def test_the_signature_of_a_story_is_the_stored_schemes() -> None:
    sig = signature(STORY)
    assert sig.hashes.tolist()[:4] == [2192578805, 1022941834, 1582448659, 3344322120]
    assert sig.hashes.tolist()[-2:] == [4105109560, 2480982244]
    assert (sig.size, sig.lead_ends, sig.unit_ends, sig.quotes) == (33, (15, 33), (15, 22, 33), 4)
    assert sig.keys == (155691748, 203533120, 245594712, 2508147988, 2991615020, 3603856596)


def test_the_upper_part_maps_each_shingle_to_the_first_unit_holding_it() -> None:
    repeated = "The levee held through the night, engineers said."
    sig = signature(f"{repeated}\n\nResidents waited on the hill.\n\n{repeated}")
    values = sig.hashes.tolist()
    ends = sig.unit_ends
    assert sig.units == tuple(
        frozenset(values[start:end]) for start, end in zip((0, *ends), ends, strict=False)
    )
    assert set(sig.upper) == set(values[: ends[-1]]) == sig.upper_shingles
    assert all(sig.upper[h] == 0 for h in sig.units[2])  # found first in the first unit
    assert sig.upper[values[ends[0]]] == 1
