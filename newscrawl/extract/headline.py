"""Headline: the visible <h1> checked against <title>, og:title and JSON-LD, without site name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawl.extract.layout import Block, Layout
from newscrawl.extract.structured import Structured, ld_text
from newscrawl.extract.text import clean_text, fold
from newscrawl.urls import host_of

# "»" and "«" are quotes too ("und «ganz normalem Deutsch»"): separators only between spaces.
_SEPARATORS = re.compile(r"\s+(?:[|–—·•»«:~/]|-{1,2}|::|\|\|)\s+|\s*(?:\||::)\s*")
_HEADLINE_ZONES = frozenset({"", "meta", "header", "byline", "caption", "aside"})
_MAX_LENGTH = 400
_DOMAIN = re.compile(r"\w\.[a-z]{2,12}$")  # "helge.at", "riverbend.example"
_SECONDARY_LIMIT = 6  # <h2>/<h3> looked at when no <h1> matches the declared titles well
_PART_PUNCTUATION = " :|-–—·•"
_AGREEING = 2  # declared titles that must agree on a heading's punctuation
_NOT_LETTERS = re.compile(r"[\W_]+")
_MAX_PARTS = 4  # text parts of a heading tried without their first or last ones
# where a kicker meets its title: "Kicker: Title", "Title - Kicker", "Kicker | Title"
_KICKER = re.compile(r"\s*[:|]\s+|\s+[-–—|]\s+")
_MIN_SHARED_WORDS = 3
_ENDS_DECLARED = 0.88  # above a partial match, below the <h2> floor
# a short CJK name glued to a CJK title by a dash or bar: "标题！-新华网", "제목-정치ㅣ한국일보"
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_CJK_TAIL = re.compile(rf"(?<=[^\s\w]|[{_CJK}])[-_|ㅣ｜]([{_CJK}]{{1,6}})$")
_MIN_HEADLINE_WORDS = 3  # fewer words in an <h1> matching no title: a section's name
_PARTIAL = 0.85  # an <h1> matching no better loses to an <h2>/<h3> equal to a declared title


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
        if name_f and (
            seg == name_f or (min(len(seg), len(name_f)) > 3 and (seg in name_f or name_f in seg))
        ):
            return True
    return False


def _only_site_name(text: str, site_names: Iterable[str]) -> bool:
    """True when the whole text is one of the site's names ('Harbor News', 'HARBOR NEWS')."""
    key = fold(text).replace(" ", "")
    return any(key == fold(n).replace(" ", "") for n in site_names if n)


def _looks_like_brand(segment: str) -> bool:
    words = segment.split()
    if not 1 <= len(words) <= 4:
        return False
    if _DOMAIN.search(segment):
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "the", "and", "&"} for w in words)


def strip_site_name(title: str, site_names: Iterable[str] = (), brands: bool = True) -> str:
    """Remove a leading or trailing site name ('Headline - Valley News' -> 'Headline').

    With ``brands``, a short capitalized last segment is taken for an unknown site's name
    ('Headline | Metro'): for a page's declared titles, not for a heading it prints.
    """
    title = clean_text(title)
    names = [n for n in site_names if n]
    spans = _part_spans(title)
    if len(spans) < 2:
        return _without_cjk_tail(title) if brands else title
    parts = [title[a:b] for a, b in spans]
    first, last = 0, len(parts) - 1
    while last > first and _is_site_name(parts[last], names):
        last -= 1
    while last > first and _is_site_name(parts[first], names):
        first += 1
    # No known site name: drop a short last segment (typical brand) when the rest is long.
    if (
        brands
        and (first, last) == (0, len(parts) - 1)
        and _looks_like_brand(parts[last])
        and len(" ".join(parts[:last]).split()) >= 3
    ):
        last -= 1
    # Keep the original separators of what remains.
    return title[spans[first][0] : spans[last][1]]


def _part_spans(title: str) -> list[tuple[int, int]]:
    """(start, end) of a title's non-empty parts between site-name separators."""
    spans, start = [], 0
    for m in _SEPARATORS.finditer(title):
        if m.start() > start:
            spans.append((start, m.start()))
        start = max(start, m.end())
    if start < len(title):
        spans.append((start, len(title)))
    return spans


def _without_cjk_tail(title: str) -> str:
    """A CJK title without short names glued to its end ("标题！-新华网" -> "标题！")."""
    while (m := _CJK_TAIL.search(title)) and m.start() >= 3 * len(m.group(1)):
        title = title[: m.start()]
    return title


def strip_all(title: str, names: Iterable[str], brands: bool = True) -> str:
    """``strip_site_name`` until nothing changes ("A | B | Site" loses both)."""
    title = clean_text(title)
    while (stripped := strip_site_name(title, names, brands)) != title:
        title = stripped
    return title


def host_names(host: str) -> list[str]:
    """Site-name guesses from a host: 'www.metro-ledger.com' -> ['metro-ledger', 'metro ledger']."""
    labels = [x for x in host.lower().split(".") if x and x != "www" and not x.isdigit()]
    if len(labels) >= 2:
        labels = labels[:-1]
    names = []
    for label in labels:
        names += [label, label.replace("-", " ")]
    return names


def _variants(block: Block) -> list[str]:
    """The heading's text, and without a leading or trailing part set in its own element.

    ``<h1><span>Klimaschutz</span>Bohren, bis es heiß wird</h1>`` renders glued as
    "KlimaschutzBohren, ..."; its parts let the kicker go when the declared title agrees.
    """
    parts = [
        p
        for p in (" ".join(t.split()).strip(_PART_PUNCTUATION) for t in block.element.itertext())
        if p
    ]
    if not 2 <= len(parts) <= _MAX_PARTS:
        return [block.text]
    variants = [" ".join(parts[k:]) for k in range(1, len(parts))]
    variants += [" ".join(parts[:k]) for k in range(1, len(parts))]
    return [block.text, *variants]


def _match(candidate: str, references: list[str]) -> tuple[float, str]:
    """How well a visible heading matches the page's declared titles, and the text to keep.

    An exact match keeps the heading; a heading that adds a kicker to a declared title
    ("Holocaust-Gedenktag Erinnerung an die Opfer") keeps the declared title.
    """
    best, text = 0.0, candidate
    cand = fold(candidate)
    for ref in references:
        ref_f = fold(ref)
        if not ref_f:
            continue
        if ref_f == cand:
            return 1.0, candidate
        if cand.endswith(ref_f) and len(ref_f) >= 0.4 * len(cand) and len(ref_f.split()) >= 2:
            best, text = 0.95, ref
        elif ref_f.startswith(cand) and len(cand) >= 0.4 * len(ref_f):
            if best < 0.9:
                best, text = 0.9, candidate
        elif ref_f.endswith(cand) and len(cand) >= 0.4 * len(ref_f):
            # "Section - Headline" declared, "Headline" printed: more than a partial match
            if best < _ENDS_DECLARED:
                best, text = _ENDS_DECLARED, candidate
        else:
            score = similarity(candidate, ref) * 0.85
            if score > best:
                best, text = score, candidate
    return best, text


def _letters(value: str) -> str:
    """The letters and digits of a string in their case, nothing else."""
    return _NOT_LETTERS.sub("", value)


def _declared_rendering(block: Block, variants: list[str], references: list[str]) -> str:
    """A declared title with the very words of a heading set in several elements, or ''.

    ``<h1><span>Kicker</span><span>Title</span></h1>`` renders "Kicker Title" (or glued,
    "KickerTitle"); the declared "Kicker: Title" says how the parts read together, when
    at least two of the page's declared titles say so (one alone may be an old title).
    """
    if len(variants) < 2:
        return ""
    key = _letters(block.text)
    same = [r for r in references if _letters(r) == key and r != block.text]
    return next((r for r in same if same.count(r) >= _AGREEING), "")


def _best_variant(block: Block, references: list[str]) -> tuple[float, str]:
    """How well a heading (or its text without a kicker) matches, and the text to keep.

    A declared title without the heading's kicker drops it; one with the heading's very
    words keeps the declared punctuation between its parts.
    """
    variants = _variants(block)
    for variant in variants[1:]:
        score, kept = _match(variant, references)
        if score == 1.0:
            return score, kept
    declared = _declared_rendering(block, variants, references)
    if declared:
        return 1.0, declared
    return _match(variants[0], references)


def _halves(title: str) -> list[tuple[str, str]]:
    """(kept, dropped): the title's two sides at each kicker separator, either kept."""
    halves = []
    for m in _KICKER.finditer(title):
        before, after = title[: m.start()], title[m.end() :]
        halves += [(before, after), (after, before)]
    return halves


def shared_title(references: list[str]) -> str:
    """The title two declared titles agree on when they differ by a kicker, or ''.

    "Kicker: Title" and "Title", or "Kicker: Title" and "Title - Other kicker", share
    "Title": the kicker is what the page's own declarations do not agree on. The shared
    part must be the longer side of one of the titles it is cut from (not a shared kicker).
    """
    forms: list[dict[str, tuple[str, bool]]] = []  # fold -> (text, the longer side)
    seen: set[str] = set()
    for ref in references:
        if not ref or fold(ref) in seen:
            continue
        seen.add(fold(ref))
        own = {fold(ref): (ref, True)}
        for kept, dropped in _halves(ref):
            key, longer = fold(kept), len(kept) > len(dropped)
            if longer or key not in own:
                own[key] = (kept, longer)
        forms.append(own)
    best = ""
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            for key in a.keys() & b.keys():
                text = a[key][0]
                if (
                    len(key.split()) >= _MIN_SHARED_WORDS
                    and (a[key][1] or b[key][1])
                    and len(text) > len(best)
                ):
                    best = text
    return best


def site_names(structured: Structured, url: str, site_name: str | None = None) -> list[str]:
    """Names the site goes by: the configured name, declared names, guesses from the host."""
    return [*(n for n in (site_name,) if n), *structured.site_names, *host_names(host_of(url))]


def _better(score: float, i: int, best: float, best_index: int, layout: Layout) -> bool:
    """A higher match, or as good a match in a heading that is not a link, or says more.

    A linked heading with the article's title is often its teaser in a list on the page;
    a one-word heading ("News") that matches a generic declared title says less than a
    longer one matching another.
    """
    if score != best or best_index < 0:
        return score > best
    old, new = layout.blocks[best_index], layout.blocks[i]
    if _is_linked(old) != _is_linked(new):
        return _is_linked(old)
    return score == 1.0 and len(_tokens(new.text)) > len(_tokens(old.text))


def _is_linked(block: Block) -> bool:
    """True for a heading that is mostly a link."""
    return block.link_chars > 0.5 * len(block.text)


def find_headline(layout: Layout, structured: Structured, names: list[str]) -> tuple[str, int]:
    """The headline as the page prints it, and the index of its block (-1 when not visible).

    Site names are removed only to compare the page's headings with its declared titles;
    the text handed over is the heading's own (or the declared title's), which the loader
    strips of the site name.
    """
    art = structured.article
    # (title, whether a brand may be guessed off it): the JSON-LD and microdata headline
    # carry none, only the site's known names.
    declared = [
        (ld_text(art, "headline") if art else "", False),
        (structured.first("og:title"), True),
        (structured.first("twitter:title"), True),
        (next(iter(structured.microdata.get("headline", ())), ""), False),
        (structured.title, True),
    ]
    title_only = not any(t for t, _ in declared[:-1])
    shown_names = _printed_site_names(layout, [t for t, brands in declared if brands and t], names)
    declared = [
        (_without_last_part(t, shown_names) if brands else t, brands)
        for t, brands in declared
        if t and not _only_site_name(t, names)
    ]
    references = [strip_all(t, names, brands) for t, brands in declared]
    # a heading may print what was guessed a brand ("Title | Step-by-Step Guide")
    unbranded = [strip_all(t, names, False) for t, brands in declared if brands]
    printable = [*references, *(t for t in dict.fromkeys(unbranded) if t not in references)]
    candidates = [
        i
        for i, b in enumerate(layout.blocks)
        if b.tag == "h1"
        and b.zone in _HEADLINE_ZONES
        and 2 <= len(b.text) <= _MAX_LENGTH
        and not _only_site_name(b.text, names)  # the site's logo set in <h1>
        and fold(b.text) not in shown_names
    ]
    best, best_text, best_index = _best_heading(layout, candidates, printable, 0.0)
    if best < _PARTIAL:
        secondary = [
            i
            for i, b in enumerate(layout.blocks)
            if b.tag in ("h2", "h3") and b.zone in _HEADLINE_ZONES and 2 <= len(b.text) <= 300
        ][:_SECONDARY_LIMIT]
        score, text, index = _best_heading(layout, secondary, printable, 0.9 if best < 0.5 else 1.0)
        if score > best:
            best, best_text, best_index = score, text, index
        if not (candidates or references or best_text) and secondary:
            candidates = secondary[:1]  # nothing declared, no <h1> but the site's name
    if best < 0.5 and title_only and not _title_printed(layout, references):
        best_index = _spoken_heading(layout, candidates, references)
        if best_index >= 0:
            return layout.blocks[best_index].text, best_index
    shared = shared_title(references)
    if best >= 0.5 or (candidates and not references):
        if not best_text:
            best_index = candidates[0]
            best_text = layout.blocks[best_index].text
        return _without_kicker(layout.blocks[best_index], best_text, shared), best_index
    # No heading matches: the declared title the page prints somewhere, else the one the
    # declared titles share, else the first one.
    printed = [(t, _printed_at(layout, t)) for t in references if t]
    if shared:
        printed.insert(0, (shared, _printed_at(layout, shared)))
    return next((p for p in printed if p[1] >= 0), printed[0] if printed else ("", -1))


def _title_printed(layout: Layout, references: list[str]) -> bool:
    """True when a block of the page holds a declared title (in a teaser, a kicker's line)."""
    keys = [fold(r) for r in references if r]
    return any(key in fold(b.text) for b in layout.blocks for key in keys)


def _spoken_heading(layout: Layout, candidates: list[int], references: list[str]) -> int:
    """The <h1> that says most of the title when the page declares no title but its <title>
    and no heading matches that: the story's <h1> beside a section's ("News", "detail"),
    under a <title> worded for search engines or naming only the site (-1: none says enough).
    """
    spoken = [
        i
        for i in candidates
        if len(layout.blocks[i].text.split()) >= _MIN_HEADLINE_WORDS
        and not _is_linked(layout.blocks[i])
    ]
    if not spoken:
        return -1
    return max(spoken, key=lambda i: (_match(layout.blocks[i].text, references)[0], -i))


def _without_kicker(block: Block, text: str, shared: str) -> str:
    """A heading's part the declared titles share when the rest is a kicker they disagree on.

    ``<h1><span>Kicker</span> Title</h1>`` with declared "Title - Kicker" and "Kicker: Title".
    """
    if not shared or fold(text) == fold(shared):
        return text
    key = fold(shared)
    return next((v for v in _variants(block)[1:] if fold(v) == key), text)


def _printed_site_names(layout: Layout, titles: list[str], names: list[str]) -> set[str]:
    """<h1> texts (folded) that print a declared title's last part: the site's name.

    "Beef stew with apples | Love goes through the stomach" and an <h1> "Love goes through
    the stomach": the title's shorter last part, printed alone in the header, names the site.
    """
    ends = set()
    for title in titles:
        title = clean_text(title)
        spans = _part_spans(title)
        if len(spans) < 2:
            continue
        first, last = title[slice(*spans[0])], title[spans[-1][0] :]
        if spans[-2][1] > len(title) - spans[-1][0] and not _is_site_name(first, names):
            ends.add(fold(last))
    return {fold(b.text) for b in layout.blocks if b.tag == "h1"} & ends


def _without_last_part(title: str, printed: set[str]) -> str:
    """The title without its last part when that part is a printed site name."""
    title = clean_text(title)
    spans = _part_spans(title)
    if len(spans) < 2 or fold(title[spans[-1][0] :]) not in printed:
        return title
    return title[: spans[-2][1]]


def _best_heading(
    layout: Layout, indexes: list[int], references: list[str], floor: float
) -> tuple[float, str, int]:
    """The heading among ``indexes`` that best matches the references (score >= floor)."""
    best, best_text, best_index = 0.0, "", -1
    for i in indexes:
        score, kept = _best_variant(layout.blocks[i], references)
        if score >= floor and _better(score, i, best, best_index, layout):
            best, best_text, best_index = score, kept, i
    return best, best_text, best_index


def _printed_at(layout: Layout, headline: str) -> int:
    """Index of the block printing the headline (old markup sets it in <font>, not <h1>)."""
    key = fold(headline)
    for i, block in enumerate(layout.blocks):
        if (
            block.zone in _HEADLINE_ZONES
            and len(block.text) <= _MAX_LENGTH
            and (fold(block.text) == key)
        ):
            return i
    return -1
