"""Which wire agency an article comes from: byline, CMS handle, dateline, credits, links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from newscrawl.extract.bylines import is_cms_handle, parse_byline

_AGENCY = (
    r"(?P<agency>the associated press|associated press|thomson reuters|reuters|"
    r"agence france-presse|afp|dpa|upi|bloomberg news)"
)
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\wÀ-ÿ .,'’-]{1,60}?\s*)?(?:,\s*\w+\.? \d{1,2}\s*)?"
    r"\((?P<agency>AP|Reuters|AFP|dpa|UPI|Bloomberg)\)\s*[—–-]"
)
_CREDIT = re.compile(
    rf"(?:copyright|©|\(c\))\s*(?:\d{{4}}\s+)?{_AGENCY}"
    rf"|{_AGENCY.replace('agency', 'agency2')}\s+(?:\w+\s+){{0,2}}contributed"
    rf"|{_AGENCY.replace('agency', 'agency3')}\s+(?:writers?|reporters?|correspondents?)\b"
    rf"|(?:originally (?:published|appeared) (?:by|in|on)|courtesy of)\s+{_AGENCY.replace('agency', 'agency4')}",
    re.I,
)
_REUTERS_SIGNOFF = re.compile(r"\b(?:reporting|writing) by\b[^\n]{0,120};\s*editing by\b", re.I)
_HANDLE = re.compile(r"(?:^|[_\W])(?P<agency>ap|reuters|afp|dpa|upi)(?:[_\W]|$)", re.I)
_CREDIT_HINTS = (
    "copyright",
    "©",
    "(c)",
    "contributed",
    "writer",
    "reporter",
    "correspondent",
    "originally",
    "courtesy",
)
_WIRE_WORDS = re.compile(r"\bwire (?:reports?|services?)\b|\bnews services\b", re.I)
_NAMES = {
    "the associated press": "AP", "associated press": "AP", "ap": "AP", "reuters": "Reuters",
    "thomson reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "dpa": "dpa",
    "upi": "UPI", "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
}  # fmt: skip
#: Hosts of the agencies' own sites: a canonical or source link there marks a copy.
WIRE_HOSTS = {
    "apnews.com": "AP", "ap.org": "AP", "reuters.com": "Reuters", "afp.com": "AFP",
    "dpa.com": "dpa", "upi.com": "UPI", "bloomberg.com": "Bloomberg",
}  # fmt: skip
#: Generic agency value when a byline says "wire reports" and nothing names the agency.
UNKNOWN_WIRE = "wire"


def _host_agency(url: str | None, site: str | None) -> str | None:
    host = urlsplit(url or "").hostname or ""
    host = host.removeprefix("www.")
    for wire_host, agency in WIRE_HOSTS.items():
        if (host == wire_host or host.endswith("." + wire_host)) and site != host:
            return agency
    return None


@lru_cache(maxsize=8192)
def byline_agencies(byline: str | None) -> tuple[str, ...]:
    """Agencies a byline names (cached: the same bylines come back all the time)."""
    return tuple(parse_byline(byline).agencies)


def detect_wire(
    byline: str | None,
    body: str | None,
    handle: str | None = None,
    links: Iterable[str | None] = (),
    site: str | None = None,
) -> str | None:
    """The agency ('AP', 'Reuters', 'AFP', ...) an article was taken from, or None.

    Looks at the byline (a CMS handle such as ``gvw_ap_news`` included), the dateline,
    credit and copyright lines, and canonical or source ``links`` to an agency's site
    (ignored on the agency's own ``site``). "Staff and wire reports" alone gives "wire".
    """
    agencies = byline_agencies(byline)
    if agencies:
        return agencies[0]
    for value in (handle, byline):
        if value and is_cms_handle(value):
            m = _HANDLE.search(value)
            if m:
                return _NAMES[m["agency"].lower()]
    text = (body or "").lstrip()
    m = _DATELINE.match(text[:200]) if "(" in text[:120] else None
    if m:
        return _NAMES[m["agency"].lower()]
    tail = text[-800:]
    lowered = tail.lower()
    m = _CREDIT.search(tail) if any(h in lowered for h in _CREDIT_HINTS) else None
    if m:
        name = next(v for v in m.groupdict().values() if v)
        return _NAMES[name.lower()]
    if "editing by" in lowered and _REUTERS_SIGNOFF.search(text[-400:]):
        return "Reuters"
    for link in links:
        agency = _host_agency(link, site)
        if agency:
            return agency
    if byline and _WIRE_WORDS.search(byline):
        return UNKNOWN_WIRE
    return None
