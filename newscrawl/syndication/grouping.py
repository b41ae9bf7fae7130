"""Are two articles copies of one story? A symmetric test on their signatures.

Copies keep the wire's lead: truncation cuts the end, local paragraphs and notes are added
around it, edits touch a few words. Different stories on the same event share names, a
quote or a background paragraph, but not the first two parts of the lead together. So two
articles are one story when either one's lead parts are each largely found, in order, near
the top of the other; or when a site rewrote the lead (or moved a paragraph up), a block or
a run of the upper part, more than quotes, sits near the top of both; or when two long
texts share most of their text (write-through versions); or, the text's evidence too weak
alone, when they carry one headline (a kicker allowed), came out within a day and a half of
each other, credit no two agencies and share two paragraphs near their tops. Where every rule
says no, a learned second look (``newscrawl.syndication.pairs``) weighs what they measure
together: a copy can share a little of several kinds of evidence. Stories are the
connected components of this symmetric relation over the pairs the index proposes; arrival order can only matter for a pair that shares nothing
but stock phrases whose posting lists were full (see MAX_POSTINGS).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from newscrawl.clock import parse_utc
from newscrawl.syndication.pairs import MIN_SHARED as MODEL_MIN_SHARED
from newscrawl.syndication.pairs import joins, pair_features
from newscrawl.syndication.signature import Signature

#: Share of a lead's shingles (all parts together) that the other text must contain.
LEAD_THRESHOLD = 0.7
#: Share of each single lead part that the other text must contain.
PART_THRESHOLD = 0.4
#: Fewer shared lead shingles than this is never a copy (very short leads).
MIN_SHARED = 8
#: The lead must start within this many shingles of the top of the other text (room for a
#: local paragraph or two before the wire copy).
EARLY = 10
#: Most shingles of inserted text allowed between two lead parts.
MAX_GAP = 90
#: Room for inserted words when counting a lead part's shingles in one stretch.
SLACK = 12


#: Units of the upper part shorter than MIN_UNIT shingles are ignored; a unit is found when
#: UNIT_FOUND of its shingles are in one unit of the other's upper part (blocks, top runs and
#: top pairs alike). Upper-part blocks: at least MIN_UNITS (quotes not counted) must be
#: found, holding BLOCK_THRESHOLD of the upper part's shingles.
MIN_UNIT = 5
UNIT_FOUND = 0.5
MIN_UNITS = 2
BLOCK_THRESHOLD = 0.6
#: Top runs (a rewritten lead, then the wire text): the run starts at one of the first
#: TOP_START + 1 units of both (not at both leads: the lead test covers those), with a
#: non-quote unit, each next unit at most RUN_GAP units further in both; it holds
#: RUN_MIN_UNITS units and RUN_MIN_TEXT shingles of non-quote text.
TOP_START = 1
RUN_GAP = 2
RUN_MIN_UNITS = 2
RUN_MIN_TEXT = 25
#: Write-through versions: both at least VERSION_MIN_SIZE shingles, the shorter's shingles
#: at least VERSION_THRESHOLD in the other.
VERSION_MIN_SIZE = 250
VERSION_THRESHOLD = 0.6
#: Headline copies: one headline (HEADLINE_MIN_WORDS words or more, after a kicker of at most
#: KICKER_WORDS words and a colon), published at most COPY_HOURS apart, no two agencies
#: credited, and a non-quote paragraph of HEADLINE_UNIT shingles or more of one text found
#: (UNIT_FOUND) in the other, both among the first HEADLINE_TOP + 1 units (not a reused lead),
#: the next found paragraph at most RUN_GAP units further in both.
HEADLINE_MIN_WORDS = 4
KICKER_WORDS = 3
COPY_HOURS = 36
HEADLINE_UNIT = 12
HEADLINE_TOP = 3

#: Postings kept per index key: a key found in more articles (a stock phrase) keeps only
#: its latest articles (copies come out close together), so lookups stay fast as the
#: archive grows.
MAX_POSTINGS = 32
#: Articles sharing fewer index keys than this (or than KEY_SHARE of the smaller key count
#: of the two) are not compared.
MIN_KEYS = 3
KEY_SHARE = 0.2
#: At most this many candidates (the ones sharing the most keys) are compared.
MAX_CANDIDATES = 16
#: The rules above, named: an archive grouped under other rules is regrouped when opened
#: (``newscrawl.store.stories``). Change it whenever a change above can change a grouping.
RULES = (
    "v4:lead-top10:run-quote-next:block0.6:version0.6:keys5th:headline36h-pair12-top3:"
    "learned-pairs1"
)


def rank_candidates(shared: Mapping[int, tuple[int, int]], own_keys: int) -> list[int]:
    """The stored articles to compare with a new one, most shared keys first.

    ``shared`` maps a stored article to (keys it shares with the new one, its own key count).
    It is compared when it shares at least MIN_KEYS keys and KEY_SHARE of the smaller key
    count of the two (stock phrases make a few keys common to unrelated articles; using
    both counts keeps the test symmetric, so arrival order does not matter).
    """
    ranked = sorted(
        (
            a
            for a, (n, theirs) in shared.items()
            if n >= max(MIN_KEYS, KEY_SHARE * min(own_keys, theirs))
        ),
        key=lambda a: (-shared[a][0], a),
    )
    return ranked[:MAX_CANDIDATES]


@dataclass(frozen=True)
class Header:
    """What an article says besides its text: headline, publication date (as stored, offsets
    honoured) and the agency it credits ('wire' for an unnamed one)."""

    headline: str | None = None
    published: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A stored article that may be a copy of a new one."""

    article_id: int
    story_id: int | None
    signature: Signature
    header: Header = Header()


def _densest(where: list[int], width: int) -> tuple[int, int]:
    """Most sorted positions inside one window of ``width``, and where that window starts."""
    best, start, lo = 0, 0, 0
    for hi, pos in enumerate(where):
        while pos - where[lo] >= width:
            lo += 1
        if hi - lo + 1 > best:
            best, start = hi - lo + 1, where[lo]
    return best, start


def lead_containment(a: Signature, b: Signature) -> float:
    """How much of ``a``'s lead ``b`` contains, 0 unless ``b`` holds it as a copy would.

    Each lead part counts only the shingles found together in one stretch of ``b`` (as long
    as the part, plus SLACK): scattered stock phrases and names do not add up. Every part
    must reach PART_THRESHOLD, in order, the first near the top of ``b`` (within EARLY
    shingles), each next one soon after the previous (its length plus MAX_GAP): a later
    paragraph that reuses an old lead is not a copy of it.
    """
    parts = a.lead_parts
    if not parts:
        return 0.0
    other, positions = b.shingles, None
    shared = total = 0
    previous: tuple[int, int] | None = None  # (start of the stretch in b, part length)
    for part in parts:
        found = [h for h in part if h in other]
        if len(found) < PART_THRESHOLD * len(part):
            return 0.0
        positions = positions or b.positions
        count, start = _densest(sorted(positions[h] for h in found), len(part) + SLACK)
        if count < PART_THRESHOLD * len(part):
            return 0.0
        if previous is None:
            if start > EARLY:
                return 0.0
        elif not 0 < start - previous[0] <= previous[1] + MAX_GAP:
            return 0.0
        previous = (start, len(part))
        shared += count
        total += len(part)
    if shared < MIN_SHARED:
        return 0.0
    return shared / total


def match_score(a: Signature, b: Signature) -> float:
    """The larger of the two lead containments (symmetric)."""
    return max(lead_containment(a, b), lead_containment(b, a))


def _best_unit(unit: frozenset[int], other: Mapping[int, int]) -> int | None:
    """The unit of the other upper part (``other``: shingle -> unit) holding at least
    UNIT_FOUND of ``unit``'s shingles, if any."""
    where = [other[h] for h in unit if h in other]
    if len(where) < UNIT_FOUND * len(unit):
        return None
    best = max(set(where), key=where.count)
    return best if where.count(best) >= UNIT_FOUND * len(unit) else None


def found_units(a: Signature, b: Signature) -> dict[int, int]:
    """Each unit of ``a``'s upper part (tiny units left out) found in a unit of ``b``'s
    upper part, and that unit (i -> j, in ``a``'s order). Blocks, top runs and top pairs
    all ask this; ``same_story`` finds it once per direction and hands it to each."""
    other = b.upper
    return {
        i: j
        for i, unit in enumerate(a.units)
        if len(unit) >= MIN_UNIT and (j := _best_unit(unit, other)) is not None
    }


def _found_offsets(a: Signature, found: Mapping[int, int]) -> tuple[dict[int, int], dict[int, int]]:
    """Units of ``a``'s upper part (quotes and tiny units left out): their sizes, and for
    those ``found`` in the other's upper part, the offset to that unit (a lead found two
    units down is left out: see ``_reused_lead``)."""
    sizes: dict[int, int] = {}
    offsets: dict[int, int] = {}
    for i, unit in enumerate(a.units):
        if len(unit) < MIN_UNIT or a.quotes >> i & 1:
            continue
        sizes[i] = len(unit)
        j = found.get(i)
        if j is not None and not _reused_lead(i, j):
            offsets[i] = j - i
    return sizes, offsets


def _reused_lead(i: int, j: int) -> bool:
    """Unit i of one text found as unit j of the other: one's lead two units or more down
    the other is a lead reused as background (copies keep it at the top, or after one local
    paragraph)."""
    return min(i, j) == 0 and max(i, j) >= 2


def block_share(a: Signature, b: Signature, found: Mapping[int, int] | None = None) -> float:
    """Share of ``a``'s upper part (quotes left out) found as one block in ``b``'s upper part.

    A unit is found when UNIT_FOUND of its shingles are in ``b``'s upper part; found units
    count when they sit at nearly the same place in both (their unit offsets differ by at
    most one: a moved paragraph costs only itself, a reused lead further down does not line
    up with reused background). An unfound first unit (a rewritten lead) is left out. 0
    unless at least MIN_UNITS units line up: a shared quote and background are not enough.
    ``found``: ``found_units(a, b)`` when already known.
    """
    if not b.upper:
        return 0.0
    sizes, offsets = _found_offsets(a, found_units(a, b) if found is None else found)
    if sizes and min(sizes) not in offsets:
        del sizes[min(sizes)]
    rank = {i: r for r, i in enumerate(sorted(sizes))}  # neighbours: next counted unit
    best = 0
    for low in set(offsets.values()):
        block = {rank[i] for i, o in offsets.items() if low <= o <= low + 1}
        if any(r + 1 in block for r in block):  # two neighbours found together at least
            best = max(best, sum(sizes[i] for i in sizes if rank[i] in block))
    total = sum(sizes.values())
    return best / total if total else 0.0


def top_run(a: Signature, b: Signature, found: Mapping[int, int] | None = None) -> bool:
    """Does a run of ``a``'s upper part (more than quotes) sit at the top of ``b``'s too?

    The copies the lead test misses: a site rewrote the lead (or put a paragraph of its own
    first) and ran the wire text after it. The run starts within the first units of both,
    not at both leads, with a non-quote unit; each next found unit comes at most RUN_GAP
    units later in both (an inserted or unmatched paragraph between). Another agency's
    story shares a quote and a background paragraph placed anywhere; a next-day story
    reuses old paragraphs further down: neither makes such a run at the top. ``found``:
    ``found_units(a, b)`` when already known.
    """
    found = found_units(a, b) if found is None else found
    for i0, j0 in found.items():
        if i0 > TOP_START or j0 > TOP_START or abs(i0 - j0) > 1 or i0 == j0 == 0:
            continue
        if a.quotes >> i0 & 1:
            continue
        run = [(i0, j0)]
        for i, j in found.items():
            if i <= run[-1][0]:
                continue
            if i - run[-1][0] > RUN_GAP:
                break
            if 1 <= j - run[-1][1] <= RUN_GAP and not _stray_quote(a, (i, j), run[-1]):
                run.append((i, j))
        text = sum(len(a.units[i]) for i, _ in run if not a.quotes >> i & 1)
        if len(run) >= RUN_MIN_UNITS and text >= RUN_MIN_TEXT:
            return True
    return False


def _stray_quote(a: Signature, unit: tuple[int, int], last: tuple[int, int]) -> bool:
    """Is ``unit`` (i in ``a``, j in the other) a quote away from the run's ``last`` unit
    in both texts? A quote joins a run only where it directly follows the run in one of
    them: another agency's story quotes the same sentence a paragraph or two off."""
    i, j = unit
    return bool(a.quotes >> i & 1) and i - last[0] > 1 and j - last[1] > 1


def version_share(a: Signature, b: Signature) -> float:
    """Share of the shorter text found in the other, 0 unless both are full stories (two
    versions of a write-through keep most of their text; copies and roundups are short)."""
    if min(a.size, b.size) < VERSION_MIN_SIZE:
        return 0.0
    return len(a.shingles & b.shingles) / min(len(a.shingles), len(b.shingles))


@lru_cache(maxsize=4096)
def headline_forms(headline: str | None) -> frozenset[str]:
    """A headline's words (lowercased), and without its kicker ("Fresno: ...") when it has
    one; empty when too short to tell stories apart ("News in brief")."""
    forms = set()
    kicker, colon, rest = (headline or "").partition(":")
    for text in (headline or "", rest if colon and len(kicker.split()) <= KICKER_WORDS else ""):
        words = re.findall(r"\w+", text.lower())
        if len(words) >= HEADLINE_MIN_WORDS:
            forms.add(" ".join(words))
    return frozenset(forms)


def hours_apart(a: str | None, b: str | None) -> float | None:
    """Hours between two publication dates, None when either is unknown."""
    x, y = parse_utc(a), parse_utc(b)
    return abs((x - y).total_seconds()) / 3600 if x and y else None


def two_agencies(a: Header, b: Header) -> bool:
    """Do the two credit two different agencies ('wire' credits nobody)?"""
    return bool(a.agency and b.agency and "wire" not in (a.agency, b.agency)) and (
        a.agency != b.agency
    )


def same_header(a: Header, b: Header) -> bool:
    """One headline (the wire's, or it under a kicker), published within COPY_HOURS of each
    other, crediting no two different agencies: what a copy under a rewritten lead keeps."""
    if not headline_forms(a.headline) & headline_forms(b.headline) or two_agencies(a, b):
        return False
    apart = hours_apart(a.published, b.published)
    return apart is not None and apart <= COPY_HOURS


def header_facts(
    headers: tuple[Header, Header] | None,
) -> tuple[tuple[str | None, str | None], bool, float | None, bool]:
    """What the learned look reads in two headers: the headlines, whether they are one
    (``headline_forms``), the hours apart and whether two agencies are credited."""
    a, b = headers or (Header(), Header())
    one = bool(headline_forms(a.headline) & headline_forms(b.headline))
    return (a.headline, b.headline), one, hours_apart(a.published, b.published), two_agencies(a, b)


def top_pair(a: Signature, b: Signature, found: Mapping[int, int] | None = None) -> bool:
    """Do two paragraphs of ``a``'s top sit at the top of ``b`` too, in order? The first not
    a quote (HEADLINE_UNIT shingles or more), among the first HEADLINE_TOP + 1 units of both
    (not a lead reused two units down), the next one (a quote allowed) at most RUN_GAP units
    further in both. One shared paragraph is not enough even under one headline: a next-day
    story keeps yesterday's lead as its third paragraph, a copy runs it under a local one.
    ``found``: ``found_units(a, b)`` when already known."""
    found = found_units(a, b) if found is None else found
    top = {i: j for i, j in found.items() if i < HEADLINE_TOP + 1 + RUN_GAP}
    for i, j in top.items():
        if i > HEADLINE_TOP or j > HEADLINE_TOP or _reused_lead(i, j):
            continue
        if len(a.units[i]) < HEADLINE_UNIT or a.quotes >> i & 1:
            continue
        if any(0 < i2 - i <= RUN_GAP and 0 < j2 - j <= RUN_GAP for i2, j2 in top.items()):
            return True
    return False


def same_story(
    a: Signature,
    b: Signature,
    threshold: float = LEAD_THRESHOLD,
    headers: tuple[Header, Header] | None = None,
) -> bool:
    """True when the two articles are copies of one story: by the rules (``by_rules``), or,
    where they all say no, by the learned second look (``learned``). The units each finds in
    the other are looked for once per direction."""
    if match_score(a, b) >= threshold:
        return True
    ab, ba = found_units(a, b), found_units(b, a)
    return _beyond_the_lead(a, b, ab, ba, headers) or learned(a, b, ab, ba, headers)


def by_rules(
    a: Signature,
    b: Signature,
    threshold: float = LEAD_THRESHOLD,
    headers: tuple[Header, Header] | None = None,
) -> bool:
    """Either one's lead is at the top of the other, or most of either one's upper part is
    in the other's upper part, or a run of either one's upper part is at the top of the
    other, or both are long and share most of their text; or, given their ``headers``, they
    carry one headline at nearly one time and share two paragraphs at the top
    (``same_header``, ``top_pair``)."""
    if match_score(a, b) >= threshold:
        return True
    return _beyond_the_lead(a, b, found_units(a, b), found_units(b, a), headers)


def _beyond_the_lead(
    a: Signature,
    b: Signature,
    ab: Mapping[int, int],
    ba: Mapping[int, int],
    headers: tuple[Header, Header] | None,
) -> bool:
    """The rules after the lead test, given the units each finds in the other."""
    if top_run(a, b, ab) or top_run(b, a, ba):
        return True
    if len(a.upper_shingles & b.upper_shingles) >= MIN_UNITS * MIN_UNIT and (
        block_share(a, b, ab) >= BLOCK_THRESHOLD or block_share(b, a, ba) >= BLOCK_THRESHOLD
    ):  # (a cheap bound first: a block needs that many shared shingles)
        return True
    if version_share(a, b) >= VERSION_THRESHOLD:
        return True
    return bool(headers and same_header(*headers) and (top_pair(a, b, ab) or top_pair(b, a, ba)))


def learned(
    a: Signature,
    b: Signature,
    ab: Mapping[int, int],
    ba: Mapping[int, int],
    headers: tuple[Header, Header] | None,
) -> bool:
    """The learned second look (``newscrawl.syndication.pairs``) at a pair the rules reject,
    given the units each finds in the other: the measures they take weighed together with
    the headers, for two articles published at most COPY_HOURS apart (both dates known)."""
    if max(len(ab), len(ba)) < 2:  # never admissible (``pairs.admissible``): most pairs
        return False
    facts = header_facts(headers)
    if facts[2] is None or facts[2] > COPY_HOURS:
        return False
    shared = len(a.shingles & b.shingles)
    return shared >= MODEL_MIN_SHARED and joins(pair_features(a, b, ab, ba, shared, *facts))


def matched_stories(
    new: Signature,
    candidates: Iterable[Candidate],
    threshold: float = LEAD_THRESHOLD,
    skip: int | None = None,
    header: Header | None = None,
) -> set[int]:
    """The stories (other than ``skip``) holding a candidate that is a copy of the same story
    as ``new`` (whose ``header`` is compared with the candidates' when given). A candidate
    whose story already matched is not compared (the answer is the same set; large stories
    offer many candidates)."""
    found: set[int] = set()
    for c in candidates:
        if c.story_id is None or c.story_id == skip or c.story_id in found:
            continue
        if same_story(new, c.signature, threshold, (header, c.header) if header else None):
            found.add(c.story_id)
    return found
