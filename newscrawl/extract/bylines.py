"""Bylines: split a printed byline into person names and a wire agency; reject junk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscrawl.extract.text import clean_text

# Agency display name -> patterns (matched on a whole byline part, case-insensitive).
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": (r"(?:the )?associated press", r"ap", r"a\.p\.", r"ap news"),
    "Reuters": (r"reuters", r"thomson reuters", r"reuters staff"),
    "AFP": (r"afp", r"agence france[- ]presse", r"a\.f\.p\."),
    "Bloomberg": (r"bloomberg(?: news)?",),
    "dpa": (r"dpa", r"deutsche presse-agentur"),
    "UPI": (r"upi", r"united press international"),
    "CNA": (r"cna",),
    "PA": (r"pa media", r"press association"),
    "CP": (r"the canadian press", r"canadian press"),
    "AAP": (r"aap", r"australian associated press"),
    "ANSA": (r"ansa",),
    "EFE": (r"efe", r"agencia efe"),
    "Xinhua": (r"xinhua(?: news agency)?",),
    "KNA": (r"kna",),
    "epd": (r"epd",),
}
_AGENCY_RX = [
    (name, re.compile(r"^(?:" + "|".join(pats) + r")$", re.I)) for name, pats in AGENCIES.items()
]
_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|story|words|text|photos?|published)\s+)?"
    r"(?:by|from|von|par|por|door|av|di|de|with)\s*:?\s+|^(?:author|autor(?:in)?|auteur|reporter|byline)s?\s*:\s*",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\bwith\b|\bog\b|\bi\b|·|•)\s*", re.I
)
_ROLE = re.compile(
    r"^(?:(?:senior|chief|staff|contributing|special|national|political|local|sports|business|"
    r"investigative|digital|managing|deputy|associate|executive)\s+)*"
    r"(?:writers?|reporters?|editors?|correspondents?|columnists?|contributors?|photographers?|"
    r"producers?|journalists?|analysts?|intern|redakteur(?:in)?|redaktion|korrespondent(?:in)?)$|"
    r"^(?:staff|staff reports?|wire reports?|news services?|wire services?|editorial(?: board| staff)?|"
    r"the editors|newsroom|redaktion|agencies|agency|admin|administrator|webmaster|guest|anonymous|"
    r"unknown|team|desk|news desk|sponsored|partner content)$|"
    r"\b(?:bureau chief|correspondent|writer|reporter|editor|columnist)\b.*\b(?:for|at|of)\b",
    re.I,
)
_JUNK = re.compile(
    r"https?://|www\.|\.com\b|\.org\b|@|\bfacebook\b|\btwitter\b|\binstagram\b|\blinkedin\b|"
    r"\bemail\b|\bfollow\b|\bupdated\b|\bpublished\b|\bposted\b|\bminutes?\b|\bhours?\b|\bago\b|"
    r"\bread more\b|\bclick\b|\bsubscribe\b|\d",
    re.I,
)
_HANDLE = re.compile(r"^[\w.-]*_[\w.-]*$|^[a-z0-9]+$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_ROLE_TAIL = re.compile(
    r"(?:\s+|\s*,\s*)(?P<agency>ap|associated press|reuters|afp|bloomberg|dpa)?\s*"
    r"(?:[a-z]+\s+){0,2}(?:writer|correspondent|reporter|editor|columnist|photographer)s?$",
    re.I,
)
_NOT_NAME_WORDS = frozenset(
    [
        "on",
        "at",
        "the",
        "in",
        "of",
        "for",
        "to",
        "from",
        "a",
        "an",
        "this",
        "that",
        "with",
        "about",
        "photo",
        "photos",
        "video",
        "image",
        "updated",
        "posted",
        "published",
        "share",
        "comments",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_LOWER_PARTICLES = {
    "de",
    "da",
    "del",
    "der",
    "den",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "y",
    "bin",
    "al",
}


@dataclass
class Byline:
    """A parsed byline: person names, wire agencies, and the text as displayed."""

    text: str = ""
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


def agency_of(part: str) -> str | None:
    """The wire agency a byline part names ('The Associated Press' -> 'AP'), else None."""
    part = part.strip(" .,;:-–—()").strip()
    for name, rx in _AGENCY_RX:
        if rx.match(part):
            return name
    return None


def is_cms_handle(value: str) -> bool:
    """True for CMS user names such as 'gvw_ap_news' or 'admin2' that are not bylines."""
    value = value.strip()
    return " " not in value and bool(_HANDLE.match(value)) and not value[:1].isupper()


def _title_case_word(word: str) -> str:
    if word.lower() in _LOWER_PARTICLES:
        return word.lower()
    pieces = re.split(r"([-'’])", word)
    return "".join(p[:1].upper() + p[1:].lower() if p not in "-'’" else p for p in pieces)


def normalize_name(value: str) -> str | None:
    """A person's name in display case, or None when the text is not a plausible name."""
    value = clean_text(value).strip(" .,;:-–—|()[]\"'“”")
    value = _PREFIX.sub("", value).strip(" .,;:-–—|")
    if not value or len(value) > 60 or _JUNK.search(value) or _ROLE.search(value):
        return None
    if is_cms_handle(value):
        return None
    words = value.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not words[0][:1].isupper() and not value.islower():
        return None
    if words[0].lower() in _NOT_NAME_WORDS or words[-1].lower() in _NOT_NAME_WORDS:
        return None
    if len(words) == 1 and not words[0][:1].isupper():
        return None
    if value.isupper() or value.islower():
        return " ".join(_title_case_word(w) for w in words)
    return " ".join(_title_case_word(w) if w.isupper() and len(w) > 2 else w for w in words)


def parse_byline(value: str | None) -> Byline:
    """Split 'By JANE DOE and JOHN ROE, Associated Press' into names and agencies."""
    text = clean_text(value)
    if not text or len(text) > 300 or is_cms_handle(text):
        return Byline()
    body = _PREFIX.sub("", text)
    # "Jane Doe | Reporter" / "Jane Doe, Staff Writer" -> roles are dropped by normalize_name.
    result = Byline(text=text)
    for part in _SPLIT.split(body):
        part = part.strip()
        if not part:
            continue
        agency = agency_of(part)
        if agency:
            if agency not in result.agencies:
                result.agencies.append(agency)
            continue
        role = _ROLE_TAIL.search(part)
        if role and len(part[: role.start()].split()) >= 2:
            agency = agency_of(role["agency"] or "")
            if agency and agency not in result.agencies:
                result.agencies.append(agency)
            part = part[: role.start()]
        # "Jane Doe Associated Press" (no comma): peel a trailing agency name.
        for name, rx in _AGENCY_RX:
            tail = re.search(r"\s+(" + rx.pattern[4:-2] + r")$", part, re.I)
            if tail and len(part[: tail.start()].split()) >= 2:
                if name not in result.agencies:
                    result.agencies.append(name)
                part = part[: tail.start()]
                break
        name_value = normalize_name(part)
        if name_value and name_value not in result.authors:
            result.authors.append(name_value)
    if not result.authors and not result.agencies:
        return Byline()
    return result


def byline_text(authors: list[str], agencies: list[str]) -> str:
    """A display byline built from names and agencies ('By Jane Doe, AP')."""
    parts = [", ".join(authors)] if authors else []
    parts += agencies
    return "By " + ", ".join(p for p in parts if p) if parts else ""
