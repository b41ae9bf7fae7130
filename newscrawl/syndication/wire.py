"""Which wire agency an article comes from: byline, dateline, credit lines, CMS handles."""

from __future__ import annotations

import re

from newscrawl.extract.bylines import parse_byline

_DATELINE = re.compile(
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .,'’-]{1,60}\s*\((?P<agency>AP|Reuters|AFP|dpa|UPI|Bloomberg)\)\s*[—–-]",
)
_CREDIT = re.compile(
    r"(?:copyright|©)\s*(?:\d{4}\s+)?(?P<agency>the associated press|reuters|agence france-presse|afp)"
    r"|(?P<agency2>the associated press|reuters|afp|agence france-presse)\s+contributed to this report",
    re.I,
)
_HANDLE = re.compile(r"(?:^|[_\W])(?P<agency>ap|reuters|afp)(?:[_\W]|$)", re.I)
_NAMES = {
    "the associated press": "AP", "ap": "AP", "reuters": "Reuters", "afp": "AFP",
    "agence france-presse": "AFP", "dpa": "dpa", "upi": "UPI", "bloomberg": "Bloomberg",
}  # fmt: skip


def detect_wire(byline: str | None, body: str | None, handle: str | None = None) -> str | None:
    """The agency ('AP', 'Reuters', 'AFP', ...) an article was taken from, or None."""
    parsed = parse_byline(byline)
    if parsed.agencies:
        return parsed.agencies[0]
    text = (body or "").lstrip()
    m = _DATELINE.match(text[:200])
    if m:
        return _NAMES[m["agency"].lower()]
    m = _CREDIT.search(text[-600:])
    if m:
        return _NAMES[(m["agency"] or m["agency2"]).lower()]
    if handle and "_" in handle:
        m = _HANDLE.search(handle)
        if m:
            return _NAMES[m["agency"].lower()]
    return None
