"""Byline and authors: the byline printed near the headline, checked against declared authors.

Order of trust: a "By ..."/"Von ..." line (or "Autor:" and a name) around the headline; the
authors the page declares (JSON-LD, meta tags, microdata), merged with a visible byline that
names them too; an element marked as byline/author, a "date | name" line or a bare name just
below the headline; the same at the end of the body and below it; ``rel=author`` links; a
wire agency alone ("By The Associated Press" names no person: authors stay empty), or
credited in the dateline of the first paragraph ("HAMBURG (dpa) – ..."); a declared
user name, or the site itself, when nothing else names the author; a desk ("Redaktion") as
byline text only; on personal sites, the copyright holder. User names count only in explicit
bylines ("von eseppelt"), never CMS accounts with underscores (``gvw_ap_news``).
"""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import _Element

from newscrawl.extract.body import Body, head_span, tail_span
from newscrawl.extract.bylines import (
    Byline,
    agency_of,
    byline_text,
    dated_byline,
    dateline_agency,
    has_prefix,
    inline_byline,
    is_job_title,
    is_role,
    name_key,
    one_case,
    parse_byline,
    person_name,
    strip_prefix,
)
from newscrawl.extract.dates import parse_date
from newscrawl.extract.fullnames import complete_names, reconciled, shares_person
from newscrawl.extract.layout import Block, Layout, visible_text
from newscrawl.extract.structured import (
    ORGANIZATION_TYPES,
    Structured,
    ld_people,
    node_types,
)
from newscrawl.extract.text import element_text, fold, words
from newscrawl.extract.zones import DROPPED_ZONES

AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "cxenseparse:author", "twitter:creator:name",
    "og:article:author", "article:author_name", "author_name",
)  # fmt: skip
_NOT_WORKS = ORGANIZATION_TYPES | {"person", "webpage", "website", "breadcrumblist", "imageobject"}
_BYLINE_ZONES = frozenset({"", "meta", "byline", "header"})
_TAIL_ZONES = _BYLINE_ZONES | {"footer"}  # blog post footers: "Eingestellt von ... um ..."
_SKIPPED_ZONES = frozenset({"comment", "related", "nav", "footer", "promo", "ad", "share"})
# Zones a byline printed between the headline and the lead may sit in (a toolbar, an
# author box beside the date): read there only when nothing outside them names an author.
_HEAD_ZONES = frozenset({"share", "promo", "aside", "caption", "related"})
_BARE_ZONES = _HEAD_ZONES - {"caption", "share"}  # photo credits, button labels
_DESK = re.compile(
    r"^(?:redacci[oó]n|reda[cç][aã]o|r[ée]daction|redazione|redactie|redaktion)\b", re.I
)
_PLAIN_BY = re.compile(r"^(?:by|von|par|por|door|av|af)\s+(?=[^\W\d_])", re.I)
_MAX_BYLINE = 200
_XML_SPACES = str.maketrans("\t\n\r", "   ")  # the whitespace of XPath's normalize-space
_ACCOUNT = re.compile(r"^\s*(?:gespeichert|submitted)\s+(?:von|by)\b", re.I)
_NAMES_SHARE = 0.5  # a byline whose names are less of its text may be prose
_MAX_BARE = 40
_MAX_DATED = 100  # longest dated line a bare name may sit beside
_MAX_BARE_LIST = 100  # a line listing only names ("Jane Doe, John Roe y Ann Poe")
_LIST_GLUE = re.compile(r"[\s,;&]+|\b(?:and|und|et|y|e|en|og|och|i)\b", re.I)
_HEADINGS_BEFORE_LEAD = 12  # blocks above the lead searched for its heading
_TEASER_MORE = 20  # characters a link holds beyond a line for the line to be in a teaser
_AUTHOR_PATH = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autori?|profile?s?|people|journalists?|"
    r"reporters?|staff|team|redaktion|byline)(?:/|$|[?#])",
    re.I,
)
_LONG_LIST = 3  # items of a list that is not a byline
_BARE_AFTER_HEADLINE = 4  # lines below the headline where a bare name is taken for the author
_NOT_NAME_END = frozenset('.!?:;"»”')
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\(c\)|copyright)?\s*(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?\s*)?(.+)",
    re.I,
)
_LEGAL_FORM = re.compile(  # a company's legal form ("GmbH", "m.b.H.", "S.A.", "Ltd")
    r"(?i:\b(?:gmbh|m\.\s?b\.\s?h|ltd|limited|inc|llc|plc|corp|corporation|sarl)\b)|"
    r"\b(?:AG|SE|KG|SAS|S\.\s?A|S\.\s?L|S\.\s?p\.\s?A|B\.\s?V|N\.\s?V|A/S|Oy|AB)(?:\.|\b|$)"
)
_COPYRIGHT_END = re.compile(r"[.,;|•·]|\s[-–]\s|\ball rights\b", re.I)
_INTO_BODY = 3  # body lines searched for a byline (some sit below the first paragraph)
_BY_LINE_INTO_BODY = 6  # ... for a line opening with "By"/"Von"
_USER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9.-]{2,30}$")
_AUTHOR_KEY = re.compile(r"(?:^|[.:_-])(?:author|creator)$")  # "dc:creator", "vr:author"
_DOTTED_NAME = re.compile(r"^[a-z]{2,}(?:\.[a-z]{2,}){1,3}$")
# Common top-level domains: "jungezeitung.de" is a site, not "Jungezeitung De".
_TLDS = words(
    "com net org info biz news online blog io co tv me eu de at ch uk fr es it nl be lu dk se no "
    "fi pl cz sk hu ro pt br mx ar cl us ca au nz in jp cn ru tr gr ie"
)
_DOMAIN = re.compile(r"\.[a-z]{2,6}$", re.I)
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.", re.I)
_LABEL = re.compile(
    r"^(?:by|von|par|por|door|author|autor(?:in)?|autoren|auteur|autore|verfasser(?:in)?|"
    r"text|written by|geschrieben von|reporter)(?:\(s\)|\(in\))?\s*:?$",
    re.I,
)


class _Visible:
    """Bylines printed around the article.

    ``strong``: a 'By ...' line (or 'Autor:' followed by a name) between headline and body;
    ``marked``: an element marked as byline/author there, or a 'date - name' line;
    ``after``: the same at the end of the body and below it; ``account``: a CMS line naming
    the account that saved the post ("Gespeichert von human", "Submitted by ..."), weaker;
    ``element``: whether ``marked`` came from an element marked as byline.
    """

    def __init__(self, layout: Layout, head: int, body: Body) -> None:
        self.strong: Byline | None = None
        self.marked: Byline | None = None
        self.after: Byline | None = None
        self.desk: Byline | None = None
        self.account: Byline | None = None
        self.layout = layout
        self.head_zone = layout.blocks[head].zone if head >= 0 else ""
        span = head_span(layout, head, body, _INTO_BODY)
        tail = tail_span(layout, body, _TAIL_ZONES)
        by_span = head_span(layout, head, body, _BY_LINE_INTO_BODY)
        self.strong = self._lines([i for i in by_span if i != head])  # not the headline's "by"
        self.marked = self._marked(span.start, span.stop)
        self.element = self.marked is not None  # the marked byline is a byline element
        self.marked = self.marked or self._dated(span, head)
        if self.marked is None and head >= 0:
            below = range(head + 1, min(head + _BARE_AFTER_HEADLINE, span.stop))
            self.marked = self._bare(below) or self._named_list(below)
        if self.marked is None:
            self.marked = self._beside_date(span)
        if self.strong is None and self.marked is None and 0 <= head < body.lead:
            self.marked = self._zoned_head(range(head + 1, body.lead))
        if self.strong is None and self.marked is None and head < 0 <= body.lead:
            near_lead = range(
                body.lead + 1, min(len(layout.blocks), body.lead + _BY_LINE_INTO_BODY)
            )
            self.marked = self._beside_date(near_lead, _BARE_ZONES, zoned=True)
        if self.strong and self.marked:
            self.strong = _with_coauthors(self.strong, self.marked)
        if tail:
            self.after = (
                self._lines(tail, _TAIL_ZONES)
                or self._marked(tail[0], tail[-1] + 1)
                or self._bare(range(max(0, body.last - 1), body.last + 1))
            )

    def _bare(
        self, indexes: range | list[int], zones: frozenset[str] = _BYLINE_ZONES
    ) -> Byline | None:
        """A line holding nothing but a person's name ('Jane Doe')."""
        blocks = self.layout.blocks
        for i in indexes:
            block = blocks[i]
            text = block.text
            if block.zone not in zones or len(text) > _MAX_BARE or block.tag == "h1":
                continue
            if _in_teaser(block):
                continue  # a linked teaser's author: another story's
            if not block.zone and _in_long_list(block.element):
                continue  # "Example Data" in a table of contents
            agency = agency_of(text)
            if agency:
                return Byline(text, [], [agency])  # "AP" on a line of its own
            words = text.split()
            if text[-1] in _NOT_NAME_END and len(words[-1]) > 2:
                continue  # "Aufs Baugerüst.": the end of a sentence
            if text[-1] == ",":
                continue  # "Dear Reader,": a letter's greeting
            if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
                name = person_name(text)
                if name and not is_role(text):
                    return Byline(text, [name], [])
        return None

    def _beside_date(
        self, indexes: range, zones: frozenset[str] = _BYLINE_ZONES, *, zoned: bool = False
    ) -> Byline | None:
        """A bare name on the line above or below a short dated line ('Jane Doe' over
        'Town - 15 Oct 2024 - 08:22'): where pages print who wrote the article and when.
        ``zoned``: the name in one of ``zones`` and the date in the same zone (an aside's
        author and date, not an agency credit in a related box above the article's date)."""
        blocks = self.layout.blocks
        for i in indexes:
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks) and j in indexes]
            if zoned:
                near = [j for j in near if blocks[j].zone == blocks[i].zone]
            if any(one_case(blocks[i].text.split())):
                continue  # "SUBSCRIBE" buttons, "FINA Championships POSTPONED": no names
            if any(len(blocks[j].text) <= _MAX_DATED and parse_date(blocks[j].text) for j in near):
                found = self._bare([i], zones)
                if found and found.authors:
                    return found
        return None

    def _named_list(self, indexes: range) -> Byline | None:
        """A line holding nothing but full names ('Jane Doe, John Roe y Ann Poe')."""
        for i in indexes:
            block = self.layout.blocks[i]
            if block.zone not in _BYLINE_ZONES or len(block.text) > _MAX_BARE_LIST:
                continue
            parsed = parse_byline(block.text)
            if len(parsed.authors) < 2 or any(" " not in a for a in parsed.authors):
                continue
            rest = block.text
            for name in parsed.authors:
                rest = rest.replace(name, " ", 1)
            if not _LIST_GLUE.sub("", rest):
                return parsed
        return None

    def _zoned_head(self, indexes: range) -> Byline | None:
        """A byline in a zoned block between the headline and the lead: a line opening with
        a plain "By/Von/Por" (not "Photo by": a caption's credit), else a bare name on the
        line just below the headline or beside a dated line (an aside's "Jane Doe" /
        "30 June 2025")."""
        blocks = self.layout.blocks
        for i in indexes:
            block = blocks[i]
            text = block.text
            if block.zone in _HEAD_ZONES and len(text) <= _MAX_BYLINE and _PLAIN_BY.match(text):
                parsed = parse_byline(text)
                if parsed.authors:
                    return parsed
        if not indexes:
            return None
        return self._bare([indexes[0]], _BARE_ZONES) or self._beside_date(
            indexes, _BARE_ZONES, zoned=True
        )

    def _dated(self, indexes: range, head: int) -> Byline | None:
        """A 'date - name' line; a name glued to a date only below the headline (above it,
        'Press release News 2 November 2021' is a rubric's line)."""
        blocks = self.layout.blocks
        for i in indexes:
            block = blocks[i]
            if block.zone in _BYLINE_ZONES or (i > head >= 0 and block.zone == self.head_zone):
                name = dated_byline(block.text, glued=i > head)
                parsed = parse_byline(name) if name else None
                if parsed and parsed.authors and " " in parsed.authors[0]:
                    return parsed
        return None

    def _lines(
        self, indexes: range | list[int], zones: frozenset[str] = _BYLINE_ZONES
    ) -> Byline | None:
        blocks = self.layout.blocks
        label = False
        for i in indexes:
            block = blocks[i]
            if block.zone not in zones or len(block.text) > _MAX_BYLINE or _in_teaser(block):
                label = False
                continue
            if _LABEL.match(block.text):
                label = True
                continue
            text = visible_text(block.element, self.layout, DROPPED_ZONES)
            if len(text) > len(block.text) * 1.5 + 10:  # the element holds more than this line
                text = block.text
            if _ACCOUNT.match(text):
                self.account = self.account or parse_byline(text, handles=True)
                label = False
                continue
            if not (label or has_prefix(text)):
                text = inline_byline(text)
            if text:
                parsed = parse_byline(text, handles=True)
                if parsed.authors or parsed.agencies:
                    return parsed
                if self.desk is None and is_role(strip_prefix(text)):
                    self.desk = Byline(text)  # "Von Redaktion": a byline naming no one
            label = False
        return None

    def _marked(self, lo: int, hi: int) -> Byline | None:
        zoned = self.layout.zoned
        for position, el in self.layout.bylines:
            if not lo <= position <= hi:
                continue
            if any(
                zoned.get(a, self.head_zone) != self.head_zone and zoned.get(a) in _SKIPPED_ZONES
                for a in el.iterancestors()
            ):
                continue  # not in the zone the headline sits in (a header zoned whole)
            text = visible_text(el, self.layout, DROPPED_ZONES)
            if len(text) > _MAX_BYLINE:
                continue
            parsed = parse_byline(text, handles=True)
            if parsed.authors:
                names = self._separate_names(el)
                if len(names) > len(parsed.authors):
                    return Byline(parsed.text, names, parsed.agencies)
                return parsed
            names = _leaf_names(el)
            if names:
                return Byline(byline_text(names, []), names, [])
        return None

    def _separate_names(self, el: _Element) -> list[str]:
        """The names of co-authors printed in separate marked elements inside a byline
        ('Von' / 'Jane Doe' / 'John Roe', read as one line 'Von Jane Doe John Roe')."""
        inner = [e for _, e in self.layout.bylines if e is not el and el in e.iterancestors()]
        leaves = [e for e in inner if not any(e in o.iterancestors() for o in inner)]
        names: list[str] = []
        for leaf in leaves:
            found = parse_byline(visible_text(leaf, self.layout, DROPPED_ZONES)).authors
            if len(found) > 1:
                return []  # a leaf naming several: the leaves are not one name each
            found = [n for n in found if " " in n and not is_job_title(n)]
            names += [n for n in found if name_key(n) not in map(name_key, names)]
        return names


def _with_coauthors(strong: Byline, marked: Byline) -> Byline:
    """A 'By ...' line read from the first of several name elements ('Von' / 'Jane Doe' /
    'John Roe'), or from all of them as one name ('Jane Doe John Roe'), given the co-authors
    of the marked byline whose words hold all of its names."""
    if len(marked.authors) <= len(strong.authors) or not strong.authors:
        return strong
    marked_words = {w for a in marked.authors for w in name_key(a).split()}
    if any(not set(name_key(a).split()) <= marked_words for a in strong.authors):
        return strong
    return Byline(strong.text, list(marked.authors), strong.agencies)


def _in_teaser(block: Block) -> bool:
    """True for a line inside a link that holds more than the line: a teaser linking to
    another story, whose byline ("Von Jane Doe am 08.12.2022") is that story's (not a link
    to an author's page, which a byline wraps round the name and the job title)."""
    for el in reversed(block.path):
        if el.tag == "a":
            if _AUTHOR_PATH.search(el.get("href") or ""):
                return False  # the author's own page: a byline linking its name and title
            return len(element_text(el, " ")) > len(block.text) + _TEASER_MORE
    return False


def _leaf_names(el: _Element) -> list[str]:
    """Co-authors printed one to an element with nothing between them ('Jane Doe' 'John
    Roe' 'Ann Poe', read as one line of six words): every text-holding leaf a full name."""
    leaves = [e for e in el.iter() if len(e) == 0 and (e.text or "").strip()]
    names = [person_name(e.text or "") for e in leaves]
    if len(names) < 2 or any(n is None or " " not in n or is_role(n) for n in names):
        return []
    return [n for n in names if n]


def _in_long_list(el: _Element) -> bool:
    """True for an item of a list of several items (a table of contents, a menu)."""
    parent = el.getparent()
    return el.tag == "li" and parent is not None and len(parent) >= _LONG_LIST


def _declared(
    structured: Structured, site_names: list[str]
) -> tuple[list[str], list[str], list[str]]:
    """(person names, agencies, user and site names) the page declares as its authors.

    A declared author that is the site itself ("By Makronom" on makronom.de) is no person:
    it comes last, with the user names, for pages that name nobody else.
    """
    sites = {fold(n).replace(" ", "") for n in site_names}
    values: list[str] = []
    agencies: list[str] = []
    work = structured.article or _authored_work(structured)
    if work:
        people, orgs = ld_people(work, structured.ids)
        values += people
        agencies += [a for a in map(agency_of, orgs) if a]
    if not values:
        for name in AUTHOR_META:
            values += structured.all(name)
            if values:
                break
    if not values:
        for name in structured.meta:
            if _AUTHOR_KEY.search(name) and not name.startswith("twitter:"):
                values += structured.all(name)
    if not values:
        values += structured.microdata.get("author", [])
    people_out: list[str] = []
    users: list[str] = []
    site_authors: list[str] = []
    for value in values:
        if _DOTTED_NAME.match(value) and value.rsplit(".", 1)[1] not in _TLDS:  # "jane.doe"
            value = value.replace(".", " ").title()
        parsed = parse_byline(value)
        web = _WEB_ADDRESS.search(value)  # "Example News (www.example.com)": the site
        site_authors += [a for a in parsed.authors if web or _is_site(a, sites)]
        parsed.authors = [a for a in parsed.authors if not (web or _is_site(a, sites))]
        known = {name_key(a) for a in people_out}
        people_out += [a for a in parsed.authors if name_key(a) not in known]
        agencies += [a for a in parsed.agencies if a not in agencies]
        value = value.strip()
        named = parsed.authors or parsed.agencies or "_" in value or _DOMAIN.search(value)
        if not named and (_USER_NAME.match(value) or is_role(value)):
            users.append(value)
    return people_out, agencies, users + site_authors


def _authored_work(structured: Structured) -> dict[str, Any]:
    """The first JSON-LD work with an author on a page without an article node: a how-to,
    a recipe, a review (never the site, a person or an organization)."""
    for node in structured.nodes:
        if "author" in node and not node_types(node) & _NOT_WORKS:
            return node
    return {}


def _is_site(name: str, sites: set[str]) -> bool:
    key = fold(name).replace(" ", "")
    return any(key == site or (len(key) > 3 and key in site) for site in sites)


def _rel_author(root: _Element) -> list[str]:
    names: list[str] = []
    for a in root.getroottree().iter("a"):  # in Python: an XPath is slower
        rel = a.get("rel")
        if not rel or " author " not in f" {rel.translate(_XML_SPACES)} ":
            continue
        name = person_name(element_text(a, " "))
        if name and name_key(name) not in {name_key(n) for n in names}:
            names.append(name)
    return names


def _copyright_holder(layout: Layout, declared_sites: list[str]) -> Byline | None:
    """The person in a '© 2012 Jane Doe' line: on personal sites, the author of everything.

    Only the names the site declares rule a holder out: the host of a personal site
    (janedoe.example) is the holder's own name.
    """
    sites = {fold(n).replace(" ", "") for n in declared_sites}
    for block in reversed(layout.blocks):
        if len(block.text) > _MAX_BYLINE:
            continue
        m = _COPYRIGHT.search(block.text)
        if m and _LEGAL_FORM.search(m.group(1)):
            return None  # "© 2024 Example Verlagsgesellschaft m.b.H.": a company
        if m:
            name = person_name(_COPYRIGHT_END.split(m.group(1), maxsplit=1)[0])
            if name and " " in name and not _is_site(name, sites):
                return Byline(m.group(1).strip(), [name], [])
            return None
    return None


def _choose(
    visible: _Visible,
    structured: Structured,
    root: _Element,
    site_names: list[str],
    dateline: Byline | None,
) -> Byline:
    """The most trusted byline among the candidates (see the module's docstring)."""
    people, agencies, users = _declared(structured, site_names)
    strong = visible.strong
    if strong and strong.authors and not _outvoted(strong, visible, people):
        printed = reconciled(strong, people)
        if shares_person(printed.authors, people):  # co-authors the printed line leaves out
            printed.authors += [p for p in people if not shares_person([p], printed.authors)]
        return printed
    marked = visible.marked
    full = marked is not None and visible.element and any(" " in a for a in marked.authors)
    if marked and full and people and not any(_full_person(p) for p in people):
        return marked  # "Grist", "Redacción X" declared: a desk or the site, not the writer
    if people:
        for shown in (visible.strong, visible.marked):
            shown_keys = {name_key(a) for a in shown.authors} if shown else set()
            if shown and shown_keys & {name_key(p) for p in people}:
                names = shown.authors + [p for p in people if name_key(p) not in shown_keys]
                return Byline(shown.text, names, shown.agencies or agencies)
        # A credits line after the body ("Text: A, B; graphics: C, D") names more people
        # than wrote the article: the declared authors are the article's.
        return Byline(byline_text(people, agencies), people, agencies)
    for found in (visible.strong, visible.marked, visible.after):
        if found:
            return found
    rel = _rel_author(root)
    if rel:
        return Byline(byline_text(rel, agencies), rel, agencies)
    if visible.account and visible.account.authors:
        return visible.account
    if agencies:
        return Byline(byline_text([], agencies), [], agencies)
    if dateline:
        return dateline
    if users:
        if is_role(users[0]):
            return Byline(users[0])
        return Byline(users[0], [users[0]], [])
    return visible.desk or _copyright_holder(visible.layout, structured.site_names) or Byline()


def _full_person(name: str) -> bool:
    """True for a declared name of two words or more that is no desk ('Redacción X')."""
    return " " in name.strip() and not _DESK.match(name)


def _outvoted(strong: Byline, visible: _Visible, people: list[str]) -> bool:
    """True when a 'By ...' line that is mostly other words ("... von Evergrande, Chinas hoch
    verschuldeten ...": prose) names none of the declared authors, and another visible
    byline names one of them."""
    named = sum(len(a) for a in strong.authors)
    if not people or named >= _NAMES_SHARE * len(strong.text):
        return False
    if shares_person(strong.authors, people):
        return False
    return any(
        shown is not None and shares_person(shown.authors, people)
        for shown in (visible.marked, visible.after)
    )


def _heading_above(layout: Layout, body: Body) -> int:
    """The heading nearest above the article's first line, for a page whose headline is
    printed nowhere as declared (-1: none): its byline sits by that heading. Else the
    nearest ``<h1>`` in a zoned block (a header zoned whole), or without a body the page's
    first ``<h1>`` outside navigation."""
    blocks = layout.blocks
    above = range(body.first - 1, max(-1, body.first - _HEADINGS_BEFORE_LEAD), -1)
    for i in above:
        if blocks[i].tag in ("h1", "h2") and blocks[i].zone in _BYLINE_ZONES:
            return i
    for i in above if body.first >= 0 else range(len(blocks)):
        if blocks[i].tag == "h1" and blocks[i].zone != "nav":
            return i
    return -1


def _signed_lines(layout: Layout, body: Body) -> list[str]:
    """Lines where the page may print its author's full name: outside the article's text,
    comments and link lists."""
    return [
        b.text
        for i, b in enumerate(layout.blocks)
        if not body.first <= i <= body.last
        and b.zone != "comment"
        and b.link_chars <= 0.5 * len(b.text)
    ]


def find_byline(
    layout: Layout,
    structured: Structured,
    root: _Element,
    head: int,
    body: Body,
    site_names: list[str],
) -> Byline:
    """The article's byline and author names.

    ``authors`` holds person names as printed (the loader normalizes them): a user name or
    site name that names the author goes to the byline text ("By eseppelt") instead.
    """
    lead = layout.blocks[body.lead].text if body.lead >= 0 else ""
    dateline = dateline_agency(lead)
    if head < 0:
        head = _heading_above(layout, body)
    found = _choose(_Visible(layout, head, body), structured, root, site_names, dateline)
    people = [a for a in found.authors if person_name(a) is not None]
    others = [a for a in found.authors if a not in people]
    sites = {fold(n).replace(" ", "") for n in site_names}
    if any(" " not in a and not _is_site(a, sites) for a in people):
        people = complete_names(people, _signed_lines(layout, body), sites)
    if not others:
        return Byline(found.text, people, found.agencies)
    text = found.text if people else byline_text(others, found.agencies)
    return Byline(text, people, found.agencies)
