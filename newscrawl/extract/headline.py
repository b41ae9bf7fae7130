"""Headline: the visible <h1> checked against <title>, og:title and JSON-LD, without site suffix."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.extract.text import clean_text, fold

_SEPARATORS = re.compile(r"\s+(?:[|–—·•»«:~/]|-{1,2}|::)\s+")


def _tokens(value: str) -> set[str]:
    return set(fold(value).split())


def similarity(a: str, b: str) -> float:
    """Token overlap of two strings relative to the shorter one (0..1)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _is_site_name(segment: str, site_names: Iterable[str]) -> bool:
    seg = fold(segment).replace(" ", "")
    if not seg:
        return True
    for name in site_names:
        name_f = fold(name).replace(" ", "")
        if name_f and (seg == name_f or (len(seg) > 3 and (seg in name_f or name_f in seg))):
            return True
    return False


def _looks_like_brand(segment: str) -> bool:
    words = segment.split()
    if not 1 <= len(words) <= 4:
        return False
    if re.search(r"\w\.(?:[a-z]{2,6})$", segment):
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "the", "and", "&"} for w in words)


def strip_site_name(title: str, site_names: Iterable[str] = ()) -> str:
    """Remove a leading or trailing site name ('Headline - Valley News' -> 'Headline')."""
    title = clean_text(title)
    names = [n for n in site_names if n]
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site_name(parts[-1], names):
        parts.pop()
    while len(parts) > 1 and _is_site_name(parts[0], names):
        parts.pop(0)
    if len(parts) == len(_SEPARATORS.split(title)) and len(parts) >= 2:
        # No known site name: drop a short last segment (typical brand) when the rest is long.
        last = parts[-1]
        if _looks_like_brand(last) and len(" ".join(parts[:-1]).split()) >= 3:
            parts.pop()
    kept = " - ".join(parts) if len(parts) > 1 else parts[0]
    # Keep the original separators of what remains.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else kept


def host_names(host: str) -> list[str]:
    """Site-name guesses from a host: 'www.metro-ledger.com' -> ['metro-ledger', 'metro ledger']."""
    labels = [x for x in host.lower().split(".") if x and x != "www" and not x.isdigit()]
    if len(labels) >= 2:
        labels = labels[:-1]
    names = []
    for label in labels:
        names += [label, label.replace("-", " ")]
    return names


def choose_headline(
    h1s: list[str], title: str, og_title: str, ld_headline: str, site_names: list[str]
) -> str:
    """The best headline among the page's candidates."""
    title_c = strip_site_name(title, site_names) if title else ""
    og_c = strip_site_name(og_title, site_names) if og_title else ""
    references = [x for x in (ld_headline, og_c, title_c) if x]
    best, best_score = "", 0.0
    for h1 in h1s:
        h1 = clean_text(h1)
        if not 2 <= len(h1) <= 400:
            continue
        score = max((similarity(h1, r) for r in references), default=0.0)
        if score > best_score:
            best, best_score = h1, score
    if best and (best_score >= 0.5 or not references):
        return best
    for candidate in (ld_headline, og_c, title_c):
        if candidate:
            return candidate
    return clean_text(h1s[0]) if h1s else ""
