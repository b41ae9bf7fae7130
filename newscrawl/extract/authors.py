"""Byline and authors: the byline printed near the headline, checked against declared authors.

Order of trust: a "By ..." line between the headline and the body; the authors the page
declares (JSON-LD, meta tags, microdata); a line marked as byline/author without "By"; a
wire agency alone ("By The Associated Press" gives no person). A bare user name such as
``karstenruppert`` is kept only when nothing else names the author, and never one with
underscores (``gvw_ap_news``).
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from newscrawl.extract.body import Body
from newscrawl.extract.bylines import (
    Byline,
    agency_of,
    byline_text,
    has_prefix,
    normalize_name,
    parse_byline,
)
from newscrawl.extract.layout import Block, Layout
from newscrawl.extract.structured import Structured, ld_people
from newscrawl.extract.text import element_text

AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "cxenseparse:author", "twitter:creator:name",
    "og:article:author", "article:author_name", "author_name",
)  # fmt: skip
_BYLINE_ZONES = frozenset({"", "meta", "byline", "header"})
_MAX_BYLINE = 200
_BEFORE_HEADLINE = 4
_AFTER_BODY = 8
_NO_BODY_WINDOW = 15
_USER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.-]{2,30}$")


def _spaced(block: Block) -> str:
    """The block's text with a space between inline elements ('Von' + 'Jane Doe')."""
    spaced = element_text(block.element, " ")
    return spaced if len(spaced) <= len(block.text) * 1.5 + 10 else block.text


class _Visible:
    """Bylines printed around the headline: 'By ...' lines (strong) and author-marked lines."""

    def __init__(self, layout: Layout, head: int, body: Body) -> None:
        self.strong: Byline | None = None
        self.weak: Byline | None = None
        blocks = layout.blocks
        if body.first >= 0:
            start = min(body.first, head if head >= 0 else body.first)
            lo, hi = max(0, start - _BEFORE_HEADLINE), body.first + 1
        elif head >= 0:
            lo, hi = max(0, head - _BEFORE_HEADLINE), head + _NO_BODY_WINDOW
        else:
            lo = hi = 0
        self._scan(blocks[lo:hi])
        if body.last >= 0 and self.strong is None:
            self._scan(blocks[body.last + 1 : body.last + 1 + _AFTER_BODY])

    def _scan(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.zone not in _BYLINE_ZONES or len(block.text) > _MAX_BYLINE:
                continue
            strong = has_prefix(block.text)
            if not strong and block.zone != "byline":
                continue
            parsed = parse_byline(_spaced(block))
            if not (parsed.authors or parsed.agencies):
                continue
            if strong and self.strong is None:
                self.strong = parsed
                return
            if not strong and self.weak is None and parsed.authors:
                self.weak = parsed


def _declared(structured: Structured) -> tuple[list[str], list[str], list[str]]:
    """(person names, agencies, user names) the page declares as its authors."""
    values: list[str] = []
    agencies: list[str] = []
    if structured.article:
        people, orgs = ld_people(structured.article)
        values += people
        agencies += [a for a in map(agency_of, orgs) if a]
    if not values:
        for name in AUTHOR_META:
            values += structured.all(name)
            if values:
                break
    if not values:
        values += structured.microdata.get("author", [])
    people_out: list[str] = []
    users: list[str] = []
    for value in values:
        parsed = parse_byline(value)
        people_out += [a for a in parsed.authors if a not in people_out]
        agencies += [a for a in parsed.agencies if a not in agencies]
        if not parsed.authors and not parsed.agencies and _USER_NAME.match(value.strip()):
            users.append(value.strip())
    return people_out, agencies, users


def _rel_author(root: _Element) -> list[str]:
    names = []
    for a in root.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"):
        name = normalize_name(element_text(a, " "))
        if name and name not in names:
            names.append(name)
    return names


def find_byline(
    layout: Layout, structured: Structured, root: _Element, head: int, body: Body
) -> Byline:
    """The article's byline and author names."""
    visible = _Visible(layout, head, body)
    if visible.strong and visible.strong.authors:
        return visible.strong
    people, agencies, users = _declared(structured)
    if people:
        shown = visible.strong or visible.weak
        text = shown.text if shown and set(shown.authors) & set(people) else ""
        return Byline(text or byline_text(people, agencies), people, agencies)
    if visible.strong:
        return visible.strong
    if visible.weak:
        return visible.weak
    rel = _rel_author(root)
    if rel:
        return Byline(byline_text(rel, agencies), rel, agencies)
    if agencies:
        return Byline(byline_text([], agencies), [], agencies)
    if users and "_" not in users[0]:
        return Byline(users[0], [users[0]], [])
    return Byline()
